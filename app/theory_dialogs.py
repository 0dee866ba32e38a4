"""Dialogs for theories: a new theory from chosen C/M/O nodes, an edit, a status override,
an element added or removed, a deletion, the evidence rule.

Every dialog that changes a theory offers a "Why?" field: the reason goes into the theory's
log (`coding.theory_log`), which the history appendix prints beside each change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from coding.ids import NodeId
from coding.names import counted
from coding.nodes import NodeInfo
from coding.realist.evidence import STATUSES
from coding.realist.evidence_rule import RULE_DEFINITIONS, RULE_NAMES, RULES
from coding.realist.theories import ORIGINS


def why_field() -> QLineEdit:
    field = QLineEdit()
    field.setObjectName("why")
    field.setPlaceholderText("Optional: why, in a few words (kept in the theory's log)")
    return field


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """The OK/Cancel row every dialog here ends with, wired to accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewTheoryDialog(QDialog):
    """Label, topic, statement, origin, and the nodes (with a C/M/O role) that are its parts."""

    def __init__(self, topics: list[str], nodes: list[NodeInfo],
                 chosen: set[NodeId] | None = None, parent: QWidget | None = None,
                 origin: str = "new") -> None:
        super().__init__(parent)
        self.setObjectName("newTheoryDialog")
        self.setWindowTitle("New programme theory")
        self.label = QLineEdit()
        self.label.setPlaceholderText("e.g. T14 or N3")
        self.topic = QComboBox(editable=True)
        self.topic.addItems(topics)
        self.statement = QPlainTextEdit()
        self.statement.setPlaceholderText("If …, then …, because …")
        self.origin = QComboBox()
        self.origin.addItems(ORIGINS)
        self.origin.setCurrentText(origin)
        self.nodes = QListWidget()
        self.nodes.setObjectName("theoryNodes")
        for node in nodes:
            if node.role in ("context", "mechanism", "outcome"):
                item = QListWidgetItem(f"{node.role[0].upper()}: {node.path}")
                item.setData(Qt.ItemDataRole.UserRole, int(node.id))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if chosen and node.id in chosen
                                   else Qt.CheckState.Unchecked)
                self.nodes.addItem(item)
        self.reason = why_field()
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("&Label", self.label)
        form.addRow("&Topic", self.topic)
        form.addRow("&Statement", self.statement)
        form.addRow("&Origin", self.origin)
        if self.nodes.count():
            form.addRow("&Elements", self.nodes)
        else:  # an empty list said nothing of where the contexts, mechanisms, outcomes come from
            self.nodes.hide()
            none_yet = QLabel("No context, mechanism or outcome nodes yet: add this theory's "
                              "after OK with Theories ▸ Add element…")
            none_yet.setObjectName("noElements")
            none_yet.setWordWrap(True)
            form.addRow("Elements", none_yet)
        form.addRow("&Why?", self.reason)
        form.addRow(buttons)

    def chosen_nodes(self) -> list[NodeId]:
        return [NodeId(self.nodes.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.nodes.count())
                if self.nodes.item(i).checkState() == Qt.CheckState.Checked]


class EditTheoryDialog(QDialog):
    """A theory's label, topic, statement and origin (its elements are edited one by one)."""

    def __init__(self, label: str, topics: list[str], topic: str, statement: str, origin: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editTheoryDialog")
        self.setWindowTitle(f"Edit {label}")
        self.label = QLineEdit(label)
        self.topic = QComboBox(editable=True)
        self.topic.addItems(topics)
        self.topic.setCurrentText(topic)
        self.statement = QPlainTextEdit(statement)
        self.origin = QComboBox()
        self.origin.addItems(ORIGINS)
        self.origin.setCurrentText(origin)
        self.reason = why_field()
        form = QFormLayout(self)
        form.addRow("&Label", self.label)
        form.addRow("&Topic", self.topic)
        form.addRow("&Statement", self.statement)
        form.addRow("&Origin", self.origin)
        form.addRow("&Why?", self.reason)
        form.addRow(ok_cancel(self))

    def values(self) -> dict[str, str]:
        """Keyword arguments for `coding.realist.theories.update_theory`."""
        return {"label": self.label.text(), "topic": self.topic.currentText(),
                "statement": self.statement.toPlainText(), "origin": self.origin.currentText()}


class StatusDialog(QDialog):
    """Override a computed status; the rationale is required and becomes the theory memo."""

    CLEAR = "(computed)"

    def __init__(self, label: str, computed: str, current: str | None, rationale: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusDialog")
        self.setWindowTitle(f"Status of {label}")
        self.status = QComboBox()
        self.status.addItems([f"{self.CLEAR}: {computed}", *STATUSES])
        if current:
            self.status.setCurrentText(current)
        self.rationale = QPlainTextEdit(rationale)
        self.rationale.setPlaceholderText("Why the evidence warrants this status (kept as the "
                                          "theory's memo and in its log); when going back to "
                                          "the computed status, optional")
        self.buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("&Status", self.status)
        form.addRow("&Rationale", self.rationale)
        form.addRow(self.buttons)

    def chosen(self) -> tuple[str | None, str]:
        status = self.status.currentText()
        return (None if status.startswith(self.CLEAR) else status,
                self.rationale.toPlainText().strip())


class ElementDialog(QDialog):
    """Add an element to a theory: an existing C/M/O node, or a new one by name.

    A new element on an initial theory is a refinement (origin "new"), unless nothing is coded
    yet and the initial model is still being entered (`theories.usual_origin`).
    """

    def __init__(self, label: str, nodes: list[NodeInfo], parent: QWidget | None = None,
                 origin: str = "new") -> None:
        super().__init__(parent)
        self.setObjectName("elementDialog")
        self.setWindowTitle(f"Add an element to {label}")
        self.role = QComboBox()
        self.role.addItems(["context", "mechanism", "outcome"])
        self.name = QComboBox(editable=True)
        self.nodes = [n for n in nodes if n.role in ("context", "mechanism", "outcome")]
        self.origin = QComboBox()
        self.origin.addItems(ORIGINS)
        self.origin.setCurrentText(origin)
        self.role.currentTextChanged.connect(self._fill_names)
        self._fill_names(self.role.currentText())
        self.reason = why_field()
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("&Role", self.role)
        form.addRow("&Element", self.name)
        form.addRow("&Origin", self.origin)
        form.addRow("&Why?", self.reason)
        form.addRow(buttons)

    def _fill_names(self, role: str) -> None:
        self.name.clear()
        for node in self.nodes:
            if node.role == role:
                self.name.addItem(node.name, int(node.id))
        self.name.setEditText("")

    def chosen(self) -> tuple[str, str, NodeId | None, str]:
        """(role, name, existing node id or None for a new node, origin)."""
        name = self.name.currentText().strip()
        index = self.name.findText(name)
        node = NodeId(self.name.itemData(index)) if index >= 0 else None
        return self.role.currentText(), name, node, self.origin.currentText()


class EvidenceRuleDialog(QDialog):
    """Choose the project's evidence rule, each option with its definition spelled out."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceRuleDialog")
        self.setWindowTitle("Evidence rule")
        self.rule = QComboBox()
        for rule in RULES:
            self.rule.addItem(f"{RULE_NAMES[rule]} ({rule})", rule)
        self.rule.setCurrentIndex(RULES.index(current))
        self.definition = QLabel()
        self.definition.setWordWrap(True)
        self.rule.currentIndexChanged.connect(self._explain)
        self._explain()
        form = QFormLayout(self)
        form.addRow("&Rule", self.rule)
        form.addRow(self.definition)
        form.addRow(ok_cancel(self))

    def _explain(self) -> None:
        rule = self.chosen()
        self.definition.setText(f"{RULE_DEFINITIONS[rule].capitalize()}.")

    def chosen(self) -> str:
        return str(self.rule.currentData())


class RemoveElementDialog(QDialog):
    """Which element to detach from a theory (its node and coding stay), and why."""

    def __init__(self, label: str, elements: list[tuple[str, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("removeElementDialog")
        self.setMinimumWidth(440)
        self.setWindowTitle(f"Remove an element from {label}")
        self.element = QComboBox()
        for text, node_id in elements:
            self.element.addItem(text, node_id)
        self.reason = why_field()
        form = QFormLayout(self)
        form.addRow("&Element", self.element)
        form.addRow(QLabel("Its node and the excerpts coded to it stay in the tree."))
        form.addRow("&Why?", self.reason)
        form.addRow(ok_cancel(self))

    def chosen(self) -> NodeId:
        return NodeId(int(self.element.currentData()))


class DeleteTheoryDialog(QDialog):
    """Confirm a deletion, saying what goes and what stays, and ask why."""

    def __init__(self, label: str, whole_references: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deleteTheoryDialog")
        self.setMinimumWidth(440)
        self.setWindowTitle("Delete theory")
        self.message = QLabel(
            f"Delete {label} and the {counted(whole_references, 'excerpt')} coded to it as a whole? "
            "Its contexts, mechanisms and outcomes and their coding stay, and so does its log.")
        self.message.setWordWrap(True)
        self.reason = why_field()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes
                                   | QDialogButtonBox.StandardButton.No)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.message)
        form.addRow("&Why?", self.reason)
        form.addRow(buttons)
