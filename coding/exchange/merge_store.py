"""Writing a merge: the other project's rows mapped onto ours, inside the merge's transaction.

Ids of the other file are mapped step by step (coders, documents, theory nodes, nodes,
theories, references, memos), so each later step only looks up earlier maps. GUIDs of the
other file are kept where ours has no such GUID, so merging the same file twice maps the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.exchange.merge_extras import add_annotations, add_appraisals, add_links, add_memos
from coding.exchange.merge_source import Incoming, InDocument, InNode, InReference, InTheory
from coding.project import Project, new_guid
from coding.references import region_columns, region_of
from coding.relocate import Relocator
from coding.theory_log import (
    Entry,
    Journal,
    configuration_summary,
    element_words,
    write,
)
from storage.models import (
    Annotation,
    Coder,
    DeletedReference,
    Document,
    DocumentPage,
    Memo,
    Node,
    NodeLink,
    Reference,
    Theory,
    TheoryElement,
    Topic,
    utcnow,
)

if TYPE_CHECKING:
    from coding.exchange.merge import MergeReport


class Writer:
    def __init__(self, s: Session, project: Project, data: Incoming, report: MergeReport,
                 source: Project) -> None:
        self.s, self.project, self.data, self.report, self.source = s, project, data, report, source
        self.coders: dict[int, int] = {}
        self.docs: dict[int, tuple[int, str, str]] = {}  # theirs -> (ours, our text, their text)
        self._relocators: dict[int, Relocator | None] = {}  # None: their text is ours
        self.nodes: dict[int, int] = {}
        self.theories: dict[int, int] = {}
        self.log: list[Entry] = []  # the theory log's entries for what the merge adds
        self.refs: dict[int, int] = {}
        self.touched_docs: set[int] = set()
        self.touched_nodes: set[int] = set()
        self.guids: dict[type, set[str]] = {
            table: set(s.scalars(select(table.guid)))
            for table in (Coder, Document, Node, Theory, Reference, Memo, Annotation, NodeLink)
        }

    def guid(self, table: type, wanted: str) -> str:
        taken = self.guids[table]
        guid = wanted if wanted and wanted not in taken else new_guid()
        taken.add(guid)
        return guid

    def run(self, matches: dict[int, tuple[int, str] | None],
            progress: Callable[[int, int, str], None] | None) -> None:
        self.map_coders()
        self.map_documents(matches, progress)
        self.map_nodes()
        self.map_theories()
        self.add_references()
        add_memos(self)
        add_annotations(self)
        add_links(self)
        add_appraisals(self)

    def changes(self) -> Changes:
        r = self.report
        return Changes(
            documents=bool(r.documents_added), nodes=bool(r.nodes_added),
            references=bool(sum(r.references_added.values())),
            memos=bool(r.memos_added or r.memos_appended),
            theories=bool(r.theories_added or r.elements_added),
            document_ids=frozenset(self.touched_docs), node_ids=frozenset(self.touched_nodes))

    # coders and documents -------------------------------------------------------------

    def map_coders(self) -> None:
        ours = self.s.execute(select(Coder.id, Coder.guid, Coder.name)).all()
        by_guid = {g: i for i, g, _ in ours}
        by_name = {n: i for i, _, n in sorted(ours, reverse=True)}  # the oldest wins
        for their_id, (guid, name, initials) in self.data.coders.items():
            found = by_guid.get(guid) or by_name.get(name)
            if found is None:
                coder = Coder(guid=self.guid(Coder, guid), name=name, initials=initials)
                self.s.add(coder)
                self.s.flush()
                found = coder.id
                self.report.coders_added.append(name)
            self.coders[their_id] = found

    def map_documents(self, matches: dict[int, tuple[int, str] | None],
                      progress: Callable[[int, int, str], None] | None) -> None:
        total = len(self.data.documents)
        for index, doc in enumerate(self.data.documents):
            if progress is not None:
                progress(index, total, doc.name)
            match = matches.get(doc.id)
            if match is None:
                self.docs[doc.id] = (self.add_document(doc), doc.text, doc.text)
            else:
                self.docs[doc.id] = (match[0], match[1], doc.text)

    def add_document(self, doc: InDocument) -> int:
        name, n = doc.name, 1
        while self.s.scalar(select(func.count()).select_from(Document)
                            .where(Document.name == name)):
            name = f"{doc.name} (merged)" if n == 1 else f"{doc.name} (merged {n})"
            n += 1
        with self.source.db.reading() as other:
            original = other.scalar(select(Document.original_bytes)
                                    .where(Document.id == doc.id))
        row = Document(guid=self.guid(Document, doc.guid), name=name, format=doc.format,
                       original_filename=doc.original_filename, original_bytes=original,
                       sha256=doc.sha256, text=doc.text, text_length=len(doc.text),
                       page_count=doc.page_count, title=doc.title, authors=doc.authors,
                       year=doc.year, description=doc.description,
                       import_warnings=doc.import_warnings, imported_at=doc.imported_at)
        self.s.add(row)
        self.s.flush()
        for number, start, end in doc.pages:
            self.s.add(DocumentPage(document_id=row.id, number=number, start=start, end=end))
        self.report.documents_added.append(name)
        self.touched_docs.add(row.id)
        return row.id

    # nodes and theories ----------------------------------------------------------------

    def map_nodes(self) -> None:
        """Their theories' own nodes go to ours of the same label first, wherever either
        sits (a topic renamed on one side); every other node by its path."""
        our_theories = {label: (tid, node) for tid, label, node in self.s.execute(
            select(Theory.id, Theory.label, Theory.node_id))}
        for theory in self.data.theories:
            ours = our_theories.get(theory.label)
            if ours is not None:
                self.theories[theory.id] = ours[0]
                if theory.node_id is not None and ours[1] is not None:
                    self.nodes[theory.node_id] = ours[1]
        paths = _our_paths(self.s)
        for node in self.data.nodes:
            if node.id in self.nodes:
                continue
            found = paths.get(node.path)
            if found is None:
                found = self.add_node(node)
                paths[node.path] = found
            self.nodes[node.id] = found

    def add_node(self, node: InNode) -> int:
        parent = self.nodes.get(node.parent_id) if node.parent_id is not None else None
        position = self.s.scalar(select(func.coalesce(func.max(Node.position), -1) + 1)
                                 .where(Node.parent_id.is_(None) if parent is None
                                        else Node.parent_id == parent))
        row = Node(guid=self.guid(Node, node.guid), parent_id=parent, name=node.name,
                   description=node.description, color=node.color, role=node.role,
                   origin=node.origin, is_codable=node.is_codable, position=position,
                   created_at=utcnow())
        self.s.add(row)
        self.s.flush()
        self.report.nodes_added.append(node.path)
        self.touched_nodes.add(row.id)
        return row.id

    def map_theories(self) -> None:
        elements = {(t, n) for t, n in self.s.execute(
            select(TheoryElement.theory_id, TheoryElement.node_id))}
        for theory in self.data.theories:
            ours = self.theories.get(theory.id)
            if ours is None:
                ours = self.add_theory(theory)
                self.theories[theory.id] = ours
            for their_node, origin in theory.elements:
                node = self.nodes[their_node]
                if (ours, node) in elements:
                    continue
                position = self.s.scalar(
                    select(func.coalesce(func.max(TheoryElement.position), -1) + 1)
                    .where(TheoryElement.theory_id == ours))
                self.s.add(TheoryElement(theory_id=ours, node_id=node, origin=origin,
                                         position=position))
                elements.add((ours, node))
                if theory.label not in self.report.theories_added:
                    their = next(n for n in self.data.nodes if n.id == their_node)
                    self.report.elements_added.append(f"{theory.label}: {their.path}")
                    row = self.s.get(Theory, ours)
                    assert row is not None  # mapped or added above, in this transaction
                    self.log.append(Entry(row.guid, row.label, "element_added", field=their.role,
                                          new_value=their.name,
                                          detail=element_words(origin, row.origin)))
        self.s.flush()
        write(self.s, Journal(reason=f"merged from {self.report.source.name}"), self.log,
              coder_id=self.project.coder_id)

    def add_theory(self, theory: InTheory) -> int:
        topic_id = None
        if theory.topic:
            topic_id = self.s.scalar(select(Topic.id).where(Topic.name == theory.topic))
            if topic_id is None:
                topic = Topic(name=theory.topic, position=self.s.scalar(
                    select(func.coalesce(func.max(Topic.position), -1) + 1)))
                self.s.add(topic)
                self.s.flush()
                topic_id = topic.id
        node = self.nodes.get(theory.node_id) if theory.node_id is not None else None
        if node is not None and self.s.scalar(select(Theory.id).where(Theory.node_id == node)):
            node = None  # that node already is another theory's own node here
        row = Theory(guid=self.guid(Theory, theory.guid), label=theory.label, topic_id=topic_id,
                     statement=theory.statement, origin=theory.origin,
                     status_override=theory.status_override, node_id=node,
                     position=self.s.scalar(select(func.coalesce(func.max(Theory.position), -1)
                                                   + 1)), created_at=utcnow())
        self.s.add(row)
        self.s.flush()
        self.report.theories_added.append(theory.label)
        by_id = {n.id: n for n in self.data.nodes}
        summary = configuration_summary(theory.topic or "", theory.origin, [
            (by_id[node].name, by_id[node].role, origin) for node, origin in theory.elements
            if node in by_id])
        self.log.append(Entry(row.guid, row.label, "created", new_value=row.statement,
                              detail=summary))
        return row.id

    # references -----------------------------------------------------------------------

    def add_references(self) -> None:
        ours: dict[tuple[int, int, int | None], dict[tuple[int, int], int]] = {}
        doc_ids = [our for our, _, _ in self.docs.values()]
        for ref_id, doc, node, coder, start, end in self.s.execute(
                select(Reference.id, Reference.document_id, Reference.node_id, Reference.coder_id,
                       Reference.start, Reference.end).where(Reference.document_id.in_(doc_ids),
                                                             Reference.region_page.is_(None))):
            ours.setdefault((doc, node, coder), {})[(start, end)] = ref_id
        names = dict(self.s.execute(select(Coder.id, Coder.name)).all())
        rows: list[dict[str, object]] = []
        owners: list[int] = []
        lost = overlapping = 0
        # a colleague's copy made before a reference was deleted here still holds it
        gone = set(self.s.scalars(select(DeletedReference.guid)))
        incoming = [ref for ref in self.data.references if ref.guid not in gone]
        regions = [ref for ref in incoming if ref.region is not None]
        for ref in incoming:
            if ref.region is not None:
                continue
            placed = self.place(ref)
            if placed is None:
                lost += 1
                continue
            doc, start, end = placed
            node = self.nodes[ref.node_id]
            coder = self.coders.get(ref.coder_id) if ref.coder_id is not None else None
            spans = ours.get((doc, node, coder), {})
            if (start, end) in spans:
                self.report.references_present += 1
                self.refs[ref.id] = spans[(start, end)]  # its memo may still be new here
                continue
            if any(a <= end and b >= start for a, b in spans):  # overlapping or touching
                overlapping += 1
                continue
            self._add(rows, owners, ref, (doc, node, coder, start, end), names)
        self._insert(rows, owners)
        self.add_regions(regions, doc_ids, names)
        if len(incoming) < len(self.data.references):
            self.report.not_merged.append(
                f"{len(self.data.references) - len(incoming)} reference(s) deleted in this "
                "project since the other file was copied from it (not brought back)")
        if lost:
            self.report.not_merged.append(
                f"{lost} reference(s) whose words are not in this project's copy of the text")
        if overlapping:
            self.report.not_merged.append(
                f"{overlapping} reference(s) overlapping the same coder's own coding of the "
                "node here (this project's is kept)")

    def _insert(self, rows: list[dict[str, object]], owners: list[int]) -> None:
        if rows:
            ids = self.s.scalars(insert(Reference).returning(
                Reference.id, sort_by_parameter_order=True), rows).all()
            self.refs.update(zip(owners, ids, strict=True))

    def add_regions(self, regions: list[InReference], doc_ids: list[int],
                    names: dict[int, str]) -> None:
        """Rectangles on PDF pages: present when the same coder has the same rectangle coded to
        the node here; the text under one is placed like an excerpt's (or left empty where it
        is not found: the rectangle is what was coded)."""
        ours = {tuple(row[1:]): row[0] for row in self.s.execute(select(
            Reference.id, Reference.document_id, Reference.node_id, Reference.coder_id,
            Reference.region_page, Reference.region_left, Reference.region_bottom,
            Reference.region_right, Reference.region_top).where(
                Reference.document_id.in_(doc_ids), Reference.region_page.is_not(None)))}
        rows: list[dict[str, object]] = []
        owners: list[int] = []
        for ref in regions:
            assert ref.region is not None
            doc, text, _theirs = self.docs[ref.document_id]
            node = self.nodes[ref.node_id]
            coder = self.coders.get(ref.coder_id) if ref.coder_id is not None else None
            here = ours.get((doc, node, coder, *ref.region))
            if here is not None:
                self.report.references_present += 1
                self.refs[ref.id] = here
                continue
            placed = self.place(ref) if ref.end > ref.start else None
            start, end = placed[1:] if placed else (min(ref.start, len(text)),) * 2
            self._add(rows, owners, ref, (doc, node, coder, start, end), names)
        self._insert(rows, owners)

    def _add(self, rows: list[dict[str, object]], owners: list[int], ref: InReference,
             here: tuple[int, int, int | None, int, int], names: dict[int, str]) -> None:
        """One of their references to insert here (text or region), counted for the report;
        `here` is (document, node, coder, start, end) in this project."""
        doc, node, coder, start, end = here
        region = region_of(*ref.region) if ref.region is not None else None
        rows.append({
            "guid": self.guid(Reference, ref.guid), "document_id": doc, "node_id": node,
            "start": start, "end": end, "coder_id": coder, "created_at": ref.created_at,
            "relevance": ref.relevance, "rigour": ref.rigour, "rating_note": ref.rating_note,
            "rated_by_id": self.coders.get(ref.rated_by_id) if ref.rated_by_id else None,
            **region_columns(region)})
        owners.append(ref.id)
        name = names.get(coder, "no coder") if coder is not None else "no coder"
        self.report.references_added[name] = self.report.references_added.get(name, 0) + 1
        self.touched_docs.add(doc)
        self.touched_nodes.add(node)

    def relocated(self, their_doc: int, start: int, end: int, *,
                  region: bool = False) -> tuple[int, int] | None:
        """Where their passage [start, end) of document `their_doc` is in our copy (see
        coding.relocate: by its words, then as an older reader wrote them); a region over no
        words (a figure) goes where it stood."""
        if their_doc not in self._relocators:  # the texts compared once a document
            _doc, ours, theirs = self.docs[their_doc]
            self._relocators[their_doc] = (None if ours is theirs or ours == theirs
                                           else Relocator(theirs, ours))
        where = self._relocators[their_doc]
        if where is None:  # the same text: the same offsets
            return start, end
        found = where.locate(start, end, region=region)
        return None if found is None else found[:2]

    def place(self, ref: InReference) -> tuple[int, int, int] | None:
        doc = self.docs[ref.document_id][0]
        found = self.relocated(ref.document_id, ref.start, ref.end,
                               region=ref.region is not None)
        if found is None:
            return None
        if found != (ref.start, ref.end):
            self.report.references_relocated += 1
        return doc, found[0], found[1]

def _our_paths(s: Session) -> dict[str, int]:
    rows = s.execute(select(Node.id, Node.parent_id, Node.name)).all()
    parent = {i: (p, n) for i, p, n in rows}
    cache: dict[int, str] = {}

    def path(node: int) -> str:
        if node not in cache:
            up, name = parent[node]
            cache[node] = name if up is None else f"{path(up)}/{name}"
        return cache[node]

    return {path(i): i for i, _, _ in rows}
