"""The project file's schema, for the whole mission (UI for parts of it comes later).

Offsets (`start`, `end`) everywhere are Python code-point offsets into `Document.text`,
end-exclusive. Enumerations are stored as short strings so a file stays readable by any
SQLite tool and the same models can serve PostgreSQL one day.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    DDL,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("context", "mechanism", "outcome", "none")
NODE_ORIGINS = ("deductive", "inductive")
THEORY_ORIGINS = ("initial", "new")
THEORY_STATUSES = ("supported", "unsupported", "new", "refined", "partial")
RATINGS = ("high", "moderate", "low", "not_rated")
APPRAISAL_CATEGORIES = ("qualitative", "randomised", "non_randomised", "descriptive",
                        "mixed_methods")  # MMAT 2018 study designs (labels: realist.appraisal)
APPRAISAL_ANSWERS = ("yes", "no", "cant_tell")
ATTRIBUTE_SCOPES = ("document", "case")
ATTRIBUTE_TYPES = ("text", "integer", "decimal", "boolean", "date", "choice")
MEMO_TARGETS = ("project", "document", "node", "theory", "reference", "case")
THEORY_LOG_ACTIONS = ("start", "created", "edited", "element_added", "element_removed",
                      "status_set", "status_cleared", "deleted")
LAYOUT_SOURCES = ("import", "reread", "aligned", "none")
_REGION_COLUMNS = ("region_page", "region_left", "region_bottom", "region_right", "region_top")


# A text reference covers at least one character; a region may cover none (a figure).
REFERENCE_SPAN = "start >= 0 AND (end > start OR (end = start AND region_page IS NOT NULL))"
REFERENCE_REGION = (
    "(" + " AND ".join(f"{c} IS NULL" for c in _REGION_COLUMNS) + ") OR ("
    + " AND ".join(f"{c} IS NOT NULL" for c in _REGION_COLUMNS)
    + " AND region_page >= 1 AND region_left < region_right AND region_bottom < region_top)"
)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


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
    __table_args__ = (CheckConstraint(_in("source", LAYOUT_SOURCES), name="source"),)


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
        CheckConstraint(_in("scope", ATTRIBUTE_SCOPES), name="scope"),
        CheckConstraint(_in("value_type", ATTRIBUTE_TYPES), name="value_type"),
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


class Node(Base):
    """A code in the tree. `role` ties it to the C-M-O vocabulary; `origin` to how it arose."""

    __tablename__ = "nodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("nodes.id", ondelete="CASCADE"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(7), default="#808080")
    role: Mapped[str] = mapped_column(String(10), default="none")
    origin: Mapped[str] = mapped_column(String(10), default="inductive")
    is_codable: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint(_in("origin", NODE_ORIGINS), name="origin"),
        CheckConstraint("color GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'", name="color"),
    )


class NodeLink(Base):
    """A directed or associative relation between two nodes (REFI-QDA Links; C->M->O)."""

    __tablename__ = "node_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    direction: Mapped[str] = mapped_column(String(15), default="OneWay")
    __table_args__ = (
        CheckConstraint(_in("direction", ("Associative", "OneWay", "Bidirectional")), name="direction"),
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
        CheckConstraint(_in("origin", THEORY_ORIGINS), name="origin"),
        CheckConstraint(
            "status_override IS NULL OR " + _in("status_override", THEORY_STATUSES),
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
    __table_args__ = (CheckConstraint(_in("origin", THEORY_ORIGINS), name="origin"),)


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
    __table_args__ = (CheckConstraint(_in("action", THEORY_LOG_ACTIONS), name="action"),)


class Reference(Base):
    """A coded excerpt: characters [start, end) of a document, coded to one node by one coder.

    One coder's references to a node never overlap or touch (coding merges them); two coders'
    may, and a coding comparison measures exactly that.

    A region reference (a rectangle drawn over a figure or table of a PDF page) also has
    `region_page` (1-based) and the rectangle in PDF points (origin bottom-left); its span is
    the text under the rectangle, or empty (start == end, at the page's start) when there is
    none. Text references have no region; only they merge with each other.
    """

    __tablename__ = "references"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    coder_id: Mapped[int | None] = mapped_column(
        ForeignKey("coders.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    relevance: Mapped[str] = mapped_column(String(10), default="not_rated")
    rigour: Mapped[str] = mapped_column(String(10), default="not_rated")
    rating_note: Mapped[str] = mapped_column(Text, default="")
    # who last set the relevance, rigour or note (the coder of the excerpt may be someone else)
    rated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("coders.id", ondelete="SET NULL"), nullable=True
    )
    region_page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    region_left: Mapped[float | None] = mapped_column(Float, nullable=True)
    region_bottom: Mapped[float | None] = mapped_column(Float, nullable=True)
    region_right: Mapped[float | None] = mapped_column(Float, nullable=True)
    region_top: Mapped[float | None] = mapped_column(Float, nullable=True)
    __table_args__ = (
        CheckConstraint(REFERENCE_SPAN, name="span"),
        CheckConstraint(REFERENCE_REGION, name="region"),
        CheckConstraint(_in("relevance", RATINGS), name="relevance"),
        CheckConstraint(_in("rigour", RATINGS), name="rigour"),
        # two coders may code the same span (or rectangle) to the same node: that is agreement,
        # not a duplicate; text and regions are unique apart (a region may share a text's span)
        Index("uq_references_document_node_span", "document_id", "node_id", "start", "end",
              "coder_id", unique=True, sqlite_where=text("region_page IS NULL"),
              postgresql_where=text("region_page IS NULL")),
        Index("uq_references_document_node_region", "document_id", "node_id", "coder_id",
              *_REGION_COLUMNS, unique=True, sqlite_where=text("region_page IS NOT NULL"),
              postgresql_where=text("region_page IS NOT NULL")),
        Index("ix_references_node_document", "node_id", "document_id"),
        Index("ix_references_document_start", "document_id", "start"),
    )


class DeletedReference(Base):
    """The GUID of every reference deleted from this project (uncoded, or gone with its node or
    document), kept so that merging a colleague's copy made before the deletion does not bring
    it back. Written by the database itself (`REFERENCE_TOMBSTONES`), so every path that
    deletes, cascades included, leaves one; putting the reference back (an undo) clears it."""

    __tablename__ = "deleted_references"
    guid: Mapped[str] = mapped_column(String(36), primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(default=utcnow)


# SQLite's triggers (a PostgreSQL port writes the same two as trigger functions); revision
# 0007_deleted_references creates them in older projects, in the same words.
REFERENCE_TOMBSTONES = (
    'CREATE TRIGGER references_deleted AFTER DELETE ON "references" BEGIN '
    "INSERT OR REPLACE INTO deleted_references (guid, deleted_at) "
    "VALUES (OLD.guid, strftime('%Y-%m-%d %H:%M:%f', 'now')); END",
    'CREATE TRIGGER references_restored AFTER INSERT ON "references" BEGIN '
    "DELETE FROM deleted_references WHERE guid = NEW.guid; END",
)
for _trigger in REFERENCE_TOMBSTONES:  # once every table is there (a trigger names two)
    event.listen(Base.metadata, "after_create",  # DDL formats with %: the strftime's doubled
                 DDL(_trigger.replace("%", "%%")).execute_if(  # type: ignore[no-untyped-call]
                     dialect="sqlite"))


class Memo(Base):
    """A memo on the project or on exactly one item; one memo per item."""

    __tablename__ = "memos"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    target: Mapped[str] = mapped_column(String(10))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), nullable=True, unique=True
    )
    node_id: Mapped[int | None] = mapped_column(
        ForeignKey("nodes.id", ondelete="CASCADE"), nullable=True, unique=True
    )
    theory_id: Mapped[int | None] = mapped_column(
        ForeignKey("theories.id", ondelete="CASCADE"), nullable=True, unique=True
    )
    reference_id: Mapped[int | None] = mapped_column(
        ForeignKey("references.id", ondelete="CASCADE"), nullable=True, unique=True
    )
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=True, unique=True
    )
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # who last wrote it
    coder_id: Mapped[int | None] = mapped_column(
        ForeignKey("coders.id", ondelete="SET NULL"), nullable=True
    )
    __table_args__ = (CheckConstraint(_in("target", MEMO_TARGETS), name="target"),)


class Annotation(Base):
    """A note on a span of a document, shown as a marker in the margin."""

    __tablename__ = "annotations"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (CheckConstraint("start >= 0 AND end >= start", name="span"),)


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
    __table_args__ = (CheckConstraint(_in("answer", APPRAISAL_ANSWERS), name="answer"),)
