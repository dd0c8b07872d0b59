"""What a PDF prints where: the words' boxes `pdftotext -bbox` reports, page
by page, and the pairs of them that overlap (text run over other text: a row
too short for its wrapped lines, a column too narrow)."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S)
# Boxes run from the font's ascent to its descent, a little taller than the
# line pitch: two lines of one cell overlap by a point or two. Text that ran
# over other text overlaps it by more than this share of a line's height.
LINE_OVERLAP = 0.3
MIN_WIDTH_OVERLAP = 1.0  # points


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float

    def overlaps(self, other: Word) -> bool:
        across = min(self.x1, other.x1) - max(self.x0, other.x0)
        down = min(self.y1, other.y1) - max(self.y0, other.y0)
        line = min(self.y1 - self.y0, other.y1 - other.y0)
        return across > MIN_WIDTH_OVERLAP and down > LINE_OVERLAP * line


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(word.text for word in self.words)

    def overlapping(self) -> list[tuple[Word, Word]]:
        """Every pair of words whose boxes overlap (a sweep down the page)."""
        words = sorted(self.words, key=lambda word: word.y0)
        pairs = []
        for index, word in enumerate(words):
            for other in words[index + 1 :]:
                if other.y0 >= word.y1:
                    break
                if word.overlaps(other):
                    pairs.append((word, other))
        return pairs


def pages(pdf: Path) -> list[Page]:
    """The pages of `pdf` with their words (poppler's pdftotext)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [
        Page(
            float(width),
            float(height),
            tuple(
                Word(html.unescape(text), float(x0), float(y0), float(x1), float(y1))
                for x0, y0, x1, y1, text in _WORD.findall(body)
            ),
        )
        for width, height, body in _PAGE.findall(out)
    ]
