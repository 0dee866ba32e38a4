"""Word .docx: the body in document order, as a reader sees it with all changes accepted.

python-docx's `paragraph.text` drops runs inside tracked insertions (w:ins), so we walk the
XML ourselves: insertions kept, deletions (w:del, w:moveFrom) dropped, lists numbered as Word
shows them (`docx_numbering`), tables row by row (cells separated by a tab, a cell's own
paragraphs by U+2028 so a row stays one line) with a merged cell's text once, text boxes after
their paragraph, footnotes and endnotes marked "[n]" and listed after the body, comments kept
as notes on their span. Pages come from explicit page breaks, section breaks and the page
breaks Word recorded when it last laid the document out (w:lastRenderedPageBreak), so excerpts
get page numbers. Headers and footers are not part of the body and are left out.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.base import Block, ImportedDocument, ImporterError, PageSpan, SpanNote
from importers.docx_numbering import Numbering, read_numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_LINE_BREAK = "\u2028"  # a line break inside a table cell: the row stays one line
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{W}footnotePr", f"{W}endnotePr"}


@dataclass
class _Builder:
    notes_by_kind: dict[str, dict[str, str]]
    comments: dict[str, tuple[str, str]]
    numbering: Numbering
    style_lists: dict[str, tuple[str, str]] = field(default_factory=dict)
    heading_styles: frozenset[str] = frozenset()
    headings: list[Block] = field(default_factory=list)
    section_starts: list[str] = field(default_factory=list)  # each section's w:type
    sections_seen: int = 0
    page_breaks: list[int] = field(default_factory=list)  # offsets where a new page begins
    tables: list[Block] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    length: int = 0
    note_marks: list[tuple[str, str]] = field(default_factory=list)
    open_comments: dict[str, int] = field(default_factory=dict)
    spans: list[SpanNote] = field(default_factory=list)

    def add_block(self, text: str) -> None:
        if self.blocks:
            self.length += 1  # the newline between blocks
        self.blocks.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "\n".join(self.blocks)


def read_docx(path: Path) -> ImportedDocument:
    import docx

    _check_package(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx's "Package not found" must never reach a user
        raise ImporterError(path, "is damaged and cannot be read as a Word document") from exc
    part = document.part
    try:
        style_lists, heading_styles = _styles(part)
        builder = _Builder(
            notes_by_kind={"footnote": _notes(part, "footnotes", "footnote"),
                           "endnote": _notes(part, "endnotes", "endnote")},
            comments=_comments(part),
            numbering=read_numbering(_related_xml(part, "numbering")),
            style_lists=style_lists,
            heading_styles=heading_styles,
            section_starts=_section_starts(document.element.body),
        )
        _walk(document.element.body, builder)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:  # found by fuzzing
        raise ImporterError(path, "is damaged (its document body cannot be read)") from exc
    if builder.note_marks:
        builder.add_block("")
        builder.add_block("Notes")
        for mark, note_text in builder.note_marks:
            builder.add_block(f"[{mark}] {note_text}")
    text = builder.text
    if not text.strip():
        raise ImporterError(path, "contains no text")
    warnings: list[str] = []
    try:
        props = document.core_properties
        title, authors, created = props.title, props.author, props.created
    except (AttributeError, KeyError, TypeError, ValueError):  # damaged docProps/core.xml
        title, authors, created = "", "", None
        warnings.append("its document properties (title, author, date) are damaged; ignored")
    return ImportedDocument(
        path=path, format="docx", text=text, pages=_pages(text, builder.page_breaks),
        title=(title or "").strip() or _styled_title(document) or path.stem,
        authors=(authors or "").strip(),
        year=created.year if created else None, notes=builder.spans, warnings=warnings,
        blocks=sorted(builder.tables + builder.headings, key=lambda b: b.start),
    )


def _styled_title(document: Any) -> str:
    """The first paragraph in Word's Title style, near the top: the title as the author set it,
    when the file's properties hold none (most do not)."""
    try:
        for paragraph in document.paragraphs[:30]:
            if paragraph.style is not None and paragraph.style.name == "Title":
                return " ".join(paragraph.text.split())
    except (AttributeError, KeyError, TypeError, ValueError):  # a damaged styles part
        return ""
    return ""


def _pages(text: str, breaks: list[int]) -> list[PageSpan]:
    """Page spans from break offsets. Word records a rendered break beside an explicit one, so
    breaks with only whitespace between them are one break."""
    starts = [0]
    for at in sorted(set(breaks)):
        if not 0 < at < len(text):
            continue
        if text[starts[-1]:at].strip():
            starts.append(at)
        else:
            starts[-1] = at if len(starts) > 1 else 0
    ends = starts[1:] + [len(text)]
    return [PageSpan(n, a, b) for n, (a, b) in enumerate(zip(starts, ends, strict=True), start=1)]


def _section_starts(body: Any) -> list[str]:
    """How each section begins (w:type: nextPage unless said otherwise), in body order."""
    found = []
    for sect in body.iter(f"{W}sectPr"):
        kind = sect.find(f"{W}type")
        found.append(kind.get(f"{W}val", "nextPage") if kind is not None else "nextPage")
    return found


def _check_package(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile:
        raise ImporterError(path, "is damaged (an incomplete or corrupted Word file)") from None
    if "word/document.xml" not in names:
        raise ImporterError(path, "is a zip file but not a Word document (no word/document.xml)")


def _related_xml(part: Any, suffix: str) -> Any | None:
    from lxml import etree

    for rel in part.rels.values():
        if rel.reltype.endswith("/" + suffix) and not rel.is_external:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            return etree.fromstring(rel.target_part.blob, parser)
    return None


def _para_text(element: Any) -> str:
    return "\n".join(
        "".join(t.text or "" for t in p.iter(f"{W}t")) for p in element.iter(f"{W}p")
    ).strip()


def _notes(part: Any, suffix: str, tag: str) -> dict[str, str]:
    root = _related_xml(part, suffix)
    if root is None:
        return {}
    return {
        note.get(f"{W}id", ""): _para_text(note)
        for note in root.iter(f"{W}{tag}")
        if note.get(f"{W}type") not in ("separator", "continuationSeparator", "continuationNotice")
    }


def _comments(part: Any) -> dict[str, tuple[str, str]]:
    root = _related_xml(part, "comments")
    if root is None:
        return {}
    return {
        c.get(f"{W}id", ""): (_para_text(c), c.get(f"{W}author", ""))
        for c in root.iter(f"{W}comment")
    }


def _walk(container: Any, builder: _Builder) -> None:
    for child in container:
        if child.tag == f"{W}p":
            _paragraph(child, builder)
        elif child.tag == f"{W}tbl":
            _table(child, builder)
        elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
            content = child.find(f"{W}sdtContent")
            _walk(content if content is not None else child, builder)


def _styles(part: Any) -> tuple[dict[str, tuple[str, str]], frozenset[str]]:
    """What the paragraph styles say, read in one pass over the styles part: the numbering of
    styles such as "List Bullet" (carried by the style, not the paragraph), and the styles of
    headings: those with an outline level (Word's "Heading 1" to "Heading 9", in any language,
    and an author's own) and the title, which the text view sets in bold."""
    root = _related_xml(part, "styles")
    if root is None:
        return {}, frozenset()
    lists: dict[str, tuple[str, str]] = {}
    headings = set()
    for style in root.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            lists[style_id] = _num_ids(num_pr)
        name = style.find(f"{W}name")
        named = name.get(f"{W}val", "").lower() if name is not None else ""
        if style.find(f"{W}pPr/{W}outlineLvl") is not None or named == "title":
            headings.add(style_id)
    return lists, frozenset(headings)


def _num_ids(num_pr: Any) -> tuple[str, str]:
    num_id_el, level_el = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
    num_id = num_id_el.get(f"{W}val", "") if num_id_el is not None else ""
    level = level_el.get(f"{W}val", "0") if level_el is not None else "0"
    return num_id, level


def _list_prefix(p: Any, builder: _Builder) -> str:
    num_pr = p.find(f"{W}pPr/{W}numPr")
    style = p.find(f"{W}pPr/{W}pStyle")
    if num_pr is not None:
        num_id, level = _num_ids(num_pr)
    elif style is not None and style.get(f"{W}val", "") in builder.style_lists:
        num_id, level = builder.style_lists[style.get(f"{W}val", "")]
    else:
        return ""
    if num_id in ("", "0"):
        return ""
    return builder.numbering.prefix(num_id, int(level) if level.isdigit() else 0)


def _paragraph(p: Any, builder: _Builder) -> None:
    prefix = _list_prefix(p, builder)
    start = builder.length + (1 if builder.blocks else 0)
    if p.find(f"{W}pPr/{W}pageBreakBefore") is not None:
        builder.page_breaks.append(start)
    pieces: list[str] = [prefix]
    boxes: list[Any] = []
    _inline(p, builder, pieces, start, boxes)
    builder.add_block("".join(pieces))
    style = p.find(f"{W}pPr/{W}pStyle")
    if builder.length > start and (
            p.find(f"{W}pPr/{W}outlineLvl") is not None
            or (style is not None and style.get(f"{W}val", "") in builder.heading_styles)):
        builder.headings.append(Block(start, builder.length, "heading"))
    for box in boxes:
        _walk(box, builder)
    if p.find(f"{W}pPr/{W}sectPr") is not None:  # a section ends here
        builder.sections_seen += 1
        following = builder.section_starts[builder.sections_seen:builder.sections_seen + 1]
        if following and following[0] != "continuous":
            builder.page_breaks.append(builder.length + 1)


def _inline(element: Any, builder: _Builder, pieces: list[str], start: int, boxes: list[Any]) -> None:
    for node in element:
        tag = node.tag
        if tag in _SKIP:
            if tag == f"{W}txbxContent":
                boxes.append(node)
            else:
                _collect_boxes(node, boxes)
            continue
        here = start + sum(len(x) for x in pieces)
        if tag == f"{W}t":
            pieces.append(node.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            pieces.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            pieces.append("\n")
            if node.get(f"{W}type") == "page":
                builder.page_breaks.append(here + 1)
        elif tag == f"{W}lastRenderedPageBreak":
            builder.page_breaks.append(here)
        elif tag == f"{W}noBreakHyphen":
            pieces.append("-")
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
            note = builder.notes_by_kind[kind].get(node.get(f"{W}id", ""), "")
            mark = str(len(builder.note_marks) + 1)
            builder.note_marks.append((mark, note))
            pieces.append(f"[{mark}]")
        elif tag == f"{W}commentRangeStart":
            builder.open_comments[node.get(f"{W}id", "")] = here
        elif tag == f"{W}commentRangeEnd":
            cid = node.get(f"{W}id", "")
            if cid in builder.comments:
                text, author = builder.comments[cid]
                begin = builder.open_comments.pop(cid, here)
                builder.spans.append(SpanNote(begin, here, text, author))
        else:
            _inline(node, builder, pieces, start, boxes)


def _collect_boxes(node: Any, boxes: list[Any]) -> None:
    boxes.extend(node.iter(f"{W}txbxContent"))


def _table(tbl: Any, builder: _Builder) -> None:
    """Row by row, one line each. A table used to lay out a page (one column, or a cell holding
    pages of text) is read as the paragraphs it holds instead."""
    rows = [row.findall(f"{W}tc") for row in tbl.findall(f"{W}tr")]
    if not rows:
        return
    if max(len(cells) for cells in rows) == 1 or any(
            len(cell.findall(f"{W}p")) > 12 for cells in rows for cell in cells):
        for cells in rows:
            for cell in cells:
                _walk(cell, builder)
        return
    first = builder.length + (1 if builder.blocks else 0)
    for cells in rows:
        start = builder.length + (1 if builder.blocks else 0)
        pieces: list[str] = []
        for index, cell in enumerate(cells):
            if index:
                pieces.append("\t")
            v_merge = cell.find(f"{W}tcPr/{W}vMerge")
            if v_merge is not None and v_merge.get(f"{W}val") != "restart":
                continue  # continuation of a vertically merged cell: its text shown once
            for number, p in enumerate(cell.iter(f"{W}p")):
                if number:
                    pieces.append(CELL_LINE_BREAK)
                pieces.append(_list_prefix(p, builder))
                _inline(p, builder, pieces, start, [])
        builder.add_block("".join(pieces).replace("\n", CELL_LINE_BREAK))
    builder.tables.append(Block(first, builder.length, "table"))
