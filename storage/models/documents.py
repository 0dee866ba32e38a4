"""The project's settings, its coders, documents with their pages and page geometry, interventions
(cases) and the attributes of both."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from storage.models.base import (
    ATTRIBUTE_SCOPES,
    ATTRIBUTE_TYPES,
    LAYOUT_SOURCES,
    Base,
    in_list,
    utcnow,
)


class ProjectSetting(Base):
    """Key/value facts about the project (name, guid, created, backup policy...)."""

    __tablename__ = "project_settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Coder(Base):
    """Who coded: the researcher, a second reviewer whose project was merged in, REFI-QDA's
    Users. References, ratings and memos each name theirs."""

    __tablename__ = "coders"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    initials: Mapped[str] = mapped_column(String(10), default="")


class Case(Base):
    """An intervention: one programme instance, described by one or more documents."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[list[Document]] = relationship(back_populates="case")


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(500), unique=True)
    format: Mapped[str] = mapped_column(String(10))
    original_filename: Mapped[str] = mapped_column(String(500), default="")
    original_bytes: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = deferred(mapped_column(Text))
    text_length: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    authors: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    import_warnings: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), nullable=True, index=True
    )
    case: Mapped[Case | None] = relationship(back_populates="documents")
    __table_args__ = (CheckConstraint("text_length >= 0", name="text_length"),)


class DocumentPage(Base):
    """Where page `number` of the original lies in the stored text."""

    __tablename__ = "document_pages"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    __table_args__ = (CheckConstraint("start >= 0 AND end >= start", name="span"),)


class DocumentLayout(Base):
    """That a PDF document's page geometry is known, and how it was found: "import" (the reader
    gave it), "reread" (the stored original read again gave the same text), "aligned" (pdfium's
    page text matched to the stored text of each page), "none" (no geometry: not a PDF, an
    OCR'd scan, or nothing matched). A document without a row has not been looked at yet."""

    __tablename__ = "document_layouts"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    source: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (CheckConstraint(in_list("source", LAYOUT_SOURCES), name="source"),)


class DocumentRun(Base):
    """Where stored text [start, end) sits on its page: pdfium character indices
    [char_start, char_end) of page `page` (1-based) and their box in PDF points (left, bottom,
    right, top; origin bottom-left). See importers.base.TextRun."""

    __tablename__ = "document_runs"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    page: Mapped[int] = mapped_column(Integer)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    left: Mapped[float] = mapped_column(Float)
    bottom: Mapped[float] = mapped_column(Float)
    right: Mapped[float] = mapped_column(Float)
    top: Mapped[float] = mapped_column(Float)
    __table_args__ = (CheckConstraint("start >= 0 AND end >= start AND page >= 1", name="span"),)


class DocumentBlock(Base):
    """A stretch of stored text with a structural kind (table, footnote...): importers.base.Block."""

    __tablename__ = "document_blocks"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    __table_args__ = (CheckConstraint("start >= 0 AND end >= start", name="span"),)


class Attribute(Base):
    """A user-defined, typed attribute of documents or of cases (study design, country...)."""

    __tablename__ = "attributes"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    scope: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    value_type: Mapped[str] = mapped_column(String(10), default="text")
    choices: Mapped[str] = mapped_column(Text, default="")  # newline-separated, for "choice"
    position: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (
        UniqueConstraint("scope", "name", name="scope_name"),
        CheckConstraint(in_list("scope", ATTRIBUTE_SCOPES), name="scope"),
        CheckConstraint(in_list("value_type", ATTRIBUTE_TYPES), name="value_type"),
    )


class DocumentAttributeValue(Base):
    __tablename__ = "document_attribute_values"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("attributes.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str] = mapped_column(Text, default="")


class CaseAttributeValue(Base):
    __tablename__ = "case_attribute_values"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("attributes.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str] = mapped_column(Text, default="")
