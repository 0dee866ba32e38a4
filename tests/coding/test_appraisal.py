"""MMAT-structured appraisal of a document."""

from __future__ import annotations

import pytest

from coding.documents import find_document
from coding.errors import InvalidInput
from coding.project import Project
from coding.realist.appraisal import (
    CATEGORIES,
    appraise,
    clear_appraisal,
    get_appraisal,
    set_appraisal,
)


def test_each_design_has_two_screening_questions_and_five_criteria() -> None:
    assert len(CATEGORIES) == 5
    for number, (_label, criteria) in enumerate(CATEGORIES.values(), start=1):
        assert list(criteria) == [f"{number}.{i}" for i in range(1, 6)]


def test_appraise_change_design_and_clear(demo: Project) -> None:
    doc = find_document(demo, "03_Circle_groups_report")
    assert get_appraisal(demo, doc) is None
    appraise(demo, doc, "descriptive", {"S1": "yes", "s2": "Can't tell", "4.1": "y",
                                        "4.2": ("no", "one city only")}, comment="Funder report")
    info = get_appraisal(demo, doc)
    assert info is not None and info.category_label == "Quantitative descriptive"
    assert [(a.question, a.answer) for a in info.answers] == [
        ("S1", "yes"), ("S2", "cant_tell"), ("4.1", "yes"), ("4.2", "no")]
    assert info.answers[3].comment == "one city only" and info.criteria_met == 1
    with pytest.raises(InvalidInput, match="not asked for qualitative"):
        appraise(demo, doc, "qualitative", {"4.1": "yes"})
    with pytest.raises(InvalidInput, match="yes, no or can't tell"):
        appraise(demo, doc, "descriptive", {"4.3": "probably"})
    appraise(demo, doc, "qualitative", {"1.1": "yes"})
    info = get_appraisal(demo, doc)
    assert info is not None and info.comment == "Funder report"
    assert [a.question for a in info.answers] == ["S1", "S2", "1.1"]  # 4.x answers dropped
    clear_appraisal(demo, doc)
    assert get_appraisal(demo, doc) is None


def test_appraise_adds_to_what_is_there_and_set_appraisal_replaces_it(demo: Project) -> None:
    doc = find_document(demo, "03_Circle_groups_report")
    appraise(demo, doc, "qualitative", {"S1": "yes", "1.3": "no"}, comment="Small sample")
    appraise(demo, doc, "qualitative", {"1.4": "yes"})  # the command line: one more answer
    info = get_appraisal(demo, doc)
    assert info is not None and [a.question for a in info.answers] == ["S1", "1.3", "1.4"]
    assert info.comment == "Small sample"
    set_appraisal(demo, doc, "qualitative", {"S1": "yes"}, "")  # the dialog: this, exactly
    info = get_appraisal(demo, doc)
    assert info is not None and [a.question for a in info.answers] == ["S1"]
    assert info.comment == ""
