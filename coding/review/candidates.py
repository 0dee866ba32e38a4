"""Configuration discovery: contexts, mechanisms and outcomes coded together, C × M × O.

Co-occurrence (`coding.review.cooccurrence`) asks about two nodes; a realist reviewer looking
for configurations the initial model missed wants every triple at once: for each context,
mechanism and outcome node, the documents (and interventions) where all three are coded in
the same paragraph, or anywhere in the same document. A triple that is no configuration of the
model yet is a *candidate*; `adopt_candidate` turns one into a new (or, leaving parts out, a
partial) configuration whose elements are those nodes, with the supporting excerpts coded to
the configuration's own node.

A node without a C/M/O role counts for the nearest ancestor that has one (the evidence rule's
"coded under an element"). Document mode works on bit sets (one bit per document, documents
ordered by intervention so an intervention is a run of bits): 1,000 documents and 50 nodes of
each role are 125,000 triples, each an AND of three integers. Paragraph mode reads the texts of
the documents coded to all three roles and enumerates, per paragraph, the few triples there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import product
from pathlib import Path

from sqlalchemy import literal, select

from coding.errors import InvalidInput
from coding.filters import NO_FILTER, ReferenceFilter, reference_conditions
from coding.ids import DocumentId, NodeId, TheoryId
from coding.project import Project
from coding.realist.theories import add_theory, list_theories
from coding.references import CodingResult, code_spans
from coding.review.counting import paused_gc
from coding.tables import write_table_csv
from coding.theory_log import Journal
from storage.models import Case, Document, Node, Reference

MODES = ("paragraph", "document")
ROLES = ("context", "mechanism", "outcome")
_PARAGRAPH = {True: re.compile(r"\n[ \t\f\v]*\n"), False: re.compile(r"\n")}  # as co-occurrence


class _Documents:
    """One bit per document, grouped by intervention, each group followed by a guard bit.

    Adding the groups' all-ones mask to a set of documents carries into a group's guard bit
    exactly when the set holds one of its documents, so `interventions_of` counts the
    interventions of a whole set in three big-integer operations instead of a loop.
    """

    def __init__(self, documents: dict[int, tuple[str, int | None]]) -> None:
        self.bit: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self.guards: dict[int, int] = {}  # guard bit -> intervention number
        groups: dict[int, list[int]] = {}
        loose: list[int] = []
        for d in sorted(documents):
            number = documents[d][1]
            (groups.setdefault(number, []) if number is not None else loose).append(d)
        position = self.members = self.guard_mask = 0
        for number in sorted(groups):
            for d in groups[number]:
                self.members |= 1 << position
                self._place(d, position, documents)
                position += 1
            self.guards[position] = number
            self.guard_mask |= 1 << position
            position += 1
        for d in loose:
            self._place(d, position, documents)
            position += 1

    def _place(self, doc: int, position: int, documents: dict[int, tuple[str, int | None]]) -> None:
        self.bit[doc] = position
        self.names[position] = documents[doc][0]

    def mask(self, documents: Iterable[int]) -> int:
        found = 0
        for d in documents:
            found |= 1 << self.bit[d]
        return found

    def interventions_of(self, mask: int) -> int:
        """The guard bits of the interventions these documents belong to."""
        return ((mask & self.members) + self.members) & self.guard_mask


@dataclass(frozen=True, slots=True)
class Candidate:
    context: NodeId
    mechanism: NodeId
    outcome: NodeId
    names: tuple[str, str, str]  # the nodes' paths
    document_count: int
    intervention_count: int
    in_model: tuple[str, ...]  # labels of the configurations made of exactly these parts
    mask: int = field(repr=False, default=0)  # the documents, as bits of `index`
    index: _Documents | None = field(repr=False, compare=False, default=None)

    @property
    def is_candidate(self) -> bool:
        return not self.in_model

    @property
    def documents(self) -> tuple[str, ...]:
        """The documents' names, sorted (worked out when asked: most rows never are)."""
        if self.index is None:
            return ()
        return tuple(sorted(self.index.names[i] for i in _bits(self.mask)))

    @property
    def interventions(self) -> tuple[int, ...]:
        if self.index is None:
            return ()
        guards = self.index.interventions_of(self.mask)
        return tuple(sorted(self.index.guards[i] for i in _bits(guards)))

    def interventions_label(self) -> str:
        return ", ".join(f"#{n}" for n in self.interventions)

    @property
    def nodes(self) -> tuple[NodeId, NodeId, NodeId]:
        return self.context, self.mechanism, self.outcome


@dataclass(frozen=True)
class _Coding:
    """What the database holds for the search: each reference under the role node it counts
    for, and each document's name and intervention number."""

    refs: list[tuple[int, int, int, int]]  # (role node, document, start, end)
    names: dict[int, str]  # role node -> its path
    roles: dict[int, str]  # role node -> role
    documents: dict[int, tuple[str, int | None]]  # document -> (name, intervention number)


def _role_owner(nodes: list[tuple[int, int | None, str, str]]) -> dict[int, int]:
    """node -> the node whose C/M/O role it counts for (itself, or its nearest ancestor with
    a role); nodes with neither are left out."""
    parent = {n: p for n, p, _, _ in nodes}
    role = {n: r for n, _, r, _ in nodes}
    resolved: dict[int, int | None] = {}
    for node in parent:
        path: list[int] = []
        at: int | None = node
        while at is not None and at not in resolved and role[at] not in ROLES:
            path.append(at)
            at = parent[at]
        found = None if at is None else resolved.get(at, at)
        if at is not None:
            resolved[at] = found
        for n in path:
            resolved[n] = found
    return {n: o for n, o in resolved.items() if o is not None}


def _read(project: Project, flt: ReferenceFilter, spans: bool) -> _Coding:
    """The references under role nodes; without `spans`, one row per (node, document) read
    from the (node, document) index alone, which is all document mode needs."""
    with project.db.reading() as s:
        nodes = [(n, p, r, name) for n, p, r, name in s.execute(
            select(Node.id, Node.parent_id, Node.role, Node.name))]
        owner = _role_owner(nodes)
        where = (Reference.node_id.in_(sorted(owner)),
                 *reference_conditions(s, flt.without_nodes()))
        query = (select(Reference.node_id, Reference.document_id, Reference.start,
                        Reference.end) if spans else
                 select(Reference.node_id, Reference.document_id, literal(0), literal(0))
                 .distinct())
        # plain rows fetched at once: no ORM loading, no per-row fetch for 100,000 references
        refs = [(owner[n], d, a, b) for n, d, a, b in s.connection().execute(
            query.where(*where)).fetchall()]
        documents: dict[int, tuple[str, int | None]] = {
            d: (name, number) for d, name, number in s.execute(
                select(Document.id, Document.name, Case.number)
                .outerjoin(Case, Case.id == Document.case_id))}
    roles = {n: r for n, _, r, _ in nodes if r in ROLES}
    return _Coding(refs, _paths(nodes, roles), roles, documents)


def _paths(nodes: list[tuple[int, int | None, str, str]], wanted: Iterable[int]) -> dict[int, str]:
    """"Contexts/Rural area": names can repeat in different folders, paths cannot."""
    parent = {n: p for n, p, _, _ in nodes}
    name = {n: nm for n, _, _, nm in nodes}
    out: dict[int, str] = {}
    for node in wanted:
        parts: list[str] = []
        at: int | None = node
        while at is not None:
            parts.append(name[at])
            at = parent[at]
        out[node] = "/".join(reversed(parts))
    return out


def _model_triples(project: Project) -> dict[tuple[int, int, int], list[str]]:
    found: dict[tuple[int, int, int], list[str]] = {}
    for t in list_theories(project):
        c, m, o = ([int(e.node_id) for e in t.of_role(role)] for role in ROLES)
        for triple in product(c, m, o):
            found.setdefault(triple, []).append(t.label)
    return found


def _by_documents(coding: _Coding, index: _Documents,
                  min_documents: int) -> dict[tuple[int, int, int], int]:
    """Triple -> the documents coding all three (a bit set), from one bit set per node."""
    masks: dict[int, int] = {}
    for node, doc, _, _ in coding.refs:
        masks[node] = masks.get(node, 0) | (1 << index.bit[doc])
    by_role = {role: [(n, masks[n]) for n in masks if coding.roles[n] == role] for role in ROLES}
    found: dict[tuple[int, int, int], int] = {}
    for c, c_mask in by_role["context"]:
        for m, m_mask in by_role["mechanism"]:
            cm = c_mask & m_mask
            if cm.bit_count() < min_documents:
                continue
            for o, o_mask in by_role["outcome"]:
                every = cm & o_mask
                if every.bit_count() >= min_documents:
                    found[(c, m, o)] = every
    return found


def _bits(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _paragraph_starts(project: Project, documents: Iterable[int]) -> dict[int, list[int]]:
    """Where each paragraph of these documents starts (line breaks; blank lines in PDFs)."""
    with project.db.reading() as s:
        return {doc: [0, *(m.end() for m in _PARAGRAPH[fmt == "pdf"].finditer(text))]
                for doc, text, fmt in s.execute(
                    select(Document.id, Document.text, Document.format)
                    .where(Document.id.in_(sorted(documents))))}


def _paragraphs(project: Project, coding: _Coding) -> dict[int, list[int]]:
    """Paragraph starts of the documents that code all three roles (only those are read)."""
    roles_in: dict[int, set[str]] = {}
    for node, doc, _, _ in coding.refs:
        roles_in.setdefault(doc, set()).add(coding.roles[node])
    return _paragraph_starts(project, (d for d, roles in roles_in.items() if len(roles) == 3))


def _by_paragraphs(project: Project, coding: _Coding,
                   index: _Documents) -> dict[tuple[int, int, int], int]:
    """Triple -> documents (a bit set) where all three touch one paragraph."""
    paragraphs = _paragraphs(project, coding)
    role_of = {n: ROLES.index(r) for n, r in coding.roles.items()}
    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for node, doc, start, end in coding.refs:
        if doc in paragraphs:
            by_doc.setdefault(doc, []).append((node, start, end))
    triples: dict[tuple[int, int, int], int] = {}
    for doc, refs in by_doc.items():
        starts, bit = paragraphs[doc], 1 << index.bit[doc]
        slots: dict[int, tuple[set[int], set[int], set[int]]] = {}
        for node, start, end in refs:
            role = role_of[node]
            for paragraph in range(bisect_right(starts, start), bisect_right(starts, end - 1) + 1):
                slot = slots.get(paragraph)
                if slot is None:
                    slot = slots[paragraph] = (set(), set(), set())
                slot[role].add(node)
        for contexts, mechanisms, outcomes in slots.values():
            if contexts and mechanisms and outcomes:
                for triple in product(contexts, mechanisms, outcomes):
                    triples[triple] = triples.get(triple, 0) | bit
    return triples


def find_candidates(project: Project, *, mode: str = "paragraph", min_documents: int = 1,
                    flt: ReferenceFilter = NO_FILTER,
                    candidates_only: bool = False) -> list[Candidate]:
    """Every C × M × O triple coded together in at least `min_documents` documents, most
    documents first; those already a configuration name it in `in_model`."""
    if mode not in MODES:
        raise InvalidInput(f"mode is one of {', '.join(MODES)}, not '{mode}'")
    if min_documents < 1:
        raise InvalidInput("--min-documents is 1 or more")
    coding = _read(project, flt, spans=mode == "paragraph")
    model = _model_triples(project)
    index = _Documents(coding.documents)
    names = coding.names
    with paused_gc():
        triples = (_by_documents(coding, index, min_documents) if mode == "document"
                   else _by_paragraphs(project, coding, index))
        out = []
        members, guards = index.members, index.guard_mask
        for (c, m, o), mask in triples.items():
            labels = model.get((c, m, o), ())
            count = mask.bit_count()
            if count < min_documents or (candidates_only and labels):
                continue
            interventions = (((mask & members) + members) & guards).bit_count()
            out.append(Candidate(NodeId(c), NodeId(m), NodeId(o), (names[c], names[m], names[o]),
                                 count, interventions, tuple(labels), mask, index))
        # most documents first, then most interventions (one integer key: 125,000 rows sort
        # in a tenth of the time tuples take); ties stay in node order
        out.sort(key=lambda k: -((k.document_count << 20) | k.intervention_count))
    return out


def supporting_spans(project: Project, nodes: Iterable[NodeId], mode: str,
                     flt: ReferenceFilter = NO_FILTER) -> list[tuple[DocumentId, int, int]]:
    """The excerpts that show these parts together: in paragraph mode, per paragraph where
    all of them are coded, the span from the first of their excerpts there to the last; in
    document mode, each of their excerpts in a document that codes all of them."""
    wanted = list(dict.fromkeys(nodes))
    coding = _read(project, flt, spans=True)
    coding = replace(coding, refs=[r for r in coding.refs if r[0] in wanted])
    by_doc: dict[int, set[int]] = {}
    for node, doc, _, _ in coding.refs:
        by_doc.setdefault(doc, set()).add(node)
    complete = {d for d, found in by_doc.items() if len(found) == len(wanted)}
    refs = [r for r in coding.refs if r[1] in complete]
    if mode == "document":
        return sorted({(DocumentId(d), a, b) for _, d, a, b in refs})
    starts = _paragraph_starts(project, complete)
    spans: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for node, doc, a, b in refs:
        for index in range(bisect_right(starts[doc], a), bisect_right(starts[doc], b - 1) + 1):
            spans.setdefault((doc, index), []).append((node, a, b))
    return sorted({(DocumentId(doc), min(a for _, a, _ in found), max(b for _, _, b in found))
                   for (doc, _), found in spans.items() if len({n for n, _, _ in found})
                   == len(wanted)})


CSV_COLUMNS = ("context", "mechanism", "outcome", "documents", "interventions", "in_model",
               "candidate", "document_names")


def candidate_row(c: Candidate) -> tuple[object, ...]:
    """One row of the table, as CSV_COLUMNS name them."""
    return (*c.names, c.document_count, c.interventions_label(), "; ".join(c.in_model),
            "yes" if c.is_candidate else "no", "; ".join(c.documents))


def export_candidates_csv(found: Iterable[Candidate], out: Path | str, *,
                          bom: bool = False) -> int:
    """The table as CSV (formula-safe cells), the documents named; returns the row count."""
    return write_table_csv(out, CSV_COLUMNS, map(candidate_row, found), bom=bom)


@dataclass(frozen=True)
class Adopted:
    theory_id: TheoryId
    coding: CodingResult | None  # the supporting excerpts coded to its own node


def adopt_candidate(project: Project, label: str, *, topic: str, nodes: Iterable[NodeId],
                    mode: str, statement: str = "", flt: ReferenceFilter = NO_FILTER,
                    reason: str = "") -> Adopted:
    """Make a new configuration of these parts (all three, or fewer for a partial one), its
    supporting excerpts coded to its own node; logged as created from a candidate."""
    parts = list(dict.fromkeys(nodes))
    if not parts:
        raise InvalidInput("keep at least one of the context, mechanism and outcome")
    spans = supporting_spans(project, parts, mode, flt)
    why = reason or f"from a configuration candidate: coded together ({mode}) in " \
                    f"{len({d for d, _, _ in spans})} document(s)"
    theory = add_theory(project, label, topic=topic, statement=statement, origin="new",
                        element_nodes=parts, journal=Journal(reason=why))
    node = next(t.node_id for t in list_theories(project) if t.id == theory)
    result = code_spans(project, spans, [node]) if spans and node is not None else None
    return Adopted(theory, result)
