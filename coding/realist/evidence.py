"""Theory evidence and status, computed from the coding.

A theory's evidence is the coding of its element nodes and the nodes under them (by C/M/O
role) and of its own node (the configuration as a whole, which evidences every part at once).
The database answers with one aggregate row per (node, document) — counts, never the
references themselves — and the per-theory tables are assembled from those rows.

Status follows the project's evidence rule (`coding.realist.evidence_rule`): supported,
partly supported (key "partial", with the missing parts named), unsupported, refined (its
added elements evidenced too), new (emerged during coding). A researcher may override it with a
written rationale, kept as the theory's memo.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.filters import NO_FILTER, ReferenceFilter, reference_conditions
from coding.ids import NodeId, TheoryId
from coding.memos import get_memo, set_memo
from coding.project import Project
from coding.realist.evidence_rule import evidence_rule, judge
from coding.realist.status_text import missing_text, status_name, status_note, status_text
from coding.realist.theories import ROLE_FOLDERS, ElementInfo, TheoryInfo, list_theories
from coding.theory_log import NEW_ENTRIES, Entry, Journal, write
from storage.models import THEORY_STATUSES, Case, Document, Node, Reference, Theory

ROLES = tuple(ROLE_FOLDERS)  # context, mechanism, outcome
STATUSES: tuple[str, ...] = THEORY_STATUSES  # what an override may say
ROLE_LETTERS = {"context": "C", "mechanism": "M", "outcome": "O"}


@dataclass(frozen=True)
class Sources:
    """Where evidence comes from: document names, intervention numbers, reference count."""

    documents: tuple[str, ...] = ()
    interventions: tuple[int, ...] = ()
    references: int = 0
    first_coded: datetime | None = None  # when the earliest of these excerpts was coded
    first_document: str = ""  # and in which document

    @property
    def found(self) -> bool:
        return self.references > 0

    def interventions_label(self) -> str:
        return ", ".join(f"#{n}" for n in self.interventions)

    def short_label(self) -> str:
        """The evidence in a few characters: its interventions ("#1, #3"), or, while its
        documents are in none, their count ("1 doc"); empty only when there is none, so a
        dash beside a part never hides evidence not yet grouped by intervention."""
        if self.interventions or not self.found:
            return self.interventions_label()
        docs = len(self.documents)
        return f"{docs} doc{'s' if docs != 1 else ''}"

    def summary(self) -> str:
        """"#1, #3; 2 documents" — the evidence note printed beside a theory or element."""
        if not self.found:
            return "no evidence"
        docs = len(self.documents)
        where = self.interventions_label()
        return f"{where + '; ' if where else ''}{docs} document{'s' if docs != 1 else ''}"


@dataclass(frozen=True)
class _Cell:
    document: str
    case_number: int | None
    references: int
    first: datetime


def _merge(cells: Iterable[_Cell]) -> Sources:
    rows = list(cells)
    earliest = min(rows, key=lambda c: (c.first, c.document), default=None)
    return Sources(
        documents=tuple(sorted({c.document for c in rows})),
        interventions=tuple(sorted({c.case_number for c in rows if c.case_number is not None})),
        references=sum(c.references for c in rows),
        first_coded=earliest.first if earliest else None,
        first_document=earliest.document if earliest else "",
    )


@dataclass(frozen=True)
class TheoryEvidence:
    theory: TheoryInfo
    status: str  # what the researcher sees: the override if any, else `computed_status`
    computed_status: str
    rationale: str  # the override's written reason (the theory memo), "" when not overridden
    parts: dict[str, Sources]  # role -> evidence for that role (whole-theory coding included)
    whole: Sources  # coding to the theory's own node
    complete_documents: tuple[str, ...]  # documents that evidence every part the theory has
    elements: dict[NodeId, Sources] = field(default_factory=dict)  # own coding, and below
    total: Sources = field(default_factory=Sources)
    rule: str = "parts"  # the evidence rule the status was judged by
    status_text: str = ""  # "partly supported: no outcome evidence", "new — no evidence yet"
    missing: tuple[ElementInfo, ...] = ()  # the parts the rule found no evidence for
    detail: str = ""  # what the rule found missing, in words ("no outcome evidence")
    computed_text: str = ""  # `status_text` of the computed status, override or not

    @property
    def overridden(self) -> bool:
        return self.theory.status_override is not None

    @property
    def is_partial(self) -> bool:
        return self.theory.is_partial

    @property
    def status_name(self) -> str:
        """The status in words without the detail ("partly supported")."""
        return status_name(self.status)

    @property
    def note(self) -> str:
        """The note after the configuration in the final model (`status_text.status_note`)."""
        return status_note(self.status, self.total.found, "" if self.overridden else self.detail)

    @property
    def no_evidence_yet(self) -> bool:
        """A new configuration nothing evidences: listed apart from the final model."""
        return self.status == "new" and not self.total.found

    def element_found(self, element: ElementInfo) -> bool:
        """Whether anything evidences this element: its own coding or the whole theory's."""
        return self.elements[element.node_id].found or self.whole.found

    def element_summary(self, element: ElementInfo) -> str:
        """"#1; 1 document" beside an element; "no evidence yet" for an unevidenced refinement."""
        own = self.elements[element.node_id]
        if own.found:
            return own.summary()
        if self.whole.found:
            return "through the whole configuration"
        return "no evidence yet" if element.origin == "new" else "no evidence"


def _closure(s: Session, node_ids: set[int]) -> dict[int, set[int]]:
    """Each node with every node under it (an element's evidence includes its children's)."""
    children: dict[int | None, list[int]] = {}
    for node_id, parent in s.execute(select(Node.id, Node.parent_id)):
        children.setdefault(parent, []).append(node_id)
    found: dict[int, set[int]] = {}
    for top in node_ids:
        seen, todo = {top}, [top]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        found[top] = seen
    return found


def _cells(project: Project, node_ids: set[int], flt: ReferenceFilter) -> dict[int, list[_Cell]]:
    """(node -> per-document cells), one aggregate row per node and document; a node's cells
    include those of the nodes under it.

    The filter's ratings, documents and interventions apply; its nodes do not (a theory's
    nodes are what they are).
    """
    if not node_ids:
        return {}
    by_node: dict[int, list[_Cell]] = {}
    with project.db.reading() as s:
        closure = _closure(s, node_ids)
        every = set().union(*closure.values())
        query = (
            select(Reference.node_id, Document.name, Case.number, func.count(),
                   func.min(Reference.created_at))
            .join(Document, Document.id == Reference.document_id)
            .outerjoin(Case, Case.id == Document.case_id)
            .where(Reference.node_id.in_(sorted(every)),
                   *reference_conditions(s, flt.without_nodes()))
            .group_by(Reference.node_id, Document.id, Document.name, Case.number)
        )
        for node_id, doc, number, count, first in s.execute(query):
            by_node.setdefault(node_id, []).append(_Cell(doc, number, count, first))
    return {top: [c for n in sorted(under) for c in by_node.get(n, ())]
            for top, under in closure.items()}


def theory_evidence(
    project: Project, flt: ReferenceFilter = NO_FILTER, *, partial_only: bool = False
) -> list[TheoryEvidence]:
    """Every theory in model order (of the filter's topics, if any) with its evidence by part,
    by element, and its status."""
    theories = list_theories(project)
    rule = evidence_rule(project)
    if flt.topics:
        theories = [t for t in theories if t.topic in flt.topics]
    if partial_only:
        theories = [t for t in theories if t.is_partial]
    wanted: set[int] = {e.node_id for t in theories for e in t.elements}
    wanted |= {t.node_id for t in theories if t.node_id is not None}
    cells = _cells(project, wanted, flt)
    rationales = {t.id: get_memo(project, "theory", t.id) for t in theories if t.status_override}
    return [_assemble(t, cells, rationales.get(t.id, ""), rule) for t in theories]


def _assemble(theory: TheoryInfo, cells: dict[int, list[_Cell]], rationale: str,
              rule: str) -> TheoryEvidence:
    whole_cells = cells.get(theory.node_id, []) if theory.node_id is not None else []
    part_cells: dict[str, list[_Cell]] = {
        role: [c for e in theory.of_role(role) for c in cells.get(e.node_id, [])]
        for role in ROLES
    }
    # a role the configuration lacks (a partial one) has no evidence, whatever the whole has
    parts = {role: _merge(part_cells[role] + whole_cells) if theory.of_role(role) else Sources()
             for role in ROLES}
    whole_docs = {c.document for c in whole_cells}
    element_docs = {e.node_id: {c.document for c in cells.get(e.node_id, [])}
                    for e in theory.elements}
    complete = set(whole_docs)
    if element_docs:  # every element, each by its own coding or the whole theory's
        complete |= set.intersection(*element_docs.values())
    total = _merge(whole_cells + [c for role in ROLES for c in part_cells[role]])
    verdict = judge(theory, element_docs, whole_docs, rule)
    override = theory.status_override
    detail = missing_text(theory, verdict.missing, verdict.apart)
    computed = status_text(verdict.status, theory, verdict.evidenced, verdict.missing,
                           verdict.apart)
    return TheoryEvidence(
        theory=theory,
        status=override or verdict.status,
        computed_status=verdict.status,
        rationale=rationale if override else "",
        parts=parts,
        whole=_merge(whole_cells),
        complete_documents=tuple(sorted(complete)),
        elements={e.node_id: _merge(cells.get(e.node_id, [])) for e in theory.elements},
        total=total,
        rule=rule,
        status_text=status_name(override) if override else computed,
        missing=verdict.missing,
        detail=detail,
        computed_text=computed,
    )


def evidence_for(project: Project, theory_id: TheoryId,
                 flt: ReferenceFilter = NO_FILTER) -> TheoryEvidence:
    for item in theory_evidence(project, flt):
        if item.theory.id == theory_id:
            return item
    raise NotFound(f"no theory with id {theory_id}")


def override_status(
    project: Project, theory_id: TheoryId, status: str | None, rationale: str = "",
    journal: Journal = NEW_ENTRIES,
) -> Changes:
    """Set (or, with None, clear) the researcher's status; the rationale becomes the memo and,
    unless the journal brings its own reason, the logged reason."""
    if status is not None:
        if status not in THEORY_STATUSES:
            raise InvalidInput(f"status '{status}' is not one of {', '.join(THEORY_STATUSES)}")
        if not rationale.strip():
            raise InvalidInput("overriding a status needs a written rationale (--rationale)")
    if journal.writes and not journal.reason.strip() and status is not None:
        journal = replace(journal, reason=rationale)
    with project.db.transaction() as s:
        theory = s.get(Theory, theory_id)
        if theory is None:
            raise NotFound(f"no theory with id {theory_id}")
        before = theory.status_override
        entries = [] if before == status else [Entry(
            theory.guid, theory.label, "status_set" if status else "status_cleared",
            field="status", old_value=before or "", new_value=status or "")]
        theory.status_override = status
        logged = write(s, journal, entries, coder_id=project.coder_id)
    changes = Changes(theories=True, theory_log=frozenset(logged))
    if status is not None:
        changes = changes | set_memo(project, "theory", theory_id, rationale.strip())
    return changes


def evidence_by_intervention(
    project: Project, flt: ReferenceFilter = NO_FILTER
) -> list[tuple[str, dict[str, tuple[int, ...]]]]:
    """Per theory label: role letter (C, M, O) and "all" -> supporting intervention numbers."""
    out = []
    for item in theory_evidence(project, flt):
        table = {ROLE_LETTERS[role]: item.parts[role].interventions for role in ROLES}
        table["all"] = item.total.interventions
        out.append((item.theory.label, table))
    return out
