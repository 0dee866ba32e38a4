"""Rating an excerpt: its relevance and rigour to the programme theory, with a note.

RAMESES asks a realist reviewer to judge each piece of evidence for relevance (does it speak
to the theory) and rigour (is the method behind it trustworthy); the rating sits on the
reference, so it travels with the excerpt (`coding.references.recode`) and into every export.
"""

from __future__ import annotations

from coding.errors import InvalidInput, NotFound
from coding.ids import ReferenceId
from coding.project import Project
from coding.references import ReferenceRecord, reference_record
from storage.models import RATINGS, Reference


def rate_reference(
    project: Project,
    reference_id: ReferenceId,
    *,
    relevance: str | None = None,
    rigour: str | None = None,
    note: str | None = None,
) -> tuple[ReferenceRecord, ReferenceRecord]:
    """Set an excerpt's relevance/rigour; returns (before, after) for undo."""
    for value in (relevance, rigour):
        if value is not None and value not in RATINGS:
            raise InvalidInput(f"rating '{value}' is not one of {', '.join(RATINGS)}")
    with project.db.transaction() as s:
        ref = s.get(Reference, reference_id)
        if ref is None:
            raise NotFound(f"no reference with id {reference_id}")
        before = reference_record(ref)
        if relevance is not None:
            ref.relevance = relevance
        if rigour is not None:
            ref.rigour = rigour
        if note is not None:
            ref.rating_note = note
        if reference_record(ref) != before:
            ref.rated_by_id = project.coder_id or None
        s.flush()
        return before, reference_record(ref)


def restore_rating(project: Project, record: ReferenceRecord) -> None:
    """Undo a rating: its values and who had rated it."""
    with project.db.transaction() as s:
        ref = s.get(Reference, record.id)
        if ref is None:
            raise NotFound(f"no reference with id {record.id}")
        ref.relevance, ref.rigour = record.relevance, record.rigour
        ref.rating_note, ref.rated_by_id = record.rating_note, record.rated_by_id
