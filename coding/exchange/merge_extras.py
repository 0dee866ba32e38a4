"""The rest of a merge, after documents, nodes, theories and references: memos (added, or
appended under a heading — ours is kept word for word), notes, node links and appraisals.

Functions over the merge's `Writer`, whose id maps they read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from storage.models import (
    Annotation,
    Appraisal,
    AppraisalAnswer,
    Coder,
    Memo,
    NodeLink,
    utcnow,
)

if TYPE_CHECKING:
    from coding.exchange.merge_store import Writer

MEMO_COLUMN = {"document": "document_id", "node": "node_id", "theory": "theory_id",
               "reference": "reference_id", "case": "case_id"}



def add_memos(self: Writer) -> None:
    targets = {"document": {t: o for t, (o, _, _) in self.docs.items()},
               "node": self.nodes, "theory": self.theories, "reference": self.refs}
    names = dict(self.s.execute(select(Coder.id, Coder.name)).all())
    skipped_cases = 0
    for target, their_id, text, coder in self.data.memos:
        if not text.strip():
            continue
        if target == "case":
            skipped_cases += 1
            continue
        our_id = None
        if target != "project":
            our_id = targets[target].get(their_id or 0)
            if our_id is None:
                continue  # its reference was not merged (reported there)
        column = None if target == "project" else getattr(Memo, MEMO_COLUMN[target])
        query = select(Memo).where(Memo.target == target)
        memo = self.s.scalars(query if column is None else query.where(column == our_id)
                              ).first()
        mapped = self.coders.get(coder) if coder is not None else None
        if memo is None:
            memo = Memo(guid=self.guid(Memo, ""), target=target, text=text,
                        coder_id=mapped, created_at=utcnow(), updated_at=utcnow())
            if column is not None:
                setattr(memo, MEMO_COLUMN[target], our_id)
            self.s.add(memo)
            self.report.memos_added += 1
        elif text not in memo.text:
            who = names.get(mapped, "a colleague") if mapped else "a colleague"
            memo.text = f"{memo.text.rstrip()}\n\n— {who}, merged from {self.data.label}:\n{text}"
            memo.updated_at = utcnow()
            self.report.memos_appended += 1
    if skipped_cases:
        self.report.not_merged.append(
            f"{skipped_cases} intervention memo(s) (interventions are not merged)")
    self.s.flush()

def add_annotations(self: Writer) -> None:
    existing = {(d, a, b, t) for d, a, b, t in self.s.execute(
        select(Annotation.document_id, Annotation.start, Annotation.end, Annotation.text))}
    lost = 0
    for doc, start, end, text, author, created in self.data.annotations:
        our = self.docs[doc][0]
        found = self.relocated(doc, start, end)
        if found is None:
            lost += 1
            continue
        key = (our, found[0], found[1], text)
        if key in existing:
            continue
        existing.add(key)
        self.s.add(Annotation(guid=self.guid(Annotation, ""), document_id=our,
                              start=found[0], end=found[1], text=text, author=author,
                              created_at=created))
        self.report.annotations_added += 1
    if lost:
        self.report.not_merged.append(f"{lost} note(s) on words not in our text")

def add_links(self: Writer) -> None:
    existing = {tuple(r) for r in self.s.execute(
        select(NodeLink.source_id, NodeLink.target_id, NodeLink.name))}
    for source, target, name, direction in self.data.links:
        key = (self.nodes[source], self.nodes[target], name)
        if key in existing:
            continue
        existing.add(key)
        self.s.add(NodeLink(guid=self.guid(NodeLink, ""), source_id=key[0],
                            target_id=key[1], name=name, direction=direction))
        self.report.links_added += 1

def add_appraisals(self: Writer) -> None:
    ours = dict(self.s.execute(select(Appraisal.document_id, Appraisal.category)).all())
    differing = 0
    for their_doc, (category, comment, answers) in self.data.appraisals.items():
        doc = self.docs[their_doc][0]
        if doc in ours:
            mine = (ours[doc], self.s.scalar(select(Appraisal.comment).where(
                Appraisal.document_id == doc)), tuple(sorted(self.s.execute(select(
                    AppraisalAnswer.question, AppraisalAnswer.answer, AppraisalAnswer.comment)
                    .where(AppraisalAnswer.document_id == doc)).all())))
            differing += mine != (category, comment, answers)
            continue
        self.s.add(Appraisal(document_id=doc, category=category, comment=comment,
                             updated_at=utcnow()))
        self.s.flush()
        for question, answer, note in answers:
            self.s.add(AppraisalAnswer(document_id=doc, question=question, answer=answer,
                                       comment=note))
        self.report.appraisals_added += 1
    if differing:
        self.report.not_merged.append(
            f"{differing} appraisal(s) of documents appraised here (this project's kept)")
    self.s.flush()
