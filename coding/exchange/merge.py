"""Merging a colleague's project (`.realist`, or `.qdpx` from any tool) into this one.

Adds, never overwrites: each of the other file's items is matched to one of ours or added.
- Documents by content: the original file's checksum, else the stored text's; failing both,
  by name (reported). Where the matched texts differ (another reader version, another tool),
  each excerpt is found again by its words; one that cannot be is not merged (reported).
  Unmatched documents are added with their text, pages and original file.
- Nodes by path, theories by label (new ones created, missing elements added; reported).
- Coders by GUID, then name. References keep their coder, ratings and who rated them; one
  already here (same span, node and coder) is skipped, as is one overlapping that coder's own
  coding of the node here (merging it would change our reference). So a second merge adds
  nothing.
- Memos: added where we have none; where ours differs, theirs is appended under a heading
  (ours is kept word for word); one already contained in ours is skipped. Notes (annotations),
  node links and appraisals of documents we have not appraised come too.
- Not merged, and said so: interventions, attributes, and anything already here that differs.

One transaction: the whole merge lands or none of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput
from coding.exchange.merge_source import Incoming, opened_source, read_realist
from coding.exchange.merge_store import Writer
from coding.exchange.merge_undo import MergeRecord, marks, record
from coding.project import Project
from storage.models import Document

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class MergeReport:
    """What came in and what did not, for the CLI's summary and the app's dialog."""

    source: Path
    documents_matched: list[str] = field(default_factory=list)
    documents_by_name: list[str] = field(default_factory=list)
    documents_added: list[str] = field(default_factory=list)
    coders_added: list[str] = field(default_factory=list)
    nodes_added: list[str] = field(default_factory=list)
    theories_added: list[str] = field(default_factory=list)
    elements_added: list[str] = field(default_factory=list)
    references_added: dict[str, int] = field(default_factory=dict)  # coder name -> count
    references_present: int = 0
    references_relocated: int = 0
    memos_added: int = 0
    memos_appended: int = 0
    annotations_added: int = 0
    links_added: int = 0
    appraisals_added: int = 0
    not_merged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    undo: MergeRecord = field(default_factory=MergeRecord)  # for undo_merge / redo_merge

    @property
    def added_anything(self) -> bool:
        return bool(self.documents_added or self.nodes_added or self.theories_added
                    or self.elements_added or sum(self.references_added.values())
                    or self.memos_added or self.memos_appended or self.annotations_added
                    or self.links_added or self.appraisals_added or self.coders_added)

    def lines(self) -> list[str]:
        """The report as plain sentences (one per line), most important first."""
        out = [f"merged from {self.source.name}"]
        refs = sum(self.references_added.values())
        by_coder = ", ".join(f"{n} {c}" for c, n in sorted(self.references_added.items()))
        out.append(f"references added: {refs}" + (f" ({by_coder})" if by_coder else ""))
        out.append(f"references already here: {self.references_present}")
        if self.references_relocated:
            out.append(f"references placed by their words (text differs): "
                       f"{self.references_relocated}")
        out.append(f"documents matched by content: {len(self.documents_matched)}")
        for label, items in (("documents matched by name only", self.documents_by_name),
                             ("documents added", self.documents_added),
                             ("coders added", self.coders_added),
                             ("nodes added", self.nodes_added),
                             ("theories added", self.theories_added),
                             ("theory elements added", self.elements_added)):
            if items:
                out.append(f"{label}: {len(items)}: " + "; ".join(items))
        for label, count in (("memos added", self.memos_added),
                             ("memos appended to ours", self.memos_appended),
                             ("notes added", self.annotations_added),
                             ("node links added", self.links_added),
                             ("appraisals added", self.appraisals_added)):
            if count:
                out.append(f"{label}: {count}")
        out += [f"not merged: {item}" for item in self.not_merged]
        out += [f"note: {item}" for item in self.notes]
        if not self.added_anything:
            out.append("nothing new: everything in it is already in this project")
        return out


def merge_project(
    project: Project, other: Path | str, *, progress: ProgressCallback | None = None,
) -> MergeReport:
    """Bring `other`'s coding into `project` in one transaction; see the module docstring."""
    if project.readonly:
        raise InvalidInput("this project is open read-only; open it for writing to merge")
    other = Path(other)
    if other.suffix.lower() not in (".realist", ".qdpx"):
        raise InvalidInput(f"{other.name}: merge reads a .realist project or a .qdpx file")
    report = MergeReport(other)
    with opened_source(other, project.path) as (source, notes):
        report.notes += notes
        with source.db.reading() as s:
            data = read_realist(source.path, s, other.name)
        with project.db.transaction() as s:
            before = marks(s)
            writer = Writer(s, project, data, report, source)
            matches = _match_documents(s, data, report)
            writer.run(matches, progress)
            report.changes = writer.changes()
            report.undo = record(s, before, report.changes)
    return report


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _match_documents(
    s: Session, data: Incoming, report: MergeReport,
) -> dict[int, tuple[int, str] | None]:
    """Their document id -> (our id, our text), or None for a document to add."""
    ours = s.execute(select(Document.id, Document.name, Document.sha256)).all()
    by_sha = {sha: i for i, _, sha in ours}
    by_name = {name: i for i, name, _ in ours}
    by_text: dict[str, int] | None = None
    taken: set[int] = set()
    out: dict[int, tuple[int, str] | None] = {}
    for doc in data.documents:
        found = by_sha.get(doc.sha256)
        if found is None or found in taken:
            if by_text is None:  # read our texts only when a checksum did not settle it
                by_text = {text_sha(t): i for i, t in s.execute(select(Document.id,
                                                                      Document.text))}
            found = by_text.get(text_sha(doc.text))
        how = "content"
        if found is None or found in taken:
            found, how = by_name.get(doc.name), "name"
        if found is None or found in taken:
            out[doc.id] = None
            continue
        taken.add(found)
        text = s.scalar(select(Document.text).where(Document.id == found)) or ""
        out[doc.id] = (found, text)
        if how == "name":
            same = "the same text" if text == doc.text else "a different text"
            report.documents_by_name.append(f"{doc.name} ({same})")
        else:
            report.documents_matched.append(doc.name)
    return out
