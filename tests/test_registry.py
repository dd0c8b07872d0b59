"""The unit registry: normalisation of names and what one unit owes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from db.operations.import_plan import import_plan
from db.plans import read_plan
from db.plans.registry import collective_names, guess_kind, load_registry_file
from db.queries.unit_tasks import find_unit, tasks_of_unit
from db.schema.database import open_database
from db.schema.models import Assignment, CollectiveMember, Unit

DISTRICTS = ["思明区人民政府", "湖里区人民政府", "集美区人民政府", "海沧区人民政府", "同安区人民政府", "翔安区人民政府"]


def test_shipped_registry_has_the_collectives_and_their_members() -> None:
    entries = {entry.name: entry for entry in load_registry_file()}
    assert list(entries["各区人民政府"].members) == DISTRICTS
    assert "市环保局" in entries["市直各委、办、局"].members
    assert "市环保局" in entries["市直各相关部门"].members
    assert entries["各开发区管委会"].members
    names = set(entries)
    for entry in entries.values():
        assert set(entry.members) <= names, entry.name


def test_aliases_lead_to_the_canonical_unit(plan_db) -> None:
    with plan_db.session() as session:
        assert find_unit(session, "市政园林局").name == "市市政园林局"
        assert find_unit(session, "市审改办").name == "市编办"
        assert find_unit(session, " 市委农办 ").name == "市农业局"
        assert find_unit(session, "不存在的单位") is None


def test_plan_names_are_normalised_against_the_registry(plan_db) -> None:
    """Task 32 writes 市政园林局; the assignment is to 市市政园林局, and no unit was added."""
    with plan_db.session() as session:
        unit = find_unit(session, "市市政园林局")
        numbers = sorted(ref.number for ref in tasks_of_unit(session, unit.id).responsible)
        assert numbers == [32, 33]
        assert session.scalar(select(func.count(Unit.id))) == len(load_registry_file())


def test_tasks_of_a_department(plan_db) -> None:
    with plan_db.session() as session:
        result = tasks_of_unit(session, find_unit(session, "市环保局").id)
    assert [ref.number for ref in result.lead] == [32, 33, 34, 35]
    assert [ref.number for ref in result.responsible] == [41]
    # every other task naming 市直各委、办、局 or 市直各相关部门 reaches it
    assert 1 in [ref.number for ref in result.via_collective]
    assert {ref.via for ref in result.via_collective} == {"市直各委、办、局", "市直各相关部门"}
    assert not {32, 33, 34, 35, 41} & {ref.number for ref in result.via_collective}


def test_a_district_has_tasks_only_through_the_collective(plan_db) -> None:
    with plan_db.session() as session:
        result = tasks_of_unit(session, find_unit(session, "思明区人民政府").id)
        collective = find_unit(session, "各区人民政府")
        expected = sorted(session.scalars(select(Assignment.task_id).where(Assignment.unit_id == collective.id)))
    assert result.lead == [] and result.responsible == []
    assert sorted(ref.task_id for ref in result.via_collective) == expected
    assert {ref.via for ref in result.via_collective} == {"各区人民政府"}
    numbers = {ref.number for ref in result.via_collective}
    assert numbers == set(range(1, 67)) - {10, 12, 15, 32, 33, 41}  # read off the plan by hand


def test_unknown_units_are_added_with_a_guessed_kind(tmp_path: Path, empty_db) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "某市2017年工作分工\n\n\t一、部分\n\n\t1.甲\n\t市新设局\n\t各街道办事处，某某集团\n\t要求\n", encoding="utf-8"
    )
    with empty_db.transaction() as session:
        report = import_plan(session, read_plan(path, collective_names(session)))
    assert report.new_units == ["市新设局", "各街道办事处", "某某集团"]
    with empty_db.session() as session:
        kinds = {name: session.scalar(select(Unit.kind).where(Unit.name == name)) for name in report.new_units}
    assert kinds == {"市新设局": "department", "各街道办事处": "collective", "某某集团": "enterprise"}


def test_guess_kind() -> None:
    assert guess_kind("思明区人民政府") == "district"
    assert guess_kind("厦门火炬高新区管委会") == "zone"
    assert guess_kind("市政集团") == "enterprise"
    assert guess_kind("市财政局") == "department"
    assert guess_kind("某协会") == "other"


def test_memberships_are_stored(plan_db) -> None:
    with plan_db.session() as session:
        districts = find_unit(session, "各区人民政府")
        members = session.scalars(
            select(Unit.name)
            .join(CollectiveMember, CollectiveMember.member_id == Unit.id)
            .where(CollectiveMember.collective_id == districts.id)
        ).all()
    assert sorted(members) == sorted(DISTRICTS)


def test_two_plans_share_the_registry(tmp_path: Path) -> None:
    database = open_database(tmp_path / "two.db")
    for year in (2016, 2017):
        path = tmp_path / f"{year}.txt"
        path.write_text(f"某市{year}年分工\n\n\t一、部分\n\t1.甲\n\t市环保局\n\t\n\t\n", encoding="utf-8")
        with database.transaction() as session:
            import_plan(session, read_plan(path, collective_names(session)))
    with database.session() as session:
        unit = find_unit(session, "市环保局")
        assert len(tasks_of_unit(session, unit.id).lead) == 2
        plan_ids = {ref.plan_id for ref in tasks_of_unit(session, unit.id).lead}
        assert len(tasks_of_unit(session, unit.id, plan_id=min(plan_ids)).lead) == 1
    database.close()
