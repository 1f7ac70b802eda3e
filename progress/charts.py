"""Charts drawn by the app as SVG, labelled in the active language and readable in RTL pages.

Hand-written because a few lines of SVG need no library, and a chart library would bring JavaScript
the page does not otherwise need. In Arabic pages time runs from right to left (like the timeline);
numbers and the 0–100 scale are never mirrored. Each chart comes with a table equivalent in the page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Point:
    x: float
    y: float
    value: float
    label: str


@dataclass
class LineChart:
    width: int
    height: int
    points: list[Point]
    gridlines: list[tuple[float, int]]
    path: str
    padding: int


def line_chart(values: list[float], labels: list[str], *, rtl: bool, width: int = 640, height: int = 220,
               padding: int = 36) -> LineChart:
    """Place percentages (0–100) on a line chart; the first value sits at the start side."""
    inner_w, inner_h = width - 2 * padding, height - 2 * padding
    n = len(values)
    points = []
    for i, (value, label) in enumerate(zip(values, labels)):
        share = 0.5 if n == 1 else i / (n - 1)
        x = padding + (1 - share if rtl else share) * inner_w
        y = padding + (1 - value / 100) * inner_h
        points.append(Point(round(x, 1), round(y, 1), value, label))
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(points))
    gridlines = [(round(padding + (1 - level / 100) * inner_h, 1), level) for level in (0, 25, 50, 75, 100)]
    return LineChart(width, height, points, gridlines, path, padding)


@dataclass
class Bar:
    label: str
    value: float
    answers: int
    inline_size: float
    url: str = ""


def bar_rows(items, *, width: int = 80) -> list[Bar]:
    """Horizontal bars as percentages of the row; CSS draws them from the start side."""
    return [Bar(item.label, item.percent, item.answers, item.percent * width / 100, item.url) for item in items]
