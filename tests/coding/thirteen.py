"""A topic of 13 configurations, the size of one topic of the review our mission started from
(take-up of support): shared contexts, mechanisms and outcomes, a partial configuration, a
refinement, a new configuration and two with no evidence."""

from __future__ import annotations

from pathlib import Path

from coding.documents import document_text
from coding.ids import DocumentId
from coding.nodes import find_node
from coding.project import Project
from coding.realist.theories import add_element, add_theory, element_node, find_theory
from coding.references import code
from tests.conftest import add_text_document

TOPIC = "Take-up of support"
CONFIGURATIONS = [  # label, contexts, mechanisms, outcomes
    ("T1", ["Mother fears being judged by professionals"],
     ["Expects to be understood by someone who has been there"], ["Takes up support"]),
    ("T2", ["Practical barriers to attending", "Rural area"],
     ["Support fits around caring"], ["Takes up support"]),
    ("T3", ["Support offered by telephone"], ["Feels less exposed"], ["Takes up support"]),
    ("T4", ["Peer supporter from the same community"], ["Trusts the supporter"],
     ["Stays in contact for several weeks"]),
    ("T5", ["Referred by a health visitor"], ["Sees support as legitimate"],
     ["Takes up support"]),
    ("T6", ["Mother fears being judged by professionals"], ["Fears a report to social services"],
     ["Declines support"]),
    ("T7", ["Group meets in a familiar place"], ["Feels welcome"],
     ["Comes back to the group"]),
    ("T8", ["Partner is sceptical of support"], ["Feels she must cope alone"],
     ["Declines support"]),
    ("T9", ["Support offered by telephone"], ["Support fits around caring"],
     ["Stays in contact for several weeks"]),
    ("T10", ["First contact before the birth"], ["Builds a relationship early"],
     ["Stays in contact for several weeks"]),
    ("T11", ["Language differs from the supporter's"], ["Cannot explain how she feels"], []),
    ("T12", ["Waiting list longer than a month"], ["Loses hope that help will come"],
     ["Gives up on support"]),
    ("T13", ["Supporter shares her own story early"], ["Expects to be understood by someone "
                                                      "who has been there"],
     ["Comes back to the group"]),
]
UNCODED = {"T8", "T12"}  # no evidence at all: struck


def build_thirteen(project: Project, tmp_path: Path) -> None:
    """The 13 configurations, each element coded in a document of its own (but T8, T12)."""
    for label, contexts, mechanisms, outcomes in CONFIGURATIONS:
        add_theory(project, label, topic=TOPIC, contexts=contexts, mechanisms=mechanisms,
                   outcomes=outcomes, origin="new" if label == "T13" else "initial")
    add_element(project, find_theory(project, "T4"),
                element_node(project, "mechanism", "Feels part of the community", "new"))
    names = sorted({(role, name) for label, *parts in CONFIGURATIONS if label not in UNCODED
                    for role, group in zip(("Contexts", "Mechanisms", "Outcomes"), parts,
                                           strict=True) for name in group}
                   | {("Mechanisms", "Feels part of the community")})
    text = " ".join(f"Passage {i} shows it." for i in range(len(names)))
    doc = DocumentId(add_text_document(project, tmp_path, "Evidence", text))
    body = document_text(project, doc)
    for index, (folder, name) in enumerate(names):
        start = body.index(f"Passage {index} ")
        code(project, doc, start, start + 9, [find_node(project, f"{folder}/{name}")])
