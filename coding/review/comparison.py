"""Coding comparison between two coders, over characters as NVivo's coding comparison does.

Every character of a document is a unit that each coder either coded to the node or did not
(a coder's overlapping spans count once: characters, not references). For a node in a
document of N characters, with `both`, `a_only` and `b_only` characters:

    Po = (N - a_only - b_only) / N                    observed agreement
    Pe = (A·B + (N - A)·(N - B)) / N²                 chance agreement, A = both + a_only,
                                                                         B = both + b_only
    kappa = (Po - Pe) / (1 - Pe), and 1 where Pe = 1  (neither coded anything, or both coded
                                                       every character)

Per node, the overall figures are averages over the compared documents weighted by their
length (documents where neither coder coded the node count, with kappa 1 — NVivo does the
same; so choose the documents both coders read, which is the default).

Counted in SQL by the one counting engine: |A|, |B| and |A ∪ B| per (node, document) come from
one window query (`per_document_by_coder`); the intersection is |A| + |B| - |A ∪ B|.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

from sqlalchemy import select

from coding.coders import CoderInfo, list_coders
from coding.errors import InvalidInput
from coding.filters import NO_FILTER, ReferenceFilter, node_scope, reference_conditions
from coding.ids import CoderId, DocumentId, NodeId
from coding.nodes import list_nodes
from coding.project import Project
from coding.review.counting import keyed_source, paused_gc, per_document_by_coder
from storage.models import Document, Reference

HEADER = ["node", "document", "characters", "kappa", "agreement_pct", "a_and_b_pct",
          "a_only_pct", "b_only_pct", "neither_pct", "disagreement_pct"]  # A, B: see header()
ALL_DOCUMENTS = "(all compared documents)"


class Agreement(NamedTuple):
    """Characters of `characters` coded by both coders, by A only and by B only.

    A NamedTuple, not a dataclass: a comparison builds one per (node, document), 85,000 on
    the benchmark, and a frozen dataclass's __init__ cost a quarter of a second there."""

    characters: int
    both: int = 0
    a_only: int = 0
    b_only: int = 0

    @property
    def neither(self) -> int:
        return self.characters - self.both - self.a_only - self.b_only

    @property
    def agreement(self) -> float:
        """Po: the share of characters on which the coders agree (0..1)."""
        if self.characters == 0:
            return 1.0
        return (self.characters - self.a_only - self.b_only) / self.characters

    @property
    def kappa(self) -> float:
        n = self.characters
        a, b = self.both + self.a_only, self.both + self.b_only
        chance = a * b + (n - a) * (n - b)  # Pe · N², in integers so Pe = 1 is exact
        if n == 0 or chance == n * n:
            return 1.0
        po, pe = self.agreement, chance / (n * n)
        return (po - pe) / (1 - pe)

    def share(self, part: int) -> float:
        return part / self.characters if self.characters else 0.0


class ComparisonRow(NamedTuple):
    """One node in one document, or (document_id None) the node over all compared documents,
    where `kappa` is the length-weighted mean of the documents' kappas."""

    node_id: NodeId
    node: str
    document_id: DocumentId | None
    document: str
    counts: Agreement
    kappa: float

    def cells(self) -> list[object]:
        c = self.counts
        shares = [round(100 * c.share(x), 2)
                  for x in (c.both, c.a_only, c.b_only, c.neither, c.a_only + c.b_only)]
        return [self.node, self.document, c.characters, round(self.kappa, 4),
                round(100 * c.agreement, 2), *shares]


@dataclass(frozen=True)
class Comparison:
    coder_a: CoderInfo
    coder_b: CoderInfo
    documents: tuple[tuple[DocumentId, str, int], ...]  # (id, name, length) compared
    rows: tuple[ComparisonRow, ...]  # per node: its overall row, then its documents

    def table(self) -> list[list[object]]:
        return [row.cells() for row in self.rows]


def compare_coders(
    project: Project, coder_a: CoderId, coder_b: CoderId, flt: ReferenceFilter = NO_FILTER,
) -> Comparison:
    """Agreement between two coders per node and document.

    Documents: those the filter names (documents, interventions), else every document both
    coders coded anything in (a second reviewer codes a sample; the rest is not compared).
    Nodes: the filter's nodes (each with its descendants, compared one by one), else every
    node either coder coded in those documents. Ratings in the filter narrow the references.
    """
    if coder_a == coder_b:
        raise InvalidInput("choose two different coders to compare")
    coders = {c.id: c for c in list_coders(project)}
    for coder in (coder_a, coder_b):
        if coder not in coders:
            raise InvalidInput(f"no coder with id {coder}")
    with project.db.reading() as s:
        documents = _documents(s, project, coder_a, coder_b, flt)
        if not documents:
            return Comparison(coders[coder_a], coders[coder_b], (), ())
        scoped = replace(flt, document_ids=tuple(d for d, _, _ in documents), case_ids=(),
                         with_descendants=True)
        wanted = node_scope(s, scoped)
        per_node = replace(scoped, node_ids=tuple(NodeId(n) for n in wanted or ()),
                           with_descendants=False, coder_ids=(coder_a, coder_b))
        with paused_gc():
            cells = per_document_by_coder(
                s, keyed_source(s, "nodes", per_node, with_coder=True), coder_a, coder_b)
    with paused_gc():
        rows = _rows(project, documents, cells, wanted)
    return Comparison(coders[coder_a], coders[coder_b], tuple(documents), tuple(rows))


def _documents(s, project: Project, coder_a: int, coder_b: int,  # type: ignore[no-untyped-def]
               flt: ReferenceFilter) -> list[tuple[DocumentId, str, int]]:
    query = select(Document.id, Document.name, Document.text_length).order_by(Document.name)
    if flt.document_ids:
        query = query.where(Document.id.in_(flt.document_ids))
    if flt.case_ids:
        query = query.where(Document.case_id.in_(flt.case_ids))
    if not flt.document_ids and not flt.case_ids:
        coded = [select(Reference.document_id).where(Reference.coder_id == c).distinct()
                 for c in (coder_a, coder_b)]
        query = query.where(Document.id.in_(coded[0]), Document.id.in_(coded[1]))
    return [(DocumentId(i), name, length) for i, name, length in s.execute(query)]


def _rows(
    project: Project, documents: list[tuple[DocumentId, str, int]],
    cells: list[tuple[int, int, int, int, int]], wanted: list[int] | None,
) -> list[ComparisonRow]:
    """Per node (in tree order) its overall row, then one row per document either coded."""
    total = sum(length for _, _, length in documents)
    order = {d: i for i, (d, _, _) in enumerate(documents)}  # documents come sorted by name
    names: dict[int, tuple[str, int]] = {d: (name, length) for d, name, length in documents}
    by_node: dict[int, list[tuple[int, int, int, int, int]]] = {}
    for cell in cells:
        by_node.setdefault(cell[0], []).append(cell)
    shown = set(wanted) if wanted is not None else set(by_node)
    rows: list[ComparisonRow] = []
    for info in list_nodes(project):
        if info.id not in shown:
            continue
        node_cells = sorted(by_node.get(info.id, ()), key=lambda c: order[c[1]])
        start = len(rows)
        rows.append(ComparisonRow(info.id, info.path, None, ALL_DOCUMENTS, Agreement(total), 1.0))
        covered = both = a_only = b_only = 0
        weighted = 0.0
        for _node, doc, either, a, b in node_cells:
            name, length = names[doc]
            counts = Agreement(length, a + b - either, either - b, either - a)
            kappa = counts.kappa
            rows.append(ComparisonRow(info.id, info.path, DocumentId(doc), name, counts, kappa))
            covered += length
            both, a_only, b_only = both + counts.both, a_only + counts.a_only, b_only + counts.b_only
            weighted += kappa * length
        untouched = total - covered  # documents where neither coded the node: kappa 1
        kappa = (weighted + untouched) / total if total else 1.0
        rows[start] = rows[start]._replace(counts=Agreement(total, both, a_only, b_only),
                                           kappa=kappa)
    return rows


def coder_spans(
    project: Project, doc_id: DocumentId, node_id: NodeId, coder_ids: tuple[CoderId, ...],
) -> dict[int, list[tuple[int, int]]]:
    """Each coder's references to the node in the document (for the side-by-side view)."""
    out: dict[int, list[tuple[int, int]]] = {c: [] for c in coder_ids}
    flt = ReferenceFilter(node_ids=(node_id,), with_descendants=False, document_ids=(doc_id,),
                          coder_ids=coder_ids)
    with project.db.reading() as s:
        query = (select(Reference.coder_id, Reference.start, Reference.end)
                 .where(*reference_conditions(s, flt)).order_by(Reference.start))
        for coder, start, end in s.execute(query):
            out[coder].append((start, end))  # type: ignore[index]  # filtered: never None
    return out


def header(comparison: Comparison) -> list[str]:
    """HEADER with the coders' names in place of A and B, so a saved table says who is who."""
    a, b = comparison.coder_a.initials or "A", comparison.coder_b.initials or "B"
    if a == b:
        a, b = "A", "B"
    return [h.replace("a_and_b", f"{a}_and_{b}").replace("a_only", f"{a}_only")
            .replace("b_only", f"{b}_only") for h in HEADER]
