"""The MMAT-structured appraisal of one document: design, screening questions, five criteria."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.rating import cursor_position
from app.screen_fit import sized
from app.theory_dialogs import ok_cancel
from app.undo import DoneCommand
from coding.changes import Changes
from coding.ids import DocumentId
from coding.project import Project
from coding.realist.appraisal import (
    ANSWER_LABELS,
    CATEGORIES,
    AppraisalInfo,
    clear_appraisal,
    get_appraisal,
    questions,
    set_appraisal,
)

UNANSWERED = "—"


class AppraisalDialog(QDialog):
    def __init__(self, project: Project, doc_id: DocumentId,
                 parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("appraisalDialog")
        self.setWindowTitle(f"Appraise {name or 'document'} (MMAT 2018 structure)")
        self.project, self.doc_id = project, doc_id
        existing = get_appraisal(project, doc_id)
        self.given = {a.question: a for a in existing.answers} if existing else {}
        self.category = QComboBox()
        for key, (label, _criteria) in CATEGORIES.items():
            self.category.addItem(label, key)
        if existing:
            self.category.setCurrentIndex(list(CATEGORIES).index(existing.category))
        self.comment = QLineEdit(existing.comment if existing else "")
        self.grid = QGridLayout()
        self.rows: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self.category.currentIndexChanged.connect(lambda _i: self._build_rows())
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        if name:  # which document, in the dialog too (a title bar may not say it)
            heading = QLabel(f"<b>{html.escape(name)}</b>")
            heading.setObjectName("appraisedDocument")
            layout.addWidget(heading)
        for text, field in (("Study &design", self.category), ("Overall &comment", self.comment)):
            label = QLabel(text)
            label.setBuddy(field)  # Alt+D, Alt+C; without a buddy the "&" showed as written
            layout.addWidget(label)
            layout.addWidget(field)
            if field is self.category:
                layout.addLayout(self.grid)
        layout.addWidget(buttons)
        self.grid.setColumnStretch(2, 1)  # the notes take the room: a reviewer writes sentences
        self._build_rows()
        sized(self, 900, self.sizeHint().height())  # the notes cut to a dozen characters before

    def _build_rows(self) -> None:
        for answer, note in self.rows.values():
            answer.deleteLater()
            note.deleteLater()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = {}
        for row, (question, label) in enumerate(questions(self.category.currentData()).items()):
            answer = QComboBox()
            answer.addItem(UNANSWERED, None)
            for key, text in ANSWER_LABELS.items():
                answer.addItem(text, key)
            note = QLineEdit()
            note.setPlaceholderText("why (optional)")
            note.setMinimumWidth(220)
            if question in self.given:
                answer.setCurrentIndex(list(ANSWER_LABELS).index(self.given[question].answer) + 1)
                note.setText(self.given[question].comment)
            self.grid.addWidget(QLabel(f"{question}  {label}"), row, 0)
            self.grid.addWidget(answer, row, 1)
            self.grid.addWidget(note, row, 2)
            self.rows[question] = (answer, note)

    def answers(self) -> dict[str, tuple[str, str]]:
        return {q: (answer.currentData(), note.text()) for q, (answer, note) in self.rows.items()
                if answer.currentData() is not None}

    def save(self, window) -> None:
        """Store the appraisal as the dialog shows it (an answer set back to "—" is cleared),
        as one undo step."""
        project, doc_id = self.project, self.doc_id
        category, answers, comment = self.category.currentData(), self.answers(), self.comment.text()

        def work() -> tuple[AppraisalInfo | None, AppraisalInfo | None, Changes]:
            before = get_appraisal(project, doc_id)
            changes = set_appraisal(project, doc_id, category, answers, comment)
            return before, get_appraisal(project, doc_id), changes

        def done(result: tuple[AppraisalInfo | None, AppraisalInfo | None, Changes]) -> None:
            before, after, changes = result
            window.undo_stack.push(AppraisalCommand(window, doc_id, before, after))
            window.apply(changes)
            window.show_status("Appraisal saved")

        window.run_in_background(work, done)


class AppraisalCommand(DoneCommand):
    """An appraisal saved from the dialog: undo puts back the one before (or none)."""

    def __init__(self, window, doc_id: DocumentId, before: AppraisalInfo | None,
                 after: AppraisalInfo | None) -> None:
        super().__init__(window, "Appraisal")
        self.doc_id, self.before, self.after = doc_id, before, after

    def _put(self, info: AppraisalInfo | None) -> Changes:
        project = self.window.project
        if info is None:
            return clear_appraisal(project, self.doc_id)
        return set_appraisal(project, self.doc_id, info.category,
                             {a.question: (a.answer, a.comment) for a in info.answers},
                             info.comment)

    def do(self) -> Changes:
        return self._put(self.after)

    def undo_it(self) -> Changes:
        return self._put(self.before)


def appraise_current_document(window) -> AppraisalDialog | None:
    position = cursor_position(window)
    if window.project is None or position is None:
        window.show_status("Open a document to appraise it")
        return None
    dialog = AppraisalDialog(window.project, position[0], window,
                             window.documents.name_of(position[0]))
    dialog.accepted.connect(lambda: dialog.save(window))
    dialog.open()
    return dialog


def install(window) -> None:
    menu = window.menu_named("&Appraisal")
    window.scope.edits(menu.addAction("&Appraise document (MMAT)…", "Ctrl+Alt+A",
                                      lambda: appraise_current_document(window)))
