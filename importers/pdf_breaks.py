"""Paragraphs that go on over a column or page break, joined into one.

A sentence cut by the end of a column or a page goes on at the head of the next one, often
past what the page set between (a figure's labels, footnotes, a caption, a running table).
Each page's paragraphs are found region by region (`pdf_paragraphs`); this pass reads them in
order and joins the two halves: by how the first half ends, and how the next body paragraph
begins.
"""

from __future__ import annotations

import re

from importers.pdf_paragraphs import Para, ends_sentence, ends_with_leaders

_FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "nor", "but", "as", "that", "which", "who", "whom", "whose", "this", "these", "those", "its", "their", "our", "his", "her", "is", "are", "was", "were", "be", "been", "being", "than", "between", "into", "onto", "upon", "within", "without", "about", "over", "under", "after", "before", "during", "such"]
)


def join_across_breaks(paragraphs: list[Para]) -> list[Para]:
    """A body paragraph that stops mid-sentence and goes on in lower case a little later (at the
    head of the next column or page, past a figure label or the page's footnotes) is one
    paragraph. What lay between is read after it, except what belongs to the page the paragraph
    began on when it goes on over a page break (that page's footnotes, sidebar, a caption): that
    is read just before it (and its heading), so it stays inside its own page's span of the
    text."""
    paras = list(paragraphs)
    index = 0
    while index < len(paras):
        para = paras[index]
        text = para.text.rstrip() if para.kind == "body" else ""
        # a contents entry ends with its page number, and the next may open with a figure
        if text and not ends_sentence(text) and not ends_with_leaders(text):
            follower = _continuation(paras, index + 1, _open_ended(text), not para.sideways)
            if follower is not None:
                following = paras.pop(follower)
                first, next_page = para.first_page(), following.first_page()
                before = [p for p in paras[index + 1:follower]
                          if next_page > first >= p.first_page() > 0]
                if before:  # ahead of the paragraph and of the heading it begins under
                    start = index
                    while start > 0 and paras[start - 1].kind == "heading":
                        start -= 1
                    kept = {id(p) for p in before}
                    paras[start:follower] = before + paras[start:index + 1] + [
                        p for p in paras[index + 1:follower] if id(p) not in kept]
                    index += len(before)
                para.absorb(following)
                continue  # it may go on again, over three columns
        index += 1
    return paras



# A number then a capitalised word opens an item of its own ("2 Computational Biology Group,
# University of Leeds", "3 Methods"), where a sentence going on over a break goes on in
# lower case after its number ("… published in | 2019 by …").
_NUMBERED = re.compile(r"\d+\s+[A-Z][a-z]")
_WORD = re.compile(r"[^\W\d_]{3}")  # a word, not an equation's tall bracket
LABEL_LINE = 20  # characters: lines this short on average, two or more, are stacked labels


def _open_ended(text: str) -> bool:
    """Ends on a word no sentence ends on ("the", "of", "and") or a comma: whatever comes next
    goes on with it, even with a capital ("… located in the | S2 subsite …")."""
    words = text.rstrip().rsplit(None, 1)
    return bool(words) and (words[-1].endswith(",") or words[-1].lower() in _FUNCTION_WORDS)


def _continuation(paragraphs: list[Para], index: int, open_ended: bool,
                  past_labels: bool = True) -> int | None:
    """The paragraph that goes on with the sentence, past footnotes, sidebars, captions, tables
    (a page may hold many), labels stacked line over line (a chart's legend) and up to eight
    short scraps (a figure's labels); not past a heading, a numbered item or a paragraph of
    prose."""
    scraps = 0
    for follower in range(index, min(index + 40, len(paragraphs))):
        candidate = paragraphs[follower]
        if candidate.kind == "heading":
            return None  # a new section begins: what follows is not the same paragraph
        if candidate.kind != "body" or (past_labels and _sideways_label(candidate)):
            continue
        if _stacked_labels(candidate):
            # Measured: the Bigtable paper's "a central scheduler that as- | signed" at a page
            # break ran into the chart legend at the head of the next page, in lower case
            # ("asscans random reads (mem) sequential reads …"). Type sizes could not tell it:
            # in the Clinical Science article they vary from paragraph to paragraph.
            continue
        text = candidate.text.lstrip()
        if _NUMBERED.match(text):
            return None  # an item of its own begins: an affiliation, a numbered reference
        if "\t" not in text and (text[:1].islower()
                                 or (follower == index and (text[:1].isdigit() or open_ended))
                                 or (open_ended and len(text.split(None, 8)) >= 8)):
            return follower
        scraps += 1
        if len(text) > 80 or scraps == 8:
            return None
    return None


def _sideways_label(para: Para) -> bool:
    """A few words set sideways, a chart's axis label ("Values read/written per second"): the
    page reads it after its body, where a sentence cut by the page's end would run into it.
    Passed over by a sentence set across the page (on a page all set sideways, not)."""
    text = para.text
    return para.sideways and len(text.split(None, 8)) <= 8 and _WORD.search(text) is not None


def _stacked_labels(para: Para) -> bool:
    """Two or more lines of a word or three each, and no figures ("scans", "random reads
    (mem)", "sequential reads"): a chart's legend read as one paragraph, never the rest of a
    sentence, which runs on in lines as wide as its column. (Stacked numbers are a table's
    column, and a long run of short lines an old preprint's narrow column: both are left to
    the rules above, as before.)"""
    text = para.text
    return (para.lines >= 2 and len(text) <= 80 and len(text) < LABEL_LINE * para.lines
            and len(text.split()) <= 3 * para.lines and not any(c.isdigit() for c in text))
