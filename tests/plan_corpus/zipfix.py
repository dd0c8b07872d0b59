"""Regenerating the corpus gives the same bytes: zip members get one fixed date,
PDF metadata the plan's own document date and a fixed file id."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

FIXED = (2000, 1, 1, 0, 0, 0)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def fix_zip_dates(path: Path, modified: datetime | None = None) -> None:
    """Fixed member dates; `modified` replaces the date openpyxl stamps at saving."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = source.read(member)
            if modified is not None and member.filename == "docProps/core.xml":
                stamp = modified.strftime(r"\g<1>%Y-%m-%dT%H:%M:%SZ\g<2>").encode()
                data = _MODIFIED.sub(stamp, data)
            target.writestr(info, data)
    path.write_bytes(out.getvalue())


_PDF_DATE = re.compile(rb"D:\d{14}[-+Z][^)]*")
_XMP_DATE = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[-+]\d\d:\d\d|Z)?")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_XMP_UUID = re.compile(rb"uuid:[0-9a-fA-F-]{36}")


def fix_pdf_dates(path: Path, when: datetime) -> None:
    """Same-length replacements only, so that the cross-reference offsets stay true."""
    data = path.read_bytes()

    def pdf_date(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        return when.strftime("D:%Y%m%d%H%M%S").encode() + old[16:]

    def xmp_date(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        fixed = when.strftime("%Y-%m-%dT%H:%M:%S").encode() + b"+08:00"
        return fixed[: len(old)] if len(old) == len(fixed) else (fixed[:19] + old[19:])

    digest = hashlib.md5(path.name.encode()).hexdigest().upper().encode()

    def pdf_id(match: re.Match[bytes]) -> bytes:
        first, second = match.group(1), match.group(2)
        return match.group(0).replace(first, (digest * 4)[: len(first)]).replace(second, (digest * 4)[: len(second)])

    data = _PDF_DATE.sub(pdf_date, data)
    data = _XMP_DATE.sub(xmp_date, data)
    data = _PDF_ID.sub(pdf_id, data)
    data = _CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), (digest * 2)[: len(m.group(1))]), data)
    data = _XMP_UUID.sub(
        lambda m: (
            b"uuid:"
            + (
                digest[:8] + b"-" + digest[8:12] + b"-" + digest[12:16] + b"-" + digest[16:20] + b"-" + digest[20:32]
            ).lower()
        ),
        data,
    )
    path.write_bytes(data)
