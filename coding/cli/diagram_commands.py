"""`model diagram`: the programme-theory diagram as SVG (vector, text as text) or PNG.

The layout is the domain's (`coding.realist.diagram`); the drawing is Qt's
(`app.diagram_render`), loaded only by this command and run on the offscreen platform when
there is no display, so it works in scripts and over SSH. Besides `gui`, this is the one
command that reaches into `app/`.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from coding.cli.realist_commands import add_rating_filter, rating_filter
from coding.errors import InvalidInput
from coding.project import Project
from coding.realist.diagram import model_diagram
from coding.realist.topics import find_topics

FORMATS = (".svg", ".png")


def register(model_sub: Any) -> None:
    p = model_sub.add_parser(
        "diagram", help="draw the model: per topic, context -> mechanism -> outcome boxes "
                        "with their evidence (SVG or PNG)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("out", metavar="OUT.svg|OUT.png", type=Path)
    p.add_argument("--topic", action="append", default=[], metavar="TOPIC",
                   help="only this topic (repeat for several)")
    p.add_argument("--dpi", type=int, default=200, help="PNG resolution (default 200)")
    add_rating_filter(p)
    p.set_defaults(handler=cmd_model_diagram, outputs=("out",))


def cmd_model_diagram(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() not in FORMATS:
        raise InvalidInput(f"{args.out.name}: the diagram is written as .svg or .png")
    if not 30 <= args.dpi <= 1200:
        raise InvalidInput("--dpi is between 30 and 1200")
    with Project.open(args.project, readonly=True) as project:
        flt = replace(rating_filter(project, args), topics=find_topics(project, args.topic))
        diagram = model_diagram(project, flt)
    from app.diagram_render import render_file  # Qt loads only for this command

    render_file(diagram, args.out, dpi=args.dpi)
    drawn = sum(len({label for b in s.boxes for label, _ in b.configurations})
                for s in diagram.sections)
    print(f"drew {drawn} configurations in {len(diagram.sections)} topic(s) to {args.out}")
    return 0
