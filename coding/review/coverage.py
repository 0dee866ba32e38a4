"""Node coverage: how much evidence each node or theory has, counted in SQL, never by loading
references into Python.

Characters coded are the union of a row's spans in a document, so overlapping references are
not counted twice; a document's coverage % is that union over the document's length (NVivo's
"coverage"). Rows with no evidence are kept (with zeros) so they stand out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from coding.documents import PageInfo, document_pages
from coding.errors import InvalidInput, NotFound
from coding.filters import NO_FILTER, ReferenceFilter
from coding.ids import DocumentId, NodeId
from coding.nodes import list_nodes
from coding.project import Project
from coding.review.counting import (
    ZERO,
    Grouping,
    RowHeader,
    count_cells,
    fold,
    group_lengths,
    keyed_source,
    paused_gc,
    per_document,
    row_headers,
)
from coding.review.counting import merged_spans as merged_spans  # re-exported: its old home
from storage.models import Case, Document, Reference

SORT_KEYS = ("tree", "label", "references", "documents", "interventions", "characters", "percent")


@dataclass(frozen=True)
class NodeCoverage:
    node_id: NodeId
    path: str
    role: str
    origin: str
    references: int
    documents: int
    cases: int
    characters: int


@dataclass(frozen=True)
class CellCoverage:
    """One node in one document (or one intervention)."""

    node_id: NodeId
    path: str
    group_id: int
    group_name: str
    references: int
    documents: int
    characters: int
    percent: float


@dataclass(frozen=True)
class CoverageRow(RowHeader):
    """One row of the coverage view: a node or a theory with its evidence.

    `percent` is characters coded over the total length of the documents that code it.
    """

    references: int
    documents: int
    cases: int
    characters: int
    percent: float

    @property
    def has_evidence(self) -> bool:
        return self.references > 0


def folder_labels(rows: Iterable[RowHeader]) -> set[str]:
    """The node paths among `rows` with other nodes under them: folders ("Contexts"), whose
    coding is their nodes', so a folder with none of its own is no gap in the evidence (the
    app does not shade it; `coverage --empty` still lists every row with no references)."""
    found: set[str] = set()
    for row in rows:
        parts = row.label.split("/")
        found.update("/".join(parts[:depth]) for depth in range(1, len(parts)))
    return found


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


def coverage_table(
    project: Project,
    *,
    rows: str = "nodes",
    flt: ReferenceFilter = NO_FILTER,
    aggregate: bool = False,
    sort: str = "tree",
    descending: bool = False,
) -> list[CoverageRow]:
    """Every node (or theory) with references, documents, interventions, characters and %."""
    if sort not in SORT_KEYS:
        raise InvalidInput(f"sort must be one of {', '.join(SORT_KEYS)}, not '{sort}'")
    with project.db.reading() as s:
        source = keyed_source(s, rows, flt, aggregate=aggregate)
        facts = s.execute(select(Document.id, Document.case_id, Document.text_length)).all()
        with paused_gc():
            per_doc = per_document(s, source)
    lengths = {doc: length for doc, _, length in facts}
    counts = {key: c for (key, _), c in fold(
        per_doc, dict.fromkeys(lengths, 0), {doc: case_id for doc, case_id, _ in facts}
    ).items()}
    coded_length: dict[int, int] = {}
    for key, doc, _, _ in per_doc:
        coded_length[key] = coded_length.get(key, 0) + lengths.get(doc, 0)
    out = [
        CoverageRow(h.kind, h.id, h.label, h.role, h.origin, h.topic, h.depth, c.references,
                    c.documents, c.cases, c.characters,
                    _percent(c.characters, coded_length.get(h.id, 0)))
        for h in row_headers(project, rows, flt)
        for c in (counts.get(h.id, ZERO),)
    ]
    if sort != "tree":
        attr = {"interventions": "cases"}.get(sort, sort)
        out.sort(key=lambda r: getattr(r, attr), reverse=descending)
    elif descending:
        out.reverse()
    return out


def node_coverage(project: Project, flt: ReferenceFilter = NO_FILTER) -> list[NodeCoverage]:
    """Every node, in tree order, with its evidence counts (zeros stand out)."""
    return [
        NodeCoverage(NodeId(r.id), r.label, r.role, r.origin, r.references, r.documents,
                     r.cases, r.characters)
        for r in coverage_table(project, flt=flt)
    ]


def _cells(project: Project, grouping: Grouping, flt: ReferenceFilter, aggregate: bool,
           names: dict[object, str]) -> list[CellCoverage]:
    paths = {n.id: n.path for n in list_nodes(project)}
    with project.db.reading() as s:
        cells = count_cells(s, keyed_source(s, "nodes", flt, aggregate=aggregate), grouping)
        lengths = group_lengths(s, grouping)
    out = [
        CellCoverage(
            node_id=NodeId(key), path=paths.get(NodeId(key), "?"), group_id=int(grp),  # type: ignore[call-overload]
            group_name=names.get(grp, "(no intervention)"), references=c.references,
            documents=c.documents, characters=c.characters,
            percent=_percent(c.characters, lengths.get(grp, (0, 0))[1]),
        )
        for (key, grp), c in cells.items()
    ]
    out.sort(key=lambda c: (c.path, c.group_name))
    return out


def coverage_by_document(
    project: Project, flt: ReferenceFilter = NO_FILTER, *, aggregate: bool = False
) -> list[CellCoverage]:
    """Node x document: references, characters coded and % of the document's text."""
    with project.db.reading() as s:
        names: dict[object, str] = {i: n for i, n in s.execute(select(Document.id, Document.name))}
    return _cells(project, Grouping("documents"), flt, aggregate, names)


def coverage_by_case(
    project: Project, flt: ReferenceFilter = NO_FILTER, *, aggregate: bool = False
) -> list[CellCoverage]:
    """Node x intervention: references, documents, characters and % of the intervention's text
    (documents with no intervention are grouped as #0)."""
    with project.db.reading() as s:
        names: dict[object, str] = {c.id: f"#{c.number} {c.name}" for c in s.scalars(select(Case))}
    return _cells(project, Grouping("interventions"), flt, aggregate, names)


@dataclass(frozen=True)
class DocumentNodeSummary:
    """How one node codes one document: how much, and on which pages."""

    node_id: NodeId
    path: str
    role: str
    references: int
    characters: int
    percent: float
    pages: str


def pages_list(pages: list[PageInfo], spans: list[tuple[int, int]],
               regions: Iterable[int] = ()) -> str:
    """'3, 5–7' — the pages a set of spans touches, and the pages of `regions` (the page of each
    region coded: a scan kept as its pages has no text for a span to fall in), or '' for a
    document without pages."""
    if len(pages) <= 1:
        return ""
    hit = sorted({p.number for p in pages for a, b in spans if p.start < max(b, a + 1) and p.end > a}
                 | set(regions))
    runs: list[list[int]] = []
    for number in hit:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}\u2013{b}" for a, b in runs)


def document_summary(
    project: Project, doc_id: DocumentId, *, aggregate: bool = False
) -> list[DocumentNodeSummary]:
    """Which nodes code this document, how much (characters, %) and where (pages)."""
    flt = ReferenceFilter(document_ids=(doc_id,))
    with project.db.reading() as s:
        length = s.scalar(select(Document.text_length).where(Document.id == doc_id))
        if length is None:
            raise NotFound(f"no document with id {doc_id}")
        cells = count_cells(s, keyed_source(s, "nodes", flt, aggregate=aggregate),
                            Grouping("documents"))
        spans: dict[int, list[tuple[int, int]]] = {}
        regions: dict[int, list[int]] = {}
        for node_id, start, end, page in s.execute(
            select(Reference.node_id, Reference.start, Reference.end, Reference.region_page)
            .where(Reference.document_id == doc_id)
        ):
            if page is not None:
                regions.setdefault(node_id, []).append(page)
            spans.setdefault(node_id, []).append((start, end))
    pages = document_pages(project, doc_id)
    nodes = list_nodes(project)
    if aggregate:  # a parent's pages are its own and its descendants'
        parent = {n.id: n.parent_id for n in nodes}
        for node_id, some in list(spans.items()):
            up = parent.get(NodeId(node_id))
            while up is not None:
                spans.setdefault(up, []).extend(some)
                regions.setdefault(up, []).extend(regions.get(node_id, []))
                up = parent.get(up)
    return [
        DocumentNodeSummary(n.id, n.path, n.role, c.references, c.characters,
                            _percent(c.characters, length),
                            pages_list(pages, spans.get(n.id, []), regions.get(n.id, ())))
        for n in nodes
        for c in (cells.get((n.id, doc_id)),)
        if c is not None
    ]

