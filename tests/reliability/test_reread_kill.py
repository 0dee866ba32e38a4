"""Reading every document again survives SIGKILL at any moment, with every excerpt on its words.

`document reread --all` changes each document's text and moves its excerpts onto the new text,
a document at a time. A child runs it; the parent kills it at random points (start-up, the
backup made first, the middle of a document) and checks after each kill that every excerpt
still covers exactly the words it was coded on, in whichever reading its document is, and that
the file is sound. A last run, left to finish, reads every document again.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import importers
from coding.documents import document_text, import_files
from coding.nodes import add_node
from coding.project import Project
from coding.references import code
from tests.coding.test_reread import PDF
from tests.conftest import run_cli
from tests.reliability import children

COPIES = 8
PHRASES = ("were isolated from the n-hexane", "Centre for Biomedical Research",
           "antimicrobial", "Phoenix paludosa")


def _prepare(tmp_path: Path) -> tuple[Path, str]:
    """Copies of a real article read with their running heads kept (as an older reader
    did), each phrase coded on each; returns a running head today's reader leaves out."""
    path = tmp_path / "reread.realist"
    copies = []
    for i in range(COPIES):
        copies.append(tmp_path / f"article{i}.pdf")
        shutil.copyfile(PDF, copies[-1])
    with Project.create(path) as project:
        report = import_files(project, copies, keep_headers=True)
        node = add_node(project, "Findings")
        for _, doc_id in report.imported:
            text = document_text(project, doc_id)
            for phrase in PHRASES:
                start = text.index(phrase)
                code(project, doc_id, start, start + len(phrase), [node])
    today = importers.read_document(PDF).text
    heads = [line for line in text.split("\n\n") if line.strip() and line not in today]
    assert heads, "keeping the running heads changed nothing: the test would prove nothing"
    return path, heads[0]


def _check(path: Path, head: str) -> int:
    """The file is sound and each excerpt covers one of the coded phrases; returns how many
    documents are read again (no longer hold the running head)."""
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        texts = dict(con.execute("SELECT id, text FROM documents"))
        refs = con.execute('SELECT document_id, start, "end" FROM "references"').fetchall()
    finally:
        con.close()
    assert len(refs) == len(texts) * len(PHRASES), refs
    for doc_id, start, end in refs:
        assert texts[doc_id][start:end] in PHRASES, (doc_id, texts[doc_id][start:end])
    return sum(head not in text for text in texts.values())


def test_reading_every_document_again_survives_sigkill(tmp_path: Path) -> None:
    path, head = _prepare(tmp_path)
    rng = random.Random(13)
    done = []  # documents read again after each kill: [0, 5, 7, 8, ...] or [0, 1, 2, 8, ...] here
    for _ in range(8):
        proc = children.spawn("coding.cli", "document", "reread", path, "--all")
        reader = threading.Thread(target=lambda p=proc: p.stdout and p.stdout.read())
        reader.start()
        time.sleep(rng.uniform(0.2, 1.5))  # start-up ~0.5 s, the backup, then the documents
        children.kill(proc, reader)
        done.append(_check(path, head))
    print(f"documents read again after each kill: {done}")
    result = run_cli("document", "reread", path, "--all")
    assert result.code == 0, result
    assert _check(path, head) == COPIES, "a document was not read again"
    assert run_cli("check", path).out.strip() == "ok"
