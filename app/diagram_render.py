"""Drawing the programme-theory diagram with Qt: on screen, as SVG, as PNG.

The layout (boxes, arrows, wrapped lines) comes from `coding.realist.diagram`; this module only
paints it, so the app, the SVG and the PNG show the same figure. SVG goes through QSvgGenerator
(in PySide6-Essentials): real vectors, text as <text> elements a reader can edit, struck text
as a line over it. No widget is needed, so `realist-coder model diagram` runs without a screen
(the offscreen platform).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)

from coding.realist.diagram import (
    BADGE_LINE,
    COLUMN_TITLES,
    LINE,
    MARGIN,
    PAD,
    SMALL_SIZE,
    TEXT_SIZE,
    TITLE_SIZE,
    Arrow,
    Box,
    Diagram,
)
from storage.output_files import open_replacing

FAMILY = "DejaVu Sans"  # falls back to the system's sans-serif where it is missing
INK = QColor("#212121")
MUTED = QColor("#757575")
LINE_COLOUR = QColor("#546E7A")
FILLS = {"context": QColor("#E3F2FD"), "mechanism": QColor("#FFF8E1"),
         "outcome": QColor("#E8F5E9")}
SELECTED = QColor("#1565C0")


_UNIT = [1.0]  # points per diagram unit on the device being painted (set by `paint`)


def _font(size: float, *, bold: bool = False, italic: bool = False,
          strike: bool = False) -> QFont:
    """A font `size` diagram units tall on any device: Qt converts points with the device's
    DPI, and the painter's scale already maps diagram units to the device."""
    font = QFont(FAMILY)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(size * _UNIT[0])
    font.setBold(bold)
    font.setItalic(italic)
    font.setStrikeOut(strike)
    return font


def paint(painter: QPainter, diagram: Diagram, selected: str | None = None) -> None:
    """Paint in diagram units (points); the caller sets the scale."""
    _UNIT[0] = 72 / max(painter.device().logicalDpiY(), 1)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, diagram.width, diagram.height), QColor("white"))
    painter.setPen(INK)
    painter.setFont(_font(TITLE_SIZE + 1, bold=True))
    painter.drawText(QPointF(MARGIN, MARGIN + TITLE_SIZE * 1.2), diagram.title)
    for section in diagram.sections:
        painter.setPen(INK)
        painter.setFont(_font(TITLE_SIZE, bold=True))
        painter.drawText(QPointF(MARGIN, section.y + TITLE_SIZE * 0.4), section.topic)
        painter.setFont(_font(TEXT_SIZE, italic=True))
        painter.setPen(MUTED)
        xs = sorted({(b.role, b.x) for b in section.boxes}, key=lambda rx: rx[1])
        for role, x in xs:
            painter.drawText(QPointF(x, section.header_y), COLUMN_TITLES[role])
        for arrow in section.arrows:
            _arrow(painter, arrow)
        for box in section.boxes:
            _box(painter, box, box.key == selected)
    painter.setPen(MUTED)
    painter.setFont(_font(SMALL_SIZE))
    for index, line in enumerate(diagram.notes):
        painter.drawText(QPointF(MARGIN, diagram.notes_y + index * BADGE_LINE), line)


def _arrow(painter: QPainter, arrow: Arrow) -> None:
    pen = QPen(LINE_COLOUR, 0.8)
    if arrow.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    path = QPainterPath(QPointF(arrow.x1, arrow.y1))
    middle = (arrow.x1 + arrow.x2) / 2
    path.cubicTo(QPointF(middle, arrow.y1), QPointF(middle, arrow.y2), QPointF(arrow.x2 - 4, arrow.y2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    head = QPainterPath(QPointF(arrow.x2, arrow.y2))
    head.lineTo(QPointF(arrow.x2 - 5, arrow.y2 - 2.5))
    head.lineTo(QPointF(arrow.x2 - 5, arrow.y2 + 2.5))
    head.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(LINE_COLOUR))
    painter.drawPath(head)


def _box(painter: QPainter, box: Box, selected: bool) -> None:
    rect = QRectF(box.x, box.y, box.w, box.h)
    pen = QPen(SELECTED if selected else (MUTED if box.placeholder else LINE_COLOUR),
               1.6 if selected else 0.8)
    if box.placeholder:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QBrush(QColor("white") if box.placeholder else FILLS[box.role]))
    painter.drawRoundedRect(rect, 3, 3)
    x = box.x + PAD
    y = box.y + PAD + SMALL_SIZE
    painter.setFont(_font(SMALL_SIZE))
    painter.setPen(MUTED)
    for label, style in box.configurations:  # "T1 T4": the configurations it belongs to
        font = _font(SMALL_SIZE, bold=style == "caps", strike=style == "strike")
        painter.setFont(font)
        painter.drawText(QPointF(x, y), label)
        x += painter.fontMetrics().horizontalAdvance(label + " ")
    if box.weight_label:
        painter.setFont(_font(SMALL_SIZE))
        width = painter.fontMetrics().horizontalAdvance(box.weight_label)
        painter.drawText(QPointF(box.x + box.w - PAD - width, y), box.weight_label)
    painter.setPen(MUTED if box.placeholder else INK)
    painter.setFont(_font(TEXT_SIZE, italic=box.placeholder, strike=box.style == "strike"))
    y = box.y + PAD + BADGE_LINE + TEXT_SIZE
    for line in box.lines:
        painter.drawText(QPointF(box.x + PAD, y), line)
        y += LINE


def ensure_gui_application() -> QGuiApplication:
    """A QGuiApplication for drawing text, offscreen when there is no display (the CLI)."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([])


def svg_bytes(diagram: Diagram) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(diagram.width), round(diagram.height)))
    generator.setViewBox(QRectF(0, 0, diagram.width, diagram.height))
    generator.setResolution(72)  # one unit = one point: sizes in the file are real sizes
    generator.setTitle(diagram.title)
    generator.setDescription("Programme-theory diagram made by Realist Coder")
    painter = QPainter(generator)
    paint(painter, diagram)
    painter.end()
    return bytes(buffer.data().data())


def png_bytes(diagram: Diagram, dpi: int = 200) -> bytes:
    scale = dpi / 72
    image = QImage(round(diagram.width * scale), round(diagram.height * scale),
                   QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint(painter, diagram)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OSError("could not encode the diagram as PNG")
    return bytes(buffer.data().data())


def render_file(diagram: Diagram, out: Path, dpi: int = 200, *,
                inputs: Sequence[Path] = ()) -> None:
    """SVG or PNG by the extension: drawn in memory, then written whole or not at all, never
    over a project or one of `inputs` (storage/output_files.py; Qt's own file writing would
    leave half a file on a full disk and say nothing)."""
    ensure_gui_application()
    data = svg_bytes(diagram) if out.suffix.lower() == ".svg" else png_bytes(diagram, dpi)
    with open_replacing(out, "wb", inputs=inputs) as fh:
        fh.write(data)
