"""Files the reader must refuse, and the words its message must contain
(tests/data/plans/refused.json). Each is made from a good corpus file.

The password-protected .docx is encrypted with msoffcrypto-tool, which is
installed only to generate it (`pip install msoffcrypto-tool`); it is no
dependency of the program or of the tests. Its random salt is drawn from a
seeded generator so that regenerating gives the same bytes.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path
from unittest import mock

from docx import Document
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from tests.plan_corpus.office import convert
from tests.plan_corpus.zipfix import FIXED, fix_zip_dates

PASSWORD = "duban2021"
SOURCE_DOCX = "linlan-2021-zwgk.docx"
SOURCE_XLS = "hefeng-2022-yingshang.xls"
SOURCE_PDF = "linlan-2021-zwgk.pdf"
SAVE_AS_DOCX = ["WPS", "另存为", ".docx"]

# file → words its message must contain (besides the file's name)
REFUSED: dict[str, list[str]] = {
    "bad-scanned.pdf": ["扫描"],
    "bad-no-table.docx": ["没有表格"],
    "bad-old-word.doc": SAVE_AS_DOCX,
    "bad-old-wps.wps": SAVE_AS_DOCX,
    "bad-old-wps-sheet.et": ["WPS", "另存为", ".xlsx"],
    "bad-password.docx": ["密码"],
    "bad-truncated.docx": ["损坏"],
    "bad-zip-bomb.docx": ["压缩炸弹"],
    "bad-xls-renamed.docx": ["Excel"],
}


def scanned_pdf(source: Path, target: Path, work: Path) -> None:
    """Pages that are only pictures of the printed table, as a scanner makes them."""
    subprocess.run(["pdftoppm", "-r", "80", "-gray", "-png", "-l", "2", str(source), str(work / "scan")], check=True)
    pages = sorted(work.glob("scan-*.png"))
    pdf = canvas.Canvas(str(target), pagesize=landscape(A4), invariant=True)
    width, height = landscape(A4)
    for page in pages:
        pdf.drawImage(ImageReader(io.BytesIO(page.read_bytes())), 0, 0, width, height)
        pdf.showPage()
    pdf.save()


def no_table_docx(target: Path) -> None:
    document = Document()
    document.add_paragraph("临澜市人民政府办公室关于印发2021年政务公开工作要点的通知")
    document.add_paragraph("各县（市、区）人民政府，市直有关部门：")
    document.add_paragraph("现将《临澜市2021年政务公开工作要点》印发给你们，请认真贯彻落实。任务分工另行印发。")
    document.add_paragraph("一、深化重点领域信息公开。全面公开市场准入、企业开办等领域的政策文件和办事流程。")
    document.add_paragraph("二、加强政策解读和回应关切。坚持政策文件与解读材料同步组织、同步审签、同步部署。")
    props = document.core_properties
    props.author = props.last_modified_by = props.title = props.comments = ""
    props.created = props.modified = props.last_printed = datetime(2021, 4, 12)
    document.save(str(target))
    fix_zip_dates(target)


def password_docx(source: Path, target: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    class Fixed(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Fixed:  # type: ignore[override]
            return cls(2021, 4, 12, 10, 30)

    seeded = random.Random(2021)
    with (
        mock.patch.object(ecma376_agile, "_random_buffer", seeded.randbytes),
        mock.patch.object(ecma376_encrypted, "datetime", Fixed),
        source.open("rb") as plain,
    ):
        out = io.BytesIO()
        OOXMLFile(plain).encrypt(PASSWORD, out)
    target.write_bytes(out.getvalue())


def zip_bomb_docx(target: Path) -> None:
    """A .docx whose document part unpacks from a few kilobytes to 200 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            zipfile.ZipInfo("[Content_Types].xml", FIXED),
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        info = zipfile.ZipInfo("word/document.xml", FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as member:
            member.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">')
            chunk = b" " * (1024 * 1024)
            for _ in range(200):
                member.write(chunk)
            member.write(b"</w:document>")
    target.write_bytes(out.getvalue())


def write_all(out: Path, work: Path) -> list[Path]:
    docx, xls, pdf = out / SOURCE_DOCX, out / SOURCE_XLS, out / SOURCE_PDF
    scanned_pdf(pdf, out / "bad-scanned.pdf", work)
    no_table_docx(out / "bad-no-table.docx")
    (doc,) = convert([docx], "doc", work)
    shutil.move(doc, out / "bad-old-word.doc")
    # WPS 文字 .wps and WPS 表格 .et files are OLE compound files laid out like .doc and .xls
    shutil.copy(out / "bad-old-word.doc", out / "bad-old-wps.wps")
    shutil.copy(xls, out / "bad-old-wps-sheet.et")
    password_docx(docx, out / "bad-password.docx")
    data = docx.read_bytes()
    (out / "bad-truncated.docx").write_bytes(data[: len(data) * 2 // 3])
    zip_bomb_docx(out / "bad-zip-bomb.docx")
    shutil.copy(xls, out / "bad-xls-renamed.docx")
    listing = [{"file": name, "message_contains": words} for name, words in REFUSED.items()]
    (out / "refused.json").write_text(json.dumps(listing, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [out / name for name in REFUSED]
