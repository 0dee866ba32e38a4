"""The project's topics, read: listed in the project's order (the app's topic pickers, the
diagram's filter), and the names a script gives checked against them (`--topic`).

A topic groups programme theories ("Programme theories/<Topic>/<label>"). Topics are made where
theories are (`coding.realist.theories`: `TheoryMaker.topic`, `ensure_topic`), in the
transaction that gives a theory its topic; reading them needs nothing of the theories.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from coding.errors import InvalidInput
from coding.project import Project
from storage.models import Topic


def list_topics(project: Project) -> list[str]:
    with project.db.reading() as s:
        return list(s.scalars(select(Topic.name).order_by(Topic.position, Topic.id)))


def find_topics(project: Project, names: Sequence[str]) -> tuple[str, ...]:
    """The topics named, as the project spells them (case aside). A topic no theory has is an
    error, as a node or document not found is: `coverage --topic` with a typo printed an empty
    table with success, and a script read "no evidence" from it."""
    if not names:
        return ()
    spelled = {name.casefold(): name for name in list_topics(project)}
    for name in names:
        if name.strip().casefold() not in spelled:
            known = ", ".join(spelled.values()) or "none yet"
            raise InvalidInput(f"no topic '{name}' (the project's topics: {known})")
    return tuple(spelled[name.strip().casefold()] for name in names)
