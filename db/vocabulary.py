"""The program's words for its codes, declared once: the statuses of a task's
month and the warning lights, with their colours. (Month labels belong to
db.months.Month; the levels of a notice will join these.)

The core and the documents (PDF, Excel) print the Chinese words from here.
The window shows the same words through Qt's translation, so that an
English interface comes for free: desktop/labels.py holds, for each code
declared here, the English source string Qt translates, and
tests/test_translations.py checks that the Chinese translation of each is
the word declared here. Nothing is imported: the window takes these before
the database code is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

# The statuses a lead unit reports, in the order every list shows them (the
# schema's CHECK constraint takes its codes from here).
STATUS_LABELS: dict[str, str] = {
    "not_started": "未启动",
    "in_progress": "推进中",
    "completed": "已完成",
    "ongoing": "持续推进",  # a standing duty that is never "done"
}
STATUSES = tuple(STATUS_LABELS)
STATUS_CODES = {label: code for code, label in STATUS_LABELS.items()}

# Why a light shows (db.queries.status decides which one does).
OVERDUE = "逾期"
BEHIND = "滞后于序时进度"
UNREPORTED = "本月未报送"
NEAR = "临近完成时限"


@dataclass(frozen=True)
class Light:
    name: str  # 红灯
    meaning: str  # what it says about a task
    colour: str  # the dot on screen, "#rrggbb"
    fill: str  # the pale shade behind a cell's text in a workbook, "RRGGBB"

    @property
    def legend(self) -> str:
        """红灯：逾期"""
        return f"{self.name}：{self.meaning}"


LIGHTS: dict[str, Light] = {
    "red": Light("红灯", OVERDUE, "#d62c2c", "F4B6B6"),
    "yellow": Light("黄灯", f"{BEHIND}或{UNREPORTED}", "#e8b100", "FBE7A1"),
    "blue": Light("蓝灯", NEAR, "#2f6fd6", "BDD3F5"),
}


def light_reason(light: str | None, behind: bool) -> str:
    """A task's light with its own reason (a yellow one says which of its two):
    "黄灯：本月未报送"; empty for no light."""
    if light is None:
        return ""
    if light == "yellow":
        return f"{LIGHTS[light].name}：{BEHIND if behind else UNREPORTED}"
    return LIGHTS[light].legend


# The office's verdict on a completion a unit reported (销号 / 退回): a task
# reported 已完成 is 待销号 until one of these is given.
VERDICT_LABELS: dict[str, str] = {
    "signed_off": "已销号",
    "returned": "已退回",
}
VERDICTS = tuple(VERDICT_LABELS)
AWAITING_SIGN_OFF = "待销号"

# A unit's request for a later deadline (延期申请), and what became of it.
EXTENSION_LABELS: dict[str, str] = {
    "pending": "待审批",
    "approved": "已批准",
    "refused": "未批准",
}
EXTENSION_STATES = tuple(EXTENSION_LABELS)

# The escalation steps of a notice, blue → yellow → red, each with its light.
NOTICE_LEVEL_LABELS: dict[str, str] = {
    "reminder": "提醒单",
    "notice": "督办单",
    "red": "红色督办单",
}
NOTICE_LEVELS = tuple(NOTICE_LEVEL_LABELS)
NOTICE_LEVEL_LIGHTS = {"reminder": "blue", "notice": "yellow", "red": "red"}

# Where the 催报 list, the supervision sheet and the ledger put the tasks that
# name no lead unit, until the office gives them one: the office itself
# chases them, with a fill-in sheet of its own.
NO_LEAD_UNIT = "需明确牵头单位"
