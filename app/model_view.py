"""The model view: the initial model and the current (final) model side by side, by topic.

Drawn with the review's type conventions (normal, struck through, CAPITALS) and the evidence
(intervention numbers, document count) beside each theory and element. Rendered as HTML in two
read-only browsers; the typesetting rules are the ones the Word export uses.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.close_button import close_button
from app.screen_fit import sized
from app.theme import pick
from coding.realist.evidence import ROLES, TheoryEvidence
from coding.realist.evidence_rule import describe_rule
from coding.realist.status_text import element_treatment, treatment
from coding.theory_log import LogEntry

STATUS_COLOURS = {"supported": "#2E7D32", "unsupported": "#9E9E9E", "new": "#1565C0",
                  "refined": "#6A1B9A", "partial": "#EF6C00"}
DARK_STATUS_COLOURS = {"supported": "#81C784", "unsupported": "#BDBDBD", "new": "#64B5F6",
                       "refined": "#CE93D8", "partial": "#FFB74D"}


def status_colour(status: str) -> QColor:
    """Readable on the system's light or dark palette; unknown statuses use its text colour."""
    if status not in STATUS_COLOURS:
        return QGuiApplication.palette().color(QPalette.ColorRole.Text)
    return pick(STATUS_COLOURS[status], DARK_STATUS_COLOURS[status])
LETTERS = {"context": "C", "mechanism": "M", "outcome": "O"}


def styled(text: str, style: str) -> str:
    if style == "caps":
        return escape(text.upper())
    if style == "strike":
        return f"<s>{escape(text)}</s>"
    return escape(text)


def _note(text: str) -> str:
    return f' <span style="color:#757575; font-size:small">({escape(text)})</span>'


def initial_html(items: list[TheoryEvidence]) -> str:
    parts = ["<h2>Initial model</h2>"]
    initial = [i for i in items if i.theory.origin == "initial"]
    for topic, group in groupby(initial, key=lambda i: i.theory.topic):
        parts.append(f"<h3>{escape(topic or '(no topic)')}</h3>")
        for item in group:
            t = item.theory
            parts.append(f"<p><b>{escape(t.label)}.</b> {escape(t.statement)}</p><ul>")
            for role in ROLES:
                for e in t.of_role(role):
                    if e.origin == "initial":
                        parts.append(f"<li><i>{LETTERS[role]}:</i> {escape(e.name)}</li>")
            parts.append("</ul>")
    return "".join(parts)


def current_html(items: list[TheoryEvidence]) -> str:
    """The final model by topic; new configurations with no evidence yet are listed apart."""
    parts = ["<h2>Current model</h2>"]
    in_model = [i for i in items if not i.no_evidence_yet]
    for topic, group in groupby(in_model, key=lambda i: i.theory.topic):
        parts.append(f"<h3>{escape(topic or '(no topic)')}</h3>")
        parts += [_configuration_html(item) for item in group]
    apart = [i for i in items if i.no_evidence_yet]
    if apart:
        parts.append("<h3>New configurations with no evidence yet</h3>"
                     "<p><i>Not part of the final model until something evidences them.</i></p>")
        parts += [_configuration_html(item) for item in apart]
    return "".join(parts)


def _configuration_html(item: TheoryEvidence) -> str:
    t = item.theory
    style = treatment(item.status)
    colour = status_colour(item.status).name()
    badge = item.note
    if item.is_partial:
        badge += "; partial"
    if item.overridden:
        badge += "; set by researcher"
    parts = [
        f"<p><b>{styled(t.label + '.', style)}</b> {styled(t.statement, style)} "
        f'<span style="color:{colour}">[{escape(badge)}]</span>'
        f"{_note(item.total.summary())}</p><ul>"
    ]
    for role in ROLES:
        for e in t.of_role(role):
            shown = "strike" if style == "strike" else element_treatment(e, item.element_found(e))
            parts.append(f"<li><i>{LETTERS[role]}:</i> {styled(e.name, shown)}"
                         f"{_note(item.element_summary(e))}</li>")
    if item.overridden and item.rationale:
        parts.append(f"<li><i>Why:</i> {escape(item.rationale)}</li>")
    parts.append("</ul>")
    return "".join(parts)


def details_html(item: TheoryEvidence) -> str:
    """One theory's evidence: for each part, its elements and the documents behind them."""
    t = item.theory
    parts = [f"<p><b>{escape(t.label)}</b> ({escape(item.status_text)}"
             f"{'; partial' if item.is_partial else ''}) {escape(t.statement)}</p>"]
    if item.overridden:
        parts.append(f"<p><i>Set by the researcher:</i> {escape(item.rationale)}</p>")
    # Two columns, the part's letter and what it holds (its nodes, then the interventions and
    # documents behind them, a line each): four side by side ran off a side panel's edge.
    parts.append("<table cellpadding='2' width='100%'>")
    for role in ROLES:
        src = item.parts[role]
        names = ", ".join(escape(e.name) for e in t.of_role(role)) or "<i>none yet</i>"
        where = escape(src.interventions_label())
        docs = "<br>".join(escape(d) for d in src.documents) or "<i>no evidence</i>"
        parts.append(f"<tr><td valign='top'><b>{LETTERS[role]}</b></td><td valign='top'>"
                     f"{names}<br><span style='color:#555'>{where + ': ' if where else ''}"
                     f"</span>{docs}</td></tr>")
    parts.append("</table>")
    complete = ", ".join(escape(d) for d in item.complete_documents) or "none"
    parts.append(f"<p>Whole configuration in one document: {complete}</p>")
    return "".join(parts)


def history_html(entries: list[LogEntry], item: TheoryEvidence) -> str:
    """The theory's log (when, what changed, why) and, per element, its first evidence."""
    parts = ["<h4>How this theory changed</h4>"]
    if not entries:
        parts.append("<p><i>No changes logged yet.</i></p>")
    else:
        parts.append("<table cellpadding='2'>")
        for e in entries:
            why = f"<br><i>Why:</i> {escape(e.reason)}" if e.reason else ""
            parts.append(f"<tr><td valign='top' style='white-space:nowrap'>"
                         f"{e.at:%Y-%m-%d %H:%M}</td><td>{escape(e.describe())}{why}</td></tr>")
        parts.append("</table>")
    firsts = [(el, item.elements[el.node_id]) for el in item.theory.elements]
    if any(src.first_coded for _, src in firsts):
        parts.append("<h4>First evidence for each part</h4><ul>")
        for element, src in firsts:
            when = (f"{src.first_coded:%Y-%m-%d %H:%M} in {escape(src.first_document)}"
                    if src.first_coded else "<i>none yet</i>")
            parts.append(f"<li>{LETTERS[element.role]}: {escape(element.name)} — {when}</li>")
        parts.append("</ul>")
    return "".join(parts)


class ModelView(QWidget):
    """Two browsers, initial left and current right; `show_items` redraws both."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.initial = QTextBrowser()
        self.initial.setObjectName("initialModel")
        self.current = QTextBrowser()
        self.current.setObjectName("currentModel")
        self.legend = QLabel(
            "Normal: in the initial model and supported (a partly supported one shows its "
            "unevidenced parts struck) · <s>Struck through</s>: no evidence found · CAPITALS: "
            "new (a theory or an added element)")
        self.legend.setWordWrap(True)
        self.rule_label = QLabel()
        self.rule_label.setObjectName("evidenceRule")
        self.rule_label.setWordWrap(True)
        self.filter_label = QLabel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.initial)
        splitter.addWidget(self.current)
        layout = QVBoxLayout(self)
        layout.addWidget(self.legend)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.filter_label)
        layout.addWidget(splitter, 1)

    def show_items(self, items: list[TheoryEvidence], filter_text: str = "all excerpts") -> None:
        self.filter_label.setText(f"Evidence from {filter_text}.")
        self.rule_label.setText(describe_rule(items[0].rule) if items else "")
        self.initial.setHtml(initial_html(items))
        self.current.setHtml(current_html(items))


class ModelDialog(QDialog):
    """The model view and, in a tab beside it, the programme-theory diagram."""

    def __init__(self, window) -> None:
        from app.diagram_view import DiagramView

        super().__init__(window)
        self.setObjectName("modelDialog")
        self.setWindowTitle("Theoretical model: initial and current")
        sized(self, 1100, 750)
        self.tabs = QTabWidget()
        self.view = ModelView(self)
        self.diagram = DiagramView(window, self)
        self.tabs.addTab(self.view, "&Model")
        self.tabs.addTab(self.diagram, "&Diagram")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close_button(self))

    def redraw_diagram(self) -> None:
        self.diagram.fill_topics()
        self.diagram.refresh()
