"""Excerpt ratings (relevance and rigour) as a filter every evidence view and export shares.

Realist reviews judge each extracted excerpt rather than whole studies, so a researcher asks
"what is the evidence if I keep only moderate-or-better rigour?". `RatingFilter` turns that
question into a WHERE clause, so the filtering stays in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, select, true

from coding.errors import InvalidInput
from coding.ids import DocumentId, ReferenceId
from coding.project import Project
from coding.references import ReferenceRecord, get_reference
from storage.models import RATINGS, Reference

# Best first; "not_rated" is never "at least" anything.
LEVELS = ("high", "moderate", "low")
# The vocabulary, for the app (which reads the core, never storage).
RATING_CHOICES: tuple[str, ...] = RATINGS
RATING_LABELS = {"high": "high", "moderate": "moderate", "low": "low", "not_rated": "not rated"}


def check_rating(value: str) -> str:
    value = value.strip().lower().replace(" ", "_").replace("-", "_")
    if value not in RATINGS:
        raise InvalidInput(f"rating '{value}' is not one of {', '.join(RATINGS)}")
    return value


def at_least(level: str) -> tuple[str, ...]:
    """The ratings that satisfy "at least `level`" (high >= moderate >= low)."""
    if level not in LEVELS:
        raise InvalidInput(f"a minimum rating is one of {', '.join(LEVELS)}, not '{level}'")
    return LEVELS[: LEVELS.index(level) + 1]


@dataclass(frozen=True)
class RatingFilter:
    """Keep only excerpts rated at least `min_relevance` / `min_rigour` (None: any rating)."""

    min_relevance: str | None = None
    min_rigour: str | None = None

    def __post_init__(self) -> None:
        for level in (self.min_relevance, self.min_rigour):
            if level is not None:
                at_least(level)

    @property
    def active(self) -> bool:
        return self.min_relevance is not None or self.min_rigour is not None

    def clause(self) -> ColumnElement[bool]:
        parts: list[ColumnElement[bool]] = []
        if self.min_relevance is not None:
            parts.append(Reference.relevance.in_(at_least(self.min_relevance)))
        if self.min_rigour is not None:
            parts.append(Reference.rigour.in_(at_least(self.min_rigour)))
        return and_(true(), *parts)

    def describe(self) -> str:
        if not self.active:
            return "all excerpts"
        bits = [f"{name} at least {level}" for name, level in
                (("relevance", self.min_relevance), ("rigour", self.min_rigour)) if level]
        return "excerpts with " + " and ".join(bits)


NO_FILTER = RatingFilter()


def references_at(project: Project, doc_id: DocumentId, offset: int) -> list[ReferenceRecord]:
    """The excerpts covering character `offset` (the viewer's cursor), shortest first."""
    query: Select[int] = (
        select(Reference.id)
        .where(Reference.document_id == doc_id, Reference.start <= offset,
               Reference.end > offset)
        .order_by(Reference.end - Reference.start, Reference.id)
    )
    with project.db.reading() as s:
        ids = list(s.scalars(query))
    return [get_reference(project, ReferenceId(ref_id)) for ref_id in ids]
