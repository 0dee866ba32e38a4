"""Configuration discovery (C × M × O candidates) on the review benchmark project.

Full mode is the issue's project (1,000 documents x 40,000 characters, 200 nodes of which 150
have a C/M/O role, 100,000 references); target 2 s per mode. Each figure is printed beside a
baseline measured in the same run: for document mode the obvious implementation (per document,
every triple of the role nodes coded there into a dict of sets); for paragraph mode the floor
of any implementation, reading the references with their spans and every document's text.
"""

from __future__ import annotations

import tempfile
from itertools import product
from pathlib import Path

from sqlalchemy import select

from coding.project import Project
from coding.review.candidates import find_candidates
from coding.review.coverage import coverage_table
from storage.models import Document, Node, Reference
from tests.benchmarks.bench_scale import timed
from tests.benchmarks.synthetic import build_synthetic


def naive_document_triples(project: Project) -> int:
    """The straightforward document-mode count: sets per document, every triple enumerated."""
    with project.db.reading() as s:
        roles = dict(s.execute(select(Node.id, Node.role)).all())
        rows = s.execute(select(Reference.node_id, Reference.document_id).distinct()).all()
    per_doc: dict[int, dict[str, set[int]]] = {}
    for node, doc in rows:
        if roles[node] != "none":
            per_doc.setdefault(doc, {}).setdefault(roles[node], set()).add(node)
    triples: dict[tuple[int, int, int], set[int]] = {}
    for doc, found in per_doc.items():
        for triple in product(found.get("context", ()), found.get("mechanism", ()),
                              found.get("outcome", ())):
            triples.setdefault(triple, set()).add(doc)
    return len(triples)


def read_floor(project: Project) -> int:
    """What paragraph mode cannot avoid: every reference's span and every text."""
    with project.db.reading() as s:
        refs = s.connection().execute(select(Reference.node_id, Reference.document_id,
                                             Reference.start, Reference.end)).fetchall()
        chars = sum(len(t) for t in s.scalars(select(Document.text)))
    return len(refs) + chars


def run(quick: bool) -> list[dict[str, object]]:
    docs, nodes, refs, chars = (100, 50, 5_000, 10_000) if quick else (1000, 200, 100_000, 40_000)
    tag = f"{docs}d/{nodes}n/{refs}r/{chars // 1000}k"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.realist"
        build_synthetic(path, documents=docs, nodes=nodes, references=refs, chars=chars)
        with Project.open(path) as project:
            paragraph = timed(lambda: find_candidates(project, mode="paragraph"))
            floor = timed(lambda: read_floor(project))
            document = timed(lambda: find_candidates(project, mode="document"))
            naive = timed(lambda: naive_document_triples(project), repeat=1)
            coverage = timed(lambda: coverage_table(project))
            rows = len(find_candidates(project, mode="document"))
    return [
        {"name": f"candidates, same paragraph {tag}", "value": round(paragraph, 3), "unit": "s",
         "target": 2.0, "baseline": round(floor, 3),
         "baseline_name": "reading every reference span and text"},
        {"name": f"candidates, same document ({rows} triples) {tag}", "value": round(document, 3),
         "unit": "s", "target": 2.0, "baseline": round(naive, 3),
         "baseline_name": "per-document triple enumeration (dict of sets)"},
        {"name": f"coverage table, same run (machine speed) {tag}", "value": round(coverage, 3),
         "unit": "s"},
    ]
