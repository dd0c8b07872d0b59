"""Every setting declared once, with its type, default and label (as
MusicBrainz Picard's options.py does), and the office's settings.

An `Option` is a key, a default and a label, and its kind says how a value
is checked and kept as text: `parse` makes the value of what was stored (the
text of a settings row, or whatever QSettings gives back), refusing anything
else with an EditError (db.errors) that names the option by its label; `text` is what is
stored. The office's options (`OFFICE`) are kept in the ledger, shared by
every PC that opens it (db.settings reads and writes them); a PC's own
preferences are options of these kinds too, declared in desktop/preferences.py
and kept in QSettings. The label of an office option is Chinese, as the
core's messages name it; a preference's is the window's English source
string, which Qt translates.

Nothing is imported here but the standard library and db.errors (which
needs only pathlib): the window reads its preferences before the database
code is loaded.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from db.errors import EditError

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    label: str

    def parse(self, value: object) -> T:
        """The value of what was stored; EditError (for the user) when it is not one."""
        raise NotImplementedError

    def text(self, value: T) -> str:
        """The value as it is stored."""
        return str(value)


@dataclass(frozen=True)
class Whole(Option[int]):
    """A whole number from `low` to `high`."""

    low: int
    high: int

    def parse(self, value: object) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise EditError(f"{self.label}应为 {self.low} 到 {self.high} 之间的整数，不是“{value}”") from None
        if not self.low <= number <= self.high:
            raise EditError(f"{self.label}应在 {self.low} 到 {self.high} 之间，不是 {number}")
        return number


@dataclass(frozen=True)
class Fraction(Option[float]):
    """A share from 0 to 1."""

    def parse(self, value: object) -> float:
        text = str(value).strip()
        try:
            fraction = float(text)
        except ValueError:
            raise EditError(f"{self.label}应为 0 到 1 之间的小数，不是“{value}”") from None
        if math.isnan(fraction) or not 0.0 <= fraction <= 1.0:
            raise EditError(f"{self.label}应在 0 到 1 之间，不是 {text}")
        return fraction


@dataclass(frozen=True)
class Text(Option[str]):
    """A line of text, kept without the spaces around it."""

    def parse(self, value: object) -> str:
        if not isinstance(value, str):
            raise EditError(f"{self.label}应为文字")
        return value.strip()

    def text(self, value: str) -> str:
        return value.strip()


@dataclass(frozen=True)
class JsonObject(Option[dict[str, Any]]):
    """A JSON object, for values with a structure of their own."""

    def parse(self, value: object) -> dict[str, Any]:
        try:
            parsed = json.loads(str(value))
        except ValueError:
            raise EditError(f"{self.label}应为 JSON 对象") from None
        if not isinstance(parsed, dict):
            raise EditError(f"{self.label}应为 JSON 对象")
        return parsed

    def text(self, value: dict[str, Any]) -> str:
        return json.dumps(value, ensure_ascii=False)


# -- the office's settings, kept in the ledger -----------------------------------------

# The thresholds of the warning lights (db.queries.status).
NEAR_DAYS = Whole("near_days", 30, "临近期限天数", 0, 365)
BEHIND_FRACTION = Fraction("behind_fraction", 0.5, "序时进度预警比例")
# A month's report is owed from this day of the month on; before it, a
# missing report is not yet a warning (else every task turns yellow on the 1st).
REPORT_DAY = Whole("report_day", 25, "每月报送日", 1, 31)
OFFICE_NAME = Text("office_name", "", "单位名称")  # on the printed sheets; may be empty
BACKUPS_KEPT = Whole("backups_kept", 30, "保留的备份份数", 1, 1000)  # db.safety.backup
PLAN_LAYOUTS = JsonObject("plan_layouts", {}, "记住的计划表列设置")  # db.plans.choices: roles per layout
# db.plans.registry: the office whose sample registry (resources/units.json) the
# database holds, set when it is seeded; empty: the registry is the office's own.
SAMPLE_REGISTRY_OFFICE = Text("sample_registry_office", "", "示例单位登记表所属单位")

# The supervision notices (db.queries.notices): the word before the year of
# their serial number (督办〔2016〕第 3 号), the person and telephone a unit
# calls with questions, the official who signs them, and the days a unit is
# given to reply.
NOTICE_PREFIX = Text("notice_prefix", "督办", "督办单文号前缀")
OFFICE_CONTACT = Text("office_contact", "", "联系人")
OFFICE_PHONE = Text("office_phone", "", "联系电话")
NOTICE_SIGNER = Text("notice_signer", "", "签发人")
REPLY_DAYS = Whole("reply_days", 10, "督办单回复期限天数", 1, 90)

OFFICE: dict[str, Option[Any]] = {
    option.key: option
    for option in (
        NEAR_DAYS,
        BEHIND_FRACTION,
        REPORT_DAY,
        OFFICE_NAME,
        BACKUPS_KEPT,
        PLAN_LAYOUTS,
        SAMPLE_REGISTRY_OFFICE,
        NOTICE_PREFIX,
        OFFICE_CONTACT,
        OFFICE_PHONE,
        NOTICE_SIGNER,
        REPLY_DAYS,
    )
}
