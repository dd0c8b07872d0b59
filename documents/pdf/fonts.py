"""The Chinese fonts of the printed reports, embedded (as subsets) in every PDF.

A PDF that only names a font prints with whatever the reading PC substitutes;
one that carries its font prints the same everywhere. ReportLab embeds
TrueType outlines only (DESIGN.md, "Known traps"): OpenType/CFF fonts such as
Noto CJK fail, as do fonts whose licence forbids embedding.

Search order, each folder's fonts preferred over the next:

1. `resources/fonts/` of the program: the office may drop its own TTF/TTC
   there (仿宋_GB2312, 黑体, 方正小标宋 …); a font whose file name says nothing
   of its style is used for body and headings alike;
2. the folders of the environment variable DUBAN_FONT_DIRS (os.pathsep-separated);
3. the Windows fonts folders (system and per-user): simfang.ttf 仿宋 for the
   body, simhei.ttf 黑体 for headings, simsun.ttc 宋体, simkai.ttf 楷体, msyh.ttc;
4. fontconfig on Linux (`fc-list :lang=zh file`): WenQuanYi, AR PL UMing/UKai.

With DUBAN_SYSTEM_FONTS=0 only the first two are searched (the tests use it,
so that they print the same on every machine).

From the fonts found, the body face is the best of 仿宋, 宋体/明体, 雅黑/Micro
Hei, 楷体 and the heading face the best of 黑体, 小标宋, Zen Hei, other 黑 faces,
in the first folder that has one; with a single font it serves for both. A
font that fails to register or lacks Chinese glyphs is skipped. With none,
the reports use ReportLab's built-in CID font STSong-Light, which is not
embedded: `FontChoice.note` says so, for the command line and the window to show.

No one font has every character: 仿宋 lacks the CJK Extension-B characters of
many personal and place names (𠀀 𠮷) and every font of the body lacks emoji.
`Fallbacks` finds, character by character, the first font that has it: the
Chinese fonts above (body, then heading order), the other fonts of the first
two folders, Windows' SimSun-ExtB (simsunb.ttf), MingLiU-ExtB, Segoe UI Emoji
and Symbol, the other Windows fonts, then every font fontconfig knows (or, with
no fontconfig, those of the usual font folders of Linux and macOS). Which
characters a font has is read from its cmap and cached (coverage.py); only a
font that is needed is parsed and embedded.

Parsing a Chinese TrueType file takes ReportLab 0.2–0.4 s (pure Python over
tens of thousands of glyphs), more than the rest of a 66-task sheet. What it
reads is kept in the user's cache folder (marshal: plain values, no code) and
used again while the font file is unchanged.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from db.errors import DiskFullError
from db.paths import APP_DIR_NAME
from db.resources import RESOURCES
from db.safety.storage import write_bytes
from documents.pdf.coverage import Coverage, CoverageCache

FONT_DIR = RESOURCES / "fonts"
ENV_DIRS = "DUBAN_FONT_DIRS"
ENV_SYSTEM = "DUBAN_SYSTEM_FONTS"  # "0": no fonts of the system, only FONT_DIR and DUBAN_FONT_DIRS
FALLBACK = "STSong-Light"
FALLBACK_NOTE = "未找到可嵌入的中文字体，使用内置 STSong-Light，打印效果可能因电脑而异"
_SUFFIXES = (".ttf", ".ttc")  # .otf is CFF: ReportLab cannot embed it
# A Chinese font has thousands of the CJK Unified Ideographs (GB2312 alone
# 6,763); an emoji or symbol font may have a few (Symbola has 中).
_IDEOGRAPHS = (0x4E00, 0x9FFF)
_CHINESE_MINIMUM = 3000
# Windows fonts made for what the others lack, tried in this order before the
# rest: SimSun-ExtB, MingLiU-ExtB (CJK Extension B), Segoe UI Emoji, Segoe UI Symbol.
_WINDOWS_FALLBACKS = ("simsunb.ttf", "mingliub.ttc", "seguiemj.ttf", "seguisym.ttf")
# Where fonts are when there is no fontconfig to ask.
_FONT_FOLDERS = {
    "darwin": ("/System/Library/Fonts", "/Library/Fonts", "~/Library/Fonts"),
    "linux": ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts"),
}

# (keywords of a file name, rank as body face, rank as heading face), tried in
# this order: the first entry whose keyword the lower-cased name contains
# classifies the font (小标宋 before 宋, the 雅黑 family before 黑). Lower ranks
# are better; None: not for that role.
_STYLES: tuple[tuple[tuple[str, ...], int | None, int | None], ...] = (
    (("小标宋", "xiaobiaosong", "biaosong", "xbs"), None, 1),
    (("仿宋", "fangsong", "simfang"), 0, None),
    (("楷", "kai"), 3, None),
    (("zenhei",), None, 2),
    (("microhei", "yahei", "msyh", "雅黑"), 2, 3),
    (("黑", "hei"), None, 0),
    (("宋", "song", "simsun", "ming"), 1, None),
)
_UNKNOWN = 9  # a font the office put in an explicit folder without a telling name


@dataclass(frozen=True)
class FontChoice:
    """The registered font names the reports draw with."""

    body: str
    heading: str
    embedded: bool  # False: the CID fallback, which the PDF names but does not carry
    note: str  # for the user: which fonts, or why none was embedded
    fallbacks: Fallbacks = field(compare=False, repr=False)  # for the characters body and heading lack


@dataclass(frozen=True)
class FontFile:
    path: Path
    folder: int  # position of its folder in the search order
    explicit: bool  # from resources/fonts or DUBAN_FONT_DIRS


def _font_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in _SUFFIXES and p.is_file())
    except OSError:  # missing or unreadable: nothing there
        return []


def _system_fonts() -> bool:
    return os.environ.get(ENV_SYSTEM, "1") != "0"


def _windows_folders() -> list[Path]:
    if sys.platform != "win32" or not _system_fonts():
        return []
    windir = Path(os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows")
    folders = [windir / "Fonts"]
    if local := os.environ.get("LOCALAPPDATA"):  # fonts installed for one user only
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return folders


@cache
def _fontconfig_files() -> tuple[Path, ...]:
    """The Chinese fonts fontconfig knows, asked once per process."""
    program = shutil.which("fc-list")
    if program is None:
        return ()
    try:
        output = subprocess.run(
            [program, ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    paths = {Path(line.strip().rstrip(":")) for line in output.splitlines() if line.strip()}
    return tuple(sorted(p for p in paths if p.suffix.lower() in _SUFFIXES))


@cache
def _other_system_files() -> tuple[Path, ...]:
    """Every TrueType file of Linux or macOS: fontconfig's (`fc-list : file`),
    or with no fontconfig, those of the usual font folders. Asked once per
    process, and only when a character needs a fallback font."""
    if sys.platform == "win32":
        return ()  # the Windows folders are searched on their own
    program = shutil.which("fc-list")
    if program is not None:
        try:
            output = subprocess.run(
                [program, ":", "file"], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            output = ""
        paths = {Path(line.strip().rstrip(":")) for line in output.splitlines() if line.strip()}
    else:
        folders = [Path(folder).expanduser() for folder in _FONT_FOLDERS.get(sys.platform, _FONT_FOLDERS["linux"])]
        paths = {path for folder in folders if folder.is_dir() for path in _walk(folder)}
    return tuple(sorted(p for p in paths if p.suffix.lower() in _SUFFIXES))


def _walk(folder: Path) -> Iterator[Path]:
    for root, _dirs, files in os.walk(folder, onerror=lambda _error: None):
        yield from (Path(root, name) for name in files)


def font_candidates() -> list[FontFile]:
    """Every TrueType file the search may use, folder by folder in search order."""
    explicit = [FONT_DIR, *(Path(d) for d in os.environ.get(ENV_DIRS, "").split(os.pathsep) if d)]
    groups: list[tuple[list[Path], bool]] = [(_font_files(folder), True) for folder in explicit]
    groups += [(_font_files(folder), False) for folder in _windows_folders()]
    if _system_fonts():
        groups.append((list(_fontconfig_files()), False))
    return [FontFile(path, folder, is_explicit) for folder, (paths, is_explicit) in enumerate(groups) for path in paths]


def _style(path: Path) -> tuple[int | None, int | None] | None:
    """(body rank, heading rank) told by the file name, None if it tells nothing."""
    name = path.name.lower()
    for keywords, body, heading in _STYLES:
        if any(keyword in name for keyword in keywords):
            return body, heading
    return None


def _ranked(candidates: list[FontFile], role: int) -> list[FontFile]:
    """The candidates fit for a role (0 body, 1 heading), best first: the
    earliest folder, then the best style, then a regular face before a bold
    or italic one. A system font whose name tells no style may be a Latin
    font and is never taken."""
    keyed = []
    for candidate in candidates:
        style = _style(candidate.path)
        rank = _UNKNOWN if style is None and candidate.explicit else (style or (None, None))[role]
        if rank is not None:
            keyed.append(((candidate.folder, rank, coverage(candidate.path).face_rank), candidate))
    keyed.sort(key=lambda item: item[0])
    return [candidate for _key, candidate in keyed]


def coverage(path: Path) -> Coverage:
    """What the font file can print (read once, then from the cache)."""
    return _coverage_cache(cache_dir()).get(path)


@cache
def _coverage_cache(folder: Path) -> CoverageCache:
    return CoverageCache(folder)


@cache
def _register(path: Path) -> str | None:
    """Register the font (the first face of a .ttc) once per process; its
    name, or None when ReportLab cannot use it."""
    name = "TTF-" + hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:12]
    try:
        font = _cached_font(name, path) or _parse_font(name, path)
    except Exception:  # noqa: BLE001 - a font file from anywhere can fail in any way; skip it
        return None
    pdfmetrics.registerFont(font)
    return name


def _first_usable(ranked: list[FontFile]) -> tuple[str, Path] | None:
    """The first Chinese font of the list that ReportLab can use."""
    try:
        for candidate in ranked:
            found = coverage(candidate.path)
            if found.usable and found.count(*_IDEOGRAPHS) >= _CHINESE_MINIMUM and (name := _register(candidate.path)):
                return name, candidate.path
        return None
    finally:
        _coverage_cache(cache_dir()).save()


def _family(name: str) -> str:
    family = cast(TTFont, pdfmetrics.getFont(name)).face.familyName  # every font registered here is TrueType
    return str(getattr(family, "ustr", None) or family.decode("latin-1"))


def choose_fonts() -> FontChoice:
    """The body and heading faces of the reports (registered with ReportLab).

    The search runs again on every call (a listing of a few folders), so a
    font dropped into resources/fonts is found without restarting; parsing and
    registering a font file happens once per process.
    """
    candidates = font_candidates()
    fallbacks = Fallbacks(candidates)
    body = _first_usable(_ranked(candidates, 0))
    heading = _first_usable(_ranked(candidates, 1))
    if body is None and heading is None:
        return _cid_choice(fallbacks)
    body = body or heading
    heading = heading or body
    assert body is not None and heading is not None
    note = f"已嵌入字体：正文 {describe(body[0], body[1])}，标题 {describe(heading[0], heading[1])}"
    return FontChoice(body[0], heading[0], True, note, fallbacks)


def describe(name: str, path: Path) -> str:
    """A registered font for the user: family（file name）."""
    return f"{_family(name)}（{path.name}）"


def _cid_choice(fallbacks: Fallbacks) -> FontChoice:
    if FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return FontChoice(FALLBACK, FALLBACK, False, FALLBACK_NOTE, fallbacks)


# -- fallback fonts: what the body and heading faces lack ------------------------


class Fallbacks:
    """The fonts that print the characters the report's fonts lack, found
    character by character in `fallback_order` and registered when first
    needed. A character no font has gets None."""

    def __init__(self, candidates: list[FontFile]) -> None:
        self._candidates = candidates
        self._order: list[tuple[Path, Coverage]] | None = None
        self._found: dict[int, str | None] = {}
        self.files: dict[str, Path] = {}  # registered name -> font file, of the fonts found

    def font_for(self, char: str) -> str | None:
        """The registered name of the first font that has `char`."""
        code = ord(char)
        if code not in self._found:
            self._found[code] = self._search(code)
        return self._found[code]

    def _search(self, code: int) -> str | None:
        if self._order is None:
            try:
                self._order = [
                    (path, found) for path in fallback_order(self._candidates) if (found := coverage(path)).usable
                ]
            finally:
                _coverage_cache(cache_dir()).save()
        for path, found in self._order:
            if code in found and (name := _register(path)) and _has_glyph(name, code):
                self.files[name] = path
                return name
        return None


def _has_glyph(name: str, code: int) -> bool:
    """ReportLab's own cmap agrees (it draws glyph 0, nothing, for the rest)."""
    return bool(cast(TTFont, pdfmetrics.getFont(name)).face.charToGlyph.get(code))


def fallback_order(candidates: list[FontFile]) -> list[Path]:
    """Where a character is looked for: the Chinese fonts fit for the body,
    then those for headings; every font of resources/fonts and DUBAN_FONT_DIRS;
    the Windows fonts made for what others lack (SimSun-ExtB first), then the
    other fonts of the search and every font of the system. Within the
    office's fonts and the system's, regular faces come first."""
    ranked = [candidate.path for role in (0, 1) for candidate in _ranked(candidates, role)]
    explicit = [candidate.path for candidate in candidates if candidate.explicit]
    others = [candidate.path for candidate in candidates if not candidate.explicit]
    preferred = sorted(
        (path for path in others if path.name.lower() in _WINDOWS_FALLBACKS),
        key=lambda path: _WINDOWS_FALLBACKS.index(path.name.lower()),
    )
    system = list(_other_system_files()) if _system_fonts() else []
    return list(dict.fromkeys([*ranked, *_regular_first(explicit), *preferred, *_regular_first([*others, *system])]))


def _regular_first(paths: list[Path]) -> list[Path]:
    """Regular faces before condensed ones, those before bold, light and italic
    ones; else in order."""
    return sorted(paths, key=lambda path: coverage(path).face_rank)


# ReportLab 5 writes a code point above U+FFFF into a font's ToUnicode CMap as
# five or six hex digits, which PDF readers reject: copying, searching and
# text extraction then lose 𠀀 or 😀 although they print. PDF wants UTF-16
# there, a surrogate pair.
_WIDE_TARGET = re.compile(r"<([0-9A-F]{5,6})>$", re.MULTILINE)
_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    def utf16(match: re.Match[str]) -> str:
        return f"<{chr(int(match[1], 16)).encode('utf-16-be').hex().upper()}>"

    return _WIDE_TARGET.sub(utf16, _reportlab_to_unicode(fontname, subset))


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


# -- the cache of parsed fonts -------------------------------------------------

_CACHE_FORMAT = 1
# Attributes made anew on loading: objects, the file's bytes, a lambda.
_MADE_ANEW = {"face", "encoding", "state", "_ttf_data", "_pdfScale"}


def cache_dir() -> Path:
    """Where parsed fonts are kept: the user's cache folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_DIR_NAME / "cache"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / APP_DIR_NAME
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP_DIR_NAME
    return base / "fonts"


def _cache_file(path: Path) -> tuple[Path, list[Any]]:
    """The cache file of a font and the stamp it must carry to be used."""
    info = path.stat()
    stamp = [_CACHE_FORMAT, reportlab.Version, list(sys.version_info[:2]), str(path), info.st_size, info.st_mtime_ns]
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"{digest}.marshal", stamp


def _plain(attributes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Attributes as marshal stores them: the values, and the names ReportLab
    keeps as TTFNameBytes (a bytes subclass marshal refuses)."""
    values, names = {}, {}
    for key, value in attributes.items():
        if key in _MADE_ANEW:
            continue
        if isinstance(value, TTFNameBytes):
            names[key] = bytes(value)
        else:
            values[key] = value
    return values, names


def _parse_font(name: str, path: Path) -> TTFont:
    """Parse the font file, and keep what was read for the next process."""
    font = TTFont(name, str(path), subfontIndex=0)
    cache_file, stamp = _cache_file(path)
    try:
        data = marshal.dumps([stamp, _plain(vars(font)), _plain(vars(font.face))])
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(cache_file, data)
    except (OSError, ValueError, DiskFullError):  # a read-only or full cache, or values marshal cannot store
        pass  # parse it again next time
    return font


def _restore(object_: Any, plain: tuple[dict[str, Any], dict[str, bytes]]) -> None:
    values, names = plain
    vars(object_).update(values)
    vars(object_).update({key: TTFNameBytes(value) for key, value in names.items()})


def _cached_font(name: str, path: Path) -> TTFont | None:
    """The font as parsed before, rebuilt the way TTFont.__init__ builds it,
    or None when there is no cache entry for this very file."""
    cache_file, stamp = _cache_file(path)
    try:
        saved_stamp, font_values, face_values = marshal.loads(cache_file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if saved_stamp != stamp:
        return None
    face = TTFontFace.__new__(TTFontFace)
    _restore(face, face_values)
    face._ttf_data = path.read_bytes()  # type: ignore[attr-defined]  # ReportLab's private attributes, which the stubs leave out
    scale = 1000 / face.unitsPerEm
    face._pdfScale = lambda value: value * scale  # type: ignore[attr-defined]
    font = TTFont.__new__(TTFont)
    _restore(font, font_values)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    return font
