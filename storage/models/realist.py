"""The realist layer: topics, programme theories with their C/M/O elements and audit log, and
study appraisals (MMAT 2018)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import (
    APPRAISAL_ANSWERS,
    THEORY_LOG_ACTIONS,
    THEORY_ORIGINS,
    THEORY_STATUSES,
    Base,
    in_list,
    utcnow,
)


class Topic(Base):
    """A group of programme theories (take-up, positive impact, negative impact...)."""

    __tablename__ = "topics"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Theory(Base):
    """A programme theory: a (possibly partial) C-M-O configuration.

    `node_id` is the theory's own node, so an excerpt can be coded to the theory as a whole.
    """

    __tablename__ = "theories"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    label: Mapped[str] = mapped_column(String(50), unique=True)
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("topics.id", ondelete="SET NULL"), nullable=True, index=True
    )
    statement: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(10), default="initial")
    status_override: Mapped[str | None] = mapped_column(String(12), nullable=True)
    node_id: Mapped[int | None] = mapped_column(
        ForeignKey("nodes.id", ondelete="SET NULL"), nullable=True, unique=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (
        CheckConstraint(in_list("origin", THEORY_ORIGINS), name="origin"),
        CheckConstraint(
            "status_override IS NULL OR " + in_list("status_override", THEORY_STATUSES),
            name="status_override",
        ),
    )


class TheoryElement(Base):
    """A context, mechanism or outcome of a theory; the node's role says which."""

    __tablename__ = "theory_elements"
    theory_id: Mapped[int] = mapped_column(
        ForeignKey("theories.id", ondelete="CASCADE"), primary_key=True
    )
    node_id: Mapped[int] = mapped_column(
        ForeignKey("nodes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    origin: Mapped[str] = mapped_column(String(10), default="initial")
    position: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (CheckConstraint(in_list("origin", THEORY_ORIGINS), name="origin"),)


class TheoryLogEntry(Base):
    """One change to a programme theory, with when and why: the audit trail of its refinement.

    Keyed by the theory's GUID, not a foreign key, so a deleted theory's history stays
    readable (and a restored theory finds it again); `label` is the label at the time.
    """

    __tablename__ = "theory_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    theory_guid: Mapped[str] = mapped_column(String(36), index=True)
    label: Mapped[str] = mapped_column(String(50))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(20), default="")  # label, topic, role...
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    coder: Mapped[str] = mapped_column(String(200), default="")
    __table_args__ = (CheckConstraint(in_list("action", THEORY_LOG_ACTIONS), name="action"),)


class Appraisal(Base):
    """A document's quality appraisal by study design (MMAT 2018 structure)."""

    __tablename__ = "appraisals"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(String(30))
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AppraisalAnswer(Base):
    """One screening question or criterion answer: yes / no / cant_tell, with a comment."""

    __tablename__ = "appraisal_answers"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("appraisals.document_id", ondelete="CASCADE"), primary_key=True
    )
    question: Mapped[str] = mapped_column(String(20), primary_key=True)
    answer: Mapped[str] = mapped_column(String(10))
    comment: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (CheckConstraint(in_list("answer", APPRAISAL_ANSWERS), name="answer"),)
