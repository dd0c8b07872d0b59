"""Which characters a font file can print, read from its tables without
parsing the whole font, and kept in the user's cache folder.

Finding a font for a character that the report's own font lacks means asking
every font on the machine (a Windows fonts folder holds hundreds). ReportLab
answers only after parsing a whole font (0.2–0.4 s for a Chinese one); the
table directory, OS/2 and cmap tables are read in milliseconds. Each file is
read once: the answer is kept in one file of the cache folder, stamped with
the font file's size and modification time.

A font is usable when ReportLab can embed it (DESIGN.md, "Known traps"):
TrueType outlines (glyf, not CFF), no colour bitmaps standing in for the
outlines (sbix: Apple Color Emoji; CBDT: Noto Color Emoji), and a licence
(OS/2 fsType) that allows embedding subsets. Of a .ttc, the first face is
read, as ReportLab registers it.

A fallback font should look like the text around it: of two fonts that have a
character, a regular face is taken before a condensed or expanded one, and
that before a bold, light or italic one (`face_rank`, from OS/2).
"""

from __future__ import annotations

import marshal
import struct
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from db.errors import DiskFullError
from db.safety.storage import write_bytes

_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_BITMAP_ONLY = ("sbix", "CBDT")
_CACHE_FORMAT = 2
_CACHE_NAME = "coverage.marshal"


@dataclass(frozen=True)
class Coverage:
    """The code points a font maps to a glyph, as sorted inclusive ranges
    flattened to (start, end, start, end, …)."""

    usable: bool
    ranges: tuple[int, ...] = ()
    face_rank: int = 0  # 0 regular, 1 another width, 2 another weight or italic

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int):
            return False
        index = bisect_right(self.ranges, code)
        return index % 2 == 1 or (index > 0 and self.ranges[index - 1] == code)

    def count(self, first: int, last: int) -> int:
        """How many code points of first..last the font has."""
        starts, ends = self.ranges[::2], self.ranges[1::2]
        return sum(max(0, min(end, last) - max(start, first) + 1) for start, end in zip(starts, ends, strict=True))


UNUSABLE = Coverage(False)


def read_coverage(path: Path) -> Coverage:
    """What the font file can print; UNUSABLE for a file that is no usable
    TrueType font (or cannot be read)."""
    try:
        with path.open("rb") as file:
            return _read(file)
    except (OSError, ValueError, struct.error, IndexError):  # a damaged or foreign file: not a font to use
        return UNUSABLE


def _read(file: BinaryIO) -> Coverage:
    header = file.read(12)
    if header[:4] == b"ttcf":
        (first,) = struct.unpack(">I", file.read(4))
        file.seek(first)
        header = file.read(12)
    if header[:4] not in _TRUETYPE:
        return UNUSABLE  # OTTO: CFF outlines
    (count,) = struct.unpack(">H", header[4:6])
    directory = file.read(16 * count)
    tables = {
        tag.decode("latin-1"): (offset, length)
        for tag, _checksum, offset, length in struct.iter_unpack(">4sIII", directory)
    }
    if "glyf" not in tables or "loca" not in tables or any(tag in tables for tag in _BITMAP_ONLY):
        return UNUSABLE
    face_rank = 0  # a font without OS/2 (an old Mac font) tells nothing else
    if "OS/2" in tables:
        file.seek(tables["OS/2"][0])
        os2 = file.read(64)
        weight, width, fs_type = struct.unpack_from(">HHH", os2, 4)
        if fs_type == 0x0002 or fs_type & 0x0300:  # ReportLab's test: restricted, or no subsetting
            return UNUSABLE
        (selection,) = struct.unpack_from(">H", os2, 62)
        if not 350 <= weight <= 500 or selection & 0b100001:  # italic, bold
            face_rank = 2
        elif width != 5:
            face_rank = 1
    if "cmap" not in tables:
        return UNUSABLE
    offset, length = tables["cmap"]
    file.seek(offset)
    return Coverage(True, _merged(_cmap_ranges(file.read(length))), face_rank)


def _cmap_ranges(cmap: bytes) -> list[tuple[int, int]]:
    """The ranges of the best Unicode subtable: format 12 (all planes) before
    format 4 (the BMP)."""
    (count,) = struct.unpack_from(">H", cmap, 2)
    best: tuple[int, int] | None = None  # (preference, offset)
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * index)
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        if not unicode:
            continue
        (subtable_format,) = struct.unpack_from(">H", cmap, offset)
        preference = {12: 0, 4: 1}.get(subtable_format)
        if preference is not None and (best is None or preference < best[0]):
            best = (preference, offset)
    if best is None:
        return []
    return _format_12(cmap, best[1]) if best[0] == 0 else _format_4(cmap, best[1])


def _format_12(cmap: bytes, offset: int) -> list[tuple[int, int]]:
    (groups,) = struct.unpack_from(">I", cmap, offset + 12)
    ranges = []
    for start, end, glyph in struct.iter_unpack(">III", cmap[offset + 16 : offset + 16 + 12 * groups]):
        start += glyph == 0  # glyph 0 is .notdef: that code point has nothing
        if start <= end:
            ranges.append((start, end))
    return ranges


def _format_4(cmap: bytes, offset: int) -> list[tuple[int, int]]:
    (doubled,) = struct.unpack_from(">H", cmap, offset + 6)
    segments = doubled // 2
    ends = struct.unpack_from(f">{segments}H", cmap, offset + 14)
    starts = struct.unpack_from(f">{segments}H", cmap, offset + 16 + doubled)
    deltas = struct.unpack_from(f">{segments}h", cmap, offset + 16 + 2 * doubled)
    range_offsets_at = offset + 16 + 3 * doubled
    range_offsets = struct.unpack_from(f">{segments}H", cmap, range_offsets_at)
    ranges = []
    for index, (start, end, delta, range_offset) in enumerate(zip(starts, ends, deltas, range_offsets, strict=True)):
        if start > end:
            continue
        if range_offset == 0:  # glyph = code + delta: only one code point can land on glyph 0
            empty = -delta & 0xFFFF
            ranges += [(a, b) for a, b in ((start, min(end, empty - 1)), (max(start, empty + 1), end)) if a <= b]
            continue
        at = range_offsets_at + 2 * index + range_offset
        within = min(end - start + 1, max(0, (len(cmap) - at) // 2))  # a broken font may point past the table
        glyphs = struct.unpack_from(f">{within}H", cmap, at)
        ranges += [(start + i, start + i) for i, glyph in enumerate(glyphs) if glyph and (glyph + delta) & 0xFFFF]
    return [(start, end) for start, end in ranges if start != 0xFFFF]


def _merged(ranges: list[tuple[int, int]]) -> tuple[int, ...]:
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(value for pair in merged for value in pair)


class CoverageCache:
    """The coverage of font files, read once each and kept in `folder`
    (one marshal file of plain values) while the file is unchanged."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / _CACHE_NAME
        self._entries: dict[str, tuple[int, int, bool, tuple[int, ...], int]] | None = None
        self._changed = False

    def _load(self) -> dict[str, tuple[int, int, bool, tuple[int, ...], int]]:
        if self._entries is None:
            try:
                saved_format, entries = marshal.loads(self.file.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                saved_format, entries = None, {}
            self._entries = entries if saved_format == _CACHE_FORMAT and isinstance(entries, dict) else {}
        return self._entries

    def get(self, path: Path) -> Coverage:
        try:
            info = path.stat()
        except OSError:
            return UNUSABLE
        entries = self._load()
        key = str(path)
        entry = entries.get(key)
        if entry is not None and entry[:2] == (info.st_size, info.st_mtime_ns):
            return Coverage(entry[2], entry[3], entry[4])
        coverage = read_coverage(path)
        entries[key] = (info.st_size, info.st_mtime_ns, coverage.usable, coverage.ranges, coverage.face_rank)
        self._changed = True
        return coverage

    def save(self) -> None:
        """Write what was read since the last save (a read-only cache folder
        only means reading the fonts again next time)."""
        if not self._changed or self._entries is None:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(self.file, marshal.dumps((_CACHE_FORMAT, self._entries)))
            self._changed = False
        except (OSError, DiskFullError):
            pass
