"""Names people see in a terminal or a table: what they may hold, and how to show the rest.

A name with control characters (an escape sequence, a line break) or bidirectional overrides
(U+202E turns the text after it round) can make a terminal, a TSV file or a review of the
names show something other than what is stored (issue 18). Names typed into the app or the
command line are refused when they hold one; names that arrive from files (a document's file
name, another tool's codes) are kept, and the command line shows them escaped (`visible`).
Right-to-left marks (U+200E, U+200F, U+061C) are ordinary in Hebrew and Arabic text and pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coding.errors import InvalidInput

# C0 and C1 controls (tab and line breaks included), DEL, bidi embeddings/overrides/isolates,
# and the Unicode line and paragraph separators.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def check_name(name: str, what: str = "a name") -> str:
    """`name` stripped, or InvalidInput naming the character it may not hold."""
    name = name.strip()
    found = UNSAFE.search(name)
    if found:
        raise InvalidInput(f"{what} may not hold the control character U+{ord(found.group()):04X} "
                           f"(at position {found.start() + 1})")
    return name


# The largest integer SQLite stores; a larger one cannot even be bound to a query (OverflowError).
SQLITE_MAX_INT = 2**63 - 1


def as_number(text: str | int) -> int | None:
    """`text` as an id or a number when it is one, else None (then it is a name).

    Only ASCII digits within SQLite's range: str.isdigit() also takes superscripts ("²"),
    which int() refuses, and an id past 2**63-1 makes the lookup raise OverflowError; a user
    who typed either meant no record, and is told so as for any name not found."""
    if isinstance(text, int):
        return text if abs(text) <= SQLITE_MAX_INT else None
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= SQLITE_MAX_INT else None


def visible(text: str) -> str:
    """`text` with every unsafe character written as an escape (\\n, \\x1b, \\u202e)."""
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def counted(count: int, noun: str, plural: str = "") -> str:
    """"1 document", "3 documents", "0 documents": a count people read, in the app's status
    lines and dialogs ("1 co-occurrences in 1 documents" was seen in the app). `plural` for a
    noun that does not just take an s ("theories")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def bulleted(items: Sequence[str], shown: int) -> str:
    """The first `shown` items, one a line after a bullet, then how many more there are: a
    list in a message box stays on the screen however long it is."""
    lines = "\n".join(f"• {item}" for item in items[:shown])
    return lines + (f"\n… and {len(items) - shown} more" if len(items) > shown else "")


IN_VIVO_LENGTH = 80  # characters of the excerpt an in-vivo node is named by, at most


def in_vivo_name(text: str, start: int, end: int) -> str:
    """The name of a node coded in vivo to text[start:end]: its words, whole. A drag by hand
    often starts or stops inside a word ("…were offered calls f"), and a long excerpt is cut:
    a piece of a word at either end is left out (unless it is the only one), the cut falls
    between words and says so with "…", and "/" (a path's separator) becomes a space."""
    words = text[start:end].replace("/", " ").split()
    if len(words) > 1 and start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        words = words[1:]
    if len(words) > 1 and end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        words = words[:-1]
    name = " ".join(words)
    if len(name) <= IN_VIVO_LENGTH:
        return name
    cut = name[:IN_VIVO_LENGTH - 1].rsplit(" ", 1)[0] if " " in name[:IN_VIVO_LENGTH] else (
        name[:IN_VIVO_LENGTH - 1])
    return cut.rstrip(",;:") + "…"
