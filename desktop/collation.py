"""Names in the order a Chinese reader looks for them: by pinyin (QCollator
with the zh_CN locale), not by character code, which scatters 市财政局,
市编办 and 市安监局. The core sorts by code point so that every database
gives the same order (db.queries.ledger.units); the window sorts again here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache
from typing import TypeVar

from PySide6.QtCore import QCollator, QCollatorSortKey, QLocale

from db.queries.ledger import UnitInfo
from db.schema.models import UNIT_KINDS

T = TypeVar("T")


@cache
def _collator() -> QCollator:
    return QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def pinyin_key(text: str) -> QCollatorSortKey:
    return _collator().sortKey(text)


def by_pinyin(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """`items` sorted by pinyin of `name(item)`."""
    return sorted(items, key=lambda item: pinyin_key(name(item)))


def units_in_order(infos: Iterable[UnitInfo]) -> list[UnitInfo]:
    """The registry by kind (in the order of UNIT_KINDS), then by pinyin; a
    collective's members by pinyin too."""
    infos = list(infos)
    name_of = {info.id: info.name for info in infos}
    kind_order = {kind: index for index, kind in enumerate(UNIT_KINDS)}
    ordered = sorted(
        by_pinyin(infos, lambda info: info.name), key=lambda info: kind_order.get(info.kind, len(UNIT_KINDS))
    )
    return [
        replace(info, members=tuple(by_pinyin(info.members, lambda member: name_of.get(member, ""))))
        if info.members
        else info
        for info in ordered
    ]
