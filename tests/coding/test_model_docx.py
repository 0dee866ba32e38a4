"""The final model as Word: open the real file with python-docx and read its type styles."""

from __future__ import annotations

from pathlib import Path

import docx

from coding.filters import NO_FILTER
from coding.project import Project
from coding.realist.evidence import override_status
from coding.realist.model_docx import export_model_docx
from coding.realist.ratings import with_minimum
from coding.realist.theories import find_theory


def theory_paragraph(document, label: str):  # type: ignore[no-untyped-def]
    found = [p for p in document.paragraphs if p.runs and p.runs[0].text.strip() == f"{label}."]
    assert len(found) == 1, label
    return found[0]


def statement_run(paragraph):  # type: ignore[no-untyped-def]
    return paragraph.runs[1]


def test_type_styles_follow_the_status(demo: Project, tmp_path: Path) -> None:
    out = tmp_path / "model.docx"
    assert export_model_docx(demo, out) == 8
    document = docx.Document(str(out))
    unsupported = statement_run(theory_paragraph(document, "N3"))
    assert unsupported.font.strike is True
    assert "matched with a peer" in unsupported.text and not unsupported.text.isupper()
    new = statement_run(theory_paragraph(document, "N4"))
    assert new.text.isupper() and new.text.startswith("IF A MOTHER WANTS TO PLEASE")
    assert not new.font.strike
    supported = statement_run(theory_paragraph(document, "T1"))
    assert not supported.font.strike and not supported.text.isupper()
    assert supported.text.startswith("If a mother who fears being judged")
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Mechanism: TRUST BUILDS OVER WEEKS") for t in texts)  # refinement
    struck = [r for p in document.paragraphs for r in p.runs if r.font.strike]
    assert any(r.text == "Feels misunderstood by the peer" for r in struck)  # N3's element
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["Legend", "Take-up of support", "Positive impact", "Negative impact"]
    assert "Struck through" in texts[texts.index("Legend") + 3]  # after the rule, normal type
    n3_note = theory_paragraph(document, "N3").runs[-1].text
    assert n3_note.strip() == "[no evidence found]"  # said once, not "; no evidence" again
    assert theory_paragraph(document, "N4").runs[-1].text.strip() == (
        "[new, emerged from the evidence; partial; #2; 1 document]")


def test_evidence_tables_and_override_rationale(demo: Project, tmp_path: Path) -> None:
    # issue 15: N2 is computed "partial" now, so the override says something else
    override_status(demo, find_theory(demo, "N2"), "unsupported", "Only the context is evidenced")
    out = tmp_path / "model.docx"
    export_model_docx(demo, out)
    document = docx.Document(str(out))
    assert any("Only the context is evidenced" in p.text and "partial → unsupported" in p.text
               for p in document.paragraphs)
    assert len(document.tables) == 9  # a table per theory, then documents by intervention
    table2 = [[c.text for c in row.cells] for row in document.tables[8].rows]
    assert table2[0][:3] == ["number", "intervention", "format"]
    assert table2[4][:2] == ["#4", "Kinship peer workers"]
    assert table2[4][-1] == "Qualitative: 4/5 criteria met"
    t4 = document.tables[3]
    cells = [[c.text for c in row.cells] for row in t4.rows]
    assert cells[0][0] == "Context" and cells[1][1] == "Feeling understood; Trust builds over weeks"
    assert cells[3][0] == "Interventions" and cells[3][1] == "#4"
    assert cells[4][:2] == ["Whole configuration", "04_Kinship_study"]
    t3 = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert t3[4][:2] == ["Whole configuration", "03_Circle_groups_report"]
    n3 = [[c.text for c in row.cells] for row in document.tables[6].rows]
    assert n3[4][:2] == ["Whole configuration", "none"]
    excerpts = cells[5][1]
    assert "felt understood without having to explain" in excerpts
    assert excerpts.startswith("“felt understood without having to explain” — 04_Kinship_study, "
                               "#4 Kinship peer workers, p. 1; relevance high, rigour high")
    assert excerpts.index("relevance high, rigour high") < excerpts.index("not rated")


def test_rating_filter_reaches_the_document(demo: Project, tmp_path: Path) -> None:
    out = tmp_path / "model.docx"
    export_model_docx(demo, out, with_minimum(NO_FILTER, min_relevance="high"))
    document = docx.Document(str(out))
    assert "excerpts with relevance high." in document.paragraphs[1].text
    assert statement_run(theory_paragraph(document, "T3")).font.strike is True


def test_legend_states_the_rule_and_partly_supported_names_what_is_missing(
        demo: Project, tmp_path: Path) -> None:
    from coding.realist.evidence_rule import set_evidence_rule
    from coding.realist.theories import add_theory

    add_theory(demo, "N9", topic="Negative impact", origin="new", statement="If nothing yet",
               contexts=["Untested context"])
    set_evidence_rule(demo, "strict")
    out = tmp_path / "model.docx"
    export_model_docx(demo, out)
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    legend = texts[texts.index("Legend") + 1]
    assert legend.startswith("Evidence rule: whole configuration in one document (strict)")
    n1 = theory_paragraph(document, "N1")
    assert n1.runs[-1].text.strip() == "[partly supported: no mechanism evidence; #1; 1 document]"
    assert not statement_run(n1).font.strike  # partly supported keeps normal type...
    struck = [r.text for p in document.paragraphs for r in p.runs if r.font.strike]
    assert "Focus drifts from the mother" in struck  # ...with the unevidenced part struck
    apart = texts.index("New configurations with no evidence yet")
    assert texts.index("N9. IF NOTHING YET  [new — no evidence yet; partial]") > apart
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index("Negative impact") < headings.index(
        "New configurations with no evidence yet")
    assert any(t.startswith("N4. ") for t in texts[:apart])  # evidenced new: in the model
