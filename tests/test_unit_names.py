"""Each rule for reading unit cells, one small case each (DESIGN.md)."""

from __future__ import annotations

import pytest

from db.plans.units import NamedUnit, clean, parse_cell

COLLECTIVES = {"各区人民政府", "市直各委、办、局", "各开发区管委会", "市直各相关部门", "各行业主管部门"}


def names(lines: list[str]) -> list[str]:
    return [unit.name for unit in parse_cell(lines, COLLECTIVES)]


def test_bracket_line_is_another_name_of_the_unit_before() -> None:
    assert parse_cell(["市编办", "（市审改办）"]) == [NamedUnit("市编办", "市编办", ("市审改办",))]


def test_line_not_starting_with_shi_qu_ge_continues_the_unit_before() -> None:
    assert names(["市市场", "监督管理局"]) == ["市市场监督管理局"]
    assert names(["市应急办", "市政府", "新闻办"]) == ["市应急办", "市政府新闻办"]


def test_lines_starting_with_shi_are_separate_units() -> None:
    assert names(["市发改委", "市经信局"]) == ["市发改委", "市经信局"]


def test_dun_list_shares_the_leading_shi() -> None:
    assert names(["市卫计委、建设局、水利局"]) == ["市卫计委", "市建设局", "市水利局"]


def test_dun_list_item_already_starting_with_shi_is_kept() -> None:
    assert names(["市卫计委、市政园林局、国资委"]) == ["市卫计委", "市政园林局", "市国资委"]


def test_dun_list_shares_a_leading_qu() -> None:
    assert names(["区财政局、教育局"]) == ["区财政局", "区教育局"]


def test_huitong_names_both_sides_and_drops_dengbumen() -> None:
    assert names(["市公安局会同市人社局、卫计委、教育局等部门"]) == ["市公安局", "市人社局", "市卫计委", "市教育局"]


@pytest.mark.parametrize("suffix", ["等部门", "等相关部门"])
def test_deng_suffix_is_dropped(suffix: str) -> None:
    assert names([f"市发改委、环保局{suffix}"]) == ["市发改委", "市环保局"]


def test_comma_separates_phrases_and_collectives_stay_whole() -> None:
    assert names(["各区人民政府，市直各委、办、局，各开发区管委会"]) == [
        "各区人民政府",
        "市直各委、办、局",
        "各开发区管委会",
    ]


def test_unknown_phrase_starting_with_ge_is_a_collective() -> None:
    assert names(["各街道办事处、各社区"]) == ["各街道办事处、各社区"]


def test_phrase_is_kept_for_review() -> None:
    units = parse_cell(["市卫计委、建设局，市政集团"], COLLECTIVES)
    assert [(u.name, u.phrase) for u in units] == [
        ("市卫计委", "市卫计委、建设局"),
        ("市建设局", "市卫计委、建设局"),
        ("市政集团", "市政集团"),
    ]


def test_inline_bracket_alias() -> None:
    assert parse_cell(["市农业局（市委农办）"]) == [NamedUnit("市农业局", "市农业局（市委农办）", ("市委农办",))]


def test_a_unit_named_twice_appears_once() -> None:
    assert names(["市发改委，市发改委、财政局"]) == ["市发改委", "市财政局"]


def test_clean_removes_spaces_and_normalises_brackets() -> None:
    assert clean(" 市 编办(市审改办)。") == "市编办（市审改办）"


def test_empty_cell_names_nobody() -> None:
    assert parse_cell(["", "  "]) == []
