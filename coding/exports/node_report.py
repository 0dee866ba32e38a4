"""A Word report of one node's excerpts, grouped by document, each with its page citation.

What a researcher pastes into an evidence table or reads before writing a configuration up:
the node's description, how much evidence there is, then every excerpt as a quotation.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from docx import Document as WordDocument
from docx.shared import Pt, RGBColor

from coding.excerpts import Excerpt, iter_excerpts, xml_safe
from coding.filters import ReferenceFilter
from coding.ids import NodeId
from coding.names import counted
from coding.nodes import get_node
from coding.project import Project
from storage.output_files import write_built

_GREY = RGBColor(0x59, 0x59, 0x59)


def citation(e: Excerpt) -> str:
    """'(Smith 2019, p. 7)' — the document and page(s), as a reader cites it."""
    return f"({e.document}, {e.pages})" if e.pages else f"({e.document})"


def write_node_report(
    project: Project,
    node_id: NodeId,
    out: Path | str,
    *,
    flt: ReferenceFilter | None = None,
) -> int:
    """Write the report; returns the number of excerpts in it. Descendants are included
    unless the filter says `with_descendants=False`."""
    node = get_node(project, node_id)
    base = flt or ReferenceFilter()
    scoped = ReferenceFilter(
        node_ids=(node_id,), with_descendants=base.with_descendants,
        document_ids=base.document_ids, case_ids=base.case_ids, relevance=base.relevance,
        rigour=base.rigour,
    )
    excerpts = list(iter_excerpts(project, scoped))
    doc = WordDocument()
    doc.add_heading(xml_safe(node.path), level=0)
    facts = [node.role if node.role != "none" else "", node.origin]
    doc.add_paragraph(", ".join(f for f in facts if f)).runs[0].italic = True
    if node.description.strip():
        doc.add_paragraph(xml_safe(node.description))
    documents = {e.document_id for e in excerpts}
    interventions = {e.intervention for e in excerpts if e.intervention}
    doc.add_paragraph(
        f"{counted(len(excerpts), 'excerpt')} from {counted(len(documents), 'document')}"
        f" in {counted(len(interventions), 'intervention')}."
    )
    for (name, intervention), group in groupby(excerpts, key=lambda e: (e.document, e.intervention)):
        doc.add_heading(xml_safe(f"{name} — {intervention}" if intervention else name), level=1)
        for e in group:
            quote = doc.add_paragraph(style="Quote")
            quote.add_run(xml_safe(e.text))
            quote.add_run(" " + xml_safe(citation(e))).bold = True
            details = [e.node_path] if e.node_path != node.path else []
            if e.relevance != "not_rated" or e.rigour != "not_rated":
                details.append(f"relevance {e.relevance}, rigour {e.rigour}")
            if e.rating_note:
                details.append(e.rating_note)
            if e.memo:
                details.append(f"Memo: {e.memo}")
            if details:
                run = doc.add_paragraph().add_run(xml_safe(" · ".join(details)))
                run.font.size, run.font.color.rgb = Pt(9), _GREY
    write_built(out, doc.save, inputs=(project.path,))
    return len(excerpts)
