#!/usr/bin/env python3
"""Draws a trace of what happened when (docs/traces/*.trace) as an SVG timeline, with no library.

    python3 .ci/docs/timeline.py docs/traces/01-echo.trace [more.trace ...]    writes each .svg beside it

A trace is written by a chapter's own program (`dotnet run --project chapters/NN-name -- trace`, see
.ci/trace) with the shared TimeTrace class. It is text, one event per line, tab-separated:

    # title: what the figure shows
    # panel: seed | caption of the panel whose lanes start with "seed/"
    # lanes: seed/client | seed/server   (optional: the lanes from top to bottom)
    # axis: shared                 (optional: every panel on the same time scale)
    0.000	seed/client	send	c1	sends 32 B
    time in ms   lane      kind   ref     label

Kinds: `mark` (a moment), `send` and `recv` (a moment; a send is joined by an arrow to every recv with the
same ref), `span` (a bar; ref is its length in ms), `level` (a step line; ref is the value), `due` (a
dashed line where something was scheduled). Times are relative to each panel's first event, so a trace
is the same file from run to run up to the times. check_pages.py fails if an SVG is not what this draws
from its trace.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

WIDTH = 760
LABELS = 150          # left column for lane names
RIGHT = 30
PLOT = WIDTH - LABELS - RIGHT
LANE = 50
LEVEL_LANE = 72
CAPTION = 26
AXIS = 34
GAP = 18
COLOURS = ["#3949ab", "#e65100", "#2e7d32", "#8e24aa", "#00838f", "#c62828"]


@dataclass
class Event:
    t: float
    lane: str
    kind: str
    ref: str
    label: str


@dataclass
class Trace:
    title: str = ""
    panels: dict[str, str] = field(default_factory=dict)
    shared_axis: bool = False
    lanes: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def read(path: str) -> Trace:
    with open(path, encoding="utf-8") as f:
        return parse(f.read())


def parse(text: str) -> Trace:
    trace = Trace()
    for line in text.split("\n"):
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].strip().partition(":")
            value = value.strip()
            if key == "title":
                trace.title = value
            elif key == "panel":
                name, _, caption = value.partition("|")
                trace.panels[name.strip()] = caption.strip()
            elif key == "axis":
                trace.shared_axis = value == "shared"
            elif key == "lanes":
                trace.lanes = [l.strip() for l in value.split("|")]
            continue
        t, lane, kind, ref, label = (line.split("\t") + [""] * 5)[:5]
        trace.events.append(Event(float(t), lane, kind, ref, label))
    return trace


def panel_of(lane: str) -> str:
    return lane.split("/", 1)[0] if "/" in lane else ""


def lane_name(lane: str) -> str:
    return lane.split("/", 1)[1] if "/" in lane else lane


def nice_step(span: float, ticks: int = 6) -> float:
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


def fitted(text: str, width: float, size: int) -> str:
    """A text element's extra attributes: squeezed to `width` if it would not fit at `size` px."""
    estimate = 0.58 * size * len(text)
    return f' textLength="{width:.0f}" lengthAdjust="spacingAndGlyphs"' if estimate > width else ""


def fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if abs(x - round(x, 1)) < 1e-9 else f"{x:.2f}"


def draw(trace: Trace) -> str:
    panels: list[str] = []
    lanes: dict[str, list[str]] = {}
    for e in [Event(0, l, "", "", "") for l in trace.lanes] + trace.events:
        p = panel_of(e.lane)
        if p not in lanes:
            panels.append(p)
            lanes[p] = []
        if e.lane not in lanes[p]:
            lanes[p].append(e.lane)
    ends = {p: max([e.t + (float(e.ref) if e.kind == "span" else 0) for e in trace.events if panel_of(e.lane) == p] or [1])
            for p in panels}
    if trace.shared_axis:
        top = max(ends.values())
        ends = {p: top for p in panels}

    height = 34
    for p in panels:
        height += CAPTION + sum(LEVEL_LANE if _is_level(trace, l) else LANE for l in lanes[p]) + AXIS + GAP
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">',
           "<defs>" + "".join(
               f'<marker id="arrow{i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
               f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>'
               for i, c in enumerate(COLOURS)) + "</defs>",
           f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
           f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold"'
           f'{fitted(trace.title, WIDTH - 20, 15)}>{escape(trace.title)}</text>']
    y = 34
    for p in panels:
        y = _draw_panel(out, trace, p, lanes[p], ends[p], y)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _is_level(trace: Trace, lane: str) -> bool:
    return any(e.lane == lane and e.kind == "level" for e in trace.events)


def _draw_panel(out: list[str], trace: Trace, panel: str, lanes: list[str], end: float, y: float) -> float:
    micro = end < 1.0
    unit, factor = ("µs", 1000.0) if micro else ("ms", 1.0)
    step = nice_step(end * factor)
    axis_end = math.ceil(end * factor / step - 1e-9) * step / factor if end > 0 else 1
    x_of = lambda t: LABELS + PLOT * t / axis_end
    caption = trace.panels.get(panel, panel)
    if caption:
        out.append(f'<text x="{LABELS}" y="{y + 17}" font-size="13" font-weight="bold"'
                   f'{fitted(caption, PLOT, 13)}>{escape(caption)}</text>')
    y += CAPTION
    centre: dict[str, float] = {}
    top = y
    for i, lane in enumerate(lanes):
        h = LEVEL_LANE if _is_level(trace, lane) else LANE
        c = y + h / 2
        centre[lane] = c
        shade = "#f5f6fa" if i % 2 == 0 else "#ffffff"
        out.append(f'<rect x="{LABELS}" y="{y}" width="{PLOT}" height="{h}" fill="{shade}"/>')
        out.append(f'<text x="{LABELS - 10}" y="{c + 4}" text-anchor="end">{escape(lane_name(lane))}</text>')
        out.append(f'<line x1="{LABELS}" y1="{c}" x2="{LABELS + PLOT}" y2="{c}" stroke="#c5cae9" stroke-width="1"/>')
        y += h
    # the time axis, with its grid
    k = 0
    while k * step <= axis_end * factor + 1e-9:
        x = x_of(k * step / factor)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{y + 4}" stroke="#e0e0e0" stroke-width="1"/>')
        label = fmt(k * step) + (f" {unit}" if (k + 1) * step > axis_end * factor + 1e-9 else "")
        out.append(f'<text x="{x:.1f}" y="{y + 18}" text-anchor="middle" fill="#555">{label}</text>')
        k += 1
    events = [e for e in trace.events if panel_of(e.lane) == panel]
    colour = {lane: COLOURS[i % len(COLOURS)] for i, lane in enumerate(lanes)}
    # levels first (under everything), then spans, due lines, arrows, and the moments on top
    for lane in lanes:
        points = [(e.t, float(e.ref)) for e in events if e.lane == lane and e.kind == "level"]
        if not points:
            continue
        peak = max(v for _, v in points) or 1
        bottom, height = centre[lane] + LEVEL_LANE / 2 - 8, LEVEL_LANE - 20
        path = []
        for j, (t, v) in enumerate(points):
            yv = bottom - height * v / peak
            if j == 0:
                path.append(f"M{x_of(t):.1f},{yv:.1f}")
            else:
                path.append(f"H{x_of(t):.1f} V{yv:.1f}")
        out.append(f'<path d="{" ".join(path)}" fill="none" stroke="{colour[lane]}" stroke-width="2"/>')
        label = next((e.label for e in reversed(events) if e.lane == lane and e.kind == "level" and e.label), "")
        out.append(f'<text x="{LABELS + 4}" y="{bottom - height - 2:.1f}" font-size="11" fill="{colour[lane]}">'
                   f'{escape(fmt(peak))} {escape(label)}</text>')
    for e in events:
        if e.kind == "span":
            x1, x2 = x_of(e.t), x_of(e.t + float(e.ref))
            c = centre[e.lane]
            out.append(f'<rect x="{x1:.1f}" y="{c - 8}" width="{max(x2 - x1, 1.5):.1f}" height="16" rx="2" '
                       f'fill="{colour[e.lane]}" fill-opacity="0.25" stroke="{colour[e.lane]}"/>')
        elif e.kind == "due":
            x, c = x_of(e.t), centre[e.lane]
            out.append(f'<line x1="{x:.1f}" y1="{c - 15}" x2="{x:.1f}" y2="{c + 15}" stroke="#757575" '
                       f'stroke-dasharray="3,2"/>')
    sends = {}
    for e in events:
        if e.kind == "send":
            sends.setdefault(e.ref, e)
    for e in events:
        if e.kind == "recv" and e.ref in sends:
            s = sends[e.ref]
            i = lanes.index(s.lane) % len(COLOURS)
            out.append(f'<line x1="{x_of(s.t):.1f}" y1="{centre[s.lane]:.1f}" x2="{x_of(e.t):.1f}" '
                       f'y2="{centre[e.lane]:.1f}" stroke="{COLOURS[i]}" stroke-width="1.3" '
                       f'marker-end="url(#arrow{i})"/>')
    placed: dict[str, list[float]] = {}
    last_label: dict[str, str] = {}
    for e in events:
        if e.kind not in ("mark", "send", "recv", "span"):
            continue
        x, c = x_of(e.t), centre[e.lane]
        if e.kind != "span":
            out.append(f'<circle cx="{x:.1f}" cy="{c:.1f}" r="3.5" fill="{colour[e.lane]}"/>')
        # A moment repeated on its lane ("reads it", "reads it", ...) is labelled once.
        if not e.label or (e.kind == "mark" and last_label.get(e.lane) == e.label):
            continue
        last_label[e.lane] = e.label
        # Labels alternate above and below the lane line; one that would overlap the last label on its
        # side is left out (the full list is in the trace file).
        width = 6.2 * len(e.label)
        sides = placed.setdefault(e.lane, [-1e9, -1e9])
        anchor_x = min(x + 3, LABELS + PLOT - width)
        # A label near the right edge is pulled left to fit: it starts at anchor_x, not at its moment.
        start = x if anchor_x >= x + 3 else anchor_x
        side = 0 if start >= sides[0] or start < sides[1] else 1
        if start < sides[side]:
            continue
        sides[side] = max(x, anchor_x) + width + 8
        ty = c - 12 if side == 0 else c + 21
        out.append(f'<text x="{anchor_x:.1f}" y="{ty:.1f}" font-size="11" fill="#212121">{escape(e.label)}</text>')
    return y + AXIS + GAP


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    for path in paths:
        svg = os.path.splitext(path)[0] + ".svg"
        with open(svg, "w", encoding="utf-8") as f:
            f.write(draw(read(path)))
        print(f"timeline: {svg}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
