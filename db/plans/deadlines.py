"""Reading the 完成时限 of a task: `2016年6月底`, `6月30日`, `2016-06-30`, a date cell."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

_YEAR_END = re.compile(r"(\d{4})\s*年\s*(?:底|末|12月底)")
_FULL = re.compile(r"(?:(\d{4})\s*[年.\-/])?\s*(\d{1,2})\s*(?:月|[.\-/])\s*(?:(\d{1,2})\s*日?|底|末)?")


def parse_deadline(value: object, year: int) -> date | None:
    """The date a deadline cell means, or None when it names none (`长期`, empty).

    A month without a day means the month's end; a date without a year is in
    the plan's year.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    year_end = _YEAR_END.search(text)
    if year_end:
        return date(int(year_end.group(1)), 12, 31)
    match = _FULL.search(text)
    if not match:
        return None
    the_year = int(match.group(1)) if match.group(1) else year
    month = int(match.group(2))
    if not 1 <= month <= 12:
        return None
    last_day = calendar.monthrange(the_year, month)[1]
    day = int(match.group(3)) if match.group(3) else last_day
    return date(the_year, month, min(max(day, 1), last_day))
