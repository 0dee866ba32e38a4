"""Reading REFI-QDA exchange files (.qdpx projects, .qdc codebooks) into plain dataclasses.

A .qdpx is a zip of one project.qde XML file and a sources/ folder. Files come from other
tools and from strangers, so the zip is read in memory with caps on entry count and sizes,
member names that climb out ('..', absolute paths) are refused, and the XML parser never
loads a DTD, resolves an entity or touches the network. Elements are matched by local name,
so the namespace spellings seen in the wild (urn:QDA-XML:project:1.0, 1:0, 0:4) all read.
Positions are kept as the file gives them: code-point offsets, end-exclusive (spec §10.2).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from importers.base import ImporterError
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

__all__ = ["ZipLimits", "normal_guid", "read_qdc", "read_qdpx"]

_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12})\}?$")
_VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue",
               "DateTimeValue")


@dataclass(frozen=True)
class ZipLimits:
    """Caps that keep a hostile archive (zip bomb, millions of entries) from hurting us."""

    max_entries: int = 20_000
    max_file_bytes: int = 512 * 1024 * 1024
    max_total_bytes: int = 2 * 1024 * 1024 * 1024


def normal_guid(value: str | None) -> str:
    """Lower case, no braces: the one spelling we store; '' when it is not a GUID."""
    match = _GUID.match((value or "").strip())
    return match.group(1).lower() if match else ""


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


def parse_xml(data: bytes, where: Path) -> etree._Element:
    """Parse untrusted XML: no DTD, no entities, no network; a DOCTYPE is refused outright."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImporterError(where, f"not well-formed XML ({exc.msg})") from None
    if root.getroottree().docinfo.doctype:
        raise ImporterError(where, "refused, the XML declares a DOCTYPE (entities are unsafe)")
    return root


class _Archive:
    """The zip's members, read in memory within the caps."""

    def __init__(self, path: Path, limits: ZipLimits) -> None:
        self.path = path
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImporterError(path, f"not a REFI-QDA project (.qdpx zip): {exc}") from None
        with zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if len(infos) > limits.max_entries:
                raise ImporterError(path, f"refused, {len(infos)} entries is more than "
                                    f"{limits.max_entries}")
            self.files: dict[str, bytes] = {}
            total = 0
            for info in infos:
                _check_name(path, info.filename)
                data = self._read(zf, info, limits)
                total += len(data)
                if total > limits.max_total_bytes:
                    raise ImporterError(path, f"refused, unpacks to more than "
                                        f"{limits.max_total_bytes} bytes")
                self.files[info.filename] = data
        self.lower = {name.lower(): name for name in self.files}

    def _read(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits) -> bytes:
        if info.file_size > limits.max_file_bytes:
            raise ImporterError(self.path, f"refused, entry '{info.filename}' is larger than "
                                f"{limits.max_file_bytes} bytes")
        with zf.open(info) as handle:  # the header may lie: read no more than the cap
            data = handle.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise ImporterError(self.path, f"refused, entry '{info.filename}' is larger than "
                                f"{limits.max_file_bytes} bytes")
        return data

    def source(self, reference: str) -> bytes | None:
        """A source file by internal://, relative://, absolute:// or bare name."""
        name = re.sub(r"^(internal|relative|absolute)://", "", reference.strip(), flags=re.I)
        base = PurePosixPath(name.replace("\\", "/")).name
        for candidate in (f"sources/{name}", name, f"sources/{base}", base):
            real = self.lower.get(candidate.lower())
            if real is not None:
                return self.files[real]
        return None

    def project_xml(self) -> tuple[str, bytes]:
        roots = sorted(n for n in self.files if "/" not in n and n.lower().endswith(".qde"))
        if not roots:
            raise ImporterError(self.path, "no project .qde file at the root of the archive")
        return roots[0], self.files[roots[0]]


def _check_name(path: Path, name: str) -> None:
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", name):
        raise ImporterError(path, f"refused, archive entry '{name}' points outside the archive")


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM dropped); line ends kept, since positions count them."""
    return data.decode("utf-8-sig", errors="replace")


def _codes(parent: etree._Element, parent_guid: str | None, out: list[QdaCode]) -> None:
    for el in _children(parent, "Code"):
        guid = normal_guid(el.get("guid"))
        if not guid:
            continue
        out.append(QdaCode(
            guid=guid, name=el.get("name") or "(unnamed)", parent_guid=parent_guid,
            color=el.get("color") or "", description=_text(el, "Description"),
            is_codable=(el.get("isCodable") or "true").strip().lower() in ("true", "1"),
            note_refs=_refs(el, "NoteRef"),
        ))
        _codes(el, guid, out)


def _codebook_codes(root: etree._Element) -> list[QdaCode]:
    book = root if _local(root) == "CodeBook" else _child(root, "CodeBook")
    codes: list[QdaCode] = []
    holder = _child(book, "Codes") if book is not None else None
    if holder is not None:
        _codes(holder, None, codes)
    return codes


def _sets(root: etree._Element) -> list[QdaSet]:
    holder = _child(root, "Sets")
    return [
        QdaSet(guid=normal_guid(el.get("guid")), name=el.get("name") or "",
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


def _selections(el: etree._Element) -> list[QdaSelection]:
    out = []
    for sel in _children(el, "PlainTextSelection"):
        try:
            start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
        except ValueError:
            continue
        codes = [g for c in _children(sel, "Coding") for g in _refs(c, "CodeRef")]
        out.append(QdaSelection(
            guid=normal_guid(sel.get("guid")), start=start, end=end, code_guids=codes,
            note_refs=_refs(sel, "NoteRef"), user_guid=normal_guid(sel.get("creatingUser")),
            created=sel.get("creationDateTime") or "",
        ))
    return out


@dataclass
class _Reader:
    archive: _Archive | None
    where: str
    skipped: list[str] = field(default_factory=list)

    def text_of(self, el: etree._Element) -> str | None:
        inline = _child(el, "PlainTextContent")
        if inline is not None:
            return inline.text or ""
        path = el.get("plainTextPath")
        data = self.archive.source(path) if (path and self.archive) else None
        return decode_text(data) if data is not None else None

    def source(self, el: etree._Element) -> QdaSource | None:
        kind, name = _local(el), el.get("name") or "(unnamed)"
        guid = normal_guid(el.get("guid"))
        text_el, original, ext = el, None, ""
        if kind == "PDFSource":
            text_el = _child(el, "Representation")
            if any(True for _ in _children(el, "PDFSelection")):
                self.skipped.append(f"{name}: PDF region selections (only text selections "
                                    "are imported)")
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
        if text is None:
            self.skipped.append(f"{name}: its text file is missing from the archive")
            return None
        return QdaSource(
            guid=guid, name=name, kind="pdf" if kind == "PDFSource" else "text", text=text,
            original=original, original_ext=ext, description=_text(el, "Description"),
            selections=_selections(text_el), note_refs=_refs(el, "NoteRef"),
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
            users=[(normal_guid(u.get("guid")), u.get("name") or "")
                   for u in (_children(users, "User") if users is not None else ())],
            codes=_codebook_codes(root),
            variables=[
                QdaVariable(guid=normal_guid(v.get("guid")), name=v.get("name") or "",
                            type=v.get("typeOfVariable") or "Text",
                            description=_text(v, "Description"))
                for v in (_children(variables, "Variable") if variables is not None else ())
            ],
            cases=[
                QdaCase(guid=normal_guid(c.get("guid")), name=c.get("name") or "",
                        description=_text(c, "Description"), source_refs=_refs(c, "SourceRef"),
                        values=_values(c))
                for c in (_children(cases, "Case") if cases is not None else ())
            ],
            sources=[s for el in (sources if sources is not None else ())
                     if (s := self.source(el)) is not None],
            notes=[
                QdaNote(guid=normal_guid(n.get("guid")), name=n.get("name") or "",
                        text=self.text_of(n) or "", created=n.get("creationDateTime") or "",
                        modified=n.get("modifiedDateTime") or "")
                for n in (_children(notes, "Note") if notes is not None else ())
            ],
            links=[
                QdaLink(guid=normal_guid(k.get("guid")), name=k.get("name") or "",
                        direction=k.get("direction") or "Associative",
                        origin=normal_guid(k.get("originGUID")),
                        target=normal_guid(k.get("targetGUID")))
                for k in (_children(links, "Link") if links is not None else ())
            ],
            sets=_sets(root),
            note_refs=_refs(root, "NoteRef"),
            skipped=self.skipped,
        )


def read_qdpx(path: Path | str, limits: ZipLimits | None = None) -> QdaProject:
    path = Path(path)
    archive = _Archive(path, limits or ZipLimits())
    name, data = archive.project_xml()
    root = parse_xml(data, path)
    return _Reader(archive, str(path)).project(root)


def read_qdc(path: Path | str) -> tuple[list[QdaCode], list[QdaSet]]:
    """A codebook: the code tree and its sets."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImporterError(path, f"{exc.strerror or exc}") from None
    root = parse_xml(data, path)
    if _local(root) not in ("CodeBook", "Project"):
        raise ImporterError(path, f"the root element is <{_local(root)}>, not <CodeBook>")
    return _codebook_codes(root), _sets(root)
