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

From the fonts found, the body face is the best of 仿宋, 宋体/明体, 雅黑/Micro
Hei, 楷体 and the heading face the best of 黑体, 小标宋, Zen Hei, other 黑 faces,
in the first folder that has one; with a single font it serves for both. A
font that fails to register or lacks Chinese glyphs is skipped. With none,
the reports use ReportLab's built-in CID font STSong-Light, which is not
embedded: `FontChoice.note` says so, for the command line and the window to show.

Parsing a Chinese TrueType file takes ReportLab 0.2–0.4 s (pure Python over
tens of thousands of glyphs), more than the rest of a 66-task sheet. What it
reads is kept in the user's cache folder (marshal: plain values, no code) and
used again while the font file is unchanged.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from db.paths import APP_DIR_NAME
from db.resources import RESOURCES

FONT_DIR = RESOURCES / "fonts"
ENV_DIRS = "DUBAN_FONT_DIRS"
FALLBACK = "STSong-Light"
FALLBACK_NOTE = "未找到可嵌入的中文字体，使用内置 STSong-Light，打印效果可能因电脑而异"
_SUFFIXES = (".ttf", ".ttc")  # .otf is CFF: ReportLab cannot embed it
_PROBE = ord("中")  # a font without it is no Chinese font

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


def _windows_folders() -> list[Path]:
    if sys.platform != "win32":
        return []
    windir = Path(os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows")
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


def font_candidates() -> list[FontFile]:
    """Every TrueType file the search may use, folder by folder in search order."""
    explicit = [FONT_DIR, *(Path(d) for d in os.environ.get(ENV_DIRS, "").split(os.pathsep) if d)]
    groups: list[tuple[list[Path], bool]] = [(_font_files(folder), True) for folder in explicit]
    groups += [(_font_files(folder), False) for folder in _windows_folders()]
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
    earliest folder, then the best style. A system font whose name tells no
    style may be a Latin font and is never taken."""
    keyed = []
    for candidate in candidates:
        style = _style(candidate.path)
        rank = _UNKNOWN if style is None and candidate.explicit else (style or (None, None))[role]
        if rank is not None:
            keyed.append(((candidate.folder, rank), candidate))
    keyed.sort(key=lambda item: item[0])
    return [candidate for _key, candidate in keyed]


@cache
def _register(path: Path) -> str | None:
    """Register the font (the first face of a .ttc) once per process; its
    name, or None when ReportLab cannot use it."""
    name = "CJK-" + hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:12]
    try:
        font = _cached_font(name, path) or _parse_font(name, path)
    except Exception:  # noqa: BLE001 - a font file from anywhere can fail in any way; skip it
        return None
    if _PROBE not in font.face.charToGlyph:
        return None
    pdfmetrics.registerFont(font)
    return name


def _first_usable(ranked: list[FontFile]) -> tuple[str, Path] | None:
    for candidate in ranked:
        if name := _register(candidate.path):
            return name, candidate.path
    return None


def _family(name: str) -> str:
    family = pdfmetrics.getFont(name).face.familyName
    return getattr(family, "ustr", None) or family.decode("latin-1")


def choose_fonts() -> FontChoice:
    """The body and heading faces of the reports (registered with ReportLab).

    The search runs again on every call (a listing of a few folders), so a
    font dropped into resources/fonts is found without restarting; parsing and
    registering a font file happens once per process.
    """
    candidates = font_candidates()
    body = _first_usable(_ranked(candidates, 0))
    heading = _first_usable(_ranked(candidates, 1))
    if body is None and heading is None:
        return _fallback()
    body = body or heading
    heading = heading or body
    assert body is not None and heading is not None
    note = f"已嵌入字体：正文 {_family(body[0])}（{body[1].name}），标题 {_family(heading[0])}（{heading[1].name}）"
    return FontChoice(body[0], heading[0], True, note)


def _fallback() -> FontChoice:
    if FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return FontChoice(FALLBACK, FALLBACK, False, FALLBACK_NOTE)


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
    partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.partial")
    try:
        data = marshal.dumps([stamp, _plain(vars(font)), _plain(vars(font.face))])
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, cache_file)
    except (OSError, ValueError):  # a read-only cache, or values marshal cannot store: parse next time
        partial.unlink(missing_ok=True)
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
    face._ttf_data = path.read_bytes()
    scale = 1000 / face.unitsPerEm
    face._pdfScale = lambda value: value * scale
    font = TTFont.__new__(TTFont)
    _restore(font, font_values)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    return font
