"""The coding itself: the node tree, references (text spans and page regions) with the
tombstones of deleted ones, memos and annotations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DDL,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import (
    MEMO_TARGETS,
    NODE_ORIGINS,
    RATINGS,
    REFERENCE_REGION,
    REFERENCE_SPAN,
    REGION_COLUMNS,
    ROLES,
    Base,
    in_list,
    utcnow,
)


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
        CheckConstraint(in_list("role", ROLES), name="role"),
        CheckConstraint(in_list("origin", NODE_ORIGINS), name="origin"),
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
        CheckConstraint(in_list("direction", ("Associative", "OneWay", "Bidirectional")), name="direction"),
    )


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
        CheckConstraint(in_list("relevance", RATINGS), name="relevance"),
        CheckConstraint(in_list("rigour", RATINGS), name="rigour"),
        # two coders may code the same span (or rectangle) to the same node: that is agreement,
        # not a duplicate; text and regions are unique apart (a region may share a text's span)
        Index("uq_references_document_node_span", "document_id", "node_id", "start", "end",
              "coder_id", unique=True, sqlite_where=text("region_page IS NULL"),
              postgresql_where=text("region_page IS NULL")),
        Index("uq_references_document_node_region", "document_id", "node_id", "coder_id",
              *REGION_COLUMNS, unique=True, sqlite_where=text("region_page IS NOT NULL"),
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
    __table_args__ = (CheckConstraint(in_list("target", MEMO_TARGETS), name="target"),)


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
