"""The project file's schema, for the whole mission: one package, imported as `storage.models`.

Offsets (`start`, `end`) everywhere are Python code-point offsets into `Document.text`,
end-exclusive. Enumerations are stored as short strings so a file stays readable by any
SQLite tool and the same models can serve PostgreSQL one day. The tables live by concern -
`base` (the declarative base, enumerations), `documents`, `coding`, `realist` - and are all
registered here, so `Base.metadata` always holds the whole schema.
"""

from __future__ import annotations

from storage.models.base import (
    APPRAISAL_ANSWERS,
    APPRAISAL_CATEGORIES,
    ATTRIBUTE_SCOPES,
    ATTRIBUTE_TYPES,
    LAYOUT_SOURCES,
    MEMO_TARGETS,
    NAMING_CONVENTION,
    NODE_ORIGINS,
    RATINGS,
    REFERENCE_REGION,
    REFERENCE_SPAN,
    REGION_COLUMNS,
    ROLES,
    THEORY_LOG_ACTIONS,
    THEORY_ORIGINS,
    THEORY_STATUSES,
    Base,
    utcnow,
)
from storage.models.coding import (
    REFERENCE_TOMBSTONES,
    Annotation,
    DeletedReference,
    Memo,
    Node,
    NodeLink,
    Reference,
)
from storage.models.documents import (
    Attribute,
    Case,
    CaseAttributeValue,
    Coder,
    Document,
    DocumentAttributeValue,
    DocumentBlock,
    DocumentLayout,
    DocumentPage,
    DocumentRun,
    ProjectSetting,
)
from storage.models.realist import (
    Appraisal,
    AppraisalAnswer,
    Theory,
    TheoryElement,
    TheoryLogEntry,
    Topic,
)

__all__ = [
    "REGION_COLUMNS",
    "APPRAISAL_ANSWERS",
    "APPRAISAL_CATEGORIES",
    "ATTRIBUTE_SCOPES",
    "ATTRIBUTE_TYPES",
    "Annotation",
    "Appraisal",
    "AppraisalAnswer",
    "Attribute",
    "Base",
    "Case",
    "CaseAttributeValue",
    "Coder",
    "DeletedReference",
    "Document",
    "DocumentAttributeValue",
    "DocumentBlock",
    "DocumentLayout",
    "DocumentPage",
    "DocumentRun",
    "LAYOUT_SOURCES",
    "MEMO_TARGETS",
    "Memo",
    "NAMING_CONVENTION",
    "NODE_ORIGINS",
    "Node",
    "NodeLink",
    "ProjectSetting",
    "RATINGS",
    "REFERENCE_REGION",
    "REFERENCE_SPAN",
    "REFERENCE_TOMBSTONES",
    "ROLES",
    "Reference",
    "THEORY_LOG_ACTIONS",
    "THEORY_ORIGINS",
    "THEORY_STATUSES",
    "Theory",
    "TheoryElement",
    "TheoryLogEntry",
    "Topic",
    "utcnow",
]
