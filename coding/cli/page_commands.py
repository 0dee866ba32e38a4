"""PDF pages on the command line: `page-image` writes one page with its coding drawn on."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coding.project import Project


def register(sub: Any) -> None:
    p = sub.add_parser("page-image",
                       help="write one page of a PDF document as PNG, its coding drawn on")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOCUMENT", help="document name, file name or id")
    p.add_argument("page", metavar="PAGE", type=int, help="page number, from 1")
    p.add_argument("out", metavar="OUT.png", type=Path)
    p.add_argument("--zoom", type=float, default=1.5,
                   help="pixels per PDF point (default 1.5, i.e. 108 dpi)")
    p.add_argument("--annotations", action="store_true",
                   help="mark each note at the page's left edge, level with its first line")
    p.set_defaults(handler=cmd_page_image, outputs=("out",))


def cmd_page_image(args: argparse.Namespace) -> int:
    from coding.documents import find_document
    from coding.page_image import write_page_image

    # read-only: no lock, so it works while the app has the project open
    with Project.open(args.project, readonly=True) as project:
        doc_id = find_document(project, args.document)
        width, height = write_page_image(project, doc_id, args.page, args.out, args.zoom,
                                         args.annotations)
    print(f"wrote page {args.page} ({width}x{height} pixels) to {args.out}")
    return 0
