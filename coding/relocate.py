"""Finding a coded passage again in a text that differs from the one it was coded in.

Two paths need it. Read again (`coding.reread`) moves a document's excerpts and annotations
from the text the document was imported with to the text today's reader gives; a merge
(`coding.exchange`) places a colleague's excerpts, coded in their copy of a document, in ours,
which another reader version may have read otherwise. Both ask the same question, so they
share one answer: the passage's words, each run of white space counting as one space (a line
or paragraph break read otherwise is still the same words, but "the rapist" is never found in
"therapist"), at the occurrence nearest where the passage stood, in proportion to the texts'
lengths. Where the two texts agree up to the passage's end it stays where it is.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_WORD = re.compile(r"\S+")


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
        expected = self._expected(first)
        best: int | None = None
        at = self._new_sig.find(words)
        while at >= 0:
            if best is None or abs(at - expected) < abs(best - expected):
                best = at
            at = self._new_sig.find(words, at + 1)
        if best is None:
            return None
        return self._new_at[best], self._new_at[best + len(words) - 1] + 1

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
