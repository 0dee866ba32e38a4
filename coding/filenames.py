"""File names made from document names, safe to write on any system.

A document's name comes from whoever made the file (or from a REFI-QDA project), so it may hold
path separators, `..`, control characters, names Windows reserves, or be too long. Every place
that turns a name into a path on disk goes through `safe_filename`.
"""

from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
MAX_BYTES = 200  # well under the usual 255-byte limit, leaving room for " (2)" and a suffix


def safe_filename(name: str, suffix: str = "", *, fallback: str = "untitled") -> str:
    """`name` + `suffix` as one path component: no separators, never `.`/`..`, bounded length."""
    clean = unicodedata.normalize("NFC", name)
    clean = "".join(ch for ch in clean if unicodedata.category(ch) not in ("Cs", "Co", "Cn"))
    clean = _FORBIDDEN.sub("_", clean).strip().strip(".").strip()
    if not clean:
        clean = fallback
    if clean.split(".")[0].upper() in _RESERVED:
        clean = "_" + clean
    budget = MAX_BYTES - len(suffix.encode("utf-8"))
    while len(clean.encode("utf-8")) > budget:
        clean = clean[:-1]
    return clean.rstrip(". ") + suffix if clean.rstrip(". ") else fallback + suffix
