"""Files the reader must refuse, with the words its message must contain."""
from pathlib import Path


def write_all(out: Path, work: Path) -> list[Path]:
    return []
