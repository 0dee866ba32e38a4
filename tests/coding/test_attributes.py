"""Typed attributes and classification sheets (one row per document or intervention)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.attributes import (
    attribute_values,
    define_attribute,
    import_attributes_csv,
    list_attributes,
    set_value,
)
from coding.cases import list_cases
from coding.documents import list_documents
from coding.errors import InvalidInput
from coding.project import Project
from coding.realist.intervention_table import intervention_table
from tests.conftest import add_text_document


def test_values_are_checked_against_their_type(empty_project: Project, tmp_path: Path) -> None:
    doc = add_text_document(empty_project, tmp_path, "A", "text")
    define_attribute(empty_project, "document", "year", "integer")
    define_attribute(empty_project, "document", "peer reviewed", "boolean")
    define_attribute(empty_project, "document", "design", "choice", ["qualitative", "trial"])
    define_attribute(empty_project, "document", "published", "date")
    set_value(empty_project, "document", doc, "year", "2019")
    set_value(empty_project, "document", doc, "peer reviewed", "True")
    set_value(empty_project, "document", doc, "published", "2019-03-01")
    for name, bad in (("year", "2O19"), ("peer reviewed", "maybe"), ("design", "survey"),
                      ("published", "March")):
        with pytest.raises(InvalidInput, match=name):
            set_value(empty_project, "document", doc, name, bad)
    assert attribute_values(empty_project, "document")[doc] == {
        "year": "2019", "peer reviewed": "yes", "published": "2019-03-01"}
    with pytest.raises(InvalidInput, match="exists with type integer"):
        define_attribute(empty_project, "document", "year", "text")


def test_sheets_import_with_new_interventions_and_assignment(
    empty_project: Project, tmp_path: Path
) -> None:
    add_text_document(empty_project, tmp_path, "Smith 2019", "a")
    add_text_document(empty_project, tmp_path, "Jones thesis", "b")
    docs = tmp_path / "docs.csv"
    docs.write_text("document,year,country,intervention\nSmith 2019,2019,UK,Phone\n"
                    "Jones thesis,2021,USA,Groups\n", encoding="utf-8")
    assert import_attributes_csv(empty_project, docs, "document") == 2
    types = {a.name: a.value_type for a in list_attributes(empty_project, "document")}
    assert types == {"year": "integer", "country": "text"}
    assert {d.name: d.case_name for d in list_documents(empty_project)} == {
        "Smith 2019": "Phone", "Jones thesis": "Groups"}
    cases = tmp_path / "cases.csv"
    cases.write_text("intervention,format,delivery\n#1,one-to-one,telephone\n"
                     "Groups,group,in person\nNew one,group,\n", encoding="utf-8")
    assert import_attributes_csv(empty_project, cases, "case") == 3
    assert [c.name for c in list_cases(empty_project)] == ["Phone", "Groups", "New one"]
    table = intervention_table(empty_project)
    assert table.header == ("number", "intervention", "format", "delivery", "document", "year",
                            "country", "appraisal")
    assert table.rows[0] == ("#1", "Phone", "one-to-one", "telephone", "Smith 2019", "2019", "UK",
                             "")
    assert table.rows[1][:2] == ("#2", "Groups")


def test_a_bad_row_stops_the_whole_sheet(empty_project: Project, tmp_path: Path) -> None:
    add_text_document(empty_project, tmp_path, "A", "a")
    define_attribute(empty_project, "document", "year", "integer")
    sheet = tmp_path / "docs.csv"
    sheet.write_text("document,year\nA,2019\nMissing,2020\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 3: no document named 'Missing'"):
        import_attributes_csv(empty_project, sheet, "document")
    sheet.write_text("document,year\nA,twenty\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 2: attribute 'year' takes a whole number"):
        import_attributes_csv(empty_project, sheet, "document")
    assert attribute_values(empty_project, "document") == {}


def test_demo_table_two(demo: Project) -> None:
    table = intervention_table(demo)
    assert "document country" in table.header and "who delivers" in table.header
    assert [r[0] for r in table.rows] == ["#1", "#2", "#3", "#4"]
