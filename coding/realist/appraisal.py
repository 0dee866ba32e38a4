"""A document's quality appraisal, following the structure of the Mixed Methods Appraisal Tool.

MMAT (2018) has two screening questions for every study and five criteria for each of five
study designs, each answered yes / no / can't tell. The labels below are our own short
paraphrases, not the tool's wording; the numbering (S1, S2, 1.1 ... 5.5) follows the tool so a
researcher can cross-check with its guidance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import case, delete, func, select

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import DocumentId
from coding.project import Project
from storage.models import APPRAISAL_ANSWERS, Appraisal, AppraisalAnswer, Document, utcnow

ANSWERS = APPRAISAL_ANSWERS
ANSWER_LABELS = {"yes": "Yes", "no": "No", "cant_tell": "Can't tell"}
SCREENING = {
    "S1": "Research questions are clear",
    "S2": "The data collected can answer them",
}
CATEGORIES: dict[str, tuple[str, dict[str, str]]] = {
    "qualitative": ("Qualitative", {
        "1.1": "A qualitative approach suits the question",
        "1.2": "Data collection methods are adequate",
        "1.3": "Findings come from the data",
        "1.4": "Interpretation is backed by the data",
        "1.5": "Sources, collection, analysis and interpretation fit together",
    }),
    "randomised": ("Quantitative randomised", {
        "2.1": "Randomisation was done properly",
        "2.2": "Groups were alike at the start",
        "2.3": "Outcome data are nearly complete",
        "2.4": "Outcome assessors did not know the allocation",
        "2.5": "Participants stuck to their assigned intervention",
    }),
    "non_randomised": ("Quantitative non-randomised", {
        "3.1": "Participants represent the target population",
        "3.2": "Outcome and exposure measures are appropriate",
        "3.3": "Outcome data are nearly complete",
        "3.4": "Confounders are accounted for",
        "3.5": "The intervention was delivered as planned",
    }),
    "descriptive": ("Quantitative descriptive", {
        "4.1": "The sampling strategy fits the question",
        "4.2": "The sample represents the target population",
        "4.3": "Measures are appropriate",
        "4.4": "Non-response bias is unlikely",
        "4.5": "The statistics suit the question",
    }),
    "mixed_methods": ("Mixed methods", {
        "5.1": "Using mixed methods is justified",
        "5.2": "The components are properly combined",
        "5.3": "The combination is interpreted",
        "5.4": "Disagreements between components are discussed",
        "5.5": "Each component meets its own design's criteria",
    }),
}


@dataclass(frozen=True)
class Answer:
    question: str
    label: str
    answer: str
    comment: str


@dataclass(frozen=True)
class AppraisalInfo:
    document_id: DocumentId
    category: str
    category_label: str
    comment: str
    answers: tuple[Answer, ...]

    @property
    def criteria_met(self) -> int:
        """How many of the five design criteria are answered yes (screening excluded)."""
        return sum(1 for a in self.answers if a.answer == "yes" and not a.question.startswith("S"))


def questions(category: str) -> dict[str, str]:
    """Screening questions then the category's five criteria, in order."""
    if category not in CATEGORIES:
        raise InvalidInput(f"study design is one of {', '.join(CATEGORIES)}, not '{category}'")
    return {**SCREENING, **CATEGORIES[category][1]}


def normalise_answer(value: str) -> str:
    key = value.strip().lower().replace("'", "").replace(" ", "_").replace("-", "_")
    key = {"cant": "cant_tell", "ct": "cant_tell", "y": "yes", "n": "no"}.get(key, key)
    if key not in ANSWERS:
        raise InvalidInput(f"answer '{value}' is not yes, no or can't tell")
    return key


def appraise(
    project: Project,
    doc_id: DocumentId,
    category: str,
    answers: Mapping[str, str | tuple[str, str]],
    comment: str = "",
) -> Changes:
    """Record a document's appraisal, adding to what is there (the command line's `appraise`).
    Answers: question -> answer or (answer, comment); an empty comment keeps the one there.

    Changing the design discards answers to the old design's criteria; screening answers stay.
    """
    return _record(project, doc_id, category, _checked(category, answers), comment, whole=False)


def set_appraisal(
    project: Project,
    doc_id: DocumentId,
    category: str,
    answers: Mapping[str, str | tuple[str, str]],
    comment: str,
) -> Changes:
    """Make the appraisal exactly this (the dialog's, and undo's): an answer left out is
    cleared, and so is the comment when it is empty. With `appraise`, an answer set back to
    "—" in the dialog, or a comment deleted, stayed stored."""
    return _record(project, doc_id, category, _checked(category, answers), comment, whole=True)


def _checked(category: str, answers: Mapping[str, str | tuple[str, str]]
             ) -> dict[str, tuple[str, str]]:
    allowed = questions(category)
    checked: dict[str, tuple[str, str]] = {}
    for question, given in answers.items():
        q = question.strip().upper()
        if q not in allowed:
            raise InvalidInput(f"question '{question}' is not asked for {category} studies "
                               f"({', '.join(allowed)})")
        answer, note = given if isinstance(given, tuple) else (given, "")
        checked[q] = (normalise_answer(answer), note)
    return checked


def _record(project: Project, doc_id: DocumentId, category: str,
            checked: dict[str, tuple[str, str]], comment: str, *, whole: bool) -> Changes:
    allowed = questions(category)
    with project.db.transaction() as s:
        if s.get(Document, doc_id) is None:
            raise NotFound(f"no document with id {doc_id}")
        record = s.get(Appraisal, doc_id)
        if record is None:
            record = Appraisal(document_id=doc_id, category=category)
            s.add(record)
            s.flush()
        record.category = category
        if comment or whole:
            record.comment = comment
        record.updated_at = utcnow()
        replaced = AppraisalAnswer.question.not_in(list(allowed)) | AppraisalAnswer.question.in_(
            list(checked))
        s.execute(delete(AppraisalAnswer).where(AppraisalAnswer.document_id == doc_id,
                                                *(() if whole else (replaced,))))
        for q, (answer, note) in checked.items():
            s.add(AppraisalAnswer(document_id=doc_id, question=q, answer=answer, comment=note))
    return Changes(documents=True, document_ids=frozenset({doc_id}))


def get_appraisal(project: Project, doc_id: DocumentId) -> AppraisalInfo | None:
    with project.db.reading() as s:
        record = s.get(Appraisal, doc_id)
        if record is None:
            return None
        given = {a.question: a for a in s.scalars(
            select(AppraisalAnswer).where(AppraisalAnswer.document_id == doc_id))}
        labels = questions(record.category)
        answers = tuple(Answer(q, label, given[q].answer, given[q].comment)
                        for q, label in labels.items() if q in given)
        return AppraisalInfo(doc_id, record.category, CATEGORIES[record.category][0],
                             record.comment, answers)


def clear_appraisal(project: Project, doc_id: DocumentId) -> Changes:
    with project.db.transaction() as s:
        s.execute(delete(Appraisal).where(Appraisal.document_id == doc_id))
    return Changes(documents=True, document_ids=frozenset({doc_id}))


def appraisal_summaries(project: Project) -> dict[int, str]:
    """document id -> "Qualitative: 4/5 criteria met", in one grouped query."""
    criterion_met = (AppraisalAnswer.answer == "yes") & ~AppraisalAnswer.question.startswith("S")
    met = func.sum(case((criterion_met, 1), else_=0))
    with project.db.reading() as s:
        rows = s.execute(
            select(Appraisal.document_id, Appraisal.category, func.coalesce(met, 0))
            .outerjoin(AppraisalAnswer, AppraisalAnswer.document_id == Appraisal.document_id)
            .group_by(Appraisal.document_id, Appraisal.category)
        ).all()
    return {doc: f"{CATEGORIES[category][0]}: {count}/5 criteria met"
            for doc, category, count in rows}
