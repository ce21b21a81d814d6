"""Ingest stage: files in, `Document`s out."""
from .readers import Skipped, Undescribed, find_files, read_file, read_paths

__all__ = ["Skipped", "Undescribed", "find_files", "read_file", "read_paths"]
