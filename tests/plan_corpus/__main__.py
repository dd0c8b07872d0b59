"""Regenerate the corpus: ``python -m tests.plan_corpus [--look DIR] [NAME…]``.

Writes every plan of tests/plan_corpus/plans in its formats into
tests/data/plans/ with its ``<name>.expected.json``, then the refused files and
refused.json. ``--look DIR`` also prints every .docx/.xlsx to PDF and every PDF
to PNG pages (pdftoppm -r 50) in DIR, to look at them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.plan_corpus import bad_files
from tests.plan_corpus.docx_out import write_docx
from tests.plan_corpus.model import Plan, check_plan, expectation
from tests.plan_corpus.office import convert
from tests.plan_corpus.plans import PLANS
from tests.plan_corpus.sheet_out import write_csv, write_xlsx
from tests.plan_corpus.text_out import write_text
from tests.plan_corpus.zipfix import fix_pdf_dates

OUT = Path(__file__).resolve().parents[1] / "data" / "plans"


def build(plan: Plan, out: Path, work: Path) -> list[Path]:
    check_plan(plan)
    made: list[Path] = []
    docx = xlsx = None
    if {"docx", "pdf"} & set(plan.formats):
        docx = write_docx(plan, (out if "docx" in plan.formats else work) / plan.file_name("docx"))
    if {"xlsx", "xls"} & set(plan.formats):
        xlsx = write_xlsx(plan, (out if "xlsx" in plan.formats else work) / plan.file_name("xlsx"))
    for ext in plan.formats:
        target = out / plan.file_name(ext)
        if ext in ("docx", "xlsx"):
            made.append(target)
        elif ext == "pdf":
            assert docx is not None
            (pdf,) = convert([docx], "pdf", work)
            fix_pdf_dates(pdf, plan.date)
            made.append(Path(shutil.move(pdf, target)))
        elif ext == "xls":
            assert xlsx is not None
            (xls,) = convert([xlsx], "xls", work)
            made.append(Path(shutil.move(xls, target)))
        elif ext == "csv":
            made.append(write_csv(plan, target))
        elif ext == "txt":
            made.append(write_text(plan, target))
        else:
            raise ValueError(f"{plan.name}: unknown format {ext}")
    expected = json.dumps(expectation(plan), ensure_ascii=False, indent=1) + "\n"
    (out / f"{plan.name}.expected.json").write_text(expected, encoding="utf-8")
    return made


def look(files: list[Path], folder: Path) -> None:
    """Every file as PNG pages in `folder`: <stem>-<ext>-<page>.png."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        copies = []
        for source in files:
            if source.suffix in (".docx", ".xlsx", ".xls", ".pdf"):
                copies.append(
                    Path(shutil.copy(source, Path(work) / f"{source.stem}-{source.suffix[1:]}{source.suffix}"))
                )
        pdfs = convert([c for c in copies if c.suffix != ".pdf"], "pdf", Path(work))
        for pdf in [*pdfs, *(c for c in copies if c.suffix == ".pdf")]:
            subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(folder / pdf.stem)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.plan_corpus")
    parser.add_argument("--look", type=Path, help="also print the files to PNG pages in this folder")
    parser.add_argument("names", nargs="*", help="only these plans (default: all, and the refused files)")
    options = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        for plan in PLANS:
            if not options.names or plan.name in options.names:
                files = build(plan, OUT, Path(work))
                print(f"{plan.name}: {', '.join(f.name for f in files)}")
                made += files
        if not options.names:
            made += bad_files.write_all(OUT, Path(work))
    if options.look:
        look(made, options.look)


if __name__ == "__main__":
    main()
