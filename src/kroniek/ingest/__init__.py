"""Ingest stage: files in, `Document`s out."""
from .readers import Skipped, find_files, read_file, read_paths

__all__ = ["Skipped", "find_files", "read_file", "read_paths"]
