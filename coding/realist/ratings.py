"""Excerpt ratings: the vocabulary, "at least" thresholds, and the excerpt under a cursor.

Realist reviews judge each extracted excerpt rather than whole studies, so a researcher asks
"what is the evidence if I keep only moderate-or-better rigour?". `with_minimum` turns that
question into the shared `coding.filters.ReferenceFilter`, which every view and export takes.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Select, select

from coding.errors import InvalidInput
from coding.filters import ReferenceFilter
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


def with_minimum(
    flt: ReferenceFilter, min_relevance: str | None = None, min_rigour: str | None = None
) -> ReferenceFilter:
    """`flt` keeping only excerpts rated at least these levels (and any values it already
    allows: both conditions must hold)."""

    def narrow(allowed: tuple[str, ...], level: str | None) -> tuple[str, ...]:
        if level is None:
            return allowed
        floor = at_least(level)
        return tuple(v for v in allowed if v in floor) or (floor if not allowed else ("-",))

    relevance = narrow(flt.relevance, min_relevance)
    rigour = narrow(flt.rigour, min_rigour)
    if "-" in relevance or "-" in rigour:
        raise InvalidInput("the rating values asked for are all below the minimum")
    return replace(flt, relevance=relevance, rigour=rigour)


def describe(flt: ReferenceFilter) -> str:
    """"all excerpts" or "excerpts with relevance high or moderate ..." for export headers."""
    bits = [f"{name} {' or '.join(RATING_LABELS[v] for v in values)}"
            for name, values in (("relevance", flt.relevance), ("rigour", flt.rigour)) if values]
    if flt.document_ids:
        bits.append(f"{len(flt.document_ids)} chosen document(s)")
    if flt.case_ids:
        bits.append(f"{len(flt.case_ids)} chosen intervention(s)")
    if flt.coder_ids:
        bits.append(f"the coding of {len(flt.coder_ids)} chosen coder(s)")
    return "excerpts with " + " and ".join(bits) if bits else "all excerpts"


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
