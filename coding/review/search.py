"""Text search across every document: words, "exact phrases", whole words, case, regex.

Measured choice (see ARCHITECTURE.md): reading all texts from SQLite and scanning them with one
compiled `re` pattern takes well under a second for 1,000 x 40,000 characters, so no full-text
index (which would be SQLite-specific and could not do regular expressions or code-point
offsets). Hits beyond `limit` are counted, not built, so a common word stays fast.
"""

from __future__ import annotations

import re
import shlex
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from coding.documents import PageInfo
from coding.errors import InvalidInput
from coding.excerpts import pages_by_document
from coding.ids import DocumentId, NodeId
from coding.project import Project
from coding.references import CodingResult, code_spans
from coding.review.spans import SPREADS, paragraph_starts, spread_span
from storage.models import Document


@dataclass(frozen=True)
class SearchHit:
    document_id: DocumentId
    document: str
    start: int
    end: int
    match: str
    before: str
    after: str
    page: int | None

    @property
    def kwic(self) -> str:
        """Keyword in context, on one line."""
        return " ".join(f"{self.before}[{self.match}]{self.after}".split())


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[SearchHit, ...]
    total: int
    documents: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.hits)


def compile_query(
    query: str, *, regex: bool = False, whole_word: bool = False, case_sensitive: bool = False
) -> re.Pattern[str]:
    """A pattern for the query: any of its words or "quoted phrases", or a regular expression."""
    if not query.strip():
        raise InvalidInput("type something to search for")
    flags = 0 if case_sensitive else re.IGNORECASE
    if regex:
        body = query
    else:
        try:
            terms = shlex.split(query)
        except ValueError:  # an unbalanced quote: search the words as typed
            terms = query.replace('"', " ").split()
        # a phrase matches across any run of whitespace (line breaks in PDFs); longest first
        body = "|".join(r"\s+".join(map(re.escape, t.split()))
                        for t in sorted(set(terms), key=len, reverse=True) if t.strip())
    if whole_word:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    try:
        return re.compile(body, flags)
    except re.error as exc:
        raise InvalidInput(f"not a valid regular expression: {exc}") from None


def search_text(
    project: Project,
    query: str,
    *,
    regex: bool = False,
    whole_word: bool = False,
    case_sensitive: bool = False,
    document_ids: Sequence[DocumentId] = (),
    limit: int = 1000,
    context: int = 40,
) -> SearchResult:
    """Hits in document-name order with `context` characters either side; all are counted."""
    if limit < 1 or context < 0:
        raise InvalidInput("the limit must be at least 1 and the context 0 or more characters")
    pattern = compile_query(query, regex=regex, whole_word=whole_word,
                            case_sensitive=case_sensitive)
    found: list[tuple[int, str, int, int, str, str, str]] = []
    total = documents = 0
    with project.db.reading() as s:
        texts = select(Document.id, Document.name, Document.text).order_by(Document.name)
        if document_ids:
            texts = texts.where(Document.id.in_(document_ids))
        for doc_id, name, text in s.execute(texts):
            before_total = total
            if len(found) >= limit:
                total += sum(1 for m in pattern.finditer(text) if m.end() > m.start())
            else:
                for m in pattern.finditer(text):
                    start, end = m.span()
                    if end == start:
                        continue
                    total += 1
                    if len(found) < limit:
                        found.append((doc_id, name, start, end, m.group(),
                                      text[max(0, start - context):start], text[end:end + context]))
            documents += total > before_total
        pages = pages_by_document(s, {f[0] for f in found})
    starts = {doc: [p.start for p in ps] for doc, ps in pages.items()}
    hits = tuple(
        SearchHit(DocumentId(doc), name, start, end, match, before, after,
                  _page_at(pages.get(doc, []), starts.get(doc, []), start))
        for doc, name, start, end, match, before, after in found
    )
    return SearchResult(hits, total, documents)


def _page_at(pages: list[PageInfo], starts: list[int], offset: int) -> int | None:
    if len(pages) <= 1:
        return None
    index = bisect_right(starts, offset) - 1
    return pages[max(index, 0)].number


def code_hits(project: Project, hits: Iterable[SearchHit], node_id: NodeId,
              spread: str = "hit") -> CodingResult:
    """Code each selected hit — or its sentence, or its paragraph (`spread`) — to the node in
    one transaction; one result, so undo takes them all back. Hits in one sentence or
    paragraph code it once."""
    chosen = list(hits)
    if not chosen:
        raise InvalidInput("select at least one search result to code")
    if spread not in SPREADS:
        raise InvalidInput(f"spread is one of {', '.join(SPREADS)}, not '{spread}'")
    spans: list[tuple[DocumentId, int, int]] = []
    if spread == "hit":
        spans = [(hit.document_id, hit.start, hit.end) for hit in chosen]
    else:
        with project.db.reading() as s:
            docs = {row.id: (row.text, row.format == "pdf") for row in s.execute(
                select(Document.id, Document.text, Document.format)
                .where(Document.id.in_({hit.document_id for hit in chosen})))}
        starts = {doc: paragraph_starts(text, is_pdf) for doc, (text, is_pdf) in docs.items()}
        for hit in chosen:
            text = docs[hit.document_id][0]
            start, end = spread_span(text, starts[hit.document_id], hit.start, hit.end, spread)
            spans.append((hit.document_id, start, end))
    return code_spans(project, list(dict.fromkeys(spans)), [node_id])
