"""Synthetic plans and progress, for the benchmark and for tests.

`generate_plan` builds a plan of any size in the text format of the bundled
plan (resources/plans/xiamen-2016-task-division.txt): a title line, the header
row `工  作  任  务 / 牵头单位 / 责  任  单  位 / 工  作  要  求` repeated at
every "page break" (about every 8 tasks), `一、…` sections, `（一）…`
subsections, and numbered task rows of four cells, each cell a line starting
with a tab and continued by lines without one.

The rows exercise what the reader has to get right (DESIGN.md, "Reading the
plan document"): lead and responsible cells left empty below the first task of
a subsection (merged cells, continued from the task above), lead cells of
several lines (two units, one unit split over two lines, a unit followed by
its other name in brackets), responsible cells of `，`-separated phrases, `、`
lists sharing the leading 市, `A会同B、C` and `等相关部门`, and the collective
units (各区人民政府, 市直各委、办、局, …) that stay one unit each.

Everything is drawn from `random.Random(seed)`: the same arguments give the
same plan, byte for byte. The generator keeps, for every task, the unit names
a correct reader must find, so a test can compare the reading with them.

`add_progress` then records monthly progress for every task of a stored plan
through `db.operations.progress.record_month`, in one transaction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from db.months import Month
from db.operations.progress import Report, record_month
from db.schema.database import Database
from db.schema.models import Assignment, Plan, Task
from db.vocabulary import STATUSES

HEADER = ("工  作  任  务", "牵头单位", "责  任  单  位", "工  作  要  求")

# Bodies of unit names: 市 + body + suffix. None starts with 市, 区, 各 or 直
# (the reader would not prefix such a name in a `、` list, or would take it for
# a collective), and none is a unit of the bundled registry.
BODIES = (
    "交通运输", "海洋渔业", "港口管理", "旅游发展", "林业", "粮食储备", "统计", "物价",
    "体育", "科学技术", "侨务", "民族宗教", "外事", "人民防空", "气象", "地震",
    "口岸管理", "金融工作", "信访", "司法", "城市管理", "规划", "文物保护", "海事",
    "邮政管理", "供销合作", "机关事务", "知识产权", "安全生产", "质量技术", "住房保障", "公共资源",
    "大数据", "行政审批", "考评", "机要", "保密", "史志", "老龄工作", "妇女儿童",
    "残疾人事业", "扶贫开发", "对台事务", "招商", "会展", "物流", "航空", "轨道交通",
    "水务", "节能", "循环经济", "乡村振兴", "退役军人事务", "医疗保障", "应急管理", "自然资源",
    "生态环境", "数字经济", "营商环境", "工业和信息化", "海洋发展", "园林绿化", "综合执法", "消防救援",
    "国防动员", "社会治理", "政务数据", "公共交通", "农村工作", "人才发展",
)  # fmt: skip
SUFFIXES = ("局", "委", "办", "中心", "管理处")

# Responsible cells made of collective units only, as the bundled plan writes them.
COLLECTIVE_CELLS = (
    ("各区人民政府", "市直各委、办、局", "各开发区管委会"),
    ("市直各相关部门", "各区人民政府", "各开发区管委会"),
    ("各区人民政府", "各开发区管委会"),
    ("各行业主管部门", "各区人民政府", "各开发区管委会"),
    ("各区人民政府",),
    ("各开发区管委会",),
)

SECTION_TOPICS = (
    "深化改革", "促进经济发展", "民生改善", "助力政府建设", "增强公开实效", "优化营商环境",
    "推进依法行政", "服务乡村振兴", "保障和改善民生", "推动高质量发展", "加强基层治理", "数字政府建设",
)  # fmt: skip
VERBS = ("推进", "加强", "做好", "深化", "完善", "健全", "加大", "规范", "落实", "强化")
OBJECTS = (
    "信息公开", "政策解读", "数据开放", "办事指南公开", "监督检查", "考核评估", "回应关切",
    "结果公开", "标准化建设", "平台建设", "公众参与", "制度建设", "专项整治", "信用体系建设",
)  # fmt: skip
AREAS = (
    "财政预决算", "重大建设项目", "公共资源配置", "社会救助", "就业创业", "环境保护", "食品药品安全",
    "教育", "医疗卫生", "住房保障", "安全生产", "征地拆迁", "行政执法", "政务服务", "国有企业运营",
    "扶贫", "减税降费", "市场监管", "交通出行", "养老服务", "文化旅游", "科技创新",
)  # fmt: skip
REQUIREMENTS = (
    "及时公开{area}领域的政策措施和执行情况",
    "按季度向社会发布{area}相关数据",
    "对社会关注度高的事项，在决策前向社会公开相关信息，并及时反馈意见采纳情况",
    "在政府网站开设专栏，集中发布{area}方面的信息",
    "细化公开内容、范围、时限和方式，提升规范化水平",
    "建立健全{area}信息发布协调机制，明确责任分工",
    "通过新闻发布会、政策吹风会等形式解读{area}政策",
    "确保应公开尽公开，不得以任何理由拒绝公开依法应当公开的信息",
    "做好{area}信息的公开工作，接受社会监督",
    "每半年开展一次自查，形成报告报市政务公开办",
)  # fmt: skip

DONE = (
    "召开专题会议研究部署{area}相关工作",
    "在政府网站发布{area}信息{n}条",
    "完成{area}公开目录的梳理，更新事项{n}项",
    "开展{area}政策解读{n}次，回应群众咨询{m}件",
    "组织业务培训{n}场，参训人员{m}人次",
    "对照工作要求开展自查，整改问题{n}个",
)  # fmt: skip
PROBLEMS = (
    "个别单位信息更新不及时",
    "部分信息公开内容不够细化",
    "基层人员力量不足，业务水平有待提高",
    "数据来源分散，统计口径尚不统一",
    "群众知晓度不高，解读形式较为单一",
)  # fmt: skip
NEXT_STEPS = (
    "继续加大{area}信息公开力度",
    "督促各责任单位按时报送材料",
    "完善工作机制，做好常态化公开",
    "开展专项检查，及时通报结果",
    "加强与媒体的沟通，扩大政策知晓面",
)  # fmt: skip

ONGOING_SHARE = 0.2  # tasks that are a standing duty: 持续推进 every month
BY = "基准测试"


def unit_names(count: int) -> list[str]:
    """`count` distinct unit names, all starting with 市 (市交通运输局, 市统计委, …)."""
    names = [f"市{body}{suffix}" for suffix in SUFFIXES for body in BODIES][:count]
    names.extend(f"市第{n}局" for n in range(len(names) + 1, count + 1))
    return names


def unit_aliases(names: list[str]) -> dict[str, str]:
    """Some units are also known by a second name (`市农业局` `（市委农办）` in the
    bundled plan): every sixth 局 gets `市委…办`."""
    aliases = {}
    for index, name in enumerate(names):
        if index % 6 == 0 and name.endswith("局") and not name.startswith("市第"):
            aliases[name] = f"市委{name[1:-1]}办"
    return aliases


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, up to 999 (the reader knows no 千)."""
    digits = "零一二三四五六七八九"
    if not 1 <= n <= 999:
        raise ValueError(f"numeral out of range: {n}")
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    text = digits[n // 100] + "百"
    if rest == 0:
        return text
    if rest < 10:
        return text + "零" + digits[rest]
    return text + digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else "")


@dataclass
class SyntheticTask:
    """One task row, with the units a correct reader finds in it."""

    number: int
    title: str
    requirement: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    lead_continued: bool  # the lead cell was left empty: merged with the cell above
    responsible_continued: bool


@dataclass
class SyntheticPlan:
    title: str
    year: int
    units: list[str]  # the departments the plan may name (collectives come on top)
    aliases: dict[str, str]  # unit → its other name, for the units that have one
    tasks: list[SyntheticTask] = field(default_factory=list)
    sections: int = 0
    subsections: int = 0
    page_breaks: int = 0
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


class _Deck:
    """Draws units so that every unit is used once before any is used twice."""

    def __init__(self, rng: random.Random, names: list[str]) -> None:
        self.rng = rng
        self.names = names
        self.cards: list[str] = []

    def draw(self, count: int) -> list[str]:
        count = min(count, len(self.names))
        drawn: list[str] = []
        while len(drawn) < count:
            if not self.cards:
                self.cards = self.names[:]
                self.rng.shuffle(self.cards)
            card = self.cards.pop()
            if card in drawn:
                self.cards.insert(0, card)  # keep it for a later cell
            else:
                drawn.append(card)
        return drawn


class _Generator:
    def __init__(self, tasks: int, units: int, year: int, seed: int) -> None:
        if tasks < 1:
            raise ValueError("a plan needs at least one task")
        if units < 1:
            raise ValueError("a plan needs at least one unit")
        self.rng = random.Random(f"synthetic-plan/{seed}")
        self.task_count = tasks
        names = unit_names(units)
        self.plan = SyntheticPlan(
            title=f"合成测试计划{year}年第{seed}号",
            year=year,
            units=names,
            aliases=unit_aliases(names),
        )
        self.deck = _Deck(self.rng, names)
        self.until_break = self._page_length()
        # The reader knows numerals up to 999: big plans get more subsections per section.
        self.subsections_scale = 1 + tasks // 10_000

    def _page_length(self) -> int:
        return self.rng.randint(6, 10)

    def _cell(self, lines: list[str]) -> None:
        """A cell: the first line after a tab, the others as continuation lines."""
        self.plan.lines.append("\t" + lines[0])
        self.plan.lines.extend(lines[1:])

    def _page_break(self) -> None:
        self.plan.lines.append("")
        for text in HEADER:
            self._cell([text])
        self.plan.page_breaks += 1
        self.until_break = self._page_length()

    def _row_start(self) -> None:
        """The blank line before a row; every so often a page break first."""
        if self.until_break <= 0:
            self._page_break()
        self.plan.lines.append("")

    def _area(self) -> str:
        return self.rng.choice(AREAS)

    def generate(self) -> SyntheticPlan:
        plan = self.plan
        plan.lines.extend(["", plan.title])
        self._page_break()
        number = 0
        while number < self.task_count:
            plan.sections += 1
            self._row_start()
            topic = self.rng.choice(SECTION_TOPICS)
            self._cell([f"{chinese_numeral(plan.sections)}、围绕{topic}推进公开"])
            subsections = self.rng.randint(2, 6) * self.subsections_scale
            for sub in range(1, subsections + 1):
                if number >= self.task_count:
                    break
                plan.subsections += 1
                self._row_start()
                self._cell([f"（{chinese_numeral(sub)}）推进{self._area()}{self.rng.choice(OBJECTS)}"])
                if self.rng.random() < 0.05:
                    self._cell([""])  # a stray empty cell after a heading, as in the bundled plan
                size = min(self.rng.randint(1, 6), self.task_count - number)
                above: SyntheticTask | None = None
                for _ in range(size):
                    number += 1
                    above = self._task(number, above)
        return plan

    def _task(self, number: int, above: SyntheticTask | None) -> SyntheticTask:
        rng = self.rng
        self._row_start()
        self.until_break -= 1
        area = self._area()
        title = f"{rng.choice(VERBS)}{area}{rng.choice(OBJECTS)}"
        separator = rng.choice((".", ".", ".", ". ", "．"))
        self._cell([f"{number}{separator}{title}"])

        if above is not None and rng.random() < 0.35:
            lead, lead_continued = list(above.lead), True
            self._cell([""])
        else:
            lines, lead = self._lead_cell()
            lead_continued = False
            self._cell(lines)

        if above is not None and rng.random() < 0.3:
            responsible, responsible_continued = list(above.responsible), True
            self._cell([""])
        else:
            text, responsible = self._responsible_cell()
            responsible_continued = False
            self._cell([text])

        requirement = ""
        if rng.random() > 0.1:
            sentences = rng.sample(REQUIREMENTS, rng.randint(1, 3))
            requirement = "；".join(s.format(area=area) for s in sentences) + "。"
        self._cell([requirement])

        task = SyntheticTask(
            number=number,
            title=title,
            requirement=requirement,
            lead=tuple(lead),
            responsible=tuple(responsible),
            lead_continued=lead_continued,
            responsible_continued=responsible_continued,
        )
        self.plan.tasks.append(task)
        return task

    def _lead_cell(self) -> tuple[list[str], list[str]]:
        """(lines of the cell, the units they name)."""
        r = self.rng.random()
        if r < 0.6:
            (unit,) = self.deck.draw(1)
            return [unit], [unit]
        if r < 0.75:  # two units, one a line, with an empty line between (市发改委 / / 市商务局)
            units = self.deck.draw(2)
            return [units[0], "", *units[1:]], units
        if r < 0.85:  # one unit over two lines (市市场 / / 监督管理局)
            (unit,) = self.deck.draw(1)
            cut = self._cut(unit)
            if cut:
                return [unit[:cut], "", unit[cut:]], [unit]
            return [unit], [unit]
        if r < 0.93:  # a unit and its other name (市农业局 / / （市委农办）)
            (unit,) = self.deck.draw(1)
            if unit in self.plan.aliases:
                return [unit, "", f"（{self.plan.aliases[unit]}）"], [unit]
            return [unit], [unit]
        units = self.deck.draw(2)  # a `、` list sharing 市
        return ["、".join([units[0], *(u[1:] for u in units[1:])])], units

    def _cut(self, unit: str) -> int:
        """Where a name breaks over two lines, as Word wraps a narrow column: after
        two characters of a long body (市市场 / 监督管理局), else before the suffix
        (市林业 / 局). The second line must not start with 市, 区 or 各 (it would be
        read as a unit of its own); 0 when there is no such place."""
        suffix = next((s for s in SUFFIXES if unit.endswith(s)), unit[-1])
        body = len(unit) - 1 - len(suffix)
        cut = 3 if body >= 4 and not unit.startswith("市第") else len(unit) - len(suffix)
        return cut if 1 < cut < len(unit) and unit[cut] not in "市区各" else 0

    def _responsible_cell(self) -> tuple[str, list[str]]:
        """(text of the cell, the units it names)."""
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            collectives = list(rng.choice(COLLECTIVE_CELLS))
            return "，".join(collectives), collectives
        if r < 0.55:  # 市卫计委、建设局、水利局, perhaps with collectives after it
            units = self.deck.draw(rng.randint(2, 5))
            phrases = ["、".join([units[0], *(u[1:] for u in units[1:])])]
            named = list(units)
            if rng.random() < 0.4:
                collectives = list(rng.choice(COLLECTIVE_CELLS))
                phrases.extend(collectives)
                named.extend(collectives)
            return "，".join(phrases), named
        if r < 0.7:  # 市公安局，市人社局
            units = self.deck.draw(rng.randint(1, 4))
            return "，".join(units), units
        if r < 0.85:  # 市公安局会同人社局、卫计委等部门
            units = self.deck.draw(rng.randint(2, 4))
            text = units[0] + "会同" + "、".join(u[1:] for u in units[1:])
            return text + rng.choice(("", "等部门", "等相关部门")), units
        units = self.deck.draw(rng.randint(2, 6))  # 市发改委、卫计委、…等相关部门
        return "、".join([units[0], *(u[1:] for u in units[1:])]) + "等相关部门", units


def generate_plan(tasks: int, units: int, year: int = 2030, seed: int = 1) -> SyntheticPlan:
    """A synthetic plan of `tasks` tasks naming up to `units` departments (all of
    them once the plan is large enough: each is named once before any twice)."""
    return _Generator(tasks, units, year, seed).generate()


def write_text_plan(path: Path, tasks: int, units: int, year: int = 2030, seed: int = 1) -> Path:
    """Write a synthetic plan as UTF-8 text at `path`; return the path."""
    path = Path(path)
    path.write_text(generate_plan(tasks, units, year, seed).text(), encoding="utf-8")
    return path


def add_progress(database: Database, plan_id: int, months: int, seed: int = 1) -> int:
    """Record a progress entry for every task of the plan for each of the first
    `months` months of the plan's year, in one transaction; return how many.

    Each task follows a course: a standing duty reports 持续推进 every month;
    the others are 未启动 until they start, 推进中 until they finish, then 已完成.
    The reporting unit is the task's first lead unit.
    """
    if not 0 <= months <= 12:
        raise ValueError(f"months must be between 0 and 12, not {months}")
    rng = random.Random(f"synthetic-progress/{seed}")
    not_started, in_progress, completed, ongoing = STATUSES
    count = 0
    with database.transaction() as session:
        year = session.scalar(select(Plan.year).where(Plan.id == plan_id))
        if year is None:
            raise ValueError(f"no plan with id {plan_id}")
        tasks = session.execute(select(Task.id, Task.number).where(Task.plan_id == plan_id).order_by(Task.number)).all()
        lead_of: dict[int, int] = {}
        for task_id, unit_id in session.execute(
            select(Assignment.task_id, Assignment.unit_id)
            .join(Task, Assignment.task_id == Task.id)
            .where(Task.plan_id == plan_id, Assignment.role == "lead")
            .order_by(Assignment.task_id, Assignment.position)
        ):
            lead_of.setdefault(task_id, unit_id)

        courses = {}
        for task_id, _number in tasks:
            if rng.random() < ONGOING_SHARE:
                courses[task_id] = (0, 99)
            else:
                start = rng.randint(1, 4)
                courses[task_id] = (start, rng.randint(start + 1, 15))
        for month in range(1, months + 1):
            reports: dict[int, Report] = {}
            for task_id, number in tasks:
                start, finish = courses[task_id]
                area = rng.choice(AREAS)
                if start == 0:
                    status = ongoing
                elif month < start:
                    status = not_started
                elif month < finish:
                    status = in_progress
                else:
                    status = completed
                done = problems = next_steps = evidence = ""
                if status != not_started:
                    done = (
                        f"{month}月，"
                        + rng.choice(DONE).format(area=area, n=rng.randint(1, 30), m=rng.randint(10, 500))
                        + "。"
                    )
                    if rng.random() < 0.5:
                        evidence = rng.choice(
                            (
                                f"http://www.example.gov.cn/zwgk/{year}{month:02d}/t{year}{month:02d}_{number}.htm",
                                f"测府办〔{year}〕{rng.randint(1, 200)}号",
                            )
                        )
                if status != completed:
                    if rng.random() < 0.4:
                        problems = rng.choice(PROBLEMS) + "。"
                    next_steps = rng.choice(NEXT_STEPS).format(area=area) + "。"
                reports[task_id] = Report(
                    status=status,
                    done=done,
                    problems=problems,
                    next_steps=next_steps,
                    evidence=evidence,
                    reporting_unit_id=lead_of.get(task_id),
                )
            count += len(record_month(session, Month.of(year, month), reports, by=BY))
    return count
