"""The programme-theory diagram, laid out without Qt: per topic, contexts → mechanisms →
outcomes in three columns, each element drawn once however many configurations share it.

Realist papers show the final model as a figure. Here a box is an element (a context,
mechanism or outcome node), typeset as in the final model (`status_text.element_treatment`:
normal, struck through when nothing evidences it, CAPITALS when it emerged during coding), with
the labels of the configurations it belongs to and its evidence weight: the number of
interventions whose documents evidence it. An arrow joins each element of a configuration to
each element of its next part; a configuration lacking a part (a partial configuration) passes
through a dashed placeholder box, so no arrow crosses a column. Arrows of configurations with
no evidence are dashed. New configurations with no evidence yet are left out, as in the Word
model, and named in the footnote.

Units are points (1/72 inch): the figure is `WIDTH` points wide, which fits the text width of
an A4 page at 100 %. Text is wrapped here with a conservative width estimate so that every
renderer (the app, SVG, PNG) draws the same lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from coding.filters import NO_FILTER, ReferenceFilter
from coding.ids import NodeId
from coding.project import Project
from coding.realist.evidence import ROLES, TheoryEvidence, theory_evidence
from coding.realist.evidence_rule import RULE_NAMES
from coding.realist.ratings import describe
from coding.realist.status_text import treatment

WIDTH = 450.0  # the drawing; the figure adds a margin all round
MARGIN = 6.0
BOX_WIDTH = 120.0
GAP = (WIDTH - 3 * BOX_WIDTH) / 2
TEXT_SIZE = 8.0  # element names
SMALL_SIZE = 6.5  # badges: configuration labels, evidence weight
TITLE_SIZE = 10.0
PAD = 4.0
LINE = TEXT_SIZE * 1.25
BADGE_LINE = SMALL_SIZE * 1.3
BOX_GAP = 8.0
COLUMN_TITLES = {"context": "Contexts", "mechanism": "Mechanisms", "outcome": "Outcomes"}
_NARROW = set("il.,;:'|!()[] ")
_WIDE = set("mwMW@")


def text_width(text: str, size: float) -> float:
    """A generous estimate of a sans-serif line's width, so wrapped lines fit when drawn."""
    em = 0.0
    for ch in text:
        em += 0.3 if ch in _NARROW else 0.9 if ch in _WIDE else 0.7 if ch.isupper() else 0.58
    return em * size


def wrap(text: str, size: float, width: float) -> tuple[str, ...]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return (*lines, line) if line else tuple(lines) or ("",)


@dataclass(frozen=True)
class Box:
    key: str  # "node:<id>", or "gap:<label>:<role>" for a missing part's placeholder
    role: str
    node_id: NodeId | None  # None for a placeholder
    lines: tuple[str, ...]
    style: str  # normal, strike or caps (the text is upper-case already for caps)
    configurations: tuple[tuple[str, str], ...]  # (label, style) of the configurations
    interventions: int
    documents: int
    wholes: tuple[NodeId, ...]  # its configurations' own nodes: coding there evidences it too
    x: float
    y: float
    w: float
    h: float

    @property
    def placeholder(self) -> bool:
        return self.node_id is None

    @property
    def weight_label(self) -> str:
        """"3 int.": interventions; a review whose documents are in none gets "2 doc."."""
        if self.placeholder:
            return ""
        if self.documents and not self.interventions:
            return f"{self.documents} doc."
        return f"{self.interventions} int."


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    dashed: bool  # every configuration drawn through it lacks evidence
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Section:
    topic: str
    y: float  # the topic title's baseline
    header_y: float  # the column titles' baseline
    height: float
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


@dataclass(frozen=True)
class Diagram:
    title: str
    width: float
    height: float
    sections: tuple[Section, ...]
    notes: tuple[str, ...]  # legend and footnotes, one line each, below the sections
    notes_y: float = 0.0  # the first note's baseline

    def box_at(self, x: float, y: float) -> Box | None:
        for section in self.sections:
            for box in section.boxes:
                if box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h:
                    return box
        return None


@dataclass
class _Node:
    key: str
    role: str
    node_id: NodeId | None
    name: str
    labels: list[tuple[str, str]]
    interventions: set[int]
    documents: set[str]
    wholes: list[NodeId]
    found: bool
    new_everywhere: bool


def _nodes_of(items: list[TheoryEvidence]) -> tuple[dict[str, _Node], list[tuple[str, list[list[str]]]]]:
    """The boxes of one topic and, per configuration, its element keys by role."""
    nodes: dict[str, _Node] = {}
    paths = []
    for item in items:
        t = item.theory
        style = treatment(item.status)
        by_role: list[list[str]] = []
        for role in ROLES:
            keys = []
            for e in t.of_role(role):
                key = f"node:{e.node_id}"
                node = nodes.setdefault(key, _Node(key, role, e.node_id, e.name, [], set(),
                                                   set(), [], False, True))
                node.labels.append((t.label, style))
                src = item.elements[e.node_id]
                node.interventions |= set(src.interventions) | set(item.whole.interventions)
                node.documents |= set(src.documents) | set(item.whole.documents)
                if t.node_id is not None:
                    node.wholes.append(t.node_id)
                node.found |= item.element_found(e)
                node.new_everywhere &= e.origin == "new"
                keys.append(key)
            if not keys:
                key = f"gap:{t.label}:{role}"
                nodes[key] = _Node(key, role, None, f"(no {role} yet)", [(t.label, style)],
                                   set(), set(), [], False, False)
                keys.append(key)
            by_role.append(keys)
        paths.append((t.label if item.total.found else "", by_role))
    return nodes, paths


def _order(nodes: dict[str, _Node], paths: list[tuple[str, list[list[str]]]]) -> list[list[str]]:
    """Column orders: first appearance, then two barycentre sweeps to uncross arrows."""
    columns: list[list[str]] = [[], [], []]
    for _, by_role in paths:
        for column, keys in zip(columns, by_role, strict=True):
            column.extend(k for k in keys if k not in column)
    links: dict[str, set[str]] = {k: set() for k in nodes}
    for _, by_role in paths:
        for left, right in zip(by_role, by_role[1:], strict=False):
            for a in left:
                for b in right:
                    links[a].add(b)
                    links[b].add(a)
    for sweep in (1, 2, 0, 1, 2, 0):
        position = {k: i for column in columns for i, k in enumerate(column)}
        beside = {k for side in ((1,) if sweep in (0, 2) else (0, 2)) for k in columns[side]}
        columns[sweep].sort(key=lambda key: _barycentre(key, links[key] & beside, position))
    return columns


def _barycentre(key: str, neighbours: set[str], position: dict[str, int]) -> float:
    """The mean position of a box's neighbours in the next columns (its own if it has none)."""
    near = [position[n] for n in neighbours]
    return sum(near) / len(near) if near else position[key]


def _box_height(lines: int) -> float:
    return PAD + BADGE_LINE + lines * LINE + PAD


def _section(topic: str, items: list[TheoryEvidence], top: float) -> Section:
    nodes, paths = _nodes_of(items)
    columns = _order(nodes, paths)
    wrapped = {k: wrap(n.name.upper() if _style(n) == "caps" else n.name, TEXT_SIZE,
                       BOX_WIDTH - 2 * PAD) for k, n in nodes.items()}
    heights = {k: _box_height(len(lines)) for k, lines in wrapped.items()}
    content = [sum(heights[k] for k in column) for column in columns]
    tallest = max(c + BOX_GAP * (len(col) - 1) for c, col in zip(content, columns, strict=True))
    title_y, header_y = top + TITLE_SIZE, top + TITLE_SIZE * 1.5 + TEXT_SIZE * 1.4
    body_top = header_y + TEXT_SIZE
    boxes: dict[str, Box] = {}
    for index, (column, used) in enumerate(zip(columns, content, strict=True)):
        gap = (tallest - used) / max(len(column) - 1, 1) if len(column) > 1 else 0.0
        y = body_top + (0.0 if len(column) > 1 else (tallest - used) / 2)
        for key in column:
            n = nodes[key]
            boxes[key] = Box(key, n.role, n.node_id, wrapped[key], _style(n),
                             tuple(dict.fromkeys(n.labels)), len(n.interventions),
                             len(n.documents), tuple(dict.fromkeys(n.wholes)),
                             MARGIN + index * (BOX_WIDTH + GAP), y, BOX_WIDTH, heights[key])
            y += heights[key] + gap
    evidenced: dict[tuple[str, str], bool] = {}
    for label, by_role in paths:
        for left, right in zip(by_role, by_role[1:], strict=False):
            for a in left:
                for b in right:
                    evidenced[(a, b)] = evidenced.get((a, b), False) or bool(label)
    arrows = tuple(Arrow(a, b, not ok, boxes[a].x + BOX_WIDTH, boxes[a].y + boxes[a].h / 2,
                         boxes[b].x, boxes[b].y + boxes[b].h / 2)
                   for (a, b), ok in evidenced.items())
    height = body_top - top + tallest + TEXT_SIZE
    return Section(topic, title_y, header_y, height, tuple(boxes.values()), arrows)


def _style(node: _Node) -> str:
    if node.node_id is None:
        return "normal"
    if node.new_everywhere:
        return "caps"
    return "normal" if node.found else "strike"


def layout(items: Iterable[TheoryEvidence], rule: str, filter_text: str = "all excerpts",
           title: str = "Programme theories") -> Diagram:
    """The figure for these configurations (in model order), one section per topic."""
    drawn: list[TheoryEvidence] = []
    apart: list[TheoryEvidence] = []
    for item in items:
        (apart if item.no_evidence_yet else drawn).append(item)
    sections = []
    y = MARGIN + TITLE_SIZE * 2.0  # below the figure's title
    for topic, group in groupby(drawn, key=lambda i: i.theory.topic):
        section = _section(topic or "(no topic)", list(group), y)
        sections.append(section)
        y += section.height + TITLE_SIZE
    notes = [
        "Normal type: evidenced · struck through: no evidence · CAPITALS: new (emerged from "
        "the evidence) · dashed box: a part the configuration does not have yet · dashed "
        "arrow: a configuration with no evidence.",
        "Above each box: its configurations; 'int.': the number of interventions whose "
        "documents evidence it ('doc.': documents in no intervention). "
        f"Evidence rule: {RULE_NAMES[rule]}; evidence from "
        f"{filter_text}.",
    ]
    if apart:
        notes.append("Not drawn (new, no evidence yet): "
                     + ", ".join(i.theory.label for i in apart) + ".")
    lines = [line for note in notes for line in wrap(note, SMALL_SIZE, WIDTH)]
    height = y + len(lines) * BADGE_LINE + SMALL_SIZE + MARGIN
    return Diagram(title, WIDTH + 2 * MARGIN, height, tuple(sections), tuple(lines),
                   y + SMALL_SIZE)


def model_diagram(project: Project, flt: ReferenceFilter = NO_FILTER) -> Diagram:
    """The diagram of the project's model under the filter (its topics choose the sections)."""
    from coding.realist.evidence_rule import evidence_rule

    items = theory_evidence(project, flt)
    return layout(items, evidence_rule(project), describe(flt),
                  f"Programme theories — {project.name}")
