"""Realist judgements that REFI-QDA has no element for, carried as Notes other tools can read.

A reference's relevance/rigour rating and a theory's status are what months of appraisal
produce; NVivo or ATLAS.ti show them as ordinary notes on the selection or the set, and our
own import turns them back into ratings and statuses instead of memos. The note text is
plain "Key: value" lines so a person reading it elsewhere understands it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coding.evidence_rules import RULE_DEFINITIONS, RULE_NAMES, RULES
from storage.models import RATINGS, THEORY_STATUSES

RATING_NOTE = "Realist Coder rating"
STATUS_NOTE = "Realist Coder theory status"
CASE_MEMO_SET = "Intervention memo: "


@dataclass(frozen=True)
class Rating:
    relevance: str = "not_rated"
    rigour: str = "not_rated"
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return self == Rating()


def rating_text(rating: Rating) -> str:
    lines = [f"Relevance: {rating.relevance}", f"Rigour: {rating.rigour}"]
    if rating.note:
        lines.append(f"Note: {rating.note}")
    return "\n".join(lines)


def _fields(text: str) -> tuple[dict[str, str], str]:
    """Leading 'Key: value' lines, and everything after 'Note: ' (which may span lines)."""
    out: dict[str, str] = {}
    note = ""
    lines = text.replace("\r\n", "\n").split("\n")
    for index, line in enumerate(lines):
        key, sep, value = line.partition(": ")
        if not sep:
            continue
        if key.strip().lower() == "note":
            note = "\n".join([value, *lines[index + 1:]])
            break
        out.setdefault(key.strip().lower(), value.strip())
    return out, note


def parse_rating(text: str) -> Rating | None:
    """None when the note is not one of ours after all, so it stays an ordinary memo."""
    fields, note = _fields(text)
    relevance, rigour = fields.get("relevance"), fields.get("rigour")
    if relevance not in RATINGS or rigour not in RATINGS:
        return None
    return Rating(relevance, rigour, note)


def status_text(status: str) -> str:
    return f"Status: {status}"


def parse_status(text: str) -> str | None:
    status = _fields(text)[0].get("status")
    return status if status in THEORY_STATUSES else None


# Issue 15: the rest of the realist data, in notes a person reads as "Key: value" lines. A value
# spanning lines continues on lines indented by two spaces; entries of a log are separated by
# an empty line.
APPRAISAL_NOTE = "Realist Coder appraisal (MMAT 2018)"
THEORY_NOTE = "Realist Coder theory"
LOG_NOTE = "Realist Coder theory log"
DELETED_LOG_NOTE = "Realist Coder log of deleted theories"
RULE_NOTE = "Realist Coder evidence rule"
CASE_NUMBER_VARIABLE = "Intervention number (Realist Coder)"
LOG_KEYS = (("Theory", "theory_guid"), ("Label", "label"), ("At", "at"), ("Action", "action"),
            ("Field", "field"), ("Old", "old_value"), ("New", "new_value"),
            ("Detail", "detail"), ("Reason", "reason"), ("Coder", "coder"))


def fields_text(pairs: list[tuple[str, str]]) -> str:
    """"Key: value" lines; a value's further lines are indented by two spaces."""
    lines = []
    for key, value in pairs:
        first, *rest = value.replace("\r\n", "\n").split("\n")
        lines.append(f"{key}: {first}")
        lines += [f"  {line}" for line in rest]
    return "\n".join(lines)


def parse_fields(text: str) -> list[tuple[str, str]]:
    """The pairs of `fields_text`, in order (a key may repeat)."""
    pairs: list[tuple[str, str]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith("  ") and pairs:
            key, value = pairs[-1]
            pairs[-1] = (key, f"{value}\n{line[2:]}")
            continue
        key, sep, value = line.partition(": ")
        if not sep and line.endswith(":"):
            key, sep, value = line[:-1], ":", ""
        if sep:
            pairs.append((key.strip(), value))
    return pairs


def log_text(entries: list[dict[str, object]]) -> str:
    """A theory's log, one block per entry, oldest first."""
    blocks = [fields_text([(key, _as_text(entry[column])) for key, column in LOG_KEYS])
              for entry in entries]
    return "\n\n".join(blocks)


def parse_log(text: str) -> list[dict[str, str]]:
    """The entries of `log_text` as columns; an entry without a time or action is dropped."""
    columns = dict(LOG_KEYS)
    out: list[dict[str, str]] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        entry = {columns[k]: v for k, v in parse_fields(block) if k in columns}
        if entry.get("at") and entry.get("action"):
            out.append({column: entry.get(column, "") for _, column in LOG_KEYS})
    return out


def _as_text(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


@dataclass(frozen=True)
class TheoryFacts:
    """What a theory Set cannot say by itself."""

    origin: str  # initial or new
    topic: str
    position: int
    created: str  # ISO time, exact
    element_origins: tuple[tuple[str, str, str], ...] = ()  # (code guid, name, origin) that
    # differ from the theory's origin: refinements of an initial theory, or the reverse


_KEYS = {"new": "Refinement (added during coding)", "initial": "From the initial model"}


def theory_text(facts: TheoryFacts) -> str:
    pairs = [("Origin", facts.origin), ("Topic", facts.topic), ("Position", str(facts.position)),
             ("Created", facts.created)]
    pairs += [(_KEYS[origin], f"{name} {{{guid}}}") for guid, name, origin in facts.element_origins]
    return fields_text(pairs)


def parse_theory(text: str) -> TheoryFacts | None:
    fields = dict(parse_fields(text))
    origin = fields.get("Origin")
    if origin not in ("initial", "new"):
        return None
    elements = []
    for key, value in parse_fields(text):
        origin_of = next((o for o, k in _KEYS.items() if k == key), None)
        name, _, guid = value.rpartition(" {")
        if origin_of and guid.endswith("}"):
            elements.append((guid[:-1].lower(), name, origin_of))
    position = fields.get("Position", "")
    return TheoryFacts(origin, fields.get("Topic", ""),
                       int(position) if position.isdigit() else -1, fields.get("Created", ""),
                       tuple(elements))


@dataclass(frozen=True)
class AppraisalFacts:
    category: str
    comment: str
    updated: str
    answers: tuple[tuple[str, str, str], ...]  # (question, answer, comment)


def appraisal_text(facts: AppraisalFacts) -> str:
    pairs = [("Category", facts.category), ("Comment", facts.comment),
             ("Updated", facts.updated)]
    for question, answer, comment in facts.answers:
        pairs.append((question, answer))
        if comment:
            pairs.append((f"{question} comment", comment))
    return fields_text(pairs)


def parse_appraisal(text: str) -> AppraisalFacts | None:
    pairs = parse_fields(text)
    fields = dict(pairs)
    if not fields.get("Category"):
        return None
    answers = [(q, a, fields.get(f"{q} comment", "")) for q, a in pairs
               if q not in ("Category", "Comment", "Updated") and not q.endswith(" comment")]
    return AppraisalFacts(fields["Category"], fields.get("Comment", ""),
                          fields.get("Updated", ""), tuple(answers))


def rule_text(rule: str) -> str:
    return fields_text([("Evidence rule", rule), ("Name", RULE_NAMES.get(rule, rule)),
                        ("Meaning", RULE_DEFINITIONS.get(rule, ""))])


def parse_rule(text: str) -> str | None:
    rule = dict(parse_fields(text)).get("Evidence rule")
    return rule if rule in RULES else None


def topic_description(position: int) -> str:
    return f"A topic of programme theories; position {position} in the model."


def parse_topic_position(description: str) -> int | None:
    found = re.search(r"position (\d+) in the model", description)
    return int(found.group(1)) if found else None
