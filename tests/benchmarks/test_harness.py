"""The synthetic generator makes what it promises (small sizes; the figures are benchmarks)."""

from __future__ import annotations

from pathlib import Path

from coding.documents import list_documents
from coding.project import Project
from coding.review.coverage import node_coverage
from tests.benchmarks.synthetic import build_synthetic


def test_synthetic_project_has_requested_shape(tmp_path: Path) -> None:
    path = build_synthetic(tmp_path / "s.realist", documents=5, nodes=12, references=200,
                           chars=5000)
    with Project.open(path) as project:
        docs = list_documents(project)
        assert len(docs) == 5 and all(d.text_length == 5000 for d in docs)
        coverage = node_coverage(project)
        assert len(coverage) == 12
        assert sum(c.references for c in coverage) == 200
