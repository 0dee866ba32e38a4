"""Evidence tables: per theory, its C, M and O, the supporting interventions and key excerpts.

Excerpts come from the one shared reader (`coding.excerpts.iter_excerpts`), in a single pass
over the references of every theory's nodes; key excerpts are a theory's best-rated ones
(relevance, then rigour).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from coding.excerpts import iter_excerpts
from coding.filters import NO_FILTER, ReferenceFilter
from coding.ids import TheoryId
from coding.project import Project
from coding.realist.evidence import ROLES, TheoryEvidence, theory_evidence
from coding.tables import write_table_csv

EXCERPT_CHARS = 400
_RANK = {"high": 0, "moderate": 1, "low": 2, "not_rated": 3}
CSV_COLUMNS = ("theory", "topic", "status", "part", "node", "document", "intervention",
               "pages", "relevance", "rigour", "rating_note", "excerpt", "status_rationale",
               "status_detail", "evidence_rule")


@dataclass(frozen=True)
class KeyExcerpt:
    part: str  # context / mechanism / outcome / theory (coded to the configuration as a whole)
    node: str
    document: str
    intervention: str  # "#3 Circle groups", or "" for a document in no intervention
    pages: str
    relevance: str
    rigour: str
    note: str
    text: str


def theory_excerpts(
    project: Project, items: list[TheoryEvidence], flt: ReferenceFilter = NO_FILTER,
    limit: int | None = 5,
) -> dict[TheoryId, list[KeyExcerpt]]:
    """Each theory's excerpts, best-rated first (the best `limit`, or all when None)."""
    parts: dict[int, list[tuple[TheoryId, str]]] = {}
    for item in items:
        t = item.theory
        for e in t.elements:
            parts.setdefault(e.node_id, []).append((t.id, e.role))
        if t.node_id is not None:
            parts.setdefault(t.node_id, []).append((t.id, "theory"))
    found: dict[TheoryId, list[KeyExcerpt]] = {item.theory.id: [] for item in items}
    if not parts:
        return found
    scope = replace(flt, node_ids=tuple(parts), with_descendants=False)  # type: ignore[arg-type]
    for ex in iter_excerpts(project, scope):
        text = " ".join(ex.text.split())
        if len(text) > EXCERPT_CHARS:
            text = text[:EXCERPT_CHARS].rstrip() + "…"
        for theory_id, part in parts.get(ex.node_id, []):
            found[theory_id].append(KeyExcerpt(
                part, ex.node_path.rsplit("/", 1)[-1], ex.document, ex.intervention, ex.pages,
                ex.relevance, ex.rigour, ex.rating_note, text))
    for theory_id, excerpts in found.items():
        excerpts.sort(key=lambda k: (_RANK[k.relevance], _RANK[k.rigour]))  # stable: by document
        found[theory_id] = excerpts[:limit] if limit is not None else excerpts
    return found


def export_evidence_csv(
    project: Project, out: Path | str, flt: ReferenceFilter = NO_FILTER, *, bom: bool = False
) -> int:
    """One row per excerpt per theory (every excerpt, best-rated first); returns the row count."""
    items = theory_evidence(project, flt)
    excerpts = theory_excerpts(project, items, flt, limit=None)
    rows = (
        [item.theory.label, item.theory.topic, item.status_name, ex.part, ex.node, ex.document,
         ex.intervention, ex.pages, ex.relevance, ex.rigour, ex.note, ex.text, item.rationale,
         item.status_text, item.rule]
        for item in items for ex in excerpts[item.theory.id]
    )
    return write_table_csv(out, CSV_COLUMNS, rows, bom=bom, inputs=(project.path,))


def part_rows(item: TheoryEvidence) -> list[tuple[str, str, str]]:
    """(part, elements, supporting interventions) for C, M and O — the table's first rows."""
    rows = []
    for role in ROLES:
        names = "; ".join(e.name for e in item.theory.of_role(role)) or "(none yet)"
        rows.append((role.capitalize(), names, item.parts[role].summary()))
    return rows
