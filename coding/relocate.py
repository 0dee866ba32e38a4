"""Finding a coded passage again in a text that differs from the one it was coded in.

Two paths need it. Read again (`coding.reread`) moves a document's excerpts and annotations
from the text the document was imported with to the text today's reader gives; a merge
(`coding.exchange`) places a colleague's excerpts, coded in their copy of a document, in ours,
which another reader version may have read otherwise. Both ask the same question, so they
share one answer: the passage's words, each run of white space counting as one space (a line
or paragraph break read otherwise is still the same words, but "the rapist" is never found in
"therapist"), at the occurrence nearest where the passage stood, in proportion to the texts'
lengths. Where the two texts agree up to the passage's end it stays where it is.

When the words are not there as they were, they are looked for once more as an older reader
may have written them otherwise (`find_loosely`): a word hyphenated at a line end joined or
not, a ligature kept as one character, a glyph it could not read (a control character, U+FFFD)
that now reads as up to three letters. Nothing looser: a passage an older reader garbled (two
columns interleaved) has no words to be found by, and is not guessed at.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from importers.base import LIGATURES

_WORD = re.compile(r"\S+")
# A glyph an older reader could not read: a control character (TeX's OT1 fonts put ff, fi, fl,
# ffi, ffl at 0x0b-0x0f, which Python counts as white space; today's reader writes none of
# them), a replacement character, pdfium's hyphen marker, a private-use code.
_UNREAD = re.compile(r"[\x00-\x08\x0b-\x1f\ufffd\ufffe\ue000-\uf8ff]")
_LOOSE_LIMIT = 20_000  # characters: a passage longer than this is not looked for loosely


class Relocator:
    """Where passages of `old` are in `new`; built once per pair of texts (it indexes both)."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self._same = _agreeing(old, new)
        self._old_sig, self._old_at = collapsed(old)
        self._new_sig, self._new_at = collapsed(new)

    def find(self, start: int, end: int) -> tuple[int, int] | None:
        """Where old[start:end] is in the new text, white space around its words left out;
        None when its words are not there, or it has none to be found by."""
        if end <= self._same:
            return start, end
        first, last = bisect_left(self._old_at, start), bisect_left(self._old_at, end)
        words = self._old_sig[first:last]
        first += len(words) - len(words.lstrip(" "))  # its words, not the breaks around them
        words = words.strip(" ")
        if not words:
            return None
        # a passage that began (ended) at a word's edge is found only where a word begins
        # (ends): "rapist" coded on its own is not the end of "therapist"
        head = _edge(self.old, self._old_at[first])
        tail = _edge(self.old, self._old_at[first + len(words) - 1] + 1)
        expected = self._expected(first)
        best: tuple[int, int] | None = None
        at = self._new_sig.find(words)
        while at >= 0:
            span = self._new_at[at], self._new_at[at + len(words) - 1] + 1
            if ((not head or _edge(self.new, span[0])) and (not tail or _edge(self.new, span[1]))
                    and (best is None or abs(at - expected) < abs(best[0] - expected))):
                best = at, span[1]
            at = self._new_sig.find(words, at + 1)
        return None if best is None else (self._new_at[best[0]], best[1])

    def find_loosely(self, start: int, end: int) -> tuple[int, int] | None:
        """Where old[start:end] is in the new text allowing what readers write otherwise (see
        the module's docstring), the occurrence nearest where it stood; None if not there."""
        # an unread glyph is a letter here, though Python may count it as white space (\x0c)
        passage = _UNREAD.sub("\ufffd", self.old[start:end])
        words = passage.strip()
        if not words or len(words) > _LOOSE_LIMIT:
            return None
        begins = start + len(passage) - len(passage.lstrip())
        pattern = re.compile(("(?<![^\\W_])" if _edge(self.old, begins) else "")
                             + _loose_pattern(words)
                             + ("(?![^\\W_])" if _edge(self.old, begins + len(words)) else ""))
        first = bisect_left(self._old_at, start)
        at = self._expected(first)
        expected = self._new_at[min(at, len(self._new_at) - 1)] if self._new_at else 0
        best: tuple[int, int] | None = None
        for match in pattern.finditer(self.new):
            if best is None or abs(match.start() - expected) < abs(best[0] - expected):
                best = match.span()
        return best

    def locate(self, start: int, end: int, *,
               region: bool = False) -> tuple[int, int, bool] | None:
        """Where old[start:end] goes, and whether it was found only loosely: by its words
        (`find`); a `region` over no words (a figure) where it stood, in proportion; else by
        its words as an older reader wrote them (`find_loosely`). None: nowhere."""
        found = self.find(start, end)
        if found is None and region and not self.old[start:end].strip():
            at = self.empty_at(start)
            found = (at, at)
        if found is not None:
            return (*found, False)
        loosely = self.find_loosely(start, end)
        return None if loosely is None else (*loosely, True)

    def empty_at(self, start: int) -> int:
        """Where a passage with no words that began at `start` (a region drawn over a figure)
        goes in the new text: the same place, in proportion."""
        if start <= self._same:
            return start
        if not self._new_at:
            return 0
        expected = self._expected(bisect_left(self._old_at, start))
        return self._new_at[min(expected, len(self._new_at) - 1)]

    def _expected(self, first: int) -> int:
        """Where, in proportion, what began at index `first` of the old collapsed text is."""
        return first * len(self._new_sig) // max(len(self._old_sig), 1)


def _edge(text: str, at: int) -> bool:
    """Whether `at` is at a word's edge: not between two letters or digits."""
    return at <= 0 or at >= len(text) or not (text[at - 1].isalnum() and text[at].isalnum())


def _agreeing(a: str, b: str) -> int:
    """How many characters the two texts share at their start (found by halves, each
    compared in C: a character-by-character loop over a thesis took a fifth of a second)."""
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    low, high = 0, n  # a[:low] == b[:low], a[:high] != b[:high]
    while high - low > 1:
        middle = (low + high) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle
    return low


def collapsed(text: str) -> tuple[str, list[int]]:
    """The text with each run of white space one space (none at its start), and where in
    `text` each of its characters stands (a space: where its run began)."""
    out: list[str] = []
    where: list[int] = []
    previous_end = -1
    for match in _WORD.finditer(text):
        a, b = match.span()
        if previous_end >= 0:
            out.append(" ")
            where.append(previous_end)
        out.append(match.group())
        where.extend(range(a, b))
        previous_end = b
    if 0 <= previous_end < len(text):  # white space after the last word
        out.append(" ")
        where.append(previous_end)
    return "".join(out), where


def _loose_pattern(words: str) -> str:
    """A regular expression for `words` (their unread glyphs U+FFFD already) as another
    reader may have written them."""
    parts: list[str] = []
    for piece in re.split(r"(\s+)", words):
        if not piece:
            continue
        if piece.isspace():
            if parts and parts[-1].endswith("\\-"):  # a hyphen at a line end: kept or not
                parts[-1] = parts[-1][:-2] + "-?"
                parts.append(r"\s*")
            else:
                parts.append(r"\s+")
            continue
        for ch in piece:
            if ch in LIGATURES:
                parts.append(f"(?:{re.escape(ch)}|{LIGATURES[ch]})")
            elif ch == "\ufffd":
                parts.append(r"\S{0,3}")
            else:
                parts.append(re.escape(ch))
    return "".join(parts)
