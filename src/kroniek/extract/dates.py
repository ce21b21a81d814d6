"""Time expressions for the facts readers: `kroniek.dates` under the name `figures` imports.

Dates are read in one place, `kroniek.dates`; this module only keeps the old import path working.
"""
from __future__ import annotations

from ..dates import TimeExpr, compatible, find_times, last_explicit, parse_explicit, resolve, resolve_value

__all__ = ["TimeExpr", "compatible", "find_times", "last_explicit", "parse_explicit", "resolve", "resolve_value"]
