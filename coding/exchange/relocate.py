"""Finding an excerpt again in a text that differs (another reader version, another tool)."""

from __future__ import annotations


def relocate(ours: str, theirs: str, start: int, end: int) -> tuple[int, int] | None:
    """Where their excerpt [start, end) lies in our text: the same offsets if the words are
    there, else the occurrence of the words nearest the same relative place; None if absent."""
    words = theirs[start:end]
    if ours[start:end] == words:
        return start, end
    if not words.strip():
        return None
    guess = start * len(ours) // max(len(theirs), 1)
    best: int | None = None
    at = ours.find(words)
    while at != -1:
        if best is None or abs(at - guess) < abs(best - guess):
            best = at
        at = ours.find(words, at + 1)
    return None if best is None else (best, best + len(words))
