"""A small project that uses every structure the REFI-QDA exchange carries."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from coding.attributes import define_attribute, set_value
from coding.cases import assign_document, ensure_case
from coding.documents import import_files
from coding.ids import DocumentId
from coding.memos import set_memo
from coding.nodes import add_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.realist.evidence import override_status
from coding.realist.theories import add_theory, find_theory
from coding.references import code
from coding.review.spans import find_phrase
from tests.conftest import add_text_document

TEXT = ("Peer visits 𝑥 😀 built trust among staff.\r\nManagers were sceptical at first, "
        "but attendance rose when visits were voluntary.\n")


def build_rich_project(path: Path, tmp_path: Path) -> Project:
    project = Project.create(path, name="Rich 𝑥")
    doc = DocumentId(add_text_document(project, tmp_path, "interviews", TEXT))
    text = _stored(project, doc)
    pdf = tmp_path / "report.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawString(72, 720, "Voluntary visits increased attendance in rural clinics.")
    c.save()
    pdf_id = DocumentId(import_files(project, [pdf]).imported[0][1])
    trust = add_node(project, "Outcomes/Trust/Among staff", role="outcome", color="#112233",
                     description="Trust between peers")
    scepticism = add_node(project, "Mechanisms/Scepticism", role="mechanism")
    emoji = add_node(project, "Inductive/Emoji 😀")
    start, end = find_phrase(text, "𝑥 😀 built trust")
    code(project, doc, start, end, [trust, emoji])  # one span, two codes
    s2, e2 = find_phrase(text, "trust among staff.\nManagers were sceptical")
    overlap = code(project, doc, s2, e2, [scepticism])  # overlaps the first
    set_memo(project, "reference", overlap.created[0].id, "Excerpt memo")
    rate_reference(project, overlap.created[0].id, relevance="high", rigour="low",
                   note="Small sample\nbut candid")
    s3, e3 = find_phrase(_stored(project, pdf_id), "Voluntary visits")
    code(project, pdf_id, s3, e3, [trust])
    add_theory(project, "T1", topic="Take-up", statement="If voluntary, then trust",
               contexts=["Rural"], mechanisms=["Ownership"], outcomes=["Attendance"])
    set_memo(project, "project", None, "Project memo 😀")
    set_memo(project, "document", doc, "Interviews memo")
    set_memo(project, "node", trust, "Node memo")
    override_status(project, find_theory(project, "T1"), "refined", "Theory memo")
    case = ensure_case(project, "Harbour")
    assign_document(project, doc, case)
    set_memo(project, "case", case, "Intervention memo")
    define_attribute(project, "document", "Country")
    define_attribute(project, "document", "Year", "integer")
    define_attribute(project, "case", "Funded", "boolean")
    set_value(project, "document", doc, "Country", "Kenya")
    set_value(project, "document", doc, "Year", "2019")
    set_value(project, "case", case, "Funded", "yes")
    return project


def _stored(project: Project, doc: DocumentId) -> str:
    from coding.documents import document_text

    return document_text(project, doc)
