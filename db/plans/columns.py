"""Column roles and the header texts that name them.

Offices name the same column in many ways (issue 8 lists those seen in
published plans). A header text is compared without white space and without
brackets' content; an exact name wins, then the longest name the text
contains (`牵头单位（部门）` → lead, `主要任务及目标` → title).
"""

from __future__ import annotations

import re
from functools import lru_cache

COLUMN_ROLES = (
    "number",  # 序号
    "title",  # the task
    "requirement",  # 工作要求
    "lead",  # 牵头单位
    "responsible",  # 责任单位 / 配合单位
    "units",  # one column holding lead and others together ("X牵头，Y配合")
    "deadline",  # 完成时限
    "heading",  # a column of headings merged down over the rows they head
    "leader",  # 责任领导 / 分管领导: kept as text, not a unit
    "remark",  # 备注
    "ignore",
)

# role → names; checked in this order for containment, so the more specific come first.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "序"),
    "leader": ("责任领导", "分管领导", "牵头领导", "分管市领导", "责任市领导", "联系领导", "领导"),
    "lead": ("牵头单位", "牵头部门", "牵头科室", "牵头处室", "主办单位", "牵头"),
    "units": ("责任分工", "责任单位及分工", "牵头及配合单位", "单位分工"),
    "responsible": (
        "责任单位",
        "配合单位",
        "责任部门",
        "责任科室",
        "参与单位",
        "协办单位",
        "配合部门",
        "协作单位",
        "协同单位",
        "责任主体",
        "实施单位",
        "配合",
    ),
    "deadline": ("完成时限", "时限要求", "时间节点", "完成时间", "完成期限", "时间安排", "时限", "时间", "期限"),
    "requirement": (
        "具体要求",
        "工作要求",
        "工作措施",
        "具体措施",
        "工作目标",
        "目标要求",
        "主要措施",
        "工作举措",
        "具体内容",
        "要求",
        "措施",
        "目标",
    ),
    "title": (
        "工作任务",
        "重点任务",
        "目标任务",
        "任务内容",
        "工作内容",
        "主要内容",
        "具体任务",
        "主要任务",
        "工作事项",
        "任务名称",
        "任务",
        "事项",
        "内容",
    ),
    "heading": ("类别", "项目类别", "任务类别", "工作类别", "板块", "领域", "类型"),
    "remark": ("备注", "说明"),
}

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_SPACE_PUNCT = re.compile(r"[\s　:：、/／]+")
MAX_NAME = 12  # a header cell is short; a long text containing 任务 is data


def normalise(text: str) -> str:
    return _SPACE_PUNCT.sub("", text)


@lru_cache(maxsize=4096)
def role_of_name(text: str) -> str | None:
    """The role a header text names, or None."""
    if len(text) > 4 * MAX_NAME:
        return None
    plain = normalise(text)
    if not plain or len(plain) > MAX_NAME + 6:
        return None
    for role, names in COLUMN_NAMES.items():
        if plain in names:
            return role
    bare = _BRACKETS.sub("", plain)
    if not bare or len(bare) > MAX_NAME:
        return None
    for role, names in COLUMN_NAMES.items():
        if bare in names:
            return role
    best: tuple[int, str] | None = None
    for role, names in COLUMN_NAMES.items():
        for name in names:
            if len(name) >= 2 and name in bare and (best is None or len(name) > best[0]):
                best = (len(name), role)
    return best[1] if best else None


def is_header_row(texts: list[str], loose: bool = False) -> bool:
    """Whether a row of texts looks like a header: at least two different roles
    named, one of them a task or unit column, and nothing long. `loose` (for the
    first rows of a table): two or more short texts, one naming a role, will do
    (`任务 | 单位`)."""
    from db.plans.numbering import marker

    present = [text for text in texts if text]
    named = [role_of_name(text) for text in present]
    roles = {role for role in named if role}
    enough = len(roles) >= 2 and sum(1 for role in named if role) >= 0.6 * len(present)
    if not enough and not (loose and roles and len(present) >= 2):
        return False
    pairs = zip(present, named, strict=True)
    if any(marker(text) or (role is None and len(normalise(text)) > MAX_NAME) for text, role in pairs):
        return False
    return bool(roles & {"title", "lead", "responsible", "units", "requirement"})
