"""Milestones read from deadline texts (db/plans/milestones.py): a table of
phrasings as plans write them, each with the milestones a person reads in it
(written out by hand)."""

from __future__ import annotations

from datetime import date

import pytest

from db.plans.milestones import ParsedMilestone, parse_milestones, stages

M = ParsedMilestone
Y = 2016

PHRASINGS: list[tuple[str, list[ParsedMilestone]]] = [
    # stages with their work
    ("6月底前完成X，9月底前完成Y", [M(date(Y, 6, 30), "6月底前", "完成X"), M(date(Y, 9, 30), "9月底前", "完成Y")]),
    (
        "2016年6月底前制定实施方案；2016年12月底前全面完成",
        [M(date(Y, 6, 30), "2016年6月底前", "制定实施方案"), M(date(Y, 12, 31), "2016年12月底前", "全面完成", 1.0)],
    ),
    (
        "3月底前完成摸底调查，6月底前完成50%，年底前全部完成",
        [
            M(date(Y, 3, 31), "3月底前", "完成摸底调查"),
            M(date(Y, 6, 30), "6月底前", "完成50%", 0.5),
            M(date(Y, 12, 31), "年底前", "全部完成", 1.0),
        ],
    ),
    (
        "2017年3月底前完成系统建设，6月底前投入使用",  # the year written once holds for what follows
        [M(date(2017, 3, 31), "2017年3月底前", "完成系统建设"), M(date(2017, 6, 30), "6月底前", "投入使用")],
    ),
    (
        "于5月31日前报送方案，并抄送市政府办公厅。10月15日前报送总结",
        [
            M(date(Y, 5, 31), "5月31日前", "报送方案，并抄送市政府办公厅"),
            M(date(Y, 10, 15), "10月15日前", "报送总结"),
        ],
    ),
    (
        "按照省里部署，上半年完成试点，下半年全面推开",
        [M(date(Y, 6, 30), "上半年", "按照省里部署，完成试点"), M(date(Y, 12, 31), "下半年", "全面推开")],
    ),
    (
        "第一季度末启动，第三季度完成",
        [M(date(Y, 3, 31), "第一季度末", "启动"), M(date(Y, 9, 30), "第三季度", "完成")],
    ),
    ("2016年3月至6月开展专项检查", [M(date(Y, 6, 30), "2016年3月至6月", "开展专项检查")]),
    (
        "六月底前出台办法、十二月底前评估",
        [M(date(Y, 6, 30), "六月底前", "出台办法"), M(date(Y, 12, 31), "十二月底前", "评估")],
    ),
    ("9月中旬前完成培训", [M(date(Y, 9, 20), "9月中旬前", "完成培训")]),
    ("２０１６年８月底前", [M(date(Y, 8, 31), "2016年8月底前", "")]),  # full-width digits
    ("2016.6.30前", [M(date(Y, 6, 30), "2016.6.30前", "")]),
    ("2月30日前", [M(date(Y, 2, 29), "2月30日前", "")]),  # a day past the month's end is its last
    # one date
    ("2016年底前", [M(date(Y, 12, 31), "2016年底前", "")]),
    ("年底前", [M(date(Y, 12, 31), "年底前", "")]),
    ("2022年12月底前", [M(date(2022, 12, 31), "2022年12月底前", "")]),
    ("2022年1月31日前", [M(date(2022, 1, 31), "2022年1月31日前", "")]),
    ("2022年9月", [M(date(2022, 9, 30), "2022年9月", "")]),
    ("年内完成", [M(date(Y, 12, 31), "年内", "完成")]),
    ("今年底前建成", [M(date(Y, 12, 31), "今年底前", "建成")]),
    ("截至6月底完成", [M(date(Y, 6, 30), "6月底", "完成")]),
    ("力争9月底前上线运行", [M(date(Y, 9, 30), "9月底前", "上线运行")]),
    ("6月份启动", [M(date(Y, 6, 30), "6月份", "启动")]),
    ("1-6月", [M(date(Y, 6, 30), "1-6月", "")]),
    ("一季度启动，三季度完成", [M(date(Y, 3, 31), "一季度", "启动"), M(date(Y, 9, 30), "三季度", "完成")]),
    ("2016年底前完成，每月报送进展", [M(date(Y, 12, 31), "2016年底前", "完成，每月报送进展")]),
    # rhythms
    (
        "分季度",
        [
            M(date(Y, 3, 31), "第一季度", ""),
            M(date(Y, 6, 30), "第二季度", ""),
            M(date(Y, 9, 30), "第三季度", ""),
            M(date(Y, 12, 31), "第四季度", ""),
        ],
    ),
    (
        "每季度报送一次工作进展",
        [
            M(date(Y, 3 * q, [31, 30, 30, 31][q - 1]), n, "报送一次工作进展")
            for q, n in zip(range(1, 5), ("第一季度", "第二季度", "第三季度", "第四季度"), strict=True)
        ],
    ),
    ("每半年", [M(date(Y, 6, 30), "上半年", ""), M(date(Y, 12, 31), "下半年", "")]),
    # no date at all
    ("长期坚持", []),
    ("持续推进", []),
    ("按日程表", []),
    ("", []),
    ("统一月报制度", []),  # 一月 here is no January
    ("半年内完成", []),  # nor is 年内 the year's end
    ("3个月内完成整改", []),
]


@pytest.mark.parametrize(("text", "expected"), PHRASINGS, ids=[text or "empty" for text, _ in PHRASINGS])
def test_phrasings(text: str, expected: list[ParsedMilestone]) -> None:
    assert parse_milestones(text, Y) == expected


def test_every_month_at_its_end_or_on_the_day_named() -> None:
    monthly = parse_milestones("每月", Y)
    assert [m.due for m in monthly] == [date(Y, 1, 31), date(Y, 2, 29), *(date(Y, 3, 31),)] + [
        m.due for m in monthly[3:]
    ]
    assert len(monthly) == 12 and monthly[-1] == M(date(Y, 12, 31), "12月底", "")
    assert {m.text for m in monthly} == {""}
    tenth = parse_milestones("每月10日前报送进展情况", Y)
    assert [m.due for m in tenth] == [date(Y, month, 10) for month in range(1, 13)]
    assert tenth[0] == M(date(Y, 1, 10), "1月10日前", "报送进展情况")


def test_stages_leave_out_a_single_date_that_is_the_deadline() -> None:
    assert stages("2016年6月底前", Y, date(Y, 6, 30)) == []
    assert stages("年底前完成50%", Y, date(Y, 12, 31)) == [M(date(Y, 12, 31), "年底前", "完成50%", 0.5)]
    assert len(stages("6月底前完成X，9月底前完成Y", Y, date(Y, 6, 30))) == 2
    assert len(stages("分季度", Y, None)) == 4
