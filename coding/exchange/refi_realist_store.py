"""Turning our own realist notes back into realist data when a .qdpx is imported.

The export (`refi_codebook`, `refi_export`) writes what REFI-QDA has no element for as notes
other tools show as text (`refi_realist`): ratings on selections, a theory's status, facts
(origin, topic, position, creation time, which elements are refinements) and log on its Set,
a document's MMAT appraisal on its source, the evidence rule and the log of deleted theories
on the project. Here each such note is applied and consumed, so it does not also become a
memo; a note that does not parse stays an ordinary memo, and an entry that cannot be stored
is named in the import summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from coding.evidence_rules import SETTING
from coding.exchange.refi_realist import (
    APPRAISAL_NOTE,
    DELETED_LOG_NOTE,
    LOG_NOTE,
    RATING_NOTE,
    RULE_NOTE,
    STATUS_NOTE,
    THEORY_NOTE,
    parse_appraisal,
    parse_log,
    parse_rating,
    parse_rule,
    parse_status,
    parse_theory,
)
from importers.refi_model import QdaNote, QdaProject
from storage.models import (
    APPRAISAL_ANSWERS,
    APPRAISAL_CATEGORIES,
    THEORY_LOG_ACTIONS,
    Appraisal,
    AppraisalAnswer,
    Node,
    ProjectSetting,
    Reference,
    Theory,
    TheoryElement,
    TheoryLogEntry,
    Topic,
)

_QUESTION = re.compile(r"^(S[12]|[1-5]\.[1-5])$")


def exact_time(value: str) -> datetime | None:
    """An ISO time as our naive UTC, microseconds kept; None when unreadable."""
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp


class RealistNotes:
    """Applies our notes inside the import transaction; `consumed` are not memos."""

    def __init__(self, s: Session, data: QdaProject, notes: dict[str, QdaNote],
                 skipped: list[str]) -> None:
        self.s, self.data, self.notes, self.skipped = s, data, notes, skipped
        self.consumed: set[str] = set()
        self.log: list[dict[str, object]] = []

    def _ours(self, refs: Iterable[str], name: str) -> list[tuple[str, QdaNote]]:
        return [(g, self.notes[g]) for g in refs if g in self.notes
                and self.notes[g].name == name]

    def apply(self, selection_refs: dict[str, int], theories: dict[str, int],
              documents: dict[str, int]) -> set[str]:
        self.ratings(selection_refs)
        for x in self.data.sets:
            theory = self.s.get(Theory, theories.get(x.guid, -1))
            if theory is not None:
                self.theory(theory, x.member_notes)
        for src in self.data.sources:
            if src.guid in documents:
                self.appraisal(documents[src.guid], src.name, src.note_refs)
        for guid, note in self._ours(self.data.note_refs, RULE_NOTE):
            rule = parse_rule(note.text)
            if rule is not None:
                self.s.merge(ProjectSetting(key=SETTING, value=rule))
                self.consumed.add(guid)
        for guid, note in self._ours(self.data.note_refs, DELETED_LOG_NOTE):
            self.entries(guid, note, None)
        self.store_log()
        return self.consumed

    def ratings(self, selection_refs: dict[str, int]) -> None:
        rows: list[dict[str, object]] = []
        for src in self.data.sources:
            for sel in src.selections:
                ref_id = selection_refs.get(sel.guid)
                for guid, note in self._ours(sel.note_refs if ref_id else (), RATING_NOTE):
                    rating = parse_rating(note.text)
                    if rating is not None:
                        rows.append({"id": ref_id, "relevance": rating.relevance,
                                     "rigour": rating.rigour, "rating_note": rating.note})
                        self.consumed.add(guid)
        if rows:  # one bulk UPDATE by primary key: a review has tens of thousands
            self.s.flush()
            self.s.execute(update(Reference), rows)

    def theory(self, theory: Theory, refs: list[str]) -> None:
        for guid, note in self._ours(refs, STATUS_NOTE):
            status = parse_status(note.text)
            if status is not None:
                theory.status_override = status
                self.consumed.add(guid)
        for guid, note in self._ours(refs, THEORY_NOTE):
            facts = parse_theory(note.text)
            if facts is None:
                continue
            theory.origin = facts.origin
            theory.position = facts.position if facts.position >= 0 else theory.position
            theory.created_at = exact_time(facts.created) or theory.created_at
            if facts.topic:
                theory.topic_id = self._topic(facts.topic)
            self.s.execute(update(TheoryElement).where(TheoryElement.theory_id == theory.id)
                           .values(origin=facts.origin))
            nodes = dict(self.s.execute(select(Node.guid, Node.id)).all())
            for code, _name, origin in facts.element_origins:
                if code in nodes:
                    self.s.execute(update(TheoryElement).where(
                        TheoryElement.theory_id == theory.id,
                        TheoryElement.node_id == nodes[code]).values(origin=origin))
            self.consumed.add(guid)
        for guid, note in self._ours(refs, LOG_NOTE):
            self.entries(guid, note, theory.guid)

    def _topic(self, name: str) -> int:
        found = self.s.scalar(select(Topic.id).where(Topic.name == name))
        if found is None:
            position = len(self.s.scalars(select(Topic.id)).all())
            topic = Topic(name=name, position=position)
            self.s.add(topic)
            self.s.flush()
            found = topic.id
        return found

    def entries(self, guid: str, note: QdaNote, theory_guid: str | None) -> None:
        """Log entries, stored together at the end in time order (ids as they were made)."""
        bad = 0
        for entry in parse_log(note.text):
            at = exact_time(entry["at"])
            if at is None or entry["action"] not in THEORY_LOG_ACTIONS:
                bad += 1
                continue
            self.log.append({**entry, "at": at,
                             "theory_guid": theory_guid or entry["theory_guid"].lower()})
        if bad:
            self.skipped.append(f"{note.name}: {bad} entry(ies) with no readable time or "
                                "action")
        self.consumed.add(guid)

    def store_log(self) -> None:
        if self.log:
            self.log.sort(key=lambda e: e["at"])  # type: ignore[arg-type, return-value]
            self.s.execute(insert(TheoryLogEntry), self.log)

    def appraisal(self, doc_id: int, name: str, refs: list[str]) -> None:
        for guid, note in self._ours(refs, APPRAISAL_NOTE):
            facts = parse_appraisal(note.text)
            if facts is None or facts.category not in APPRAISAL_CATEGORIES:
                self.skipped.append(f"{name}: an appraisal of an unknown study design")
                continue
            self.consumed.add(guid)
            if self.s.get(Appraisal, doc_id) is not None:
                self.skipped.append(f"{name}: a second appraisal note; the first is kept")
                continue
            self.s.add(Appraisal(document_id=doc_id, category=facts.category,
                                 comment=facts.comment,
                                 updated_at=exact_time(facts.updated) or datetime.now(UTC)
                                 .replace(tzinfo=None)))
            self.s.flush()
            kept = [(q, a, c) for q, a, c in facts.answers
                    if _QUESTION.match(q) and a in APPRAISAL_ANSWERS]
            if len(kept) < len(facts.answers):
                self.skipped.append(f"{name}: {len(facts.answers) - len(kept)} appraisal "
                                    "answer(s) not yes/no/cant_tell to an MMAT question")
            for question, answer, comment in kept:
                self.s.add(AppraisalAnswer(document_id=doc_id, question=question,
                                           answer=answer, comment=comment))
