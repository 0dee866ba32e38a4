"""Reading REFI-QDA exchange files (.qdpx projects, .qdc codebooks) into plain dataclasses.

The container (zip caps, zip-slip, safe XML) is importers/refi_archive.py; this module reads
what real tools write, tolerantly. Elements are matched by local name, so the namespace
spellings seen in the wild (urn:QDA-XML:project:1.0, 1:0, 0:4, none) all read; GUIDs are
accepted in any case, with or without braces, and a missing or repeated one is replaced so
storing never collides. Positions are kept as the file gives them (the spec says code
points; coding/exchange/refi_positions.py decides whether a file really counted UTF-16 units).
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from importers.base import ImporterError
from importers.refi_archive import Archive, ZipLimits, decode_text, parse_xml
from importers.refi_model import (
    QdaCase,
    QdaCode,
    QdaLink,
    QdaNote,
    QdaProject,
    QdaSelection,
    QdaSet,
    QdaSource,
    QdaValue,
    QdaVariable,
)
from importers.source import read_source

__all__ = ["ZipLimits", "normal_guid", "read_qdc", "read_qdpx"]

_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12})\}?$")
_VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue",
               "DateTimeValue")


def normal_guid(value: str | None) -> str:
    """Lower case, no braces: the one spelling we store; '' when it is not a GUID."""
    match = _GUID.match((value or "").strip())
    return match.group(1).lower() if match else ""


class _Guids:
    """Each element gets a GUID unique within its kind: missing or repeated ones are replaced
    by fresh GUIDs, so references resolve to the first holder and storing never collides.
    Names that must be unique to be told apart (variables, sets) get a ' (2)' suffix."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str]] = set()

    def own(self, kind: str, value: str | None) -> str:
        guid = normal_guid(value)
        if not guid or (kind, guid) in self.seen:
            guid = str(uuid.uuid4())
        self.seen.add((kind, guid))
        return guid

    def name(self, kind: str, value: str | None, default: str = "(unnamed)") -> str:
        wanted = (value or "").strip() or default
        name, n = wanted, 2
        while (f"name:{kind}", name) in self.seen:
            name, n = f"{wanted} ({n})", n + 1
        self.seen.add((f"name:{kind}", name))
        return name


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, name: str) -> Iterator[etree._Element]:
    return (c for c in el if _local(c) == name)


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next(_children(el, name), None)


def _text(el: etree._Element, name: str) -> str:
    found = _child(el, name)
    return (found.text or "") if found is not None else ""


def _refs(el: etree._Element, name: str) -> list[str]:
    return [g for c in _children(el, name)
            if (g := normal_guid(c.get("targetGUID") or c.get("guid")))]


def _codes(parent: etree._Element, parent_guid: str | None, out: list[QdaCode],
           guids: _Guids) -> None:
    for el in _children(parent, "Code"):
        guid = guids.own("code", el.get("guid"))
        out.append(QdaCode(
            guid=guid, name=el.get("name") or "(unnamed)", parent_guid=parent_guid,
            color=el.get("color") or "", description=_text(el, "Description"),
            is_codable=(el.get("isCodable") or "true").strip().lower() in ("true", "1"),
            note_refs=_refs(el, "NoteRef"),
        ))
        _codes(el, guid, out, guids)


def _codebook_codes(root: etree._Element, guids: _Guids) -> list[QdaCode]:
    book = root if _local(root) == "CodeBook" else _child(root, "CodeBook")
    codes: list[QdaCode] = []
    holder = _child(book, "Codes") if book is not None else None
    if holder is not None:
        _codes(holder, None, codes, guids)
    return codes


def _sets(root: etree._Element, guids: _Guids) -> list[QdaSet]:
    holder = _child(root, "Sets")
    return [
        QdaSet(guid=guids.own("set", el.get("guid")), name=guids.name("set", el.get("name")),
               description=_text(el, "Description"), member_codes=_refs(el, "MemberCode"),
               member_sources=_refs(el, "MemberSource"), member_notes=_refs(el, "MemberNote"))
        for el in (_children(holder, "Set") if holder is not None else ())
    ]


def _values(el: etree._Element) -> list[QdaValue]:
    values = []
    for vv in _children(el, "VariableValue"):
        ref = _child(vv, "VariableRef")
        guid = normal_guid(ref.get("targetGUID")) if ref is not None else ""
        value = next((c.text or "" for c in vv if _local(c) in _VALUE_TAGS), "")
        if guid:
            values.append(QdaValue(variable_guid=guid, value=value.strip()))
    return values


def _pdf_selections(el: etree._Element, guids: _Guids) -> list[QdaSelection]:
    """PDF region codings (NVivo, ATLAS.ti): a page and two corners. The schema says integers;
    decimals are read too. Which corner is which, and the page base, are settled on storing."""
    out = []
    for sel in _children(el, "PDFSelection"):
        try:
            page = int(sel.get("page", ""))
            x1, y1, x2, y2 = (float(sel.get(name, "")) for name in
                              ("firstX", "firstY", "secondX", "secondY"))
        except ValueError:
            continue
        if not all(math.isfinite(v) for v in (x1, y1, x2, y2)):
            continue
        codes = [g for c in _children(sel, "Coding") for g in _refs(c, "CodeRef")]
        out.append(QdaSelection(
            guid=guids.own("selection", sel.get("guid")), start=0, end=0, code_guids=codes,
            note_refs=_refs(sel, "NoteRef"), user_guid=normal_guid(sel.get("creatingUser")),
            created=sel.get("creationDateTime") or "", region=(page, x1, y1, x2, y2),
        ))
    return out


def _selections(el: etree._Element, guids: _Guids) -> list[QdaSelection]:
    out = []
    for sel in _children(el, "PlainTextSelection"):
        try:
            start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
        except ValueError:
            continue
        codes = [g for c in _children(sel, "Coding") for g in _refs(c, "CodeRef")]
        out.append(QdaSelection(
            guid=guids.own("selection", sel.get("guid")), start=start, end=end, code_guids=codes,
            note_refs=_refs(sel, "NoteRef"), user_guid=normal_guid(sel.get("creatingUser")),
            created=sel.get("creationDateTime") or "",
        ))
    return out


@dataclass
class _Reader:
    archive: Archive | None
    where: str
    skipped: list[str] = field(default_factory=list)
    guids: _Guids = field(default_factory=_Guids)

    def text_of(self, el: etree._Element) -> str | None:
        inline = _child(el, "PlainTextContent")
        if inline is not None:
            return inline.text or ""
        path = el.get("plainTextPath")
        data = self.archive.source(path) if (path and self.archive) else None
        return decode_text(data) if data is not None else None

    def source(self, el: etree._Element) -> QdaSource | None:
        kind, name = _local(el), el.get("name") or "(unnamed)"
        guid = self.guids.own("source", el.get("guid"))
        text_el, original, ext = el, None, ""
        if kind == "PDFSource":
            text_el = _child(el, "Representation")
            if text_el is None:
                self.skipped.append(f"{name}: PDF without a text representation")
                return None
            ext = "pdf"
            original = self.archive.source(el.get("path") or "") if self.archive else None
        elif kind == "TextSource":
            rich = el.get("richTextPath") or ""
            if rich and self.archive:
                original = self.archive.source(rich)
                ext = PurePosixPath(rich).suffix.lstrip(".").lower()
        else:
            self.skipped.append(f"{name}: {kind} (audio, video and pictures are not imported)")
            return None
        text = self.text_of(text_el)
        if text is None and ext == "txt" and original is not None:  # only a richTextPath
            text = decode_text(original)
        if text is None:
            self.skipped.append(f"{name}: its text file is missing from the archive")
            return None
        return QdaSource(
            guid=guid, name=name, kind="pdf" if kind == "PDFSource" else "text", text=text,
            original=original, original_ext=ext, description=_text(el, "Description"),
            selections=_selections(text_el, self.guids) + (
                _pdf_selections(el, self.guids) if kind == "PDFSource" else []),
            note_refs=_refs(el, "NoteRef"),
            values=_values(el), created=el.get("creationDateTime") or "",
        )

    def project(self, root: etree._Element) -> QdaProject:
        if _local(root) != "Project":
            raise ImporterError(self.where, f"the root element is <{_local(root)}>, "
                                "not a REFI-QDA <Project>")
        users = _child(root, "Users")
        variables = _child(root, "Variables")
        cases, sources, notes, links = (_child(root, n) for n in
                                        ("Cases", "Sources", "Notes", "Links"))
        return QdaProject(
            name=root.get("name") or "",
            origin=root.get("origin") or "",
            creating_user=normal_guid(root.get("creatingUser")),
            users=[(self.guids.own("user", u.get("guid")), u.get("name") or "")
                   for u in (_children(users, "User") if users is not None else ())],
            codes=_codebook_codes(root, self.guids),
            variables=[
                QdaVariable(guid=self.guids.own("variable", v.get("guid")),
                            name=self.guids.name("variable", v.get("name")),
                            type=v.get("typeOfVariable") or "Text",
                            description=_text(v, "Description"))
                for v in (_children(variables, "Variable") if variables is not None else ())
            ],
            cases=[
                QdaCase(guid=self.guids.own("case", c.get("guid")), name=c.get("name") or "",
                        description=_text(c, "Description"), source_refs=_refs(c, "SourceRef"),
                        values=_values(c))
                for c in (_children(cases, "Case") if cases is not None else ())
            ],
            sources=[s for el in (sources if sources is not None else ())
                     if (s := self.source(el)) is not None],
            notes=[
                QdaNote(guid=self.guids.own("note", n.get("guid")), name=n.get("name") or "",
                        text=self.text_of(n) or "", created=n.get("creationDateTime") or "",
                        modified=n.get("modifiedDateTime") or "",
                        user_guid=normal_guid(n.get("creatingUser")))
                for n in (_children(notes, "Note") if notes is not None else ())
            ],
            links=[
                QdaLink(guid=self.guids.own("link", k.get("guid")), name=k.get("name") or "",
                        direction=k.get("direction") or "Associative",
                        origin=normal_guid(k.get("originGUID")),
                        target=normal_guid(k.get("targetGUID")))
                for k in (_children(links, "Link") if links is not None else ())
            ],
            sets=_sets(root, self.guids),
            note_refs=_refs(root, "NoteRef"),
            skipped=self.skipped,
        )


def read_qdpx(path: Path | str, limits: ZipLimits | None = None) -> QdaProject:
    path = Path(path)
    archive = Archive(path, limits or ZipLimits())
    name, data = archive.project_xml()
    root = parse_xml(data, path)
    return _Reader(archive, str(path)).project(root)


def read_qdc(path: Path | str, limits: ZipLimits | None = None) -> tuple[list[QdaCode],
                                                                         list[QdaSet]]:
    """A codebook: the code tree and its sets. Read no more than one archive entry may hold."""
    path = Path(path)
    cap = (limits or ZipLimits()).max_file_bytes
    data = read_source(path, cap)
    root = parse_xml(data, path)
    if _local(root) not in ("CodeBook", "Project"):
        raise ImporterError(path, f"the root element is <{_local(root)}>, not <CodeBook>")
    guids = _Guids()
    return _codebook_codes(root, guids), _sets(root, guids)
