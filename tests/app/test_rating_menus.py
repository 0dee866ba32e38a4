"""Rating from where the excerpt is seen: the text's right-click menu and the coding stripes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from app.rating import RatingDialog
from coding.documents import document_text, find_document
from coding.references import references_for_document
from coding.review.spans import find_phrase
from tests.app.test_realist import open_demo
from tests.app.waiting import work_done

PHRASE = "they agreed to a first visit"


def _answer_rating(relevance_index: int) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RatingDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.relevance.setCurrentIndex(relevance_index)
        dialog.accept()

    QTimer.singleShot(0, answer)


def test_right_click_on_coded_text_offers_rating(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, _panel = open_demo(qtbot, demo_path)
    project = window.project
    doc = find_document(project, "01_Harbour_peer_visits_evaluation")
    start, _ = find_phrase(document_text(project, doc), PHRASE)

    def items(offset: int) -> list[str]:
        menu = QMenu()
        for hook in window.viewer_menu_hooks:
            hook(menu, doc, offset)
        return [a.text() for a in menu.actions() if a.text()]

    assert "Rate excerpt…" not in items(0)  # the title is not coded
    assert next(r for r in references_for_document(project, doc)
                if r.start == start).relevance != "low"
    menu = QMenu()
    for hook in window.viewer_menu_hooks:
        hook(menu, doc, start + 3)
    rate = next(a for a in menu.actions() if a.text() == "Rate excerpt…")
    _answer_rating(2)  # low
    with work_done(qtbot, window):
        rate.trigger()
    assert next(r for r in references_for_document(project, doc)
           if r.start == start).relevance == "low"


def test_where_two_nodes_code_the_words_the_menu_asks_which_excerpt(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.rating import rating_dialog_for
    from coding.nodes import find_node
    from coding.references import code

    window, _panel = open_demo(qtbot, demo_path)
    project = window.project
    doc = find_document(project, "01_Harbour_peer_visits_evaluation")
    start, end = find_phrase(document_text(project, doc), PHRASE)
    other = find_node(project, "Contexts/Rural area")
    code(project, doc, start, end, [other])
    menu = QMenu()
    for hook in window.viewer_menu_hooks:
        hook(menu, doc, start + 3)
    sub = next(a.menu() for a in menu.actions() if a.text() == "Rate excerpt")
    choices = [a.text() for a in sub.actions()]
    assert len(choices) == 2 and "Contexts/Rural area…" in choices
    _answer_rating(2)  # low
    with work_done(qtbot, window):
        next(a for a in sub.actions() if a.text() == "Contexts/Rural area…").trigger()
    rated = {r.node_id: r.relevance for r in references_for_document(project, doc)
             if r.start == start}
    assert rated[other] == "low" and len(rated) == 2 and list(rated.values()).count("low") == 1
    ref = next(r for r in references_for_document(project, doc)
               if r.start == start and r.node_id == other)
    dialog = rating_dialog_for(window, ref)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "ratedNode").text() == "coded to Contexts/Rural area"


def test_a_stripe_rates_its_own_excerpt(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, _panel = open_demo(qtbot, demo_path)
    project = window.project
    doc = find_document(project, "01_Harbour_peer_visits_evaluation")
    start, _ = find_phrase(document_text(project, doc), PHRASE)
    ref = next(r for r in references_for_document(project, doc) if r.start == start)
    assert ref.relevance != "high"
    _answer_rating(0)  # high
    with work_done(qtbot, window):
        window.viewer_widget.margin.rate_requested.emit(ref)
    assert next(r for r in references_for_document(project, doc)
                if r.id == ref.id).relevance == "high"
    window.undo_stack.undo()  # a rating is undoable like coding
    assert next(r for r in references_for_document(project, doc)
                if r.id == ref.id).relevance == ref.relevance
