"""Checks for every zip-based file that comes from outside the office (.xlsx,
.docx), made before any library parses it.

A workbook or a Word document is a zip of XML parts. A hostile one can be a zip
bomb (a tiny file that unpacks to gigabytes), hold thousands of members, or
declare XML entities (billion laughs, external entities). So the archive's
declared sizes, member count and compression ratios are checked first (zipfile
enforces the declared sizes while reading: a member holding more fails its CRC),
then every XML member is scanned by defusedxml's parser, which refuses entity
declarations; a caller may count elements during that scan (the xlsx loader
counts merged ranges). Whatever the parsers raise on malformed bytes becomes an
InputError naming the file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Collection
from pathlib import Path
from typing import IO
from xml.parsers import expat
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.sax import make_parser

from db.errors import InputError
from db.plans.files import MB

# openpyxl's normal mode keeps every cell as an object and parses about 2 MB of
# XML a second: 100 MB of XML is already minutes and GBs.
MAX_UNCOMPRESSED_BYTES = 100 * MB
MAX_MEMBERS = 3000  # an ordinary document has a dozen parts, one with many sheets a few hundred
# XML compresses 5–20 times; deflate tops out near 1030, which zip bombs reach.
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1 * MB  # tiny members may compress any amount
ZIP_MAGIC = b"PK\x03\x04"


def open_archive(path: Path, data: bytes, what: str, not_this: str) -> zipfile.ZipFile:
    """The zip in `data`, its member count and sizes checked; `what` names the
    kind of file in messages ("工作簿", "Word 文档"), `not_this` is the message
    for bytes that are no zip at all."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # noqa: BLE001 (damaged bytes raise many kinds, see below)
        # Reading the central directory raises BadZipFile, but also ValueError,
        # EOFError or NotImplementedError ("zip file version …") on damaged bytes.
        if data.startswith(ZIP_MAGIC):
            raise InputError(path, f"{what}不完整或已损坏（文件可能被截断），无法读取") from None
        raise InputError(path, not_this) from None
    check_members(path, archive, what)
    return archive


def check_members(path: Path, archive: zipfile.ZipFile, what: str) -> None:
    """Refuse an archive that would take too much memory or time to unpack."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(path, f"{what}含有 {len(members)} 个部件，超过 {MAX_MEMBERS} 个的上限，不像正常的文件")
    for member in members:
        if member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_RATIO * member.compress_size:
            raise InputError(path, f"{what}中的“{member.filename}”压缩比异常（疑为“压缩炸弹”），拒绝读取")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(path, f"{what}解压后过大（{total // MB} MB），超过 {MAX_UNCOMPRESSED_BYTES // MB} MB 的上限")


def content_types(archive: zipfile.ZipFile) -> bytes:
    """`[Content_Types].xml` in lower case, b"" when there is none (not OOXML)."""
    try:
        return archive.read("[Content_Types].xml").lower()
    except Exception:  # noqa: BLE001 (a damaged member is "not OOXML", as a missing one)
        return b""


def scan_xml(
    path: Path,
    archive: zipfile.ZipFile,
    what: str,
    handler: ContentHandler | None = None,
    members: Collection[str] | None = None,
) -> None:
    """Parse every XML member with entity declarations forbidden, feeding `handler`
    (through defusedxml's SAX parser) when given. Without a handler the members
    go through expat alone with defusedxml's rule — any entity declaration
    raises EntitiesForbidden — and no Python call per element, which is five
    times faster on a large document. A member that is not XML (an image) is
    skipped: the libraries read it as no part of the text. `members`: only these
    (the parts the caller will parse itself; a library reading the whole package
    needs every member scanned)."""
    try:
        for member in archive.infolist():
            if members is not None and member.filename not in members:
                continue
            if not member.filename.endswith((".xml", ".rels")) and not _looks_like_xml(archive, member):
                continue
            with archive.open(member) as stream:
                if handler is None:
                    _expat_scan(stream)
                    continue
                parser = make_parser()
                parser.setContentHandler(handler)
                try:
                    parser.parse(stream)
                except SAXException:
                    continue
    except InputError:
        raise
    except Exception as exc:
        raise InputError(path, f"已损坏或无法读取的{what}：{reason(exc)}") from exc


def _forbid_entity(name: str | None, *_args: object) -> None:
    raise EntitiesForbidden(name or "", None, None, None, None, None)


def _forbid_external(context: str, base: str | None, system_id: str | None, public_id: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, system_id, public_id)


def _expat_scan(stream: IO[bytes]) -> None:
    parser = expat.ParserCreate()
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_entity
    parser.ExternalEntityRefHandler = _forbid_external
    try:
        parser.ParseFile(stream)
    except expat.ExpatError:
        pass  # not well-formed: the library that reads it says so later


def _looks_like_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """A sheet may be stored under any name; sniff the first bytes of the others."""
    with archive.open(member) as stream:
        head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def reason(exc: BaseException) -> str:
    """What a parser's exception means, in words for the user."""
    if isinstance(exc, DefusedXmlException):
        return "含有不允许的 XML 实体声明（可能是恶意文件）"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return f"压缩数据损坏（{exc}）" if str(exc) else "压缩数据损坏"
    if isinstance(exc, KeyError):
        return f"缺少部件 {exc}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
