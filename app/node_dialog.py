"""The New node dialog: name, parent, C/M/O role, origin, colour and description.

A child usually plays its parent's part (a mechanism under "Mechanisms"), so choosing a parent
fills in its role (or, for a folder with none, its children's) and origin — until the researcher
picks either by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from coding.nodes import NodeInfo
from coding.realist.roles import inherited_role

ROLES = ["none", "context", "mechanism", "outcome"]
ORIGINS = ["inductive", "deductive"]
TOP = "(top level)"


@dataclass(frozen=True)
class NewNode:
    path: str
    role: str
    origin: str
    color: str | None
    description: str


class NodeDialog(QDialog):
    def __init__(self, nodes: list[NodeInfo], parent_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newNodeDialog")
        self.setWindowTitle("New node")
        self.nodes = {n.id: n for n in nodes}
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Feels understood, or Trust/Feels understood")
        self.parent_combo = QComboBox()
        self.parent_combo.addItem(TOP, None)
        for node in nodes:
            self.parent_combo.addItem(node.path, node.id)
        self.role = QComboBox()
        self.role.addItems(ROLES)
        self.origin = QComboBox()
        self.origin.addItems(ORIGINS)
        self.color: str | None = None
        self.color_button = QPushButton("Automatic")
        self.color_button.clicked.connect(self._pick_color)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("What belongs here (shown on hover in the tree)")
        self.description.setMaximumHeight(90)
        form = QFormLayout(self)
        for label, widget in (("&Name", self.name), ("&Parent", self.parent_combo),
                              ("C/M/O &role", self.role), ("&Origin", self.origin),
                              ("&Colour", self.color_button), ("&Description", self.description)):
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._chosen_by_hand: set[str] = set()
        self.role.activated.connect(lambda _i: self._chosen_by_hand.add("role"))
        self.origin.activated.connect(lambda _i: self._chosen_by_hand.add("origin"))
        self.parent_combo.currentIndexChanged.connect(lambda _i: self._inherit())
        self.name.textChanged.connect(lambda _t: self._named())
        self.parent_combo.setCurrentIndex(max(self.parent_combo.findData(parent_id), 0))
        self._inherit()
        self._check()

    def _inherit(self) -> None:
        """Take the parent's role and origin, unless the researcher chose them already. A
        parent that is only a folder ("Mechanisms", no role of its own) gives the role most of
        its children have, or, with none yet, the one its name says (`inherited_role`, as
        `node add` without `--role` does)."""
        node = self.nodes.get(self.parent_combo.currentData())
        if node is None:
            self._named()
            return
        if "role" not in self._chosen_by_hand:
            self.role.setCurrentText(inherited_role(self.nodes.values(), f"{node.path}/"))
        if "origin" not in self._chosen_by_hand:
            self.origin.setCurrentText(node.origin)

    def _named(self) -> None:
        """A path typed at the top level into a realist folder ("Contexts/Rural area", the
        folder made with it) is a context: the role follows the folder (`inherited_role`)."""
        name = self.name.text().strip()
        role = inherited_role(self.nodes.values(), name)
        if ("role" not in self._chosen_by_hand and self.parent_combo.currentData() is None
                and role != "none"):
            self.role.setCurrentText(role)
        self._check()

    def _check(self) -> None:
        name = self.name.text().strip()
        # "Trust/Feels understood" makes the folder "Trust" too, under the parent chosen
        ok = bool(name) and all(part.strip() for part in name.split("/"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.name.setToolTip("" if ok or not name else "Each part of a path needs a name")

    def _pick_color(self) -> None:
        color = QColorDialog.getColor(QColor(self.color or "#888888"), self, "Node colour")
        if color.isValid():
            self.set_color(color.name().upper())

    def set_color(self, color: str) -> None:
        self.color = color
        self.color_button.setText(color)
        self.color_button.setStyleSheet(f"background: {color};")

    def value(self) -> NewNode:
        parent = self.nodes.get(self.parent_combo.currentData())
        name = self.name.text().strip()
        return NewNode(f"{parent.path}/{name}" if parent else name, self.role.currentText(),
                       self.origin.currentText(), self.color,
                       self.description.toPlainText().strip())
