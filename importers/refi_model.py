"""What a REFI-QDA file holds, as plain dataclasses (no XML, no database).

Shared by the reader (importers/refi_qda.py) and by the writer and the storing code in
coding/, so both directions agree on one vocabulary. GUIDs are lower case without braces.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"

# Our attribute types <-> REFI typeOfVariable ("choice" travels as Text).
VARIABLE_TYPES = {"text": "Text", "integer": "Integer", "decimal": "Float",
                  "boolean": "Boolean", "date": "Date", "choice": "Text"}
ATTRIBUTE_TYPES = {"Text": "text", "Integer": "integer", "Float": "decimal",
                   "Boolean": "boolean", "Date": "date", "DateTime": "text"}

# Realist structure REFI has no element for travels as named Sets (see ARCHITECTURE.md).
ROLE_SET = "Role: "
ORIGIN_SET = "Origin: "
TOPIC_SET = "Topic: "
THEORY_SET = "Theory: "

_NAMESPACE = uuid.UUID("6f1c0f3e-6c55-4c4e-9a51-2d1a8f6b7c10")


def derived_guid(*parts: str) -> str:
    """A stable GUID for things we store without one (topics, codings, theory links)."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


@dataclass(frozen=True)
class QdaCode:
    guid: str
    name: str
    parent_guid: str | None
    color: str = ""
    description: str = ""
    is_codable: bool = True
    note_refs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QdaValue:
    variable_guid: str
    value: str


@dataclass(frozen=True)
class QdaVariable:
    guid: str
    name: str
    type: str
    description: str = ""


@dataclass(frozen=True)
class QdaCase:
    guid: str
    name: str
    description: str = ""
    source_refs: list[str] = field(default_factory=list)
    values: list[QdaValue] = field(default_factory=list)


@dataclass(frozen=True)
class QdaSelection:
    """A text span [start, end) in code points, or a PDF region, with the codes applied to it."""

    guid: str
    start: int
    end: int
    code_guids: list[str] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    user_guid: str = ""
    created: str = ""
    # a PDFSelection: (page, firstX, firstY, secondX, secondY) as written; start = end = 0
    region: tuple[int, float, float, float, float] | None = None


@dataclass(frozen=True)
class QdaSource:
    guid: str
    name: str
    kind: str  # "text" or "pdf"
    text: str
    original: bytes | None = None
    original_ext: str = ""
    description: str = ""
    selections: list[QdaSelection] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    values: list[QdaValue] = field(default_factory=list)
    created: str = ""


@dataclass(frozen=True)
class QdaNote:
    guid: str
    name: str
    text: str
    created: str = ""
    modified: str = ""
    user_guid: str = ""  # creatingUser: who wrote it


@dataclass(frozen=True)
class QdaLink:
    guid: str
    name: str
    direction: str
    origin: str
    target: str


@dataclass(frozen=True)
class QdaSet:
    guid: str
    name: str
    description: str = ""
    member_codes: list[str] = field(default_factory=list)
    member_sources: list[str] = field(default_factory=list)
    member_notes: list[str] = field(default_factory=list)


@dataclass
class QdaProject:
    name: str
    origin: str = ""  # the tool that wrote the file; NVivo counts UTF-16 units
    creating_user: str = ""  # the Project's creatingUser GUID (normalised), if the file names one
    users: list[tuple[str, str]] = field(default_factory=list)
    codes: list[QdaCode] = field(default_factory=list)
    variables: list[QdaVariable] = field(default_factory=list)
    cases: list[QdaCase] = field(default_factory=list)
    sources: list[QdaSource] = field(default_factory=list)
    notes: list[QdaNote] = field(default_factory=list)
    links: list[QdaLink] = field(default_factory=list)
    sets: list[QdaSet] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
