"""Whose plan it is (db.plans.office), and the sample registry that never takes
another office's plan (db.plans.registry): the rule on every title of the corpus and
on Xiamen's own, the core's refusal, the command line's exit 2 with the
database byte for byte as it was, and the note when the title does not tell."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from db.errors import DatabaseError, InputError
from db.operations.import_plan import import_plan
from db.plans import read_plan
from db.plans.office import other_office, title_office
from db.plans.registry import (
    SAMPLE_OFFICE,
    bundled_collective_names,
    refuse_other_office,
    registry_file_office,
    sample_match,
    sample_office,
)
from db.schema.database import Database, create_database, open_database
from db.schema.models import Plan
from db.settings import get_setting
from tests.conftest import ROOT, file_digest, refused, run_main

CORPUS = ROOT / "tests" / "data" / "plans"
XIAMEN = "厦门市"

# Whose plan each file of the corpus is, by hand: the place, or the place and its organisation.
CORPUS_OFFICES = {
    "hefeng-2022-digital": "禾丰县",
    "hefeng-2022-yingshang": "禾丰县",
    "lanting-2022-street": "兰亭街道",
    "lanting-2022-street-text": "兰亭街道",
    "linlan-2021-zwgk": "临澜市",
    "linlan-2022-yingshang": "临澜市",
    "linlan-2023-fazhi": "临澜市",
    "linlan-tongji-2022": "临澜市统计局",
    "liuwan-2021-town": "柳湾镇",
    "qingchuan-2020-zwgk": "晴川县",
    "qingchuan-scjg-noyear": "晴川县市场监督管理局",
    "xiamen-2016": "厦门市",
    "yunxiu-2023-fangguanfu": "云岫区",
    "yunxiu-docdate": "云岫区",
    "yunxiu-wjj-2022": "云岫区卫生健康局",
}

XIAMENS_OWN = [
    "厦门市2016年政务公开工作主要任务责任分工",
    "厦门市2017年政务公开工作要点",
    "2017年厦门市政务公开工作要点",
    "厦门市人民政府办公厅关于印发厦门市2017年政务公开工作要点的通知",
    "厦门市政府2018年政务公开工作任务分工",
    "福建省厦门市2019年政务公开工作要点",
    "厦门市政务公开工作要点",
    "厦门市关于进一步加强政务公开工作的实施方案",
    "厦门市 2020 年 优化营商环境 重点任务分工",
    "厦门市深化“放管服”改革工作任务分解",
]

# Another office's: another place, or a district or an organisation of Xiamen
# (their plans name their own 科室 and 街道, not the city's departments).
OTHERS = {
    "思明区2017年政务公开工作要点": "思明区",
    "厦门市思明区2017年政务公开工作要点": "厦门市思明区",
    "厦门市思明区人民政府办公室关于印发2017年政务公开工作要点的通知": "厦门市思明区",
    "厦门市财政局2017年政务公开工作要点": "厦门市财政局",
    "厦门市城市管理行政执法局政务公开重点工作": "厦门市城市管理行政执法局",
    "厦门市住房和城乡建设局2021年重点工作任务": "厦门市住房和城乡建设局",
    "福州市2017年政务公开工作要点": "福州市",
    "广州市2020年政务公开工作要点": "广州市",
    "贵州省2020年政务公开工作要点": "贵州省",
    "恩施州2021年政务公开重点任务分工": "恩施州",
    "杭州市西湖区2021年政务公开工作要点": "杭州市西湖区",
    "内蒙古自治区呼和浩特市2022年政务公开工作要点": "呼和浩特市",
    "沙县2022年政务公开工作要点": "沙县",
    "2022年兰亭街道政务公开工作任务清单": "兰亭街道",
    "临澜市城市更新试点任务分工": "临澜市",  # only the place is read: another place all the same
}

# Titles that name no office, or only Xiamen without telling which of its offices.
CANNOT_TELL = [
    "2022年政务公开工作要点",
    "全市2022年政务公开工作要点",
    "本区政务公开重点任务分解",
    "推进城乡一体化工作任务分工",
    "市政园林局2022年工作任务",
    "xiamen-2016-task-division",
    "厦门2017年政务公开工作要点",
    "厦门市城市更新试点任务分工",
    "2024年城市管理重点任务分工",
    "2022年乡村振兴示范区建设任务",
    "社区2022年重点工作",
    "某区2022年重点任务分工",
]


def corpus_titles() -> dict[str, str]:
    return {
        path.name.removesuffix(".expected.json"): json.loads(path.read_text(encoding="utf-8"))["title"]
        for path in sorted(CORPUS.glob("*.expected.json"))
    }


def test_every_corpus_title_names_its_office() -> None:
    titles = corpus_titles()
    assert set(titles) == set(CORPUS_OFFICES)  # a plan added to the corpus is added here
    for name, title in titles.items():
        found = title_office(title)
        assert found is not None and found.office == CORPUS_OFFICES[name], (name, title, found)
        assert other_office(title, XIAMEN) is (CORPUS_OFFICES[name] != XIAMEN), (name, title)


@pytest.mark.parametrize("title", XIAMENS_OWN)
def test_xiamens_own_titles_belong_to_xiamen(title: str) -> None:
    assert other_office(title, XIAMEN) is False
    assert other_office(title, "厦门市人民政府") is False  # the registry may name the government
    assert sample_match(title, XIAMEN) is None


@pytest.mark.parametrize("title", sorted(OTHERS))
def test_other_offices_titles(title: str) -> None:
    found = title_office(title)
    assert found is not None and found.name == OTHERS[title]
    assert other_office(title, XIAMEN) is True
    match = sample_match(title, XIAMEN)
    assert match is not None and match.plan_office == OTHERS[title]


@pytest.mark.parametrize("title", CANNOT_TELL)
def test_titles_that_cannot_tell(title: str) -> None:
    assert other_office(title, XIAMEN) is None
    match = sample_match(title, XIAMEN)
    assert match is not None and match.plan_office is None and XIAMEN in match.note()


def test_no_sample_nothing_to_say() -> None:
    assert registry_file_office() == XIAMEN
    for title in [*corpus_titles().values(), *OTHERS, *CANNOT_TELL]:
        assert sample_match(title, "") is None


def test_the_bundled_registry_records_its_office(plan_db: Database, tmp_path: Path) -> None:
    with plan_db.session() as session:
        assert sample_office(session) == XIAMEN == get_setting(session, SAMPLE_OFFICE)
    empty = open_database(tmp_path / "empty.db")
    try:
        with empty.session() as session:
            assert sample_office(session) == ""
    finally:
        empty.close()


@pytest.mark.parametrize(
    ("name", "office"),
    [
        ("linlan-2021-zwgk.docx", "临澜市"),
        ("linlan-2022-yingshang.pdf", "临澜市"),
        ("hefeng-2022-yingshang.xls", "禾丰县"),
        ("linlan-2023-fazhi.xlsx", "临澜市"),
        ("禾丰县2022年数字政府建设重点任务.csv", "禾丰县"),
        ("lanting-2022-street-text.txt", "兰亭街道"),
    ],
)
def test_the_core_refuses_another_offices_plan_into_the_sample(plan_db: Database, name: str, office: str) -> None:
    parsed = read_plan(CORPUS / name, bundled_collective_names())
    with pytest.raises(InputError) as refusal, plan_db.transaction() as session:
        import_plan(session, parsed)
    message = str(refusal.value)
    assert name in message and f"这是{office}的计划" in message and "厦门市示例" in message
    assert "--db 新台账.db" in message
    with plan_db.session() as session:
        assert len(session.scalars(select(Plan.id)).all()) == 1
        with pytest.raises(InputError):
            refuse_other_office(session, parsed)


def test_another_offices_plan_goes_into_a_new_ledger(tmp_path: Path) -> None:
    database = create_database(tmp_path / "new.db")
    try:
        parsed = read_plan(CORPUS / "linlan-2021-zwgk.docx")
        with database.transaction() as session:
            report = import_plan(session, parsed)
        assert report.sample_note == "" and report.tasks > 0
    finally:
        database.close()


def test_a_title_that_does_not_tell_is_imported_with_a_note(plan_db: Database) -> None:
    title = "2021年政务公开工作要点任务分工"
    parsed = read_plan(CORPUS / "linlan-2021-zwgk.docx", bundled_collective_names(), title=title)
    with plan_db.transaction() as session:
        report = import_plan(session, parsed)
    assert "厦门市示例" in report.sample_note and "匹配" in report.sample_note


def test_create_database_refuses_an_existing_file_unless_empty(tmp_path: Path, plan_db: Database) -> None:
    text = tmp_path / "notes.db"
    text.write_text("不是数据库", encoding="utf-8")
    for existing in (text, plan_db.path):
        before = file_digest(existing)
        with pytest.raises(DatabaseError, match="文件已存在"):
            create_database(existing)
        assert file_digest(existing) == before
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    database = create_database(empty)
    try:
        with database.session() as session:
            assert session.scalars(select(Plan.id)).all() == [] and sample_office(session) == ""
    finally:
        database.close()
    assert sqlite3.connect(empty).execute("SELECT count(*) FROM units").fetchone() == (0,)


def test_the_command_line_refuses_another_offices_plan_into_the_sample(ledger: Path) -> None:
    before = file_digest(ledger)
    result = run_main("--db", ledger, "import-plan", CORPUS / "linlan-tongji-2022.docx")
    line = refused(result, "linlan-tongji-2022.docx", "临澜市统计局的计划", "厦门市示例", "--db 新台账.db", "未导入")
    assert "Traceback" not in line
    assert file_digest(ledger) == before
    assert not any(path.name.endswith("-plan-import.db") for path in (ledger.parent / "backups").glob("*"))

    preview = run_main("--db", ledger, "import-plan", CORPUS / "linlan-tongji-2022.docx", "--preview")
    assert preview.returncode == 0 and "临澜市统计局的计划" in preview.stdout and "导入时会拒绝" in preview.stdout
    assert file_digest(ledger) == before


def test_the_command_line_notes_a_title_that_does_not_tell(ledger: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.docx"
    shutil.copy(CORPUS / "linlan-2021-zwgk.docx", plan)
    result = run_main("--db", ledger, "import-plan", plan, "--title", "2021年政务公开工作要点任务分工")
    assert result.returncode == 0, result.stderr
    assert "注意：本台账的单位登记表是随程序提供的厦门市示例" in result.stdout
    result = run_main("--db", tmp_path / "new.db", "import-plan", plan)  # a new ledger: nothing to note
    assert result.returncode == 0 and "示例" not in result.stdout
    database = open_database(tmp_path / "new.db")
    try:
        with database.session() as session:
            assert sample_office(session) == ""
    finally:
        database.close()
