"""The audit trail of each programme theory: every change, when, and the researcher's reason.

RAMESES asks reviewers to show how programme theories were refined. Every change made through
`coding.realist.theories` and `override_status`, a node deleted under an element, a node merged
into another, an element's node renamed or given another role, and a project merge bringing
theories in write entries *in the change's own transaction* (so a change is never
without its entry, nor an entry without its change): created; label, topic, statement or
origin edited (old and new text); element added or removed; status overridden or cleared;
deleted. Projects older than the log start with a
"start" entry per theory holding its state at the upgrade (migration 0004_theory_log).

Undo takes an entry back rather than adding one: a change's `Journal` says whether to write
new entries (with the typed reason), delete the ones the change first wrote (undo), or put
them back exactly (redo). Entries are keyed by the theory's GUID, so a deleted theory's log
stays readable and a restored one finds it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.project import Project
from storage.models import Coder, Node, Theory, TheoryElement, TheoryLogEntry

_LOG = cast(Table, TheoryLogEntry.__table__)  # the table, for bulk writes and exact rows

ROLE_HEADINGS = (("context", "Contexts"), ("mechanism", "Mechanisms"), ("outcome", "Outcomes"))
ACTION_WORDS = {
    "start": "log started",
    "created": "created",
    "edited": "edited",
    "element_added": "element added",
    "element_removed": "element removed",
    "status_set": "status set",
    "status_cleared": "status override cleared",
    "deleted": "deleted",
}


@dataclass(frozen=True)
class Journal:
    """What a theory change does to the log (in its own transaction): by default it writes
    its entries with `reason`; an undo deletes `undo_of` instead, a redo re-inserts `redo_of`
    (the rows the undo deleted, ids and times included)."""

    reason: str = ""
    undo_of: tuple[int, ...] = ()
    redo_of: tuple[dict[str, Any], ...] = field(default=())

    @property
    def writes(self) -> bool:
        return not self.undo_of and not self.redo_of


NEW_ENTRIES = Journal()


@dataclass(frozen=True)
class Entry:
    """One change, before it is written."""

    theory_guid: str
    label: str
    action: str
    field: str = ""
    old_value: str = ""
    new_value: str = ""
    detail: str = ""


@dataclass(frozen=True)
class LogEntry:
    id: int
    theory_guid: str
    label: str
    at: datetime
    action: str
    field: str
    old_value: str
    new_value: str
    detail: str
    reason: str
    coder: str

    def describe(self, with_statement: bool = True) -> str:
        """One line: "statement edited: 'If a…' → 'If the…'", "mechanism added: Trust".
        Without the statement, "created" and "start" give only the configuration (for a table
        that prints the initial wording above it)."""
        words = ACTION_WORDS.get(self.action, self.action)
        if self.action == "edited":
            return f"{self.field} edited: '{self.old_value}' → '{self.new_value}'"
        if self.action in ("element_added", "element_removed"):
            verb = "added" if self.action == "element_added" else "removed"
            return f"{self.field} {verb}: {self.new_value or self.old_value}" + (
                f" ({self.detail})" if self.detail else "")
        if self.action == "status_set":
            before = f" (was {self.old_value})" if self.old_value else ""
            return f"status set to {self.new_value}{before}"
        if self.action == "status_cleared":
            return f"status override {self.old_value} cleared; the computed status applies"
        if self.action in ("created", "start") and not with_statement:
            return f"{words} — {self.detail}" if self.detail else words
        if self.action in ("created", "start", "deleted"):
            return f"{words}: '{self.new_value or self.old_value}'" + (
                f" — {self.detail}" if self.detail else "")
        return words


def write(s: Session, journal: Journal, entries: Iterable[Entry],
          coder_id: int | None = None) -> tuple[int, ...]:
    """Apply the journal inside the caller's transaction; returns the ids of entries written
    (or put back), none for an undo. New entries carry the name of the coder making the
    change (the project's session coder), so a second reviewer's changes are told apart."""
    if journal.undo_of:
        s.execute(delete(TheoryLogEntry).where(TheoryLogEntry.id.in_(journal.undo_of)))
        return ()
    if journal.redo_of:
        s.execute(insert(_LOG), [dict(r) for r in journal.redo_of])
        return tuple(r["id"] for r in journal.redo_of)
    ids = []
    coder = s.get(Coder, coder_id) if coder_id else None
    for entry in entries:
        row = TheoryLogEntry(theory_guid=entry.theory_guid, label=entry.label,
                             action=entry.action, field=entry.field,
                             old_value=entry.old_value, new_value=entry.new_value,
                             detail=entry.detail, reason=journal.reason.strip(),
                             coder=coder.name if coder is not None else "")
        s.add(row)
        s.flush()
        ids.append(row.id)
    return tuple(ids)


def log_rows(project: Project, ids: Iterable[int]) -> tuple[dict[str, Any], ...]:
    """The entries as plain rows, so an undo can delete them and a redo put them back."""
    wanted = sorted(ids)
    if not wanted:
        return ()
    with project.db.reading() as s:
        return tuple(dict(r) for r in s.execute(
            select(_LOG).where(_LOG.c.id.in_(wanted))).mappings())


def written_by(project: Project, changes: Changes) -> tuple[tuple[int, ...],
                                                              tuple[dict[str, Any], ...]]:
    """The log entries a change wrote: their ids (an undo deletes them) and rows (a redo puts
    them back exactly, times and reasons included)."""
    ids = tuple(sorted(changes.theory_log))
    return ids, log_rows(project, ids)


def entries_for(project: Project, theory_guid: str) -> list[LogEntry]:
    """A theory's log, oldest first."""
    with project.db.reading() as s:
        rows = s.scalars(select(TheoryLogEntry).where(TheoryLogEntry.theory_guid == theory_guid)
                         .order_by(TheoryLogEntry.at, TheoryLogEntry.id)).all()
        return [_entry(r) for r in rows]


def all_entries(project: Project) -> list[LogEntry]:
    """Every entry of every theory (deleted ones included), oldest first."""
    with project.db.reading() as s:
        rows = s.scalars(select(TheoryLogEntry)
                         .order_by(TheoryLogEntry.at, TheoryLogEntry.id)).all()
        return [_entry(r) for r in rows]


def _entry(r: TheoryLogEntry) -> LogEntry:
    return LogEntry(r.id, r.theory_guid, r.label, r.at, r.action, r.field, r.old_value,
                    r.new_value, r.detail, r.reason, r.coder)


def configuration_summary(topic: str, origin: str,
                          elements: Sequence[tuple[str, str, str]]) -> str:
    """"Topic: Take-up. Origin: initial. Contexts: …. Mechanisms: …. Outcomes: …." from
    (name, role, origin) elements — the words migration 0004 writes too."""
    bits = [f"Topic: {topic or '(none)'}.", f"Origin: {origin}."]
    for role, heading in ROLE_HEADINGS:
        names = [name + (" (added during coding)" if el_origin == "new" and origin != "new"
                         else "") for name, el_role, el_origin in elements if el_role == role]
        bits.append(f"{heading}: {'; '.join(names) or '(none)'}.")
    return " ".join(bits)


def element_words(origin: str, theory_origin: str) -> str:
    """The log's note on an element: a "new" one on an initial theory is a refinement."""
    return "a refinement, added during coding" if origin == "new" and theory_origin != "new" \
        else ""


NODE_DELETED = "its node was deleted"


def log_nodes_deleted(s: Session, node_ids: Sequence[int], journal: Journal,
                      coder_id: int | None = None) -> tuple[int, ...]:
    """Before nodes are deleted (in the same transaction): an "element removed" entry for each
    theory that has one of them as an element, since the database's cascade takes the element
    with the node and nothing else would say so."""
    rows = s.execute(
        select(Theory.guid, Theory.label, Node.role, Node.name)
        .join(TheoryElement, TheoryElement.theory_id == Theory.id)
        .join(Node, Node.id == TheoryElement.node_id)
        .where(TheoryElement.node_id.in_(node_ids))
        .order_by(Theory.position, TheoryElement.position)).all()
    entries = [Entry(guid, label, "element_removed", field=role, old_value=name,
                     detail=NODE_DELETED) for guid, label, role, name in rows]
    return write(s, journal, entries, coder_id) if entries or not journal.writes else ()


def log_nodes_merged(s: Session, source: int, target: int, journal: Journal,
                     coder_id: int | None = None) -> tuple[int, ...]:
    """Before `source` is merged into `target` (in the same transaction): for each theory with
    `source` as an element, "element removed" and - unless `target` was one already - "element
    added", so the theory's log shows why its configuration changed."""
    names, roles = {}, {}
    for node_id, name, role in s.execute(select(Node.id, Node.name, Node.role)
                                         .where(Node.id.in_((source, target)))):
        names[node_id], roles[node_id] = name, role
    has_target = set(s.scalars(select(TheoryElement.theory_id)
                               .where(TheoryElement.node_id == target)))
    rows = s.execute(
        select(Theory.id, Theory.guid, Theory.label)
        .join(TheoryElement, TheoryElement.theory_id == Theory.id)
        .where(TheoryElement.node_id == source)
        .order_by(Theory.position)).all()
    entries = []
    for theory_id, guid, label in rows:
        entries.append(Entry(guid, label, "element_removed", field=roles[source],
                             old_value=names[source], detail=f"merged into {names[target]}"))
        if theory_id not in has_target:
            entries.append(Entry(guid, label, "element_added", field=roles[target],
                                 new_value=names[target], detail=f"merged from {names[source]}"))
    return write(s, journal, entries, coder_id) if entries or not journal.writes else ()


def log_node_edited(s: Session, node: Node, name: str, role: str, journal: Journal,
                    coder_id: int | None = None) -> tuple[int, ...]:
    """Before a node's name or role changes to `name`, `role` (same transaction): an "edited"
    entry for each theory that has it as an element, as the configuration reads differently
    now ("mechanism edited: 'Trust' → 'Trust builds'")."""
    if (name, role) == (node.name, node.role):
        return () if journal.writes else write(s, journal, ())
    rows = s.execute(select(Theory.guid, Theory.label).join(
        TheoryElement, TheoryElement.theory_id == Theory.id).where(
        TheoryElement.node_id == node.id).order_by(Theory.position)).all()
    entries = []
    for guid, label in rows:
        if name != node.name:
            entries.append(Entry(guid, label, "edited", field=node.role, old_value=node.name,
                                 new_value=name, detail="its node was renamed"))
        if role != node.role:
            entries.append(Entry(guid, label, "edited", field="element role",
                                 old_value=f"{name} ({node.role})", new_value=f"{name} ({role})"))
    return write(s, journal, entries, coder_id) if entries or not journal.writes else ()
