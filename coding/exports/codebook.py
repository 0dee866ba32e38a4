"""The codebook: the node tree with descriptions, C/M/O roles, origins, theories and counts.

Written as CSV (for scripts and appendices) and as Word (for the review's supplementary file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document as WordDocument
from docx.shared import Cm, Pt

from coding.excerpts import node_theories, xml_safe
from coding.ids import NodeId
from coding.names import counted
from coding.nodes import list_nodes
from coding.project import Project
from coding.review.coverage import coverage_table
from coding.tables import write_table_csv
from storage.output_files import write_built

CODEBOOK_COLUMNS = ["node", "name", "depth", "role", "origin", "description", "theories",
                    "references", "documents", "interventions"]


@dataclass(frozen=True)
class CodebookEntry:
    path: str
    name: str
    depth: int
    role: str
    origin: str
    description: str
    theories: str
    references: int
    documents: int
    interventions: int


def codebook(project: Project) -> list[CodebookEntry]:
    """Every node in tree order; counts are for the node itself (not its children)."""
    info = {n.id: n for n in list_nodes(project)}
    with project.db.reading() as s:
        theories = node_theories(s)
    return [
        CodebookEntry(r.label, node.name, r.depth, r.role, r.origin, node.description,
                      theories.get(r.id, ""), r.references, r.documents, r.cases)
        for r in coverage_table(project)
        for node in (info[NodeId(r.id)],)
    ]


def write_codebook_csv(project: Project, out: Path | str, *, bom: bool = False) -> int:
    return write_table_csv(out, CODEBOOK_COLUMNS, (
        [e.path, e.name, e.depth, e.role, e.origin, e.description, e.theories, e.references,
         e.documents, e.interventions]
        for e in codebook(project)
    ), bom=bom, inputs=(project.path,))


def write_codebook_docx(project: Project, out: Path | str) -> int:
    """The tree as indented entries: name, role and origin, counts, then the description."""
    entries = codebook(project)
    doc = WordDocument()
    doc.add_heading(xml_safe(f"Codebook — {project.name}"), level=0)
    for e in entries:
        para = doc.add_paragraph()
        para.paragraph_format.left_indent = Cm(0.8 * e.depth)
        para.paragraph_format.space_after = Pt(2)
        para.add_run(xml_safe(e.name)).bold = True
        facts = [e.role if e.role != "none" else "", e.origin,
                 f"{counted(e.references, 'reference')}, {counted(e.documents, 'document')}, "
                 f"{counted(e.interventions, 'intervention')}"]
        if e.theories:
            facts.append(f"theories {e.theories}")
        para.add_run("  " + "; ".join(f for f in facts if f)).italic = True
        if e.description.strip():
            desc = doc.add_paragraph(xml_safe(e.description))
            desc.paragraph_format.left_indent = Cm(0.8 * e.depth + 0.5)
    write_built(out, doc.save, inputs=(project.path,))
    return len(entries)
