"""Screenshots of the real windows, as a person sees them: `make screenshots`.

Runs the program's windows on the screen it is given (Xvfb in the Makefile)
over a fresh database holding the 2016 plan and a few months of reports, and
saves PNG files into the folder named on the command line; then imports a
plan of three heading levels whose numbers restart in each section (a Word
file of the test corpus) through the import preview, and shows it too.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSettings, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.orm import Session

from db.months import Month
from db.operations.progress import Report, record_month
from db.queries.unit_tasks import find_unit
from db.schema.database import Database
from db.schema.models import Task
from desktop.app import make_application, open_ledger
from desktop.preferences import OPERATOR, save

TODAY = date(2016, 6, 28)  # the screenshots show the plan in its year
THREE_LEVELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "plans" / "liuwan-2021-town.docx"
THREE_LEVELS_TODAY = date(2021, 7, 28)


def sample_reports(database: Database) -> None:
    """A few months of reports, so that statuses and lights show."""
    with database.transaction() as session:
        tasks = session.query(Task).order_by(Task.number).all()
        for month in map(Month, ("2016-04", "2016-05", "2016-06")):
            reports = {}
            for task in tasks:
                if task.number % 5 == 0 and month == "2016-06":
                    continue  # some tasks have not reported June yet
                status = "completed" if task.number % 7 == 0 else "ongoing" if task.number % 4 == 0 else "in_progress"
                reports[task.id] = Report(
                    status=status,
                    done=f"{month.short_label}：已在政府门户网站公开相关信息，累计发布 {task.number * 3} 条。",
                    problems="部分单位报送不及时。" if task.number % 3 == 0 else "",
                    next_steps="继续做好信息公开和解读工作。",
                    evidence=f"http://www.xm.gov.cn/zwgk/{month.year}{month.number:02d}/t{task.number}.htm",
                )
            record_month(session, month, reports, by="督查室")


def unit_id_of(session: Session, name: str) -> int:
    """The id of a unit of the bundled registry, by its name."""
    unit = find_unit(session, name)
    assert unit is not None, name
    return unit.id


def grab(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(folder: str) -> int:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = make_application([sys.argv[0]])
    save(OPERATOR, "督查室")
    database = open_ledger(work / "ledger.db")
    sample_reports(database)
    from desktop.main_window import MainWindow

    main_window = MainWindow()
    main_window.resize(1360, 860)
    main_window.show()
    window = main_window.attach(database, TODAY)
    with database.session() as session:
        task_32 = session.query(Task).filter_by(number=32).one().id
        unit = unit_id_of(session, "市环保局")
    window.open_task(task_32)
    grab(main_window, out / "main-window.png")
    window.details.setCurrentIndex(1)
    grab(main_window, out / "progress-form.png")
    window.tabs.setCurrentIndex(1)
    window.unit_view.select_unit(unit)
    grab(main_window, out / "unit-view.png")
    dashboard_page(window, main_window, out)
    window.tabs.setCurrentIndex(0)
    window.filters.search.setText("公开")
    window.filters.light.setCurrentIndex(window.filters.light.findData("yellow"))
    app.processEvents()
    grab(main_window, out / "filtered.png")
    from desktop.registry_dialog import RegistryDialog

    dialog = RegistryDialog(window.ledger, main_window)
    dialog.show()
    dialog.select_unit(unit)
    grab(dialog, out / "registry.png")
    dialog.close()
    main_window.close()
    report_pages(database, out)
    workbook_pages(database, out)
    bulletin_pages(database, out, work)
    detailed_sheet_pages(database, out)
    database.close()
    three_levels(work / "levels.db", out)
    return 0


def wait_for(signal: SignalInstance, timeout_ms: int = 30_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def three_levels(path: Path, out: Path) -> None:
    """The import preview of a plan with three levels of headings and numbers
    restarting per section; the plan in the window; its supervision sheet."""
    from db.schema.database import open_database
    from desktop.import_dialog import ImportPlanDialog
    from desktop.ledger import Ledger
    from desktop.main_window import MainWindow

    database = open_database(path)
    dialog = ImportPlanDialog(Ledger(database), THREE_LEVELS)
    dialog.resize(1400, 820)
    dialog.show()
    wait_for(dialog.shown)
    grab(dialog, out / "import-preview.png")
    dialog.import_button.click()
    wait_for(dialog.imported)
    main_window = MainWindow()
    main_window.resize(1360, 860)
    main_window.show()
    window = main_window.attach(database, THREE_LEVELS_TODAY)
    with database.session() as session:
        task_id = session.query(Task.id).order_by(Task.id).offset(1).limit(1).scalar()  # 一·一·1·2
        unit_id = unit_id_of(session, "党政办")
    window.open_task(task_id)
    window.details.setCurrentIndex(0)
    grab(main_window, out / "levels-window.png")
    window.tabs.setCurrentIndex(1)
    window.unit_view.select_unit(unit_id)
    grab(main_window, out / "levels-units.png")
    main_window.close()
    _pdf_pages(database, 1, "2021-06", THREE_LEVELS_TODAY, out, "levels-sheet")
    database.close()


def _pdf_pages(database: Database, plan_id: int, month: str, today: date, out: Path, name: str) -> None:
    """The plan's supervision sheet as PDF and its first pages as PNG."""
    import shutil
    import subprocess

    from db.queries.report_data import sheet_data
    from documents.pdf.sheet import write_sheet

    with database.session() as session:
        write_sheet(sheet_data(session, plan_id, month, today=today), out / f"{name}.pdf")
    if shutil.which("pdftoppm") is not None:
        pages = ["-f", "2", "-l", "3"]  # the table: the first page holds the figures
        subprocess.run(["pdftoppm", "-r", "70", "-png", *pages, out / f"{name}.pdf", out / name], check=True)
        for page in sorted(out.glob(f"{name}-*.png")):
            print(page)


def report_pages(database: Database, out: Path) -> None:
    """The supervision sheet, and a draft notice of each level there is (the
    first unit's), as PNG pages (pdftoppm)."""
    import shutil
    import subprocess

    from db.queries.notices import notice_data
    from db.queries.report_data import sheet_data
    from documents.pdf.notices import write_notices
    from documents.pdf.sheet import write_sheet

    with database.session() as session:
        sheet = sheet_data(session, 1, "2016-06", today=TODAY)
        notices = notice_data(session, 1, "2016-06", on=TODAY).notices
    write_sheet(sheet, out / "sheet.pdf")
    levels = {notice.level: notice for notice in reversed(notices)}  # the first of each level
    for level, notice in levels.items():
        write_notices([notice], out / f"notice-{level}.pdf")
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing (poppler-utils): the PDFs are saved, not their pages")
        return
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "3", out / "sheet.pdf", out / "sheet"], check=True)
    for level in levels:
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", out / f"notice-{level}.pdf", out / f"notice-{level}"], check=True
        )
    for page in sorted(out.glob("sheet-*.png")) + sorted(out.glob("notice-*.png")):
        print(page)


def workbook_pages(database: Database, out: Path) -> None:
    """The ledger workbook and the 催报 list (.xlsx as LibreOffice prints it,
    and the PDF) as PNG pages: their first page each."""
    import shutil
    import subprocess

    from db.queries.sheets import ledger_data, reminders_data
    from documents.excel.ledger import write_ledger
    from documents.excel.reminders import write_reminders_workbook
    from documents.pdf.reminders import write_reminders

    with database.session() as session:
        write_ledger(ledger_data(session, 1, "2016-06", TODAY), out / "ledger-workbook.xlsx")
        reminders = reminders_data(session, 1, "2016-06", TODAY)
    write_reminders_workbook(reminders, out / "reminders-workbook.xlsx")
    write_reminders(reminders, out / "reminders.pdf")
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print("soffice (LibreOffice) or pdftoppm is missing: the workbooks and the PDF are saved, not their pages")
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                out,
                out / "ledger-workbook.xlsx",
                out / "reminders-workbook.xlsx",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
    for name in ("ledger-workbook", "reminders-workbook", "reminders"):
        subprocess.run(
            [pdftoppm, "-r", "70", "-png", "-f", "1", "-l", "1", out / f"{name}.pdf", out / name], check=True
        )
        for page in sorted(out.glob(f"{name}-[0-9]*.png")):
            print(page)


def dashboard_page(window: Any, main_window: QWidget, out: Path) -> None:
    """The dashboard pane, once its charts are drawn."""
    window.tabs.setCurrentWidget(window.dashboard)
    deadline = time.monotonic() + 30
    while (window.dashboard.figures is None or window.dashboard.loading()) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    grab(main_window, out / "dashboard.png")


def bulletin_pages(database: Database, out: Path, work: Path) -> None:
    """The monthly bulletin (.docx), and its pages as LibreOffice prints them."""
    import shutil
    import subprocess

    from db.queries.figures import month_figures
    from documents.docx import write_bulletin

    with database.session() as session:
        write_bulletin(month_figures(session, 1, "2016-06", today=TODAY), out / "bulletin.docx")
    print(out / "bulletin.docx")
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("soffice (LibreOffice) or pdftoppm is missing: the bulletin is saved, not its pages")
        return
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{work / 'soffice'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(out / "bulletin.docx"),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(["pdftoppm", "-r", "70", "-png", out / "bulletin.pdf", out / "bulletin"], check=True)
    for page in sorted(out.glob("bulletin-*.png")):
        print(page)


def detailed_sheet_pages(database: Database, out: Path) -> None:
    """The 详表 of the red and yellow tasks of part 二, its pages as PNG."""
    import shutil
    import subprocess

    from commands.sheet import find_section
    from db.queries.report_data import SheetScope, sheet_data
    from documents.pdf.sheet import DETAILED, PRESETS, write_sheet

    with database.session() as session:
        scope = SheetScope(section_id=find_section(session, 1, "二"), warned=True)
        sheet = sheet_data(session, 1, "2016-06", today=TODAY, scope=scope)
    write_sheet(sheet, out / "sheet-detailed.pdf", columns=PRESETS[DETAILED])
    if shutil.which("pdftoppm") is not None:
        subprocess.run(["pdftoppm", "-r", "70", "-png", out / "sheet-detailed.pdf", out / "sheet-detailed"], check=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
