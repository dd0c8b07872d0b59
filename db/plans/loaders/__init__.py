"""Loading any plan file into a Grid; the loader is chosen by the file's content.

    load_grid(path, cancel=None) → Grid        (InputError for a file it cannot read)

The first bytes decide, not the suffix: `%PDF` a PDF; a zip whose content
types name a Word document or a workbook a .docx or an .xlsx; an OLE compound
file an .xls workbook — or an old Word / WPS file, or an encrypted Office file
(an EncryptionInfo stream), which are refused with what to do; anything else is
decoded as text: the tab-per-cell text copied out of Word, or CSV.
`cancel` (a db.cancel.CancelToken) is checked now and then while a long file is read.
"""

from __future__ import annotations

from pathlib import Path

from db.cancel import CancelToken
from db.errors import InputError
from db.plans.files import MB, decode_text, read_file_bytes
from db.plans.grid import Grid

__all__ = ["MAX_FILE_BYTES", "load_grid"]

MAX_FILE_BYTES = 50 * MB  # a published plan is well under 5 MB, even as PDF
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS = "请在 Word 或 WPS 中打开，另存为 .docx/.xlsx 后再导入"
NAMED_BINARIES = {
    ".docx": " Word 文档（.docx）",
    ".xlsx": " Excel 工作簿（.xlsx）",
    ".xls": " Excel 工作簿（.xls）",
    ".pdf": " PDF 文件",
}
WORD_SUFFIXES = (".docx", ".docm", ".doc", ".dotx", ".wps")
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".csv")


def _check_suffix(path: Path, content: str) -> None:
    """A Word name on a workbook (or the reverse) is most likely the wrong file picked."""
    suffix = path.suffix.lower()
    if content == "sheet" and suffix in WORD_SUFFIXES:
        raise InputError(
            path, f"扩展名是 {suffix}（Word 文档），内容却是 Excel 工作簿；请确认选对了文件，或把扩展名改为 .xlsx/.xls"
        )
    if content == "word" and suffix in SHEET_SUFFIXES:
        raise InputError(
            path, f"扩展名是 {suffix}（Excel 工作簿），内容却是 Word 文档；请确认选对了文件，或把扩展名改为 .docx"
        )


def load_grid(path: Path, *, cancel: CancelToken | None = None) -> Grid:
    path = Path(path)
    data = read_file_bytes(path, MAX_FILE_BYTES)
    head = data[:1024]
    if b"%PDF-" in head:
        from db.plans.loaders.pdf import load_pdf

        return load_pdf(path, data, cancel)
    if data.startswith(b"PK"):
        return _load_zip(path, data, cancel)
    if data.startswith(OLE_MAGIC):
        return _load_ole(path, data, cancel)
    _refuse_other_binaries(path, head)
    if path.suffix.lower() in NAMED_BINARIES:
        raise InputError(path, f"不是{NAMED_BINARIES[path.suffix.lower()]}：文件内容无法识别，可能已损坏或不是这种格式")
    text = decode_text(data, path)
    from db.plans.loaders.text import is_tab_text, load_text

    if is_tab_text(text) or path.suffix.lower() == ".txt":
        return load_text(path, text, cancel)
    from db.plans.loaders.delimited import load_delimited

    return load_delimited(path, text, cancel)


def _load_zip(path: Path, data: bytes, cancel: CancelToken | None) -> Grid:
    from db.plans.archive import content_types, open_archive

    with open_archive(path, data, "文件", "不是可以读取的文件（损坏的 zip 压缩包）") as archive:
        types = content_types(archive)
    if b"wordprocessingml" in types:
        from db.plans.loaders.docx import load_docx

        _check_suffix(path, "word")
        return load_docx(path, data, cancel)
    if b"spreadsheetml" in types or b"ms-excel" in types:
        from db.plans.loaders.xlsx import load_xlsx

        _check_suffix(path, "sheet")
        return load_xlsx(path, data, cancel)
    if b"presentationml" in types:
        raise InputError(path, "是 PowerPoint 演示文稿，不是工作计划表；请导入 Word、Excel 或 PDF 格式的计划")
    if path.suffix.lower() in (".wps", ".et", ".ofd"):
        raise InputError(path, f"是 WPS / OFD 格式的文件，{SAVE_AS}")
    raise InputError(path, "是 zip 压缩包，不是 Word 文档或 Excel 工作簿；请先解压，再导入其中的计划文件")


def _load_ole(path: Path, data: bytes, cancel: CancelToken | None) -> Grid:
    """An OLE compound file: .xls is read; old Word, WPS and encrypted files are refused."""
    from xlrd.compdoc import CompDoc, CompDocError

    try:
        names = {entry.name for entry in CompDoc(data, logfile=_Quiet()).dirlist}
    except (CompDocError, Exception):  # noqa: BLE001 (xlrd raises anything on damaged bytes)
        raise InputError(path, f"是损坏的旧版 Office 文件，无法读取；{SAVE_AS}") from None
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise InputError(path, "设置了打开密码（已加密），无法读取；请在 Word、Excel 或 WPS 中取消密码后另存，再导入")
    suffix = path.suffix.lower()
    if "WordDocument" in names or suffix in (".doc", ".wps", ".dot"):
        raise InputError(path, f"是旧版 Word 或 WPS 文字文档（.doc/.wps），{SAVE_AS}")
    if suffix in (".et", ".ett"):
        raise InputError(path, f"是 WPS 表格文件（.et），{SAVE_AS}")
    if {"Workbook", "Book"} & names:
        from db.plans.loaders.xls import load_xls

        _check_suffix(path, "sheet")
        return load_xls(path, data, cancel)
    raise InputError(path, f"是旧版 Office 二进制文件，不是可以读取的计划表；{SAVE_AS}")


class _Quiet:
    """xlrd writes warnings to a log file; the user sees our message instead."""

    def write(self, _text: str) -> int:
        return 0


def _refuse_other_binaries(path: Path, head: bytes) -> None:
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"{\\rtf"):
        raise InputError(path, f"是 RTF 格式的文档，{SAVE_AS}")
    if lowered.startswith((b"<html", b"<!doctype html", b"mime-version", b"<?xml")) or b"<html" in lowered[:300]:
        raise InputError(path, f"是网页或 XML 格式的文档（常见于“另存为网页”的 .doc），{SAVE_AS}")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise InputError(path, "不是文本文件，而是图片；请导入有文字的 Word、Excel 或 PDF 文件")
