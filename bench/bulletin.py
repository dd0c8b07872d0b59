"""Timing the monthly bulletin, for the benchmark: `bulletin_times(db_path, month)`.

For the plan in the database (the first) and the month given, it times
gathering the figures of the month and its trend (db.queries.figures) and
writing the bulletin (.docx, its three charts as 300 dpi pictures), once each.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from db.queries.figures import month_figures
from db.queries.ledger import plans
from db.schema.database import open_database
from documents.docx import write_bulletin


def bulletin_times(db_path: Path, month: str) -> dict[str, float | int]:
    """Seconds for "figures" and "write", the lead units ranked, the file's size."""
    database = open_database(Path(db_path))
    try:
        with database.session() as session:
            start = time.perf_counter()
            figures = month_figures(session, plans(session)[0].id, month)
            figures_seconds = time.perf_counter() - start
    finally:
        database.close()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        info = write_bulletin(figures, Path(folder) / "bulletin.docx")
        write_seconds = time.perf_counter() - start
        size = info.path.stat().st_size
    return {"figures": figures_seconds, "write": write_seconds, "units": info.units, "bytes": size}
