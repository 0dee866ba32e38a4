"""Export, import, export again: the same excerpts, codes and file (dates aside)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from coding.attributes import attribute_values
from coding.cases import list_cases
from coding.documents import list_documents
from coding.exchange.refi_export import export_qdpx
from coding.exchange.refi_import import import_qdpx
from coding.ids import DocumentId
from coding.memos import get_memo
from coding.nodes import list_nodes
from coding.project import Project
from coding.realist.evidence import theory_evidence
from coding.realist.theories import list_theories
from coding.references import references_for_document
from tests.refi.rich_project import build_rich_project
from tests.refi.samples import project_excerpts

_VOLATILE = re.compile(rb' (creationDateTime|modifiedDateTime|creatingUserGUID)="[^"]*"')


def _normalised(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    files["project.qde"] = _VOLATILE.sub(b"", files["project.qde"])
    return files


def test_round_trip_keeps_excerpts_codes_memos_and_structure(tmp_path: Path) -> None:
    with build_rich_project(tmp_path / "rich.realist", tmp_path) as original:
        export_qdpx(original, tmp_path / "first.qdpx")
        excerpts = project_excerpts(original)
        nodes = {(n.path, n.color, n.role, n.origin, n.is_codable) for n in list_nodes(original)}
    summary = import_qdpx(tmp_path / "first.qdpx", tmp_path / "back.realist")
    assert summary.not_imported == ()
    assert (summary.documents, summary.references, summary.memos) == (2, 4, 6)
    with Project.open(tmp_path / "back.realist") as back:
        assert project_excerpts(back) == excerpts
        assert ("interviews", "Inductive/Emoji 😀", "𝑥 😀 built trust") in excerpts
        rated = [r for d in list_documents(back)
                 for r in references_for_document(back, DocumentId(d.id)) if r.rigour == "low"]
        assert [(r.relevance, r.rating_note) for r in rated] == [("high",
                                                                   "Small sample\nbut candid")]
        assert get_memo(back, "case", list_cases(back)[0].id) == "Intervention memo"
        assert {(n.path, n.color, n.role, n.origin, n.is_codable)
                for n in list_nodes(back)} == nodes
        assert get_memo(back, "project") == "Project memo 😀"
        (theory,) = list_theories(back)
        assert (theory.label, theory.topic, theory.statement) == (
            "T1", "Take-up", "If voluntary, then trust")
        assert get_memo(back, "theory", theory.id) == "Theory memo"
        (evidence,) = theory_evidence(back)
        assert (evidence.status, evidence.rationale) == ("refined", "Theory memo")
        assert sorted(e.role for e in theory.elements) == ["context", "mechanism", "outcome"]
        (case,) = list_cases(back)
        assert (case.name, case.document_count) == ("Harbour", 1)
        assert list(attribute_values(back, "case").values()) == [{"Funded": "yes"}]
        assert {"Country": "Kenya", "Year": "2019"} in attribute_values(back, "document").values()
        export_qdpx(back, tmp_path / "second.qdpx")
    assert _normalised(tmp_path / "second.qdpx") == _normalised(tmp_path / "first.qdpx")


def test_failed_import_leaves_nothing_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("project.qde", "<Project name='x'><Users><User/></Users>")
    target = tmp_path / "never.realist"
    try:
        import_qdpx(bad, target)
    except Exception as exc:
        assert "not well-formed" in str(exc)
    else:
        raise AssertionError("a broken project file was accepted")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.qdpx"]
