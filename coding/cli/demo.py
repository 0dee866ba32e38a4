"""The bundled demo project, built from resources/demo by the same calls a user's script makes."""

from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

from coding.attributes import import_attributes_csv
from coding.cases import assign_document, ensure_case
from coding.documents import document_text, find_document, import_files
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.realist.appraisal import appraise
from coding.realist.model_csv import import_model
from coding.realist.theories import add_element, add_theory, element_node, find_theory
from coding.references import code, references_for_node
from coding.review.spans import find_phrase

DEMO_DIR = Path(str(files("resources") / "demo"))  # package data, also when installed
INTERVENTIONS = {
    "01_Harbour_peer_visits_evaluation": "Harbour Peer Visits",
    "02_Telephone_befriending_pilot": "Telephone befriending pilot",
    "03_Circle_groups_report": "Circle groups",
    "04_Kinship_study": "Kinship peer workers",
}


def build_demo(path: Path | str) -> Project:
    """Create the demo project at `path`: documents, interventions, model, some coding."""
    project = Project.create(path, name="Demo: peer support for perinatal mental health")
    sources = sorted((DEMO_DIR / "sources").iterdir())
    report = import_files(project, [p for p in sources if not p.name.startswith(".")])
    if report.failed:
        raise RuntimeError(f"demo sources failed to import: {report.failed}")
    for doc_name, case_name in INTERVENTIONS.items():
        assign_document(project, find_document(project, doc_name), ensure_case(project, case_name))
    import_attributes_csv(project, DEMO_DIR / "documents.csv", "document")
    import_attributes_csv(project, DEMO_DIR / "interventions.csv", "case")
    import_model(project, DEMO_DIR / "model.csv")
    add_node(project, "Inductive/Masking difficulties", origin="inductive", role="mechanism")
    _add_inductive_findings(project)
    with (DEMO_DIR / "codings.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            doc_id = find_document(project, row["document"])
            start, end = find_phrase(document_text(project, doc_id), row["phrase"])
            code(project, doc_id, start, end, [find_node(project, row["node"])])
    _rate_and_appraise(project)
    return project


def _add_inductive_findings(project: Project) -> None:
    """What coding found beyond the initial model: a new (partial) theory and a refinement."""
    add_theory(
        project, "N4", topic="Negative impact", origin="new",
        statement="If a mother wants to please her supporter, then she hides how she feels, "
                  "because she fears disappointing her.",
        contexts=["Mother wants to please her supporter"],
        element_nodes=[find_node(project, "Inductive/Masking difficulties")],
    )
    trust = element_node(project, "mechanism", "Trust builds over weeks", "new")
    add_element(project, find_theory(project, "T4"), trust, origin="new")


def _rate_and_appraise(project: Project) -> None:
    with (DEMO_DIR / "ratings.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            doc_id = find_document(project, row["document"])
            for ref in references_for_node(project, find_node(project, row["node"])):
                if ref.document_id == doc_id:
                    rate_reference(project, ref.id, relevance=row["relevance"],
                                   rigour=row["rigour"], note=row["note"])
    appraise(project, find_document(project, "04_Kinship_study"), "qualitative",
             {"S1": "yes", "S2": "yes", "1.1": "yes", "1.2": "yes", "1.3": "yes",
              "1.4": ("yes", "Quotes support each theme"), "1.5": "cant_tell"})
    appraise(project, find_document(project, "02_Telephone_befriending_pilot"), "mixed_methods",
             {"S1": "yes", "S2": "yes", "5.1": "yes", "5.2": "cant_tell", "5.3": "no",
              "5.4": "yes", "5.5": ("no", "No control group for the quantitative part")},
             comment="Pilot; uncontrolled before-after measures")
