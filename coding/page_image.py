"""One PDF page as a PNG with its coding drawn on it (`realist-coder page-image`), for figures
in a report and so scripts can check what the page view shows. pypdfium2 renders, PIL draws:
no display and no Qt needed.

Each text reference is filled in its node's colour at a fixed translucency (overlapping nodes
stack, as in the page view); a region gets the same fill and a solid outline. With
`annotations`, each note starting on the page gets the page view's yellow mark at the page's
left edge, level with its first line (the page view puts it in the gap beside the page).
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from PIL import Image, ImageDraw

from coding.annotations import list_annotations
from coding.documents import document_pages, document_text
from coding.errors import InvalidInput
from coding.ids import DocumentId
from coding.nodes import list_nodes
from coding.page_geometry import Frame, PageText, PdfPages, Pixels
from coding.page_layout import ensure_layout, original_pdf
from coding.page_marks import NOTE_COLOR, NOTE_RIM, page_marks
from coding.project import Project
from coding.references import Region, references_for_document
from storage.output_files import write_built

FILL_ALPHA = 90  # of 255: the text stays readable under two or three stacked codings
OUTLINE = 2  # pixels around a region
NOTE = 11.0  # points: an annotation's mark, as in the page view


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def render_page_image(project: Project, doc_id: DocumentId, page: int, zoom: float = 1.5,
                      annotations: bool = False) -> Image.Image:
    """The page at `zoom` pixels per point (1.5 is 108 dpi) with its coding drawn on (and
    with `annotations`, its notes' marks)."""
    if not 0.1 <= zoom <= 8:
        raise InvalidInput(f"zoom {zoom} is out of range (0.1-8)")
    data = original_pdf(project, doc_id)
    layout = ensure_layout(project, doc_id)
    text = document_text(project, doc_id)
    with PdfPages(data) as pdf:
        pixels = pdf.render(page, zoom)
        frame = pdf.frame(page)
        page_text = pdf.page_text(page, layout.page_runs(page), text) if layout.runs else None
    image = Image.frombuffer("RGBX", (pixels.width, pixels.height), pixels.data, "raw", "RGBX",
                             pixels.stride, 1).convert("RGBA")
    colors = {n.id: _rgb(n.color) for n in list_nodes(project)}
    layers: dict[int, Image.Image] = {}  # one per node: a node's own codings do not stack
    for mark in page_marks(page, frame, page_text, references_for_document(project, doc_id)):
        node_id = mark.reference.node_id
        layer = layers.get(node_id)
        if layer is None:
            layer = layers[node_id] = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        color = colors.get(node_id, (128, 128, 128))
        for left, top, right, bottom in mark.rects:
            box = (round(left * zoom), round(top * zoom), round(right * zoom) - 1,
                   round(bottom * zoom) - 1)
            draw.rectangle(box, fill=(*color, FILL_ALPHA))
            if mark.is_region:
                draw.rectangle(box, outline=(*color, 255), width=OUTLINE)
    for layer in layers.values():
        image = Image.alpha_composite(image, layer)
    if annotations and page_text is not None:
        _draw_notes(ImageDraw.Draw(image), project, doc_id, page, frame, page_text, zoom)
    return image.convert("RGB")


def _draw_notes(draw: ImageDraw.ImageDraw, project: Project, doc_id: DocumentId, page: int,
                frame: Frame, page_text: PageText, zoom: float) -> None:
    """Each note that starts on `page`: its mark at the left edge, level with its first line."""
    starts = [p.start for p in document_pages(project, doc_id)]
    for note in list_annotations(project, doc_id):
        if bisect_right(starts, note.start) != page:
            continue
        boxes = page_text.span_boxes(note.start, note.end)
        if boxes:
            top = frame.box_to_view(boxes[0])[1] * zoom
            size = NOTE * zoom
            draw.rounded_rectangle((2, round(top), 2 + round(size), round(top + size)),
                                   radius=max(1, round(2 * zoom)), fill=_rgb(NOTE_COLOR),
                                   outline=_rgb(NOTE_RIM))


def region_pixels(project: Project, doc_id: DocumentId, region: Region, width: int = 160
                  ) -> Pixels:
    """The part of the page a region covers, `width` pixels wide (a thumbnail)."""
    with PdfPages(original_pdf(project, doc_id)) as pdf:
        scale = max(0.05, min(width / max(region.right - region.left, 1.0), 4.0))
        return pdf.render(region.page, scale, region.box)


def write_page_image(project: Project, doc_id: DocumentId, page: int, out: Path,
                     zoom: float = 1.5, annotations: bool = False) -> tuple[int, int]:
    """Write the PNG (whole or not at all, never over the project); returns its size in
    pixels."""
    image = render_page_image(project, doc_id, page, zoom, annotations)
    write_built(out, lambda stream: image.save(stream, format="PNG"), inputs=(project.path,))
    return image.size
