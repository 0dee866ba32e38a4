"""The coders of a project: who they are, how much they coded, and finding one by name.

A coder is named on the command line by name, initials or id (`--coders "Ana Silva" JB`),
case-insensitively; a name that fits two coders is refused rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from coding.errors import InvalidInput, NotFound
from coding.ids import CoderId
from coding.names import as_number
from coding.project import Project
from storage.models import Coder, Reference


@dataclass(frozen=True)
class CoderInfo:
    id: CoderId
    guid: str
    name: str
    initials: str
    references: int
    documents: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.initials})" if self.initials else self.name


def list_coders(project: Project) -> list[CoderInfo]:
    """Every coder, the person at this keyboard first, then by name."""
    with project.db.reading() as s:
        counts = {c: (n, d) for c, n, d in s.execute(
            select(Reference.coder_id, func.count(), func.count(Reference.document_id.distinct()))
            .group_by(Reference.coder_id))}
        rows = s.execute(select(Coder.id, Coder.guid, Coder.name, Coder.initials)).all()
    coders = [CoderInfo(CoderId(i), g, n, ini, *counts.get(i, (0, 0))) for i, g, n, ini in rows]
    return sorted(coders, key=lambda c: (c.id != project.coder_id, c.name.casefold(), c.id))


def find_coder(project: Project, wanted: str | int) -> CoderId:
    """A coder by id, exact name or initials (case-insensitive)."""
    coders = list_coders(project)
    text = str(wanted).strip()
    number = as_number(text)
    if number is not None:
        for c in coders:
            if c.id == number:
                return c.id
    for field in ("name", "initials"):
        found = [c for c in coders if getattr(c, field).casefold() == text.casefold()]
        if len(found) == 1:
            return found[0].id
        if len(found) > 1:
            raise InvalidInput(f"'{text}' names {len(found)} coders; use an id: "
                               + ", ".join(f"{c.id} {c.label}" for c in found))
    known = ", ".join(c.label for c in coders) or "none yet"
    raise NotFound(f"no coder named '{text}' (coders: {known})")


def coder_names(project: Project) -> dict[int, str]:
    with project.db.reading() as s:
        return {i: n for i, n in s.execute(select(Coder.id, Coder.name))}
