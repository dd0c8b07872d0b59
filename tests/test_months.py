"""The Month value: "YYYY-MM" checked once, ordered, stepped, with its days and labels."""

from __future__ import annotations

import json
from datetime import date

import pytest

from db.months import Month


@pytest.mark.parametrize(
    "text", ["2016-13", "2016-00", "2016-5", "16-05", "2016/05", "2016-05-01", " 2016-05", "0000-01", ""]
)
def test_what_is_not_a_month_is_refused_in_plain_words(text: str) -> None:
    with pytest.raises(ValueError, match=f"月份应写作 YYYY-MM（如 2016-06），不是“{text}”"):
        Month(text)


def test_a_month_is_the_text_the_database_stores() -> None:
    june = Month("2016-06")
    assert june == "2016-06" and hash(june) == hash("2016-06") and {"2016-06": 1}[june] == 1
    assert type(str(june)) is str and str(june) == "2016-06"
    assert json.dumps({june: june}) == '{"2016-06": "2016-06"}'
    assert Month(june) is june  # made once: a Month is not checked again
    assert (june.year, june.number) == (2016, 6)
    assert Month.of(2016, 6) == june and Month.containing(date(2016, 6, 30)) == june


def test_months_sort_and_step_in_time_order() -> None:
    months = [Month(text) for text in ("2017-01", "2016-10", "2016-06", "2016-12")]
    assert sorted(months) == ["2016-06", "2016-10", "2016-12", "2017-01"]
    assert Month("2016-06").next() == "2016-07" and Month("2016-12").next() == "2017-01"
    assert Month("2016-06").previous() == "2016-05" and Month("2016-01").previous() == "2015-12"
    assert all(month.next().previous() == month for month in Month.of_year(2016))
    assert Month.of_year(2016) == [f"2016-{number:02d}" for number in range(1, 13)]


def test_first_and_last_days() -> None:
    assert Month("2016-02").first_day == date(2016, 2, 1)
    assert Month("2016-02").last_day == date(2016, 2, 29)
    assert Month("2015-02").last_day == date(2015, 2, 28)
    assert Month("2016-12").last_day == date(2016, 12, 31)


def test_labels_as_people_write_them() -> None:
    assert Month("2016-06").label == "2016年6月" and Month("2016-10").label == "2016年10月"
    assert Month("2016-06").short_label == "6月"
