"""Keeping the data safe: backups, integrity checks, the writer lock, a clean end, disk space and atomic writes, the error log."""
