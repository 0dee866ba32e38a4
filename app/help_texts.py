"""Help ▸ Keyboard shortcuts, User guide and About: what a researcher reads before the first hour.

The guide says what a realist project is and the first five steps; About says which version
this is, under which licence, and where the open project and its backups are on disk (the
first thing to know when a laptop is replaced).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from coding.backups import backup_folder
from coding.version import app_version

LICENCE = "GNU General Public License, version 3 or later (GPL-3.0-or-later)"  # pyproject's

SHORTCUTS = [
    ("Ctrl+K", "Code the selection to nodes (type to filter; arrows move; Space ticks several; "
               "Enter codes; a name no node has, Enter makes it a new node)"),
    ("Ctrl+1, Ctrl+2, Ctrl+3, Ctrl+4, Ctrl+5", "Quick code: the selection to one of the last "
                                               "nodes used (named in the Code menu)"),
    ("Ctrl+I", "Code in vivo: a new inductive node named after the selection"),
    ("Ctrl+Shift+N", "New node from the selection (name, parent, C/M/O role)"),
    ("Ctrl+Alt+N", "New node (name, parent, role, origin, colour, description)"),
    ("Ctrl+U", "Uncode the selection from all nodes"),
    ("Ctrl+Shift+A", "Annotate the selection (a note shown in the margin)"),
    ("Ctrl+M", "The project memo"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo any coding, node, document or memo action"),
    ("Ctrl+F", "Find in the document, its matches marked as you type (Enter next, "
               "Shift+Enter previous; in the page view, from the page on screen)"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "Larger, smaller, normal text"),
    ("Ctrl+Shift+P", "A PDF's pages or its text (View ▸ Page view)"),
    ("Shift+drag (page view)", "A rectangle round a figure or table, coded like text (or the "
                               "Region tool); drag it onto a node to code it there"),
    ("F2 / Delete", "Rename / delete the chosen document or node"),
    ("Ctrl+Shift+I", "Import documents (or drop files on the window)"),
    ("Ctrl+N / Ctrl+O / Ctrl+W", "New project / open a project / close it"),
    ("Ctrl+Alt+R", "Rate the excerpt at the cursor (relevance and rigour)"),
    ("Ctrl+Alt+1, Ctrl+Alt+2, Ctrl+Alt+3", "Relevance high, moderate, low"),
    ("Ctrl+Alt+4, Ctrl+Alt+5, Ctrl+Alt+6", "Rigour high, moderate, low"),
    ("Ctrl+Alt+A", "Appraise the document (MMAT)"),
    ("Ctrl+Alt+T", "New theory from the nodes selected in the tree"),
    ("Ctrl+Alt+M", "The model view: initial and current"),
    ("F1", "This list"),
]

GUIDE = """
<h3>What a realist project is</h3>
<p>A realist review asks <i>what works, for whom, in what circumstances, and why</i>. Its
answers are <b>programme theories</b>: context–mechanism–outcome (C-M-O) configurations such as
“when mothers feel judged (C), being matched with someone who has been there (M) keeps them in
support (O)”. A project holds your documents, a tree of <b>nodes</b> (codes, each with a C, M
or O role), the <b>excerpts</b> you code to them, memos, and the theories those nodes make up.
Everything is saved the moment you do it, in one <code>.realist</code> file, with rolling
backups beside it.</p>
<h3>The first five steps</h3>
<ol>
<li><b>Create the project</b> (File ▸ New project) and <b>import</b> your articles and reports
(File ▸ Import documents, or drop the files on the window).</li>
<li><b>Enter your initial theory</b>: Theories ▸ New theory from nodes, then Theories ▸ Add
element… for each of its contexts, mechanisms and outcomes (until you code, what you enter
counts as the initial model); or Theories ▸ Import model (CSV): one theory a row, with columns
label, topic, statement, contexts, mechanisms and outcomes (several separated by ";"). Its
contexts, mechanisms and outcomes become nodes.</li>
<li><b>Code</b>: select text in a document and press Ctrl+K (or drag it onto a node); Ctrl+I
codes it in vivo to a new node. In a PDF's page view (Ctrl+Shift+P) select as on paper, or
Shift+drag a rectangle round a figure or table and code it the same way. Ctrl+Z takes back
anything.</li>
<li><b>Write memos</b> as you go: the Memo panel follows the document, node or excerpt you
chose; Ctrl+M opens the project memo.</li>
<li><b>Review the evidence</b>: the Review menu's coverage, matrix, search and co-occurrence,
and the Theories panel's status for each configuration; then export the model.</li>
</ol>
"""


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                   for k, v in SHORTCUTS)
    return f"<table cellpadding='4'>{rows}</table>"


def about_html(project_path: object | None) -> str:
    where = "<p>No project is open.</p>"
    if project_path is not None:
        where = (f"<p><b>Project file</b><br>{escape(str(project_path))}</p>"
                 f"<p><b>Backups</b><br>{escape(str(backup_folder(str(project_path))))}</p>")
    return (f"<h3>Realist Coder {escape(app_version())}</h3>"
            "<p>Qualitative coding for realist reviews and evaluations.</p>"
            f"<p><b>Licence</b><br>{escape(LICENCE)}</p>{where}")


def _box(window, title: str, html: str) -> QMessageBox:
    """Window-modal but not blocking, so the researcher (and a test) can go on."""
    box = QMessageBox(QMessageBox.Icon.Information, title, html, QMessageBox.StandardButton.Ok,
                      window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_shortcuts(window) -> QMessageBox:
    return _box(window, "Keyboard shortcuts", shortcuts_html())


def show_guide(window) -> QMessageBox:
    return _box(window, "User guide", GUIDE)


def show_about(window) -> QMessageBox:
    project = window.project
    return _box(window, "About Realist Coder",
                about_html(project.path if project is not None else None))
