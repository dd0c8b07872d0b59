"""A calendar month of the ledger: "YYYY-MM", checked once, with its days and labels.

The database stores a month as the text "2016-06" (progress_entries.month).
`Month` is that text, checked when it is made: a `str` subclass, so that it
goes into SQL, JSON, Qt's item data and f-strings as the text it is, compares
equal to that text, and sorts in time order ("2016-06" < "2016-10" <
"2017-01", four-digit years). Code that has a Month never splits the text by
hand: it asks for the year, the number, the days and the labels here.
Text from outside (the command line, a returned sheet, the month box) becomes
a Month at that edge; the core's functions make one of what they are given,
which costs nothing for a Month.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Self

from db.errors import EditError

_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class Month(str):
    """A month as "YYYY-MM"; EditError (db.errors, a ValueError: its text for the user) for anything else."""

    __slots__ = ()

    def __new__(cls, text: str) -> Self:
        if isinstance(text, cls):
            return text
        if not isinstance(text, str) or not _PATTERN.match(text) or text.startswith("0000"):
            raise EditError(f"月份应写作 YYYY-MM（如 2016-06），不是“{text}”")
        return super().__new__(cls, text)

    def __repr__(self) -> str:
        return f"Month({str.__repr__(self)})"

    @classmethod
    def of(cls, year: int, number: int) -> Month:
        """Month.of(2016, 6) == "2016-06"."""
        return cls(f"{year:04d}-{number:02d}")

    @classmethod
    def containing(cls, day: date) -> Month:
        return cls.of(day.year, day.month)

    @classmethod
    def of_year(cls, year: int) -> list[Month]:
        """January to December of `year`."""
        return [cls.of(year, number) for number in range(1, 13)]

    @property
    def year(self) -> int:
        return int(self[:4])

    @property
    def number(self) -> int:
        """1 for January … 12 for December."""
        return int(self[5:])

    def next(self) -> Month:
        return Month.of(self.year + self.number // 12, self.number % 12 + 1)

    def previous(self) -> Month:
        return Month.of(self.year - (self.number == 1), (self.number - 2) % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.number, 1)

    @property
    def last_day(self) -> date:
        """Month("2016-02").last_day == date(2016, 2, 29)."""
        return date(self.year, self.number, calendar.monthrange(self.year, self.number)[1])

    @property
    def label(self) -> str:
        """As people write it: 2016年6月 (the window shows it through Qt's translation:
        desktop.labels.month_label)."""
        return f"{self.year}年{self.number}月"

    @property
    def short_label(self) -> str:
        """Within its year: 6月."""
        return f"{self.number}月"
