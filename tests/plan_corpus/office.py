"""LibreOffice, headless, for what python-docx and openpyxl cannot write:
PDFs printed from the .docx, old .xls and .doc files."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def convert(sources: list[Path], target: str, out_dir: Path) -> list[Path]:
    """Convert every source with one soffice run (its own profile, so that a
    LibreOffice open elsewhere on the machine does not swallow the request)."""
    if not sources:
        return []
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) is needed to make the .pdf, .xls and .doc files")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                work,
                *map(str, sources),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=600,
        )
        ext = target.split(":")[0]
        results = []
        for source in sources:
            made = Path(work) / f"{source.stem}.{ext}"
            if not made.exists():
                raise SystemExit(f"soffice made no {made.name}")
            destination = out_dir / made.name
            shutil.move(made, destination)
            results.append(destination)
        return results
