"""A small hand-built project whose coverage, matrix and co-occurrence answers are known.

d1: 200 chars, intervention "Scheme one", Design=RCT
d2:  50 chars, intervention "Scheme two", Design=Qualitative
d3: 100 chars, intervention "Scheme one", no Design, never coded
Theory T1 (topic Take-up): own node, context "Fear", mechanism "Understood".
References: Fear [0,50) and [100,120) in d1; Understood [40,60) and [100,120) in d1 (the last a
multi-node coding); T1's own node [0,10) in d2; inductive node "Other" [5,20) in d2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coding.attributes import define_attribute, set_value
from coding.cases import assign_document, ensure_case
from coding.ids import DocumentId, NodeId, TheoryId
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.realist.theories import add_theory
from coding.references import code
from tests.conftest import add_text_document


@dataclass(frozen=True)
class Known:
    d1: DocumentId
    d2: DocumentId
    d3: DocumentId
    fear: NodeId
    understood: NodeId
    t1_node: NodeId
    other: NodeId
    t1: TheoryId


def build_known(p: Project, tmp_path: Path) -> Known:
    d1 = DocumentId(add_text_document(p, tmp_path, "d1", "x" * 200))
    d2 = DocumentId(add_text_document(p, tmp_path, "d2", "y" * 50))
    d3 = DocumentId(add_text_document(p, tmp_path, "d3", "z" * 100))
    one, two = ensure_case(p, "Scheme one"), ensure_case(p, "Scheme two")
    for doc, case in ((d1, one), (d2, two), (d3, one)):
        assign_document(p, doc, case)
    t1 = add_theory(p, "T1", topic="Take-up", contexts=["Fear"], mechanisms=["Understood"])
    fear, understood = find_node(p, "Contexts/Fear"), find_node(p, "Mechanisms/Understood")
    t1_node = find_node(p, "Programme theories/Take-up/T1")
    other = add_node(p, "Other", origin="inductive")
    code(p, d1, 0, 50, [fear])
    code(p, d1, 40, 60, [understood])
    code(p, d1, 100, 120, [fear, understood])
    code(p, d2, 0, 10, [t1_node])
    code(p, d2, 5, 20, [other])
    define_attribute(p, "document", "Design")
    set_value(p, "document", d1, "Design", "RCT")
    set_value(p, "document", d2, "Design", "Qualitative")
    return Known(d1, d2, d3, fear, understood, t1_node, other, t1)


def known_file(tmp_path: Path) -> Path:
    """The known project as a closed file, for tests through the real command line."""
    path = tmp_path / "known.realist"
    with Project.create(path) as p:
        build_known(p, tmp_path)
    return path
