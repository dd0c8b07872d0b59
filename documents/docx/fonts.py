"""The fonts a Word document of the office names, by the names Word and WPS
know them by.

An official document (GB/T 9704) is set in 仿宋_GB2312 (body), 黑体 (first-
level headings), 楷体_GB2312 (second-level headings) and 方正小标宋简体
(the title). A .docx carries no fonts: it names them, and the PC that opens
it draws with what it has. So each name is the best one this PC has, found
among the same font files as the PDF reports' (documents.pdf.fonts:
resources/fonts, DUBAN_FONT_DIRS, the Windows fonts, fontconfig): 仿宋_GB2312
where its file is installed, else 仿宋 (simfang.ttf, on every Chinese
Windows); 方正小标宋简体 where installed, else 黑体. The font table of the
document gives each name its Chinese character set and a fallback name, so
that a PC without the font still draws Chinese (not a Latin face).

The names are recognised by file name, as an office installs them:
仿宋_GB2312.ttf or FS_GB2312.ttf, 楷体_GB2312.ttf or KT_GB2312.ttf,
方正小标宋简体.ttf or FZXBSJW.ttf.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.pdf.fonts import font_candidates

BODY, BODY_FALLBACK = "仿宋_GB2312", "仿宋"
KAI, KAI_FALLBACK = "楷体_GB2312", "楷体"
TITLE, TITLE_FALLBACK = "方正小标宋简体", "黑体"
HEADING = "黑体"
PAGE_NUMBER = "宋体"  # GB/T 9704: page numbers in 4号半角宋体

# a preferred name -> what its file names contain (lower case)
_FILES = {
    BODY: (("仿宋_gb2312",), ("fs_gb2312",), ("fangsong_gb2312",), ("仿宋", "gb2312")),
    KAI: (("楷体_gb2312",), ("kt_gb2312",), ("kaiti_gb2312",), ("楷体", "gb2312")),
    TITLE: (("小标宋",), ("fzxbs",), ("xiaobiaosong",)),
}
# the fallback names of the font table, and the font family Word is told
ALTERNATES = {BODY: BODY_FALLBACK, KAI: KAI_FALLBACK, TITLE: TITLE_FALLBACK}
FAMILIES = {
    BODY: "modern",
    BODY_FALLBACK: "modern",
    KAI: "script",
    KAI_FALLBACK: "script",
    TITLE: "script",
    HEADING: "modern",
    PAGE_NUMBER: "auto",
}


@dataclass(frozen=True)
class Faces:
    body: str
    heading: str
    subheading: str
    title: str
    page_number: str = PAGE_NUMBER

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.body, self.heading, self.subheading, self.title, self.page_number)))


STANDARD = Faces(BODY, HEADING, KAI, TITLE)  # as GB/T 9704 names them


def _installed(name: str, files: list[str]) -> bool:
    return any(all(part in file for part in parts) for parts in _FILES[name] for file in files)


def faces_of_this_pc() -> Faces:
    """The GB/T 9704 faces where this PC has them, else their common stand-ins."""
    files = [candidate.path.name.lower() for candidate in font_candidates()]
    return Faces(
        body=BODY if _installed(BODY, files) else BODY_FALLBACK,
        heading=HEADING,
        subheading=KAI if _installed(KAI, files) else KAI_FALLBACK,
        title=TITLE if _installed(TITLE, files) else TITLE_FALLBACK,
    )
