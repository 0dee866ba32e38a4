"""The bundled demo project, built from resources/demo by the same calls a user's script makes."""

from __future__ import annotations

import csv
from pathlib import Path

from coding.cases import assign_document, ensure_case
from coding.documents import document_text, find_document, import_files
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.references import code, find_phrase
from coding.theories import add_theory

DEMO_DIR = Path(__file__).resolve().parent.parent / "resources" / "demo"
INTERVENTIONS = {
    "01_Harbour_peer_visits_evaluation": "Harbour Peer Visits",
    "02_Telephone_befriending_pilot": "Telephone befriending pilot",
    "03_Circle_groups_report": "Circle groups",
    "04_Kinship_study": "Kinship peer workers",
}


def split_list(cell: str) -> list[str]:
    """Model CSV cells hold several elements separated by semicolons."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def build_demo(path: Path | str) -> Project:
    """Create the demo project at `path`: documents, interventions, model, some coding."""
    project = Project.create(path, name="Demo: peer support for perinatal mental health")
    sources = sorted((DEMO_DIR / "sources").iterdir())
    report = import_files(project, [p for p in sources if not p.name.startswith(".")])
    if report.failed:
        raise RuntimeError(f"demo sources failed to import: {report.failed}")
    for doc_name, case_name in INTERVENTIONS.items():
        assign_document(project, find_document(project, doc_name), ensure_case(project, case_name))
    with (DEMO_DIR / "model.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            add_theory(
                project, row["label"], topic=row["topic"], statement=row["statement"],
                contexts=split_list(row["contexts"]), mechanisms=split_list(row["mechanisms"]),
                outcomes=split_list(row["outcomes"]),
            )
    add_node(project, "Inductive/Masking difficulties", origin="inductive", role="mechanism")
    with (DEMO_DIR / "codings.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            doc_id = find_document(project, row["document"])
            start, end = find_phrase(document_text(project, doc_id), row["phrase"])
            code(project, doc_id, start, end, [find_node(project, row["node"])])
    return project
