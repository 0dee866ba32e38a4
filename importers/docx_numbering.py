"""Word list numbers as Word shows them: "1.", "1.1", "2.1", "a)", "iv." or a bullet.

A paragraph names a numbering instance (`numId`) and a level; the instance points at an
abstract definition whose levels give the number format, the text pattern ("%1.%2") and the
start value. Word counts per abstract definition — two instances of one definition continue
each other's count — unless an instance overrides a level's start, which restarts it. Taking a
level resets the counters of the levels below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLET = "\u2022"


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False  # isLgl: the higher levels shown as plain numbers


@dataclass
class Numbering:
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstract -> levels
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> level: start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstract -> counts
    restarted: set[tuple[str, int]] = field(default_factory=set)

    def prefix(self, num_id: str, level: int) -> str:
        """The label of the next item of `num_id` at `level`, with a space after it."""
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        this = levels.get(level, Level())
        indent = "  " * level
        if this.fmt in ("bullet", "none"):
            return f"{indent}{BULLET} " if this.fmt == "bullet" else indent
        counts = self.counters.setdefault(abstract or num_id, {})
        start = self.overrides.get(num_id, {}).get(level)
        if start is not None and (num_id, level) not in self.restarted:
            self.restarted.add((num_id, level))
            counts[level] = start - 1
        counts[level] = counts.get(level, levels.get(level, Level()).start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        label = this.text or f"%{level + 1}."
        for index in range(level, -1, -1):
            shown = levels.get(index, Level())
            value = counts.get(index, shown.start)
            fmt = "decimal" if this.legal and index < level else shown.fmt
            label = label.replace(f"%{index + 1}", _format(value, fmt))
        return f"{indent}{label} " if label else indent


def read_numbering(root: Any | None) -> Numbering:
    numbering = Numbering()
    if root is None:
        return numbering
    for abstract in root.iter(f"{W}abstractNum"):
        levels: dict[int, Level] = {}
        for lvl in abstract.iter(f"{W}lvl"):
            levels[_int(lvl.get(f"{W}ilvl"), 0)] = Level(
                fmt=_val(lvl, "numFmt") or "decimal",
                text=_val(lvl, "lvlText") or "",
                start=_int(_val(lvl, "start"), 1),
                legal=lvl.find(f"{W}isLgl") is not None,
            )
        numbering.levels[abstract.get(f"{W}abstractNumId", "")] = levels
    for num in root.iter(f"{W}num"):
        num_id = num.get(f"{W}numId", "")
        numbering.abstract_of[num_id] = _val(num, "abstractNumId") or ""
        for override in num.iter(f"{W}lvlOverride"):
            start = _val(override, "startOverride")
            if start is not None:
                numbering.overrides.setdefault(num_id, {})[
                    _int(override.get(f"{W}ilvl"), 0)] = _int(start, 1)
    return numbering


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                            (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                            (4, "iv"), (1, "i")):
        while value >= number:
            out += letters
            value -= number
    return out
