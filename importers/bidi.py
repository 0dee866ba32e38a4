"""Right-to-left text from display (visual) order back to the order it is read and typed in.

A PDF places glyphs left to right on the page; for Hebrew and Arabic that is the reverse of
reading order, while numbers and Latin words inside such a line keep their own left-to-right
order. We store logical order, so search, quoting and copy-paste work. This is a small subset
of the Unicode Bidirectional Algorithm (UAX #9) run backwards: resolve each unit's embedding
level from its strong neighbours, then reverse runs (rule L2, which is its own inverse).
No explicit embeddings or isolates: PDF text never carries them.

A *unit* is one base character with the combining marks that follow it (a vowel point stays
on its letter when the line is reversed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms.
RTL_CHAR = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_MIRROR = str.maketrans("()[]{}<>\u00ab\u00bb\u2039\u203a", ")(][}{><\u00bb\u00ab\u203a\u2039")
_PAIRS = ("()", "[]", "{}")
_NUMBER_SEPARATORS = frozenset(["CS", "ES"])
_STRONG_R = frozenset(["R", "AL"])
_NUMBER = frozenset(["EN", "AN"])


def has_rtl(text: str) -> bool:
    """Any right-to-left letter? O(1) for ASCII text, one regex scan otherwise."""
    return not text.isascii() and RTL_CHAR.search(text) is not None


def strong_counts(text: str) -> tuple[int, int]:
    """(left-to-right, right-to-left) strong characters: what decides a line's direction."""
    ltr = rtl = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            ltr += 1
        elif kind in _STRONG_R:
            rtl += 1
    return ltr, rtl


def is_rtl(text: str) -> bool:
    """Mostly right-to-left strong characters (a Hebrew line quoting an English title is RTL)."""
    if not has_rtl(text):
        return False
    ltr, rtl = strong_counts(text)
    return rtl > ltr


def units(text: str) -> list[str]:
    """Split into base characters each followed by its combining marks."""
    out: list[str] = []
    for ch in text:
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def visual_to_logical(text: str, *, base_rtl: bool | None = None, mirror: bool = True) -> str:
    """A line in display order to reading order; text with no RTL character is returned as is."""
    if not has_rtl(text):
        return text
    return logical_order(units(text), base_rtl=base_rtl, mirror=mirror)


def logical_order(
    visual: Sequence[str], *, base_rtl: bool | None = None, mirror: bool = True
) -> str:
    """Units in left-to-right display order, joined in reading order.

    `base_rtl=None` decides the paragraph direction from the strong characters. `mirror` turns
    brackets in right-to-left runs round, as a renderer does; PDF text extractors sometimes
    already did, so the PDF path passes False and repairs pairs with `balance_brackets`.
    """
    kinds = [_kind(u) for u in visual]
    if base_rtl is None:
        base_rtl = kinds.count("R") > kinds.count("L")
    levels = _levels(kinds, base_rtl)
    order = list(range(len(visual)))
    top = max(levels, default=0)
    lowest_odd = 1
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    if mirror:
        return "".join(
            visual[k].translate(_MIRROR) if levels[k] % 2 else visual[k] for k in order
        )
    return "".join(visual[k] for k in order)


def _kind(unit: str) -> str:
    """Bidi class of a unit's base character, folded to L, R, EN (numbers) or N (neutral)."""
    if not unit:
        return "N"
    ch = unit[0]
    kind = _KINDS.get(ch)
    if kind is None:
        kind = _KINDS[ch] = _fold(unicodedata.bidirectional(ch))
    return kind


_KINDS: dict[str, str] = {}


def _fold(kind: str) -> str:
    if kind in _STRONG_R:
        return "R"
    if kind in _NUMBER:
        return "EN"
    if kind == "L":
        return "L"
    if kind in _NUMBER_SEPARATORS:
        return "CS"
    if kind == "ET":
        return "ET"
    return "N"


def _levels(kinds: list[str], base_rtl: bool) -> list[int]:
    kinds = _resolve_numbers(kinds)
    n = len(kinds)
    # Nearest strong direction on each side; numbers count as R for neutrals (UAX #9, N1).
    edge = "R" if base_rtl else "L"
    left = [edge] * n
    last = edge
    for i, k in enumerate(kinds):
        left[i] = last
        if k != "N":
            last = "L" if k == "L" else "R"
    right = [edge] * n
    last = edge
    for i in range(n - 1, -1, -1):
        right[i] = last
        if kinds[i] != "N":
            last = "L" if kinds[i] == "L" else "R"
    base = 1 if base_rtl else 0
    levels = [base] * n
    for i, k in enumerate(kinds):
        if k == "N":
            k = left[i] if left[i] == right[i] else ("R" if base_rtl else "L")
        if k == "L":
            levels[i] = 2 if base_rtl else 0
        elif k == "R":
            levels[i] = 1
        else:  # a number inside right-to-left text keeps its digits left to right
            levels[i] = 2
    return levels


def _resolve_numbers(kinds: list[str]) -> list[str]:
    """Separators inside numbers ("3.5", "1,000") and currency/percent signs join the number.

    A number next to a Latin word is read with it ("Smith et al. 2019" inside Hebrew), as
    UAX #9 rule W7 does; display order alone cannot tell which side the word was on.
    """
    if "EN" not in kinds:
        return ["N" if k == "CS" or k == "ET" else k for k in kinds]
    out = list(kinds)
    n = len(out)
    for i, k in enumerate(kinds):
        if k == "CS":
            inside = 0 < i < n - 1 and kinds[i - 1] == "EN" and kinds[i + 1] == "EN"
            out[i] = "EN" if inside else "N"
        elif k == "ET":
            touches = (i > 0 and kinds[i - 1] == "EN") or (i < n - 1 and kinds[i + 1] == "EN")
            out[i] = "EN" if touches else "N"
    if "R" not in out:
        return ["L" if k == "EN" else k for k in out]
    before: list[str] = []
    last = ""
    for k in out:
        before.append(last)
        if k in ("L", "R"):
            last = k
    last = ""
    for i in range(n - 1, -1, -1):
        if out[i] == "EN":
            after = last
            if "L" in (before[i], after):
                out[i] = "L"
        elif out[i] in ("L", "R"):
            last = out[i]
    return out


def balance_brackets(text: str) -> str:
    """Turn round brackets that came out mirrored: ")text(" becomes "(text)".

    Only done when the pairs are unbalanced as they stand and balanced once swapped, so
    correct text is never changed.
    """
    for pair in _PAIRS:
        if (pair[0] in text or pair[1] in text) and not _balanced(text, pair) \
                and _balanced(text, pair[::-1]):
            text = text.translate(str.maketrans(pair, pair[::-1]))
    return text


def _balanced(text: str, pair: str) -> bool:
    depth = 0
    for ch in text:
        if ch == pair[0]:
            depth += 1
        elif ch == pair[1]:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def base_letters(text: str) -> str:
    """Arabic presentation forms (contextual glyph codes) to base letters, so search matches."""
    if _PRESENTATION_FORM.search(text) is None:
        return text
    return _PRESENTATION_FORM.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
