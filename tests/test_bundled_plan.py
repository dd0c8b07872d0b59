"""The reading of the bundled plan, pinned task by task.

The expectations below were written by reading
resources/plans/xiamen-2016-task-division.txt by hand, following the rules of
DESIGN.md ("Reading the plan document"), not by running the reader: they check
the reader against the document, not against itself.

Names are as the cells give them once the cell rules are applied, before the
unit registry normalises them (so 市政园林局 stays 市政园林局 here).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from db.plans import read_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN_PATH = ROOT / "resources" / "plans" / "xiamen-2016-task-division.txt"

# The responsible cells that recur, as written (collectives are one unit each).
ALL = ["各区人民政府", "市直各委、办、局", "各开发区管委会"]  # 各区人民政府，市直各委、办、局，各开发区管委会
REL = ["市直各相关部门", "各区人民政府", "各开发区管委会"]  # 市直各相关部门，各区人民政府，各开发区管委会
DZ = ["各区人民政府", "各开发区管委会"]  # 各区人民政府，各开发区管委会

# Lead units that span several lines of their cell.
SCJG = "市市场监督管理局"  # 市市场 / 监督管理局

# number: (section, subsection, lead units, responsible units, requirement empty?, continued)
#
# continued: which cells were empty and carried down from the task above within
# the same subsection ("L" lead, "R" responsible, "" neither). An empty cell right
# after a section or subsection heading names no unit ([]), and so does an empty
# cell below such a task.
EXPECTED: dict[int, tuple[str, str, list[str], list[str], bool, str]] = {
    # 一、围绕深化改革推进公开
    # （一）进一步推进权力清单和责任清单公开
    1: ("一", "一", ["市编办"], ALL, False, ""),
    2: ("一", "一", ["市编办"], ALL, True, "LR"),
    3: ("一", "一", ["市编办"], ALL, False, "LR"),
    # （二）推进市场监管公开透明 — no lead named for 4 and 5
    4: ("一", "二", [], ALL, False, ""),
    5: ("一", "二", [], REL, False, ""),
    6: ("一", "二", [SCJG], REL, False, ""),  # page break before 6
    7: ("一", "二", [SCJG], DZ, False, "L"),
    # （三）推进政务服务公开
    8: ("一", "三", ["市政务中心管委会"], ALL, False, ""),
    9: ("一", "三", ["市政务中心管委会"], ["各行业主管部门", "各区人民政府", "各开发区管委会"], False, "L"),
    10: ("一", "三", ["市政务中心管委会"], ["市公安局", "市人社局", "市卫计委", "市教育局"], False, "L"),
    # 二、围绕促进经济发展推进公开
    # （一）进一步推进经济社会政策公开透明
    11: ("二", "一", ["市发改委", "市经信局"], ALL, False, ""),
    # （二）推进市场准入负面清单公开
    12: ("二", "二", ["市发改委", "市商务局"], ["各开发区管委会"], False, ""),
    # （三）推进政府投资的重大建设项目信息公开 — page break right after the heading
    13: ("二", "三", ["市发改委"], REL, False, ""),
    14: ("二", "三", ["市财政局", "市发改委"], REL, False, ""),
    # （四）推进公共资源配置领域信息公开 — empty responsible cell right after the heading
    15: ("二", "四", ["市发改委"], [], False, ""),
    # （五）推进减税降费信息公开
    16: ("二", "五", ["市财政局", "市地税局"], ALL, False, ""),
    17: ("二", "五", ["市发改委", "市财政局"], ALL, False, ""),  # page break before 17
    # （六）推进国有企业运营监管信息公开
    18: ("二", "六", ["市国资委", "市财政局"], REL, True, ""),
    19: ("二", "六", ["市国资委", "市财政局"], REL, True, "LR"),
    20: ("二", "六", ["市国资委", "市财政局"], REL, True, "LR"),
    # 三、围绕民生改善推进公开
    # （一）推进扶贫工作信息公开
    21: ("三", "一", ["市农业局"], REL, False, ""),  # 市农业局（市委农办）
    22: ("三", "一", ["市农业局"], REL, False, "LR"),
    23: ("三", "一", ["市民政局"], DZ, False, ""),
    # （二）推进社会救助信息公开
    24: ("三", "二", ["市民政局"], DZ, False, ""),
    25: ("三", "二", ["市民政局"], DZ, False, "LR"),
    # （三）推进就业创业信息公开 — after a page break; a stray empty cell follows the heading
    26: ("三", "三", ["市人社局"], DZ, False, ""),
    27: ("三", "三", ["市人社局"], REL, False, ""),
    # （四）推进棚户区改造、农村危房改造和保障性住房信息公开
    28: ("三", "四", ["市建设局"], DZ, False, ""),
    29: ("三", "四", ["市建设局"], DZ, False, "LR"),
    30: ("三", "四", ["市建设局"], DZ, True, "LR"),
    31: ("三", "四", ["市建设局"], DZ, True, "LR"),
    # （五）推进环境保护信息公开 — 市卫计委、建设局、水利局、市政园林局、国资委，市政集团
    32: (
        "三",
        "五",
        ["市环保局"],
        ["市卫计委", "市建设局", "市水利局", "市政园林局", "市国资委", "市政集团"],
        False,
        "",
    ),
    33: (
        "三",
        "五",
        ["市环保局"],
        ["市卫计委", "市建设局", "市水利局", "市政园林局", "市国资委", "市政集团"],
        False,
        "LR",
    ),
    34: ("三", "五", ["市环保局"], DZ, False, ""),
    35: ("三", "五", ["市发改委", "市环保局"], DZ, True, ""),
    # （六）推进教育、卫生和食品药品安全信息公开 — page break right after the heading
    36: ("三", "六", ["市教育局"], DZ, False, ""),
    37: ("三", "六", ["市卫计委"], DZ, False, ""),
    38: ("三", "六", [SCJG], DZ, False, ""),
    # 四、围绕助力政府建设推进公开
    # （一）积极推进决策公开 — no lead named
    39: ("四", "一", [], ALL, True, ""),
    40: ("四", "一", [], ALL, False, ""),
    41: (
        "四",
        "一",
        [],
        ["市发改委", "市卫计委", "市国土房产局", "市环保局", "市人社局", "市建设局", "市民政局"],
        True,
        "",
    ),
    # （二）推进政策执行和落实情况公开
    42: ("四", "二", [], ALL, False, ""),
    43: ("四", "二", [], ALL, True, ""),
    44: ("四", "二", ["市审计局"], DZ, False, ""),
    # （三）深入推进预决算公开
    45: ("四", "三", ["市财政局"], ALL, False, ""),
    46: ("四", "三", ["市财政局"], ["各区人民政府"], False, ""),
    # 五、围绕助力政府建设推进公开 (same title as 四)
    # （一）主动做好政策解读 — no lead named
    47: ("五", "一", [], ALL, False, ""),
    48: ("五", "一", [], ALL, False, ""),  # page break before 48
    49: ("五", "一", [], ALL, False, ""),
    50: ("五", "一", [], ALL, False, ""),
    # （二）积极回应社会关切
    51: ("五", "二", ["市公安局"], DZ, False, ""),
    52: ("五", "二", ["市公安局"], ALL, False, "L"),  # carried across a page break
    53: ("五", "二", ["市应急办", "市政府新闻办"], ALL, False, ""),  # 市应急办 / 市政府 / 新闻办
    # （三）更好发挥媒体作用 — no lead named
    54: ("五", "三", [], ALL, False, ""),
    55: ("五", "三", [], ALL, False, ""),
    56: ("五", "三", [], ALL, False, ""),
    # 六、围绕增强公开实效加强能力建设
    # （一）提高政务公开工作制度化标准化水平
    57: ("六", "一", [], ALL, False, ""),
    58: ("六", "一", ["市法制局"], ALL, True, ""),
    59: ("六", "一", ["市法制局"], ALL, False, "L"),  # carried across a page break
    60: ("六", "一", ["市法制局"], ALL, False, "L"),
    # （二）提高政务公开工作信息化集中化水平 — no lead named for 61–63
    61: ("六", "二", [], ALL, False, ""),
    62: ("六", "二", [], ["各区人民政府"], False, ""),
    63: ("六", "二", [], ALL, False, ""),
    64: ("六", "二", ["市档案局", "市文广新局"], ALL, False, ""),
    # （三）提高政务公开队伍专业化理论化水平
    65: ("六", "三", ["市人社局"], ALL, False, ""),
    66: ("六", "三", ["市人社局"], ALL, False, "L"),
}

SECTIONS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "一",
        "围绕深化改革推进公开",
        [
            ("一", "进一步推进权力清单和责任清单公开"),
            ("二", "推进市场监管公开透明"),
            ("三", "推进政务服务公开"),
        ],
    ),
    (
        "二",
        "围绕促进经济发展推进公开",
        [
            ("一", "进一步推进经济社会政策公开透明"),
            ("二", "推进市场准入负面清单公开"),
            ("三", "推进政府投资的重大建设项目信息公开"),
            ("四", "推进公共资源配置领域信息公开"),
            ("五", "推进减税降费信息公开"),
            ("六", "推进国有企业运营监管信息公开"),
        ],
    ),
    (
        "三",
        "围绕民生改善推进公开",
        [
            ("一", "推进扶贫工作信息公开"),
            ("二", "推进社会救助信息公开"),
            ("三", "推进就业创业信息公开"),
            ("四", "推进棚户区改造、农村危房改造和保障性住房信息公开"),
            ("五", "推进环境保护信息公开"),
            ("六", "推进教育、卫生和食品药品安全信息公开"),
        ],
    ),
    (
        "四",
        "围绕助力政府建设推进公开",
        [
            ("一", "积极推进决策公开"),
            ("二", "推进政策执行和落实情况公开"),
            ("三", "深入推进预决算公开"),
        ],
    ),
    (
        "五",
        "围绕助力政府建设推进公开",
        [
            ("一", "主动做好政策解读"),
            ("二", "积极回应社会关切"),
            ("三", "更好发挥媒体作用"),
        ],
    ),
    (
        "六",
        "围绕增强公开实效加强能力建设",
        [
            ("一", "提高政务公开工作制度化标准化水平"),
            ("二", "提高政务公开工作信息化集中化水平"),
            ("三", "提高政务公开队伍专业化理论化水平"),
        ],
    ),
]

# Units that carry another name (a `（…）` line below them in the cell).
ALIASES = {"市编办": ("市审改办",), "市农业局": ("市委农办",)}

TITLES = {
    1: "全面公开市级政府工作部门权力清单和责任清单",  # `1. ` with a space in the document
    8: "推进“互联网+政务”",
    14: "推动政府和社会资本合作（PPP）项目的信息公开",
    16: "加大对支持小微企业、促进就业创业、兼并重组等方面的税收优惠和减免政策公开力度。",
    18: "公开国有资本整体运营情况、企业国有资产保值增值及经营业绩考核有关情况、国有资产监管制度和监督检查情况等",
    20: "研究制定国有企业信息公开有关制度，及时公开国有企业改革重组、公司治理及管理架构、财务状况、重要人事变动等信息",  # `20. `
    66: "政务公开工作人员要加强政策理论学习和业务研究",
}

REQUIREMENTS = {
    1: "通过政府门户网站集中展示，及时动态更新。",
    29: "提高工作的精准化水平",  # no full stop in the document
}


@pytest.fixture(scope="module")
def plan():
    return read_plan(PLAN_PATH)


@pytest.fixture(scope="module")
def tasks(plan):
    """number -> (section numeral, subsection numeral, task)"""
    found = {}
    for section in plan.sections:
        for sub in section.sections:
            for task in sub.tasks:
                found[task.number] = (section.numeral, sub.numeral, task)
    return found


def test_expectation_table_is_complete():
    assert sorted(EXPECTED) == list(range(1, 67))
    assert sum(len(subs) for _, _, subs in SECTIONS) == 24


def test_plan_title_and_year(plan):
    assert plan.title == "厦门市2016年政务公开工作主要任务责任分工"
    assert plan.year == 2016


def test_sections_and_subsections(plan):
    got = [(s.numeral, s.title, [(sub.numeral, sub.title) for sub in s.sections]) for s in plan.sections]
    assert got == SECTIONS
    for section in plan.sections:
        assert section.tasks == [], f"section {section.numeral} holds tasks outside any subsection"
        for sub in section.sections:
            assert sub.sections == [], f"subsection {section.numeral}（{sub.numeral}）has subsections"


def test_tasks_numbered_in_order(plan):
    assert [task.number for task in plan.all_tasks()] == list(range(1, 67))


@pytest.mark.parametrize("number", sorted(EXPECTED), ids=lambda n: f"task{n:02d}")
def test_task(tasks, number):
    section, subsection, lead, responsible, requirement_empty, continued = EXPECTED[number]
    assert number in tasks, f"task {number} not read"
    got_section, got_subsection, task = tasks[number]
    where = f"task {number} ({task.where})"

    assert (got_section, got_subsection) == (section, subsection), f"{where}: section/subsection"
    assert task.title and task.title == task.title.strip(), f"{where}: title {task.title!r}"
    assert not task.title[0].isdigit(), f"{where}: title keeps the number: {task.title!r}"

    assert [a.unit.name for a in task.lead] == lead, f"{where}: lead units"
    assert [a.unit.name for a in task.responsible] == responsible, f"{where}: responsible units"

    lead_continued = "L" in continued
    responsible_continued = "R" in continued
    assert [a.continued for a in task.lead] == [lead_continued] * len(lead), (
        f"{where}: lead should be {'continued' if lead_continued else 'written'}"
    )
    assert [a.continued for a in task.responsible] == [responsible_continued] * len(responsible), (
        f"{where}: responsible should be {'continued' if responsible_continued else 'written'}"
    )

    assert (task.requirement == "") == requirement_empty, (
        f"{where}: requirement {'should be empty' if requirement_empty else 'missing'}: {task.requirement!r}"
    )

    for role, assignments in (("lead", task.lead), ("responsible", task.responsible)):
        for a in assignments:
            assert a.unit.aliases == ALIASES.get(a.unit.name, ()), (
                f"{where}: {role} {a.unit.name} aliases {a.unit.aliases!r}"
            )


@pytest.mark.parametrize("number", sorted(TITLES), ids=lambda n: f"task{n:02d}")
def test_task_title(tasks, number):
    assert tasks[number][2].title == TITLES[number], f"task {number}: title"


@pytest.mark.parametrize("number", sorted(REQUIREMENTS), ids=lambda n: f"task{n:02d}")
def test_task_requirement(tasks, number):
    assert tasks[number][2].requirement == REQUIREMENTS[number], f"task {number}: requirement"


def test_aliases_are_not_units(plan):
    names = {a.unit.name for task in plan.all_tasks() for a in [*task.lead, *task.responsible]}
    assert not names & {"市审改办", "市委农办", "（市审改办）", "（市委农办）"}


def test_header_row_is_not_data(plan):
    texts = [s.title for s in plan.all_sections()]
    for task in plan.all_tasks():
        texts += [task.title, task.requirement]
        texts += [a.unit.name for a in [*task.lead, *task.responsible]]
    for text in texts:
        for header in ("工  作  任  务", "牵头单位", "责  任  单  位", "工  作  要  求"):
            assert header not in text, f"header {header!r} read as data: {text!r}"
