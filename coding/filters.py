"""One reference filter for every view and export, so "what counts" means the same everywhere.

A filter narrows the *references* that are counted or exported (by node, with or without its
descendants; by document; by intervention; by relevance and rigour; by coder) and the *rows*
shown (by C/M/O role, origin and topic). Empty tuples mean "no restriction".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, select, union
from sqlalchemy.orm import Session

from coding.errors import InvalidInput
from coding.ids import CaseId, CoderId, DocumentId, NodeId
from coding.nodes import descendants
from storage.models import (
    NODE_ORIGINS,
    RATINGS,
    ROLES,
    THEORY_ORIGINS,
    Document,
    Reference,
    Theory,
    TheoryElement,
    Topic,
)


@dataclass(frozen=True)
class ReferenceFilter:
    node_ids: tuple[NodeId, ...] = ()
    with_descendants: bool = True
    document_ids: tuple[DocumentId, ...] = ()
    case_ids: tuple[CaseId, ...] = ()
    relevance: tuple[str, ...] = ()
    rigour: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    coder_ids: tuple[CoderId, ...] = ()

    def __post_init__(self) -> None:
        for label, values, allowed in (
            ("relevance", self.relevance, RATINGS), ("rigour", self.rigour, RATINGS),
            ("role", self.roles, ROLES), ("origin", self.origins, NODE_ORIGINS + THEORY_ORIGINS),
        ):
            for value in values:
                if value not in allowed:
                    raise InvalidInput(f"{label} '{value}' is not one of {', '.join(allowed)}")

    def without_nodes(self) -> ReferenceFilter:
        """The same filter on every node (for queries that choose their own nodes)."""
        return replace(self, node_ids=())

    @property
    def narrows_rows(self) -> bool:
        return bool(self.roles or self.origins or self.topics)


NO_FILTER = ReferenceFilter()


def node_scope(s: Session, flt: ReferenceFilter) -> list[int] | None:
    """The node ids whose references count, or None for every node."""
    if not flt.node_ids:
        return None
    if not flt.with_descendants:
        return list(dict.fromkeys(flt.node_ids))
    found: dict[int, None] = {}
    for node_id in flt.node_ids:
        found.update(dict.fromkeys(descendants(s, node_id)))
    return list(found)


def reference_conditions(
    s: Session, flt: ReferenceFilter, ref: Any = Reference
) -> list[ColumnElement[bool]]:
    """WHERE clauses on `ref` (Reference or an alias of it) for the filter (standard SQL)."""
    conditions: list[ColumnElement[bool]] = []
    scope = node_scope(s, flt)
    if scope is not None:
        conditions.append(ref.node_id.in_(scope))
    if flt.document_ids:
        conditions.append(ref.document_id.in_(flt.document_ids))
    if flt.case_ids:
        conditions.append(
            ref.document_id.in_(select(Document.id).where(Document.case_id.in_(flt.case_ids)))
        )
    if flt.relevance:
        conditions.append(ref.relevance.in_(flt.relevance))
    if flt.rigour:
        conditions.append(ref.rigour.in_(flt.rigour))
    if flt.coder_ids:
        conditions.append(ref.coder_id.in_(flt.coder_ids))
    return conditions


def topic_node_ids(s: Session, topics: tuple[str, ...]) -> set[int]:
    """Nodes that belong to a theory of one of these topics (its own node or an element)."""
    in_topic = select(Theory.id).join(Topic, Topic.id == Theory.topic_id).where(Topic.name.in_(topics))
    own = select(Theory.node_id).where(Theory.id.in_(in_topic), Theory.node_id.is_not(None))
    elements = select(TheoryElement.node_id).where(TheoryElement.theory_id.in_(in_topic))
    found: set[int] = set(s.scalars(union(own, elements)))
    return found


def node_row_allowed(
    flt: ReferenceFilter, role: str, origin: str, node_id: int, allowed: set[int] | None
) -> bool:
    """Whether a node row is shown: its role and origin pass, and it is among `allowed`
    (the nodes of the chosen topics and/or nodes), when that set is given."""
    if flt.roles and role not in flt.roles:
        return False
    if flt.origins and origin not in flt.origins:
        return False
    return allowed is None or node_id in allowed
