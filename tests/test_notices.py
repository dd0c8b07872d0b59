"""The supervision notices (督办单) and their register, through the core and
the command line: which units get one and at which level, the numbers kept
by the program, the register, replies, drafts, copies, and the PDFs read
back (pypdf, pdftotext, the colours in the drawing operators and in pixels).

As in test_reports.py, the PDFs use the test font only (tests/data/fonts).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

from db.errors import EditError
from db.operations.history import entries
from db.operations.notices import ISSUE_NOTICES, RECORD_REPLY, Issued
from db.operations.progress import RECORD_PROGRESS, Report, record_month
from db.operations.runner import Done, perform
from db.operations.undo import APPLY_CHANGES
from db.queries.notices import AUTO, notice_data, register, registered_notice
from db.queries.status import task_states
from db.queries.unit_tasks import find_unit
from db.resources import BUNDLED_PLAN
from db.schema.database import Database, open_database
from db.schema.models import Notice, NoticeTask, Task
from db.settings import set_setting
from db.vocabulary import NOTICE_LEVEL_LABELS
from documents.pdf import fonts
from documents.pdf.notices import INK, write_notices
from tests.conftest import counting, ledger_state, refused, run_main

MONTH = "2016-06"
TODAY = date(2016, 7, 5)
OFFICE = "厦门市人民政府办公厅政务公开办"
CONTACT, PHONE, SIGNER = "张明", "0592-2899123", "李华"
COMPLETED = {1, 3, 10, 32, 35}
UNREPORTED = {12, 40}  # 12 is led by 市发改委 and 市商务局; 40 names no lead unit
DEADLINES = {33: date(2016, 4, 30), 20: date(2016, 7, 20)}  # 33 (市环保局) overdue; 20 (市国资委, 市财政局) near
ROOT = Path(__file__).resolve().parents[1]
TEST_FONTS = ROOT / "tests" / "data" / "fonts"
# The notices of June on July 5, by the lights (in the order units first lead an unfinished task).
EXPECTED = [
    ("市发改委", "notice"),
    ("市商务局", "notice"),
    ("市财政局", "reminder"),
    ("市国资委", "reminder"),
    ("市环保局", "red"),
]


@pytest.fixture(autouse=True)
def test_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv(fonts.ENV_DIRS, str(TEST_FONTS))
    monkeypatch.setenv(fonts.ENV_SYSTEM, "0")
    cache = tmp_path_factory.getbasetemp() / "font-cache"
    monkeypatch.setattr(fonts, "cache_dir", lambda: cache)


def _ids(database: Database) -> dict[int, int]:
    with database.session() as session:
        return dict(session.execute(select(Task.number, Task.id)).all())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2016 plan, every deadline the year's end but DEADLINES; May and
    June reported but UNREPORTED in June; the office's settings."""
    path = tmp_path_factory.mktemp("notices") / "ledger.db"
    database = open_database(path, first_plan=BUNDLED_PLAN)
    ids = _ids(database)
    with database.transaction() as session:
        for key, value in (
            ("office_name", OFFICE),
            ("office_contact", CONTACT),
            ("office_phone", PHONE),
            ("notice_signer", SIGNER),
        ):
            set_setting(session, key, value)
        for task in session.scalars(select(Task)):
            task.deadline, task.deadline_text = DEADLINES.get(task.number), ""
        session.get(Task, ids[33]).deadline_text = "2016年4月底前"
        record_month(session, "2016-05", {i: Report("in_progress", done=f"第{n}项五月进展") for n, i in ids.items()})
        record_month(
            session,
            MONTH,
            {
                i: Report("completed" if n in COMPLETED else "in_progress", done=f"第{n}项六月进展")
                for n, i in ids.items()
                if n not in UNREPORTED
            },
        )
    database.close()
    return path


@pytest.fixture
def ledger(template: Path, tmp_path: Path) -> Iterator[Database]:
    shutil.copy(template, tmp_path / "ledger.db")
    database = open_database(tmp_path / "ledger.db")
    yield database
    database.close()


def _unit(database: Database, name: str) -> int:
    with database.session() as session:
        return find_unit(session, name).id


def _issue(database: Database, on: date = TODAY, month: str = MONTH, **kwargs: object) -> Done[Issued]:
    return perform(database, ISSUE_NOTICES(1, month, on=on, by="督查室", **kwargs), operator="督查室")


def _pages(path: Path) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(path).pages]


def _layout_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


# -- which units, which level --------------------------------------------------


def test_each_lit_unit_gets_a_notice_at_the_level_of_its_worst_light(ledger: Database) -> None:
    with ledger.session() as session, counting(ledger.engine) as statements:
        batch = notice_data(session, 1, MONTH, on=TODAY)
    assert len(statements) <= 10  # a fixed number, whatever the plan's size
    assert [(notice.unit_name, notice.level) for notice in batch.notices] == EXPECTED
    with ledger.session() as session:
        states = task_states(session, 1, MONTH, TODAY)
    for notice in batch.notices:  # every unfinished task it leads, with its state, in plan order
        assert [task.light for task in notice.tasks] == [states[task.task_id].light for task in notice.tasks]
        assert all(task.status != "completed" for task in notice.tasks)
        assert [task.number for task in notice.tasks] == sorted(task.number for task in notice.tasks)
    red = batch.notices[-1]
    assert [task.number for task in red.tasks] == [33, 34]  # 32 is completed
    overdue, other = red.tasks
    assert (overdue.light, overdue.deadline, overdue.deadline_text) == ("red", date(2016, 4, 30), "2016年4月底前")
    assert (overdue.last_month, overdue.last_done) == (MONTH, "第33项六月进展")
    assert overdue.requirement.startswith("自2016年起市政府每季度应向社会公开饮用水水源")
    assert other.light is None and other.deadline == date(2016, 12, 31)
    assert red.reply_by == date(2016, 7, 15)  # the office's 10 days
    assert (red.office.name, red.office.contact, red.office.phone, red.office.signer) == (
        OFFICE,
        CONTACT,
        PHONE,
        SIGNER,
    )
    assert red.draft and red.number == "督办〔2016〕第　　号"
    assert [task.label for task in batch.unaddressed] == ["40"]  # no lead unit: no one to send it to


def test_a_chosen_level_gives_the_notices_of_that_level_or_one_units_notice_at_it(ledger: Database) -> None:
    with ledger.session() as session:
        reds = notice_data(session, 1, MONTH, level="red", on=TODAY)
        reminders = notice_data(session, 1, MONTH, level="reminder", on=TODAY)
        forced = notice_data(session, 1, MONTH, unit_id=find_unit(session, "市发改委").id, level="red", on=TODAY)
        own = notice_data(session, 1, MONTH, unit_id=find_unit(session, "市发改委").id, on=TODAY)
        quiet = notice_data(session, 1, MONTH, unit_id=find_unit(session, "市编办").id, on=TODAY)
    assert [n.unit_name for n in reds.notices] == ["市环保局"] and reds.unaddressed == ()
    assert [n.unit_name for n in reminders.notices] == ["市财政局", "市国资委"]
    assert [(n.unit_name, n.level) for n in forced.notices] == [("市发改委", "red")]  # the office escalates
    assert [(n.unit_name, n.level) for n in own.notices] == [("市发改委", "notice")]
    assert quiet.notices == () and "均未亮灯，无需督办；如仍要发出，请选择督办级别" in quiet.reason
    perform(ledger, RECORD_PROGRESS(_ids(ledger)[2], MONTH, Report("completed")))  # 市编办's last one (1, 3 are done)
    with ledger.session() as session:
        done = notice_data(session, 1, MONTH, unit_id=find_unit(session, "市编办").id, level="red", on=TODAY)
    assert done.notices == () and done.reason == "市编办牵头的任务截至2016年6月底均已完成（或未牵头任务），无需督办"
    with ledger.session() as session, pytest.raises(EditError, match="未知的督办级别"):
        notice_data(session, 1, MONTH, level="purple")


# -- the register --------------------------------------------------------------


def test_numbers_run_on_across_months_and_restart_each_year(ledger: Database, tmp_path: Path) -> None:
    june = _issue(ledger).value
    assert [(n.serial, n.unit_name, n.level) for n in june.notices] == [(i, *e) for i, e in enumerate(EXPECTED, 1)]
    assert june.numbers == "督办〔2016〕第1—5号"
    ids = _ids(ledger)
    with ledger.transaction() as session:  # July: only task 34 (市环保局) unreported; 33 still overdue
        record_month(session, "2016-07", {i: Report("in_progress") for n, i in ids.items() if n not in (34, 40)})
    july = _issue(ledger, on=date(2016, 8, 5), month="2016-07", again=True).value
    assert [n.serial for n in july.notices] == list(range(6, 6 + len(july.notices)))
    january = _issue(ledger, on=date(2017, 1, 6), month="2016-12", level="red").value
    assert [(n.number, n.unit_name) for n in january.notices] == [  # a new year starts again at 1
        ("督办〔2017〕第1号", "市财政局"),
        ("督办〔2017〕第2号", "市国资委"),
        ("督办〔2017〕第3号", "市环保局"),
    ]  # overdue by December: 20 (due July 20), 33
    with ledger.session() as session:
        rows = session.execute(select(Notice.year, Notice.serial).order_by(Notice.id)).all()
        listed = register(session)
        only_2016 = register(session, year=2016)
        of_34 = register(session, task_id=ids[34])
    assert rows == [(2016, s) for s in range(1, 6 + len(july.notices))] + [(2017, 1), (2017, 2), (2017, 3)]
    assert [(e.year, e.serial) for e in listed] == sorted(rows, reverse=True)  # newest first
    assert len(only_2016) == len(rows) - 3
    assert {e.month for e in of_34} == {"2016-06", "2016-07", "2016-12"}  # every notice that named task 34
    first = listed[-1]
    assert (first.number, first.level, first.unit_name, first.month) == (
        "督办〔2016〕第1号",
        "notice",
        "市发改委",
        MONTH,
    )
    assert first.tasks == ("11", "12", "13", "14", "15", "17") and first.issued_by == "督查室"  # 35 is completed
    assert (first.issued_at.date(), first.reply_due, first.replied_at) == (TODAY, date(2016, 7, 15), None)
    assert first.reply_late(date(2016, 7, 16)) and not first.reply_late(date(2016, 7, 15))

    path = tmp_path / "六月.pdf"
    write_notices(june.notices, path)
    text = "".join(_pages(path))
    assert [int(n) for n in re.findall(r"督办〔2016〕第(\d+)号", text)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
    ]  # head and receipt


def test_issuing_the_month_again_sends_only_escalations_unless_asked(ledger: Database) -> None:
    _issue(ledger)
    with pytest.raises(
        EditError, match="已有2016年6月的同级或更高级督办单，未重复签发：市发改委（已有督办〔2016〕第1号督办单"
    ):
        _issue(ledger, on=date(2016, 7, 8))
    escalated = _issue(ledger, on=date(2016, 7, 8), unit_id=_unit(ledger, "市财政局"), level="notice").value
    assert [(n.number, n.unit_name, n.level) for n in escalated.notices] == [
        ("督办〔2016〕第6号", "市财政局", "notice")
    ]
    with pytest.raises(EditError, match="未重复签发：市环保局"):  # a lower level is no escalation
        _issue(ledger, unit_id=_unit(ledger, "市环保局"), level="reminder")
    again = _issue(ledger, on=date(2016, 7, 20), again=True).value  # a second round, after no reply
    assert [n.serial for n in again.notices] == [7, 8, 9, 10, 11] and again.skipped == ()
    partly = _issue(ledger, on=date(2016, 7, 21), unit_id=_unit(ledger, "市商务局"), level="red").value
    assert [(n.serial, n.unit_name) for n in partly.notices] == [(12, "市商务局")]


def test_a_refused_issue_leaves_the_database_as_it_was(ledger: Database) -> None:
    _issue(ledger)
    before = ledger_state(ledger.path)

    def failing(issued: Issued) -> None:
        raise OSError(28, "No space left on device")

    for call in (
        ISSUE_NOTICES(1, MONTH, on=TODAY),  # all sent already
        ISSUE_NOTICES(1, MONTH, unit_id=_unit(ledger, "市编办"), on=TODAY),  # nothing lit
        ISSUE_NOTICES(1, MONTH, level="purple", on=TODAY),
        ISSUE_NOTICES(1, MONTH, on=TODAY, reply_by=date(2016, 7, 1)),  # before the date of issue
        ISSUE_NOTICES(1, MONTH, on=TODAY, again=True, printed=failing),  # the PDF could not be written
    ):
        with pytest.raises((EditError, OSError)):
            perform(ledger, call)
    assert ledger_state(ledger.path) == before


def test_undoing_an_issue_takes_its_numbers_back(ledger: Database) -> None:
    done = _issue(ledger)
    assert done.touched.notices and done.action == "签发督办单"
    perform(ledger, APPLY_CHANGES(done.changes.inverse()))
    with ledger.session() as session:
        assert session.scalar(select(func.count()).select_from(Notice)) == 0
        assert session.scalar(select(func.count()).select_from(NoticeTask)) == 0
    assert [n.serial for n in _issue(ledger).value.notices] == [1, 2, 3, 4, 5]


def test_a_reply_is_recorded_cleared_and_refused_before_the_notice(ledger: Database) -> None:
    notice_id = _issue(ledger).value.notices[-1].notice_id
    assert notice_id is not None
    perform(ledger, RECORD_REPLY(notice_id, date(2016, 7, 12), "  已报送整改方案  "))
    with ledger.session() as session:
        entry = next(e for e in register(session) if e.id == notice_id)
    assert (entry.replied_at, entry.reply_note) == (date(2016, 7, 12), "已报送整改方案")
    assert not entry.reply_late(date(2016, 8, 1))
    with pytest.raises(EditError, match="早于签发日期"):
        perform(ledger, RECORD_REPLY(notice_id, date(2016, 7, 1)))
    perform(ledger, RECORD_REPLY(notice_id, None))
    with ledger.session() as session:
        entry = next(e for e in register(session) if e.id == notice_id)
    assert (entry.replied_at, entry.reply_note) == (None, "")
    with pytest.raises(EditError, match="登记簿中没有这份督办单"):
        perform(ledger, RECORD_REPLY(9999, TODAY))


def test_the_issue_is_in_the_history_of_every_task_it_names(ledger: Database) -> None:
    issued = _issue(ledger).value
    ids = _ids(ledger)
    with ledger.session() as session:
        for number in (12, 20, 33, 34):
            assert next(item.action for item in entries(session, task_id=ids[number])) == "签发督办单"
        assert [item.action for item in entries(session, task_id=ids[1])] == []  # completed: in no notice
    assert sum(len(n.tasks) for n in issued.notices) == 6 + 1 + 8 + 3 + 2


# -- the documents ---------------------------------------------------------------


def _rgb_fills(path: Path) -> set[tuple[float, float, float]]:
    """The fill colours (rg) of a PDF's pages, as set in its drawing operators."""
    streams = b"".join(page.get_contents().get_data() for page in PdfReader(path).pages).decode("latin-1")
    return {tuple(round(float(v), 3) for v in m) for m in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", streams)}


def _hex(colour: str) -> tuple[float, float, float]:
    return tuple(round(int(colour[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))  # type: ignore[return-value]


def _pixels_like(png: Path, colour: str, box: tuple[float, float, float, float]) -> int:
    """Pixels within 40 of `colour` in the part `box` (shares of the width and height) of the page."""
    image = Image.open(png).convert("RGB")
    width, height = image.size
    part = image.crop((int(box[0] * width), int(box[1] * height), int(box[2] * width), int(box[3] * height)))
    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return sum(
        1 for pixel in part.get_flattened_data() if max(abs(a - b) for a, b in zip(pixel, want, strict=True)) <= 40
    )


WORDS = {
    "reminder": "请对照工作要求和完成时限抓紧推进，确保按时保质完成",
    "notice": "请高度重视，对照工作要求加快推进",
    "red": "现予红色督办。请你单位主要负责同志亲自过问",
}


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_each_level_has_its_words_and_its_colour(ledger: Database, tmp_path: Path) -> None:
    issued = _issue(ledger).value
    for level in ("reminder", "notice", "red"):
        notice = next(n for n in issued.notices if n.level == level)
        path = tmp_path / f"{level}.pdf"
        write_notices([notice], path)
        text = "".join(_pages(path))
        assert text.startswith(f"{OFFICE}{' '.join(NOTICE_LEVEL_LABELS[level]).replace(' ', '')}{notice.number}")
        assert WORDS[level] in text
        assert all(WORDS[other] not in text for other in WORDS if other != level)
        assert _hex(INK[level]) in _rgb_fills(path)  # the office, the title and the rule drawn in it
        assert all(_hex(INK[other]) not in _rgb_fills(path) for other in INK if other != level)
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / level)], check=True
        )
        png = next(tmp_path.glob(f"{level}-*1.png"))
        assert _pixels_like(png, INK[level], (0.2, 0.0, 0.8, 0.2)) > 150  # the title's pixels, on the page
        for other in INK:
            if other != level:
                assert _pixels_like(png, INK[other], (0.0, 0.0, 1.0, 1.0)) < 20


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_notice_carries_what_an_office_signs_and_sends(ledger: Database, tmp_path: Path) -> None:
    notice = next(n for n in _issue(ledger).value.notices if n.unit_name == "市环保局")
    path = tmp_path / "红色督办单.pdf"
    info = write_notices([notice], path)
    (page,) = _pages(path)
    assert info.pages == 1
    assert f"督办〔2016〕第5号签发人：{SIGNER}" in page
    assert "市环保局：根据《厦门市2016年政务公开工作主要任务责任分工》的分工，截至2016年6月底，" in page
    assert "你单位牵头的以下2项工作任务尚未完成，其中已逾期1项。现予红色督办。" in page
    assert f"于2016年7月15日前书面报送{OFFICE}" in page
    assert "序号工作任务工作要求完成时限当前状态最近一次报送" in page
    assert "2016年4月底前推进中红灯：逾期2016年6月：第33项六月进展" in page
    assert "2016年12月31日推进中2016年6月：第34项六月进展" in page
    assert f"联系人：{CONTACT}联系电话：{PHONE}{OFFICE}2016年7月5日" in page  # contact, issuer, date
    assert "（沿此线剪下）回执（请于2016年7月15日前交回）文号督办〔2016〕第5号收文单位市环保局签收日期" in page
    assert page.endswith("第1页共1页")
    layout = _layout_text(path)
    issuer = next(line for line in layout.splitlines() if OFFICE in line and "联系人" in line)
    assert issuer.index(OFFICE) > len(issuer) / 2  # the issuer to the right, where it is stamped
    assert re.sub(r"\s+", "", [line for line in layout.splitlines() if line.strip()][-1]) == "第1页共1页"  # the foot


def test_a_long_notice_keeps_its_receipt_whole_and_numbers_its_own_pages(ledger: Database, tmp_path: Path) -> None:
    ids = _ids(ledger)
    with ledger.transaction() as session:  # 市财政局 leads tasks whose reports run long
        long = "".join(f"[{i:02d}]本月继续推进预决算公开工作，逐项梳理公开目录。" for i in range(30))
        record_month(session, MONTH, {ids[n]: Report("in_progress", done=long) for n in (16, 17, 45, 46)})
    issued = _issue(ledger).value
    path = tmp_path / "all.pdf"
    info = write_notices(issued.notices, path)
    pages = _pages(path)
    assert info.pages == len(pages) > len(issued.notices)
    starts = [i for i, page in enumerate(pages) if re.search(r"督办〔2016〕第\d号签发人", page)]
    assert len(starts) == len(issued.notices)
    alone: list[bool] = []
    for start, end in zip(starts, [*starts[1:], len(pages)], strict=True):
        group = pages[start:end]
        assert [page.endswith(f"第{i}页共{len(group)}页") for i, page in enumerate(group, 1)] == [True] * len(group)
        receipt = [page for page in group if "收文单位" in page]
        assert len(receipt) == 1 and receipt[0] is group[-1]  # the slip whole, on the notice's last page
        assert "收文单位" in receipt[0] and "办理情况" in receipt[0]
        assert f"联系人：{CONTACT}" in receipt[0] and OFFICE in receipt[0]  # the issuer stays with the slip
        alone.append(receipt[0].startswith("（此页无正文）"))
        assert alone[-1] == ("序号工作任务" not in receipt[0] and len(group) > 1)  # said where no table row is left
    assert True in alone and False in alone  # both cases met


def test_a_draft_has_no_number_is_marked_and_registers_nothing(ledger: Database, tmp_path: Path) -> None:
    before = ledger_state(ledger.path)
    with ledger.session() as session:
        batch = notice_data(session, 1, MONTH, on=TODAY)
    path = tmp_path / "draft.pdf"
    write_notices(batch.notices, path)
    text = "".join(_pages(path))
    assert "督办〔2016〕第号" in text and "草稿" in text  # a blank for the number, the mark on every page
    assert PdfReader(path).metadata.title.startswith("督办单（草稿，5 个单位")
    assert ledger_state(ledger.path) == before


def test_a_copy_from_the_register_has_the_notice_number(ledger: Database, tmp_path: Path) -> None:
    issued = _issue(ledger).value
    original = issued.notices[2]
    assert original.notice_id is not None
    with ledger.session() as session:
        copy = registered_notice(session, original.notice_id)
    assert (copy.number, copy.level, copy.unit_name, copy.reply_by, copy.issued_on) == (
        original.number,
        original.level,
        original.unit_name,
        original.reply_by,
        original.issued_on,
    )
    assert [t.task_id for t in copy.tasks] == [t.task_id for t in original.tasks]
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_notices([original], a)
    write_notices([copy], b)
    assert _pages(a) == _pages(b)


def test_a_unit_renamed_keeps_the_name_it_was_addressed_by(ledger: Database) -> None:
    from db.operations.registry import RENAME_UNIT

    issued = _issue(ledger).value
    perform(ledger, RENAME_UNIT(_unit(ledger, "市环保局"), "市生态环境局"))
    with ledger.session() as session:
        assert register(session, unit_id=issued.notices[-1].unit_id)[0].unit_name == "市环保局"


# -- the command line --------------------------------------------------------------


@pytest.fixture
def closed_ledger(ledger: Database) -> Path:
    ledger.close()
    shutil.rmtree(ledger.path.parent / "backups", ignore_errors=True)
    return ledger.path


def test_report_notices_issues_drafts_and_copies(closed_ledger: Path, tmp_path: Path) -> None:
    db = ("--db", closed_ledger)
    before = ledger_state(closed_ledger)
    draft = run_main(
        *db, "report", "notices", "--month", MONTH, "--date", "2016-07-05", "--draft", "-o", tmp_path / "d.pdf"
    )
    assert draft.returncode == 0, draft.stderr
    assert "督办单草稿 5 份（未编号，未登记）" in draft.stdout
    assert "注意：以下 1 项任务未列明牵头单位，督办单无从发出，请先为其指定牵头单位：第40项" in draft.stdout
    assert ledger_state(closed_ledger) == before  # a draft writes nothing: the file byte for byte as it was
    issued = run_main(*db, "report", "notices", "--month", MONTH, "--date", "2016-07-05", "-o", tmp_path / "i.pdf")
    assert issued.returncode == 0, issued.stderr
    assert "已签发并登记" in issued.stdout and "督办单 5 份（督办〔2016〕第1—5号）" in issued.stdout
    assert "  督办〔2016〕第5号  红色督办单  市环保局  2 项  回复期限 2016-07-15" in issued.stdout
    red = run_main(
        *db,
        "report",
        "notices",
        "--month",
        MONTH,
        "--date",
        "2016-07-20",
        "--unit",
        "市发改委",
        "--level",
        "红色督办单",
        "--reply-by",
        "2016-07-25",
        "-o",
        tmp_path / "r.pdf",
    )
    assert red.returncode == 0, red.stderr
    assert "  督办〔2016〕第6号  红色督办单  市发改委  6 项  回复期限 2016-07-25" in red.stdout
    copy = run_main(*db, "report", "notices", "--reprint", "2016-6", "-o", tmp_path / "c.pdf")
    assert copy.returncode == 0, copy.stderr
    assert "已重新生成 督办〔2016〕第6号 红色督办单（市发改委）" in copy.stdout
    assert "".join(_pages(tmp_path / "c.pdf")) == "".join(_pages(tmp_path / "r.pdf"))
    database = open_database(closed_ledger)
    try:
        with database.session() as session:
            assert [(e.serial, e.level) for e in register(session)][:2] == [(6, "red"), (5, "red")]
    finally:
        database.close()


def test_report_notices_refusals_leave_the_ledger_as_it_was(closed_ledger: Path, tmp_path: Path) -> None:
    db = ("--db", closed_ledger)
    first = run_main(*db, "report", "notices", "--month", MONTH, "--date", "2016-07-05", "-o", tmp_path / "i.pdf")
    assert first.returncode == 0, first.stderr
    before = ledger_state(closed_ledger)
    out = tmp_path / "x.pdf"
    cases = [
        (("--month", MONTH, "--date", "2016-07-06"), "未重复签发"),
        (("--month", MONTH, "--level", "purple"), "未知的督办级别“purple”"),
        (("--month", MONTH, "--date", "2016-7-6"), "--date：应为日期 YYYY-MM-DD"),
        (("--month", MONTH, "--date", "2016-07-06", "--reply-by", "2016-07-01", "--again"), "早于签发日期"),
        (("--month", MONTH, "--unit", "市编办"), "市编办牵头的未完成任务截至2016年6月底均未亮灯"),
        (("--month", MONTH, "--unit", "没有的单位"), "--unit：单位登记表中没有“没有的单位”"),
        (("--reprint", "99"), "登记簿中没有第99号"),
        (("--reprint", "三"), "--reprint：应为文号的序号"),
    ]
    for options, words in cases:
        refused(run_main(*db, "report", "notices", *options, "-o", out), words)
    refused(run_main(*db, "report", "notices", "--month", MONTH, "-o", tmp_path / "x.txt"), "应以 .pdf 结尾")
    refused(run_main(*db, "report", "notices", "--month", MONTH, "--again", "-o", tmp_path / "no" / "x.pdf"), "x.pdf")
    assert not out.exists()
    assert ledger_state(closed_ledger) == before


def test_the_level_words_of_the_command_are_the_vocabulary_s() -> None:
    from commands.notices import LEVEL_WORDS

    assert {LEVEL_WORDS[label] for label in NOTICE_LEVEL_LABELS.values()} == set(NOTICE_LEVEL_LABELS)
    assert LEVEL_WORDS[AUTO] == AUTO
