"""Unit names beyond the bundled plan's rules: one cell naming both roles, the
shared 市 only for short department names, 科室 and collectives of any office."""

from __future__ import annotations

import pytest

from db.plans.units import parse_cell, split_roles


def names(text: str) -> list[str]:
    return [unit.name for unit in parse_cell(text.splitlines())]


@pytest.mark.parametrize(
    ("cell", "lead", "others"),
    [
        ("市政府办公室牵头，市发改委、市财政局配合", ["市政府办公室"], ["市发改委", "市财政局"]),
        (
            "市发改委、市财政局牵头，市统计局配合；各镇（街）参照落实",
            ["市发改委", "市财政局"],
            ["市统计局", "各镇（街）"],
        ),
        ("市教育局牵头落实", ["市教育局"], []),
        ("市发改委、市财政局分别牵头", ["市发改委", "市财政局"], []),
        ("市住建局负责", ["市住建局"], []),
        ("牵头：市政府办公室；配合：各县（市、区）", ["市政府办公室"], ["各县（市、区）"]),
        ("牵头单位：党政办公室\n配合单位：各科室", ["党政办公室"], ["各科室"]),
        ("市政府办公室\n市发改委、财政局", ["市政府办公室"], ["市发改委", "市财政局"]),
        ("由市公安局牵头，市司法局配合", ["市公安局"], ["市司法局"]),
    ],
)
def test_one_cell_names_both_roles(cell: str, lead: str, others: list[str]) -> None:
    first, rest = split_roles(cell)
    assert ([u.name for u in parse_cell(first)], [u.name for u in parse_cell(rest)]) == (lead, others)


def test_shared_shi_only_for_short_department_names() -> None:
    assert names("市卫计委、建设局、网信办") == ["市卫计委", "市建设局", "市网信办"]
    assert names("市财政局、人民银行临澜市中心支行、临澜银保监分局") == [
        "市财政局",
        "人民银行临澜市中心支行",
        "临澜银保监分局",
    ]
    assert names("县发改局、工信局、国网禾丰县供电公司") == ["县发改局", "县工信局", "国网禾丰县供电公司"]
    assert names("市委宣传部、团市委") == ["市委宣传部", "团市委"]
    assert names("市交通局、城市管理局") == ["市交通局", "市城市管理局"]  # 城市 names no place


def test_keshi_names_are_units() -> None:
    assert names("办公室、财务科、党建工作科") == ["办公室", "财务科", "党建工作科"]
    (unit,) = parse_cell(["各科室"])
    assert unit.collective


@pytest.mark.parametrize(
    "phrase", ["各镇（街）", "各县（市、区）", "市直有关部门", "各科室", "委属各医疗机构", "各相关单位", "区直各部门"]
)
def test_collectives_of_any_office(phrase: str) -> None:
    (unit,) = parse_cell([phrase])
    assert (unit.name, unit.collective) == (phrase, True)


def test_a_collective_in_a_list_keeps_its_brackets() -> None:
    found = parse_cell(["市发改委、各县（市、区）"])
    assert [(u.name, u.collective) for u in found] == [("市发改委", False), ("各县（市、区）", True)]
    assert names("各社区、社区建设办公室") == ["各社区", "社区建设办公室"]


def test_a_broken_line_joins_only_what_is_no_name_of_its_own() -> None:
    assert names("市市场\n监督管理局") == ["市市场监督管理局"]
    assert names("市发改委\n人民银行某市中心支行") == ["市发改委", "人民银行某市中心支行"]
