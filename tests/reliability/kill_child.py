"""The child of the kill-loop test: codes in a tight loop, printing each committed id.

`python -m tests.reliability.kill_child PROJECT DOC NODE,NODE RUN` — after `code()` returns, the reference is
committed (acknowledged, as the app would show it); only then is its id printed. Every other
step also writes a memo, like a researcher typing. The parent SIGKILLs this at random moments.
"""

from __future__ import annotations

import sys

from coding.memos import set_memo
from coding.project import Project
from coding.references import code, references_for_document


def main(path: str) -> None:
    project = Project.open(path)
    doc_id, node_ids = int(sys.argv[2]), [int(n) for n in sys.argv[3].split(",")]
    run = int(sys.argv[4])
    existing = references_for_document(project, doc_id)  # type: ignore[arg-type]
    start = max((r.end for r in existing), default=0) + 2
    n = 0
    while True:
        node = node_ids[n % len(node_ids)]
        result = code(project, doc_id, start, start + 1, [node])  # type: ignore[arg-type, list-item]
        for ref in result.created:
            print(f"ref {ref.id}", flush=True)
        if n % 2:
            set_memo(project, "document", doc_id, f"{run} {n}")
            print(f"memo {run}:{n}", flush=True)
        start += 3  # a gap, so codings never merge (a merge would delete an earlier id)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1])
