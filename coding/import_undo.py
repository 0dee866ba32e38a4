"""Undo for an import that adds rows: a model (theories) or a codebook (codes).

A model import adds topics, element and theory nodes (with their folders), theories, their
elements and each theory's "created" log entry, all in one transaction, and gives an existing
node with no C/M/O role the role the model names it in; a codebook import adds nodes. `before`
notes what is there; `added_since` copies what the import added and changed; `take_back` removes
it and puts the roles back, so the project is as the import found it; `put_back` adds the same
rows again, with their ids, so what is done after a redo still finds them. Each is one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update

from coding.changes import Changes
from coding.errors import RealistError
from coding.history import row_dicts, table_of
from coding.project import Project
from storage.models import Memo, Node, Reference, Theory, TheoryElement, TheoryLogEntry, Topic

# parents before what points at them: put back in this order, taken back in the reverse; each
# with the column that tells a row added (an element by its theory: it has no id of its own)
_MODELS = (Topic, Node, Theory, TheoryElement, TheoryLogEntry)
_NEW_BY = {"theory_elements": ("theory_id", "theories")}
_CHANGES = Changes(theories=True, nodes=True, references=True)


@dataclass(frozen=True)
class Before:
    # table name, its highest id: a row added since has a higher one (SQLite gives a new row
    # the highest id there plus one; a set of the ids there would be a query of thousands)
    last: tuple[tuple[str, int], ...]
    roles: tuple[tuple[int, str], ...]  # node id, role


@dataclass(frozen=True)
class Added:
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]  # table name, rows by id
    roles: tuple[tuple[int, str, str], ...]  # node id, role before, role after


def _tables() -> list[Table]:
    return [table_of(model) for model in _MODELS]


def before(project: Project) -> Before:
    with project.db.reading() as s:
        last = tuple((t.name, s.scalar(select(func.max(t.c.id))) or 0) for t in _tables()
                     if t.name not in _NEW_BY)
        roles = tuple((int(i), str(r)) for i, r in s.execute(select(Node.id, Node.role)))
    return Before(last, roles)


def added_since(project: Project, was: Before) -> Added:
    last = dict(was.last)
    rows = []
    with project.db.reading() as s:
        for table in _tables():
            column, of = _NEW_BY.get(table.name, ("id", table.name))
            found = row_dicts(s, table, table.c[column] > last[of])
            rows.append((table.name, tuple(sorted(found, key=lambda r: int(r[column])))))
        now = {int(i): str(r) for i, r in s.execute(select(Node.id, Node.role))}
    roles = tuple((i, role, now[i]) for i, role in was.roles if i in now and now[i] != role)
    return Added(tuple(rows), roles)


def take_back(project: Project, added: Added) -> Changes:
    """Refused, changing nothing, when excerpts or memos were added to what the import made
    since (by a colleague's merge, or the command line while the app was open): they would go
    with it."""
    made = dict(added.rows)
    nodes = [r["id"] for r in made[Node.__tablename__]]
    theories = [r["id"] for r in made[Theory.__tablename__]]
    with project.db.transaction() as s:
        # a memo emptied again (its own undo leaves the row, with no text) is not kept work
        written = Memo.text != ""
        used = sum(s.scalar(select(func.count()).select_from(Reference).where(
            Reference.node_id.in_(some))) or 0 for some in _chunks(nodes))
        used += sum(s.scalar(select(func.count()).select_from(Memo).where(
            Memo.node_id.in_(some), written)) or 0 for some in _chunks(nodes))
        used += sum(s.scalar(select(func.count()).select_from(Memo).where(
            Memo.theory_id.in_(some), written)) or 0 for some in _chunks(theories))
        if used:
            raise RealistError("the import's nodes or theories have excerpts or memos now; "
                               "delete them by hand if they should go")
        for table in reversed(_tables()):
            column, of = _NEW_BY.get(table.name, ("id", table.name))
            ids = sorted({r[column] for r in made[table.name]}, reverse=True)
            for some in _chunks(ids):  # a node's children (made after it) before it
                s.execute(delete(table).where(table.c[column].in_(some)))
        for node_id, old, _new in added.roles:
            s.execute(update(Node).where(Node.id == node_id).values(role=old))
    return _CHANGES


def put_back(project: Project, added: Added) -> Changes:
    tables = {t.name: t for t in _tables()}
    with project.db.transaction() as s:
        for name, rows in added.rows:
            for some in _chunks(list(rows)):  # by id: a node's parent is in before it
                s.execute(insert(tables[name]), some)
        for node_id, _old, new in added.roles:
            s.execute(update(Node).where(Node.id == node_id).values(role=new))
    return _CHANGES


def _chunks(items: list[Any], size: int = 500) -> list[list[Any]]:
    """A few hundred at a time: an IN list or a batch well inside SQLite's limit on bound
    parameters (a model of thousands of theories makes thousands of nodes)."""
    return [items[k:k + size] for k in range(0, len(items), size)]
