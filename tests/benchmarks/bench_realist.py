"""Realist figures: theory evidence/status and the Word export on a synthetic project."""

from __future__ import annotations

import tempfile
from pathlib import Path

from coding.filters import NO_FILTER
from coding.ids import NodeId
from coding.nodes import list_nodes
from coding.project import Project
from coding.realist.evidence import theory_evidence
from coding.realist.model_docx import export_model_docx
from coding.realist.ratings import with_minimum
from coding.realist.theories import add_theory
from tests.benchmarks.bench_scale import timed
from tests.benchmarks.synthetic import build_synthetic

THEORIES = 34  # the size of the review this app started from


def _add_model(project: Project) -> None:
    by_role: dict[str, list[NodeId]] = {}
    for node in list_nodes(project):
        by_role.setdefault(node.role, []).append(node.id)
    for i in range(THEORIES):
        picks = [by_role[role][(i * 3 + k) % len(by_role[role])]
                 for role in ("context", "mechanism", "outcome") for k in range(2)]
        add_theory(project, f"T{i + 1}", topic=("Take-up", "Positive", "Negative")[i % 3],
                   statement=f"If context {i}, then outcome {i}, because mechanism {i}.",
                   element_nodes=picks)


def run(quick: bool) -> list[dict[str, object]]:
    docs, nodes, refs = (60, 50, 6_000) if quick else (300, 150, 30_000)
    tag = f"{THEORIES}t/{docs}d/{nodes}n/{refs}r"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.realist"
        build_synthetic(path, documents=docs, nodes=nodes, references=refs)
        with Project.open(path) as project:
            _add_model(project)
            evidence = timed(lambda: theory_evidence(project))
            strict = with_minimum(NO_FILTER, min_relevance="moderate")
            filtered = timed(lambda: theory_evidence(project, strict))
            word = timed(lambda: export_model_docx(project, Path(tmp) / "m.docx"), repeat=1)
    return [
        {"name": f"theory evidence + status {tag}", "value": round(evidence, 4), "unit": "s"},
        {"name": f"theory evidence, relevance >= moderate {tag}", "value": round(filtered, 4),
         "unit": "s"},
        {"name": f"final model DOCX export {tag}", "value": round(word, 3), "unit": "s"},
    ]
