"""Word .docx: the body in document order, as a reader sees it with all changes accepted.

python-docx's `paragraph.text` drops runs inside tracked insertions (w:ins), so we walk the
XML ourselves: insertions kept, deletions (w:del, w:moveFrom) dropped, lists numbered, tables
row by row with a merged cell's text once, text boxes after their paragraph, footnotes and
endnotes marked "[n]" and listed after the body, comments kept as notes on their span.
Headers and footers are not part of the body and are left out.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.base import ImportedDocument, ImporterError, PageSpan, SpanNote

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{W}footnotePr", f"{W}endnotePr"}


@dataclass
class _Builder:
    notes_by_kind: dict[str, dict[str, str]]
    comments: dict[str, tuple[str, str]]
    numbering: dict[tuple[str, str], str]
    style_lists: dict[str, tuple[str, str]] = field(default_factory=dict)
    blocks: list[str] = field(default_factory=list)
    length: int = 0
    note_marks: list[tuple[str, str]] = field(default_factory=list)
    open_comments: dict[str, int] = field(default_factory=dict)
    spans: list[SpanNote] = field(default_factory=list)
    counters: dict[tuple[str, str], int] = field(default_factory=dict)

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
        builder = _Builder(
            notes_by_kind={"footnote": _notes(part, "footnotes", "footnote"),
                           "endnote": _notes(part, "endnotes", "endnote")},
            comments=_comments(part),
            numbering=_numbering(part),
            style_lists=_style_lists(part),
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
        path=path, format="docx", text=text, pages=[PageSpan(1, 0, len(text))],
        title=(title or "").strip() or path.stem, authors=(authors or "").strip(),
        year=created.year if created else None, notes=builder.spans, warnings=warnings,
    )


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


def _numbering(part: Any) -> dict[tuple[str, str], str]:
    """(numId, level) -> number format ("bullet", "decimal", ...)."""
    root = _related_xml(part, "numbering")
    if root is None:
        return {}
    abstract = {
        a.get(f"{W}abstractNumId"): {
            lvl.get(f"{W}ilvl"): (lvl.find(f"{W}numFmt").get(f"{W}val")
                                  if lvl.find(f"{W}numFmt") is not None else "decimal")
            for lvl in a.iter(f"{W}lvl")
        }
        for a in root.iter(f"{W}abstractNum")
    }
    formats: dict[tuple[str, str], str] = {}
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        levels = abstract.get(ref.get(f"{W}val") if ref is not None else None, {})
        for level, fmt in levels.items():
            formats[(num.get(f"{W}numId", ""), level or "0")] = fmt or "decimal"
    return formats


def _walk(container: Any, builder: _Builder) -> None:
    for child in container:
        if child.tag == f"{W}p":
            _paragraph(child, builder)
        elif child.tag == f"{W}tbl":
            _table(child, builder)
        elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
            content = child.find(f"{W}sdtContent")
            _walk(content if content is not None else child, builder)


def _style_lists(part: Any) -> dict[str, tuple[str, str]]:
    """Styles such as "List Bullet" carry their numbering in the style, not the paragraph."""
    root = _related_xml(part, "styles")
    if root is None:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for style in root.iter(f"{W}style"):
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            found[style.get(f"{W}styleId", "")] = _num_ids(num_pr)
    return found


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
    fmt = builder.numbering.get((num_id, level), "decimal")
    indent = "  " * int(level) if level.isdigit() else ""
    if fmt in ("bullet", "none"):
        return f"{indent}\u2022 "
    key = (num_id, level)
    builder.counters[key] = builder.counters.get(key, 0) + 1
    return f"{indent}{builder.counters[key]}. "


def _paragraph(p: Any, builder: _Builder) -> None:
    prefix = _list_prefix(p, builder)
    start = builder.length + (1 if builder.blocks else 0)
    pieces: list[str] = [prefix]
    boxes: list[Any] = []
    _inline(p, builder, pieces, start, boxes)
    builder.add_block("".join(pieces))
    for box in boxes:
        _walk(box, builder)


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
    for row in tbl.findall(f"{W}tr"):
        cells: list[str] = []
        for cell in row.findall(f"{W}tc"):
            v_merge = cell.find(f"{W}tcPr/{W}vMerge")
            if v_merge is not None and v_merge.get(f"{W}val") != "restart":
                cells.append("")  # continuation of a vertically merged cell: text shown once
                continue
            cells.append(" ".join(_para_text(p) for p in cell.findall(f"{W}p")).strip())
        builder.add_block("\t".join(cells))
