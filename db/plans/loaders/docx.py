"""Loader for Word documents (.docx): every table of the body, one after the
other, with its merges; the paragraphs above the first table as title lines;
the core properties' date.

The zip is checked first (db.plans.archive: sizes, members, ratios, entity
declarations in the parts read). The document part and the core properties
are parsed with lxml and walked here directly: python-docx would parse every
part of the package, and its cell objects cost a search of the whole table
per cell (seconds for a plan of a thousand tasks). So:

- `w:gridBefore` / `w:gridAfter` leave grid columns empty, `w:gridSpan`
  merges across, `w:vMerge` without `restart` continues the cell above;
- a row marked `w:tblHeader` repeats on every page: it is noted in
  `Grid.marked_headers`, the interpreter reads the header anyway;
- a table inside a cell is flattened into the cell's text, one line per row
  with its cells separated by a space;
- `w:br` is a line break, `w:tab` a space; deleted revisions are not text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from lxml import etree
from lxml.etree import _Element as Element

from db.cancel import CancelToken
from db.errors import InputError
from db.plans.archive import content_types, open_archive, reason, scan_xml
from db.plans.grid import Grid, GridBuilder

WHAT = "Word 文档"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC, T = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}t"
BR, CR, TAB, SDT, SDT_CONTENT = f"{W}br", f"{W}cr", f"{W}tab", f"{W}sdt", f"{W}sdtContent"
VAL = f"{W}val"
BODY = f"{W}body"
CORE = "docProps/core.xml"
# No entity is resolved, nothing fetched; the parts were scanned for entity
# declarations before (db.plans.archive).
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
MAX_ROWS = 50_000
MAX_COLUMNS = 60


def load_docx(path: Path, data: bytes, cancel: CancelToken | None = None) -> Grid:
    with open_archive(path, data, WHAT, f"不是 {WHAT}") as archive:
        types = content_types(archive)
        if b"wordprocessingml" not in types:
            raise InputError(path, f"不是 {WHAT}（.docx）")
        main = _main_part(types, archive.namelist())
        wanted = {main, CORE}
        scan_xml(path, archive, WHAT, members=wanted)  # the only parts read
        try:
            root = etree.fromstring(archive.read(main), PARSER)
            body = root.find(BODY)
            if body is None:
                raise ValueError("没有正文")
            when = _document_date(archive.read(CORE)) if CORE in archive.namelist() else None
        except InputError:
            raise
        except Exception as exc:
            raise InputError(path, f"已损坏或无法读取的{WHAT}：{reason(exc)}") from exc
    builder = GridBuilder(path)
    above: list[str] = []
    tables = 0
    header: list[str] | None = None  # the first table's first row
    for element in _blocks(body):
        if element.tag == P:
            if not tables and (text := _paragraph_text(element).strip()):
                above.append(text)
            continue
        tables += 1
        header = _read_table(path, builder, element, tables, header, cancel)
    if not tables:
        raise InputError(path, "文档中没有表格：工作计划的任务分工应是 Word 表格（不能是段落文字或图片）")
    if not builder.row_count:
        raise InputError(path, "文档中的表格是空的")
    return builder.build(title_lines=above, document_date=when)


def _blocks(body: Element) -> Iterator[Element]:
    """The body's paragraphs and tables in order, looking inside content controls."""
    for element in body:
        if element.tag in (P, TBL):
            yield element
        elif element.tag == SDT:
            content = element.find(SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)


def _read_table(
    path: Path,
    builder: GridBuilder,
    table: Element,
    number: int,
    header: list[str] | None,
    cancel: CancelToken | None,
) -> list[str] | None:
    """The rows of one table. A copy of the header row (typed again at a page
    break) lets the merges below it reach through. A table that starts with the
    first table's header is the same table split at a page break (a document
    converted from print often is): an empty cell in its first row continues
    the filled one above it, as a merge down would."""
    continued = False
    after_header = False
    for index, row in enumerate(table.iterchildren(TR), start=1):
        if cancel is not None and index % 200 == 0:
            cancel.check()
        if builder.row_count >= MAX_ROWS:
            raise InputError(path, f"表格超过 {MAX_ROWS} 行，不像工作计划表")
        cells: list[tuple[str, int, bool]] = []
        properties = row.find(f"{W}trPr")
        marked = False
        if properties is not None:
            before = properties.find(f"{W}gridBefore")
            if before is not None:
                cells.extend(("", 1, False) for _ in range(_int(before.get(VAL), 0)))
            repeat = properties.find(f"{W}tblHeader")
            marked = repeat is not None and repeat.get(VAL) not in ("0", "false")
        for cell in _cells(row):
            span, merged_up = 1, False
            cell_properties = cell.find(f"{W}tcPr")
            if cell_properties is not None:
                grid_span = cell_properties.find(f"{W}gridSpan")
                if grid_span is not None:
                    span = max(1, min(_int(grid_span.get(VAL), 1), MAX_COLUMNS))
                v_merge = cell_properties.find(f"{W}vMerge")
                merged_up = v_merge is not None and v_merge.get(VAL) != "restart"
            cells.append(("" if merged_up else _cell_text(cell), span, merged_up))
            if len(cells) > MAX_COLUMNS:
                break
        if marked:
            builder.marked.add(builder.row_count)
        texts = [text for text, _span, _up in cells]
        if header is None:
            header = texts
            builder.new_table()
        elif index == 1:
            continued = texts == header
            if not continued:
                builder.new_table()
        copy = texts == header and builder.row_count > 0 and (index > 1 or continued)
        builder.add_row(
            cells,
            f"表格 {number} 第 {index} 行",
            transparent=copy,
            assume_merges=after_header and continued and not copy,
        )
        after_header = copy
    return header


def _cells(row: Element) -> Iterator[Element]:
    for element in row:
        if element.tag == TC:
            yield element
        elif element.tag == SDT:
            content = element.find(SDT_CONTENT)
            if content is not None:
                yield from _cells(content)


def _cell_text(cell: Element) -> str:
    lines: list[str] = []
    for element in cell:
        if element.tag == P:
            lines.append(_paragraph_text(element))
        elif element.tag == TBL:
            for row in element.iter(TR):
                texts = [_cell_text(inner).replace("\n", " ") for inner in _cells(row)]
                lines.append(" ".join(text for text in texts if text))
        elif element.tag == SDT:
            content = element.find(SDT_CONTENT)
            if content is not None:
                lines.append(_cell_text(content))
    return "\n".join(line.strip() for line in lines if line.strip())


def _paragraph_text(paragraph: Element) -> str:
    parts: list[str] = []
    for element in paragraph.iter(T, BR, CR, TAB):
        if element.tag == T:
            parts.append(element.text or "")
        elif element.tag == TAB:
            parts.append(" ")
        elif element.get(f"{W}type") not in ("page", "column"):
            parts.append("\n")
    return "".join(parts)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


MAIN_TYPE = rb"wordprocessingml\.document\.main\+xml"


def _main_part(types: bytes, names: list[str]) -> str:
    """The document part's member name, from [Content_Types].xml (lower-cased:
    part names are case-insensitive in a package, not in a zip)."""
    match = re.search(rb'partname="/([^"]+)"[^>]*contenttype="[^"]*' + MAIN_TYPE, types) or re.search(
        rb'contenttype="[^"]*' + MAIN_TYPE + rb'"[^>]*partname="/([^"]+)"', types
    )
    wanted = match.group(1).decode() if match else "word/document.xml"
    return next((name for name in names if name.lower() == wanted), wanted)


def _document_date(core: bytes) -> date | None:
    """dcterms:created (else modified) of docProps/core.xml."""
    root = etree.fromstring(core, PARSER)
    for name in ("created", "modified"):
        element = root.find(f"{{http://purl.org/dc/terms/}}{name}")
        if element is not None and element.text:
            try:
                return datetime.fromisoformat(element.text.strip().replace("Z", "+00:00")).date()
            except ValueError:
                continue
    return None
