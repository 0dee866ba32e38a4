"""Project-level commands: new, import, documents, demo, gui."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coding.cli.output import print_rows
from coding.cli.signals import signals_cancel
from coding.documents import comments_kept, import_files, list_documents
from coding.errors import RealistError
from coding.project import Project
from storage import lock
from storage.database import check_is_project


def register(sub: Any) -> None:
    p = sub.add_parser("new", help="create an empty project file")
    p.add_argument("project", metavar="PROJECT", help="path of the new project (e.g. review.realist)")
    p.add_argument("--name", help="the project's display name (default: the file name)")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("import", help="import documents (PDF, DOCX, TXT, MD)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("files", metavar="FILE", nargs="+", type=Path)
    p.add_argument("--password", help="password for encrypted PDFs")
    p.add_argument("--case", metavar="NAME", help="put the documents in this intervention")
    p.add_argument("--keep-headers", action="store_true",
                   help="keep running headers, footers and page numbers in the text")
    p.add_argument("--quiet", action="store_true", help="print only failures")
    p.add_argument("--ocr", action="store_true",
                   help="run scanned PDFs (no text layer) through ocrmypdf, if installed")
    p.add_argument("--pages-only", action="store_true",
                   help="import a scanned PDF that has no text (after --ocr, if given) as its "
                        "pages alone, to code regions of them in the page view")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("documents", help="list the project's documents")
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(handler=cmd_documents)

    p = sub.add_parser("demo", help="build the bundled demo project and open it")
    p.add_argument("project", metavar="PROJECT", nargs="?", type=Path,
                   help="where to build it (default: a per-user data folder)")
    p.add_argument("--rebuild", action="store_true", help="rebuild even if it exists")
    p.add_argument("--no-gui", action="store_true", help="build it and print its path only")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("gui", help="open the desktop app (the default)")
    p.add_argument("project", metavar="PROJECT", nargs="?", type=Path)
    p.set_defaults(handler=cmd_gui)


def cmd_new(args: argparse.Namespace) -> int:
    with Project.create(args.project, name=args.name) as project:
        print(f"created {project.path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with signals_cancel() as interrupt, Project.open(args.project) as project:
        report = import_files(
            project, args.files, password=args.password, case_name=args.case,
            keep_headers=args.keep_headers, ocr=args.ocr, pages_only=args.pages_only,
            cancel=interrupt.requested,
        )
        pages = {d.id: d.page_count for d in list_documents(project)}
    for path, doc_id in report.imported:
        if not args.quiet:
            print(f"imported {path.name} ({pages.get(doc_id, 0)} pages)"
                  f"{comments_kept(report.annotations.get(path, 0))}")
    for path, warning in report.warnings:
        print(f"realist-coder: warning: {path.name}: {warning}", file=sys.stderr)
    for _path, message in report.failed:
        print(f"realist-coder: {message}", file=sys.stderr)
    if interrupt.signum:
        print(f"realist-coder: import interrupted: {report.progress_line}", file=sys.stderr)
        return 128 + interrupt.signum
    if report.stopped:
        print(f"realist-coder: {args.project}: import stopped, {report.progress_line} before "
              f"it (listed above; the others were not): {report.stopped}", file=sys.stderr)
        return 1
    return 1 if report.failed or report.cancelled else 0


def cmd_documents(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        docs = list_documents(project)
    print_rows(
        ["id", "name", "format", "pages", "characters", "references", "intervention"],
        [
            (d.id, d.name, d.format, d.page_count, d.text_length, d.reference_count,
             f"#{d.case_number} {d.case_name}" if d.case_number else "")
            for d in docs
        ],
    )
    return 0


def default_demo_path() -> Path:
    from coding.cli.desktop_commands import data_home

    return data_home() / "realist-coder" / "demo.realist"


def cmd_demo(args: argparse.Namespace) -> int:
    from coding.cli.demo import build_demo

    path: Path = args.project or default_demo_path()
    _check_demo_target(path, args.rebuild)
    if args.rebuild or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire(path)  # an app with the demo open would go on writing a deleted file
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):  # a new file must find none
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        finally:
            lock.release(path)
        build_demo(path).close()
    print(path)
    if args.no_gui:
        return 0
    return _open_gui(path)


def _check_demo_target(path: Path, rebuild: bool) -> None:
    """The demo goes where there is nothing yet, or a project (to open, or to rebuild). Any
    other file or a folder is refused: `demo --no-gui notes.txt` printed the path as if it had
    built the demo there, and with --rebuild deleted notes.txt to make room for it."""
    if not path.exists():
        return
    if rebuild and path.is_file() and path.stat().st_size == 0:
        return  # an emptied demo file: what --rebuild is for
    check_is_project(path)


def cmd_gui(args: argparse.Namespace) -> int:
    return _open_gui(args.project)


def _open_gui(project: Path | None) -> int:
    if project is not None:  # missing, a folder, not ours: one line here, not a broken window
        check_is_project(Path(project))
    # Without a display, or without a system library Qt's platform plugin needs, Qt prints a
    # dozen lines and aborts (a core dump, exit 134); say it in one line instead.
    from app.platform_check import platform_problem

    problem = platform_problem()
    if problem is not None:
        raise RealistError(problem)
    from app.main import run_app

    return run_app(project)
