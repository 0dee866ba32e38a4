"""Realist judgements that REFI-QDA has no element for, carried as Notes other tools can read.

A reference's relevance/rigour rating and a theory's status are what months of appraisal
produce; NVivo or ATLAS.ti show them as ordinary notes on the selection or the set, and our
own import turns them back into ratings and statuses instead of memos. The note text is
plain "Key: value" lines so a person reading it elsewhere understands it too.
"""

from __future__ import annotations

from dataclasses import dataclass

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
