"""The schema's shared parts: the declarative base with its naming convention, the enumerations
stored as short strings (readable by any SQLite tool, portable to PostgreSQL), and the span
and region checks of a reference."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    MetaData,
)
from sqlalchemy.orm import DeclarativeBase

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
REGION_COLUMNS = ("region_page", "region_left", "region_bottom", "region_right", "region_top")


# A text reference covers at least one character; a region may cover none (a figure).
REFERENCE_SPAN = "start >= 0 AND (end > start OR (end = start AND region_page IS NOT NULL))"
REFERENCE_REGION = (
    "(" + " AND ".join(f"{c} IS NULL" for c in REGION_COLUMNS) + ") OR ("
    + " AND ".join(f"{c} IS NOT NULL" for c in REGION_COLUMNS)
    + " AND region_page >= 1 AND region_left < region_right AND region_bottom < region_top)"
)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def in_list(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
