"""List items in a PDF's lines: bullets and labels ("•", "2.", "(b)", "G."), the tab a word
processor sets after them, and how an item's lines hang under its first. The paragraph rules
(`importers.pdf_paragraphs`) ask these when a line may open an item or go on with one.
"""

from __future__ import annotations

import re

from importers.pdf_visual_lines import Line

BULLETS = "\u2022\u25aa\u25cf\u25e6\u2023\u2219\u25a0\u2013\u2014"  # • ▪ ● ◦ ‣ ∙ ■ – —
BULLET = re.compile(f"^[{BULLETS}]\\s")
# A list item's first line (a bullet, "1.", "(a)", "[12]"): the lines under it hang indented
ITEM = re.compile(f"\\s*(?:[{BULLETS}-]\\s"
                  r"|\[\d{1,4}\]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s)")
# A list item's label, capitals too ("G. Preserve in that license…", the items of a licence
# or of a thesis's lettered list): what opens an item set at the margin, its lines hanging
LABEL = re.compile(f"\\s*(?:[{BULLETS}-]\\s"
                   r"|\[\d{1,4}\]|\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})[.)]\s)")
# A list item's label and the tab after it, as a word processor sets a list ("•\tItem", "2.\t")
LABEL_TAB = re.compile(f"\\s*(?:[{BULLETS}-]"
                       r"|\[\d{1,4}\]|\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})[.)])\t")
# What opens a line a word processor set with a tab after a label or a section number ("-\tData",
# "9.1.3\tStyled text"): an item or a heading of its own, not the line before going on
OPENS_WITH_TAB = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\t")


def item_text_x(line: Line) -> float | None:
    """Where the text starts in a list item's first line set with a tab after its label
    ("•<tab>The extension…"), or None for any other line."""
    if len(line.parts) < 2 or LABEL_TAB.match(line.text) is None:
        return None
    return line.parts[1].box[0]


def under_label(prev: Line, line: Line) -> bool:
    """Whether an indented line goes on from a list item's first line, its text hanging
    under the item's own after the label ("G. Preserve … required Cover" then "Texts given in
    the Document's license notice."): the line before opens with a label, and the indent is
    a label's width, not more."""
    return (LABEL.match(prev.text) is not None
            and line.x0 - prev.x0 < 3.0 * (line.size if line.size < prev.size else prev.size))


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def follows(prev: str, line: str) -> bool:
    """Whether `line` opens with the label after the one `prev` opens with: "E." after "D.",
    "4)" after "3)", "(c)" after "(b)", "[13]" after "[12]", a bullet after a bullet. A
    capital and a stop alone could be an initial or an abbreviation ("J. Hypertens." under
    a reference): the label before it, one step back, tells a list."""
    before, after = LABEL.match(prev), LABEL.match(line)
    if before is None or after is None:
        return False
    one, two = (m.group(0).strip().strip("()[].") for m in (before, after))
    if not one.isalnum() or not two.isalnum():  # bullets (or dashes)
        return one == two
    if one.isdigit() and two.isdigit():
        return int(two) == int(one) + 1
    if len(one) == len(two) == 1 and ord(two) == ord(one) + 1:
        return True
    a, b = one.lower(), two.lower()
    return a in _ROMAN and b in _ROMAN and _ROMAN.index(b) == _ROMAN.index(a) + 1


def next_item(prev: Line, line: Line, right: float) -> bool:
    """Whether a line set out to the left of a short line before it, within one paragraph,
    is the next item of a list with a hanging indent ("1. Undo/Redo: … | much easier." then
    "2. Spell Check …"; a numbered reference): yes when its first word would have fitted on
    the short line, which then ended by choice, not because a long word ("https://…") was
    carried over."""
    text = line.text.lstrip()
    word = len(text.split(None, 1)[0]) if text else 0
    width = (line.x1 - line.x0) * word / max(len(line.text), 1)
    return prev.x1 + width + 0.5 * line.size < right
