"""A synthetic large project for scale benchmarks: N documents, M nodes, K references.

Bulk-inserted through the storage models (one transaction per table) so that building a
1,000-document project takes seconds; the coding layer is then measured against it.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from pathlib import Path

from sqlalchemy import insert

from coding.project import Project
from storage.models import Case, Document, DocumentPage, Node, Reference, utcnow

WORDS = ["mother", "support", "peer", "group", "volunteer", "telephone", "visit", "trust", "judged", "understood", "hope", "alone", "confidence", "baby", "health", "service", "context", "mechanism", "outcome", "feeling", "worse", "better", "family", "rural", "distance", "training", "supervision", "story", "recovery", "weeks", "stigma", "midwife", "depression"]
PAGE_CHARS = 3000


def _text(rng: random.Random, length: int) -> str:
    parts: list[str] = []
    size = 0
    while size < length:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + ". "
        if rng.random() < 0.15:
            sentence += "\n\n"
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)[:length]


def thesis_text(chars: int, rng: random.Random) -> str:
    """A long thesis-like text with non-BMP characters ("𝑥"), for the viewer's benchmarks."""
    words = ["mother", "peer", "support", "group", "trust", "hope", "𝑥", "alone", "understood",
             "service"]
    paragraphs, size = [], 0
    while size < chars:
        para = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120))) + "."
        paragraphs.append(para)
        size += len(para) + 2
    return "\n\n".join(paragraphs)[:chars]


def add_thesis(project: Project, folder: Path, chars: int, references: int,
               node_ids: list[int], seed: int = 3) -> int:
    """Import a thesis of `chars` characters and code `references` random spans in it."""
    from coding.documents import import_files
    from coding.ids import NodeId
    from coding.references import code

    rng = random.Random(seed)
    (folder / "thesis.txt").write_text(thesis_text(chars, rng), encoding="utf-8")
    doc = import_files(project, [folder / "thesis.txt"]).imported[0][1]
    for _ in range(references):
        start = rng.randrange(0, chars - 2_000)
        code(project, doc, start, start + rng.randint(50, 1_500), [NodeId(rng.choice(node_ids))])
    return doc


def build_synthetic(
    path: Path, *, documents: int, nodes: int, references: int, chars: int = 40_000,
    cases: int = 20, seed: int = 7,
) -> Path:
    rng = random.Random(seed)
    project = Project.create(path, name=f"synthetic {documents}/{nodes}/{references}")
    now = utcnow()
    base_text = _text(rng, chars)
    with project.db.transaction() as s:
        s.execute(insert(Case), [
            {"guid": str(uuid.uuid4()), "number": i + 1, "name": f"Intervention {i + 1}",
             "description": ""} for i in range(cases)
        ])
        doc_rows = []
        for i in range(documents):
            offset = rng.randrange(0, chars // 2)
            text = (base_text[offset:] + base_text[:offset])[:chars]
            doc_rows.append({
                "guid": str(uuid.uuid4()), "name": f"doc{i:04d}", "format": "txt",
                "original_filename": f"doc{i:04d}.txt", "original_bytes": None,
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "text": text,
                "text_length": len(text), "page_count": max(1, len(text) // PAGE_CHARS),
                "title": f"Document {i}", "authors": "", "year": 2000 + i % 25,
                "description": "", "import_warnings": "", "imported_at": now,
                "case_id": 1 + i % cases,
            })
        s.execute(insert(Document), doc_rows)
        s.execute(insert(DocumentPage), [
            {"document_id": d + 1, "number": p + 1, "start": p * PAGE_CHARS,
             "end": min(chars, (p + 1) * PAGE_CHARS)}
            for d in range(documents) for p in range(max(1, chars // PAGE_CHARS))
        ])
        folders = max(1, nodes // 10)
        node_rows = []
        for i in range(nodes):
            parent = None if i < folders else 1 + i % folders
            node_rows.append({
                "guid": str(uuid.uuid4()), "parent_id": parent, "name": f"node{i:03d}",
                "description": "", "color": "#4363D8",
                "role": ("context", "mechanism", "outcome", "none")[i % 4],
                "origin": "deductive" if i % 3 else "inductive", "is_codable": True,
                "position": i, "created_at": now,
            })
        s.execute(insert(Node), node_rows)
        seen: set[tuple[int, int, int, int]] = set()
        ref_rows = []
        while len(ref_rows) < references:
            doc = rng.randrange(documents) + 1
            node = rng.randrange(nodes) + 1
            start = rng.randrange(0, chars - 600)
            end = start + rng.randint(40, 600)
            if (doc, node, start, end) in seen:
                continue
            seen.add((doc, node, start, end))
            ref_rows.append({
                "guid": str(uuid.uuid4()), "document_id": doc, "node_id": node, "start": start,
                "end": end, "coder_id": project.coder_id, "created_at": now,
                "relevance": ("high", "moderate", "low", "not_rated")[len(ref_rows) % 4],
                "rigour": "not_rated", "rating_note": "",
            })
        s.execute(insert(Reference), ref_rows)
    project.close()
    return path


def add_second_coder(path: Path, *, seed: int = 11, name: str = "Second Reviewer") -> int:
    """A colleague's coding of the same project, bulk-inserted: for each reference of the
    first coder, the same span (60 %), a shifted one (25 %) or none (15 %), plus one in ten
    of their own. Returns the new coder's id."""
    from sqlalchemy import select

    from storage.models import Coder

    rng = random.Random(seed)
    project = Project.open(path)
    try:
        with project.db.transaction() as s:
            coder = Coder(guid=str(uuid.uuid4()), name=name, initials="SR")
            s.add(coder)
            s.flush()
            rows = s.execute(select(Reference.document_id, Reference.node_id, Reference.start,
                                    Reference.end)).all()
            lengths = dict(s.execute(select(Document.id, Document.text_length)).all())
            node_count = len(s.execute(select(Node.id)).all())
            seen: set[tuple[int, int, int, int]] = set()
            out = []
            now = utcnow()
            for doc, node, start, end in rows:
                roll = rng.random()
                if roll < 0.15:
                    continue
                if roll >= 0.75:
                    shift = rng.randint(-80, 80)
                    start, end = max(0, start + shift), min(lengths[doc], end + shift)
                out.append((doc, node, start, end))
            for _ in range(len(rows) // 10):
                doc = rng.choice(list(lengths))
                start = rng.randrange(0, lengths[doc] - 600)
                out.append((doc, rng.randrange(node_count) + 1, start,
                            start + rng.randint(40, 600)))
            refs = []
            for key in out:
                if key in seen or key[3] <= key[2]:
                    continue
                seen.add(key)
                doc, node, start, end = key
                refs.append({"guid": str(uuid.uuid4()), "document_id": doc, "node_id": node,
                             "start": start, "end": end, "coder_id": coder.id,
                             "created_at": now, "relevance": "not_rated",
                             "rigour": "not_rated", "rating_note": ""})
            s.execute(insert(Reference), refs)
            return coder.id
    finally:
        project.close()
