"""The programme-theory diagram's layout (no Qt): shared elements once, type styles, evidence
weight, placeholders for missing parts, and a 13-configuration topic that fits A4."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from coding.filters import ReferenceFilter
from coding.project import Project
from coding.realist.diagram import SMALL_SIZE, TEXT_SIZE, Box, model_diagram
from tests.coding.thirteen import CONFIGURATIONS, TOPIC, UNCODED, build_thirteen

A4_TEXT_WIDTH = 170 / 25.4 * 72  # points: A4 less two 20 mm margins


def boxes_by_name(project: Project, **filters: object) -> dict[str, Box]:
    diagram = model_diagram(project, ReferenceFilter(**filters))  # type: ignore[arg-type]
    return {" ".join(b.lines): b for s in diagram.sections for b in s.boxes}


@pytest.fixture
def thirteen(empty_project: Project, tmp_path: Path) -> Project:
    build_thirteen(empty_project, tmp_path)
    return empty_project


def test_thirteen_configurations_fit_a4_with_every_element_once(thirteen: Project) -> None:
    diagram = model_diagram(thirteen)
    (section,) = diagram.sections
    assert section.topic == TOPIC
    assert diagram.width <= A4_TEXT_WIDTH and min(TEXT_SIZE, SMALL_SIZE) >= 6.5
    named = [b for b in section.boxes if not b.placeholder]
    expected = {name for _, *parts in CONFIGURATIONS for group in parts for name in group}
    expected.add("Feels part of the community")
    assert len(named) == len(expected)  # each element drawn once, however many share it
    assert {" ".join(b.lines).lower() for b in named} == {n.lower() for n in expected}
    for a, b in combinations(section.boxes, 2):  # nothing overlaps
        apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
        assert apart, (a.lines, b.lines)
    labels = {label for b in section.boxes for label, _ in b.configurations}
    assert labels == {label for label, *_ in CONFIGURATIONS}
    takes_up = next(b for b in named if b.lines == ("Takes up support",))
    assert [label for label, _ in takes_up.configurations] == ["T1", "T2", "T3", "T5"]
    (gap,) = [b for b in section.boxes if b.placeholder]  # T11 has no outcome
    assert gap.role == "outcome" and gap.configurations == (("T11", "normal"),)
    for box in section.boxes:  # text stays inside its box (by the layout's own estimate)
        assert box.y + box.h <= diagram.notes_y


def test_type_styles_and_arrows_follow_the_evidence(thirteen: Project) -> None:
    section = model_diagram(thirteen).sections[0]
    by_name = {" ".join(b.lines): b for b in section.boxes}
    assert by_name["Waiting list longer than a month"].style == "strike"  # T12: no evidence
    assert ("T12", "strike") in by_name["Gives up on support"].configurations
    assert by_name["FEELS PART OF THE COMMUNITY"].style == "caps"  # a refinement
    assert by_name["SUPPORTER SHARES HER OWN STORY EARLY"].style == "caps"  # new T13
    assert by_name["Rural area"].style == "normal"
    key = {b.key: " ".join(b.lines) for b in section.boxes}
    dashed = {(key[a.source], key[a.target]) for a in section.arrows if a.dashed}
    assert dashed == {("Waiting list longer than a month", "Loses hope that help will come"),
                      ("Loses hope that help will come", "Gives up on support")}
    assert {"T8", "T12"} == UNCODED  # T8 shares its outcome with T6, so it is evidenced


def test_evidence_weight_is_the_number_of_interventions(demo: Project) -> None:
    boxes = boxes_by_name(demo)
    assert boxes["Feelings normalised"].interventions == 2  # #1 itself, #3 as the whole T3
    assert boxes["Feelings normalised"].weight_label == "2 int."
    assert boxes["Takes up support"].interventions == 2
    assert boxes["Focus drifts from the mother"].interventions == 0
    high = boxes_by_name(demo, relevance=("high",))
    assert high["Feelings normalised"].interventions < 2  # the filter reaches the weights
    negative = model_diagram(demo, ReferenceFilter(topics=("Negative impact",)))
    assert [s.topic for s in negative.sections] == ["Negative impact"]


def test_a_new_configuration_with_no_evidence_is_left_out_and_named(demo: Project) -> None:
    from coding.realist.theories import add_theory

    add_theory(demo, "N9", topic="Negative impact", origin="new", contexts=["Untested"])
    diagram = model_diagram(demo)
    assert all(label != "N9" for s in diagram.sections for b in s.boxes
               for label, _ in b.configurations)
    assert diagram.notes[-1] == "Not drawn (new, no evidence yet): N9."
    assert diagram.box_at(-5, -5) is None
    first = diagram.sections[0].boxes[0]
    assert diagram.box_at(first.x + 1, first.y + 1) == first
