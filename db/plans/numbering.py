"""The numbering styles of plan headings and tasks: 一、 （一） 1. (1) ① 一是 …

`marker(text)` finds the style, number and the rest of a cell's text. The
styles are ranked the way official documents nest them (GB/T 9704 practice):
第一部分 > 一、 > （一） > 1. > (1) > ① > 一是; the interpreter gives heading
levels to the styles above the one the tasks use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

NUMERALS = "一二三四五六七八九十百零〇两"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
STYLES = ("part", "cn", "paren_cn", "arabic", "paren_arabic", "circled", "yishi")
# What a heading of each style looks like in messages and the preview.
STYLE_LABELS = {
    "part": "第一部分",
    "cn": "一、",
    "paren_cn": "（一）",
    "arabic": "1.",
    "paren_arabic": "(1)",
    "circled": "①",
    "yishi": "一是",
}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第\s*([{NUMERALS}0-9]+)\s*(?:部分|章|篇|板块)\s*[、.．:：]?\s*(.*)$", re.S)),
    ("paren_cn", re.compile(rf"^（\s*([{NUMERALS}]+)\s*）\s*[、.．]?\s*(.*)$", re.S)),
    ("cn", re.compile(rf"^([{NUMERALS}]+)\s*[、.．，,]\s*(.*)$", re.S)),
    ("paren_arabic", re.compile(r"^（?\s*([0-9]+)\s*）\s*[、.．]?\s*(.*)$", re.S)),
    # `1.` but not `1.5亿`; a bare `1 ` is too loose (years, amounts).
    ("arabic", re.compile(r"^([0-9]+)\s*[.．、](?![0-9])\s*(.*)$", re.S)),
    ("circled", re.compile(rf"^([{CIRCLED}])\s*[、.．]?\s*(.*)$", re.S)),
    ("yishi", re.compile(rf"^([{NUMERALS}]+)是\s*[，,：:]?\s*(.*)$", re.S)),
)


_HALF = str.maketrans("０１２３４５６７８９()", "0123456789（）")
_STARTS = frozenset("0123456789（第" + NUMERALS + CIRCLED)


@dataclass(frozen=True)
class Marker:
    style: str
    numeral: str  # as written, bare: 一, 12, ③ → "3"
    number: int  # its value; 0 when it cannot be read
    rest: str  # the text after the marker


def chinese_value(text: str) -> int:
    """一 → 1, 十二 → 12, 二十四 → 24, 一百零五 → 105; 0 for what is not a numeral."""
    digits = {
        "零": 0,
        "〇": 0,
        "一": 1,
        "二": 2,
        "两": 2,
        "三": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "七": 7,
        "八": 8,
        "九": 9,
    }
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return int(text) if text.isdecimal() else 0
    return total + current


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 24 → 二十四, for numbering headings (1–99)."""
    digits = "零一二三四五六七八九"
    if not 1 <= number <= 99:
        return str(number)
    tens, ones = divmod(number, 10)
    text = ("" if tens == 1 else digits[tens]) + "十" if tens else ""
    return text + (digits[ones] if ones else "")


@lru_cache(maxsize=8192)
def marker(text: str) -> Marker | None:
    """The numbering at the start of `text`, or None."""
    text = text.strip().translate(_HALF)
    if not text or text[0] not in _STARTS:
        return None
    for style, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        numeral, rest = match.group(1), match.group(2).strip()
        if style == "circled":
            value = CIRCLED.index(numeral) + 1
            numeral = str(value)
        elif numeral.isdecimal():
            value = int(numeral)
        else:
            value = chinese_value(numeral)
        if style == "yishi" and not rest:
            return None
        if style in ("cn", "yishi") and len(numeral) > 6:  # 一百二十三 at most
            return None
        return Marker(style, numeral, value, rest)
    return None


@lru_cache(maxsize=8192)
def bare_number(text: str) -> int | None:
    """A number standing alone (a 序号 cell): `3`, `3.`, `３`, `3.0` (Excel)."""
    plain = unicodedata.normalize("NFKC", text).strip().rstrip(".、．")
    if plain.endswith(".0"):
        plain = plain[:-2]
    return int(plain) if plain.isdecimal() and 0 < int(plain) < 100_000 else None
