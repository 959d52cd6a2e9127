"""Where the persons go on the network map: sectors, rings and label boxes that do not overlap.

Every node gets a label box (its dot and the name beside it, pointing away from the
centre where it fits); nodes are placed greedily on a grid of positions inside their
sector and ring, each in the free spot closest to an even spread, preferring spots
where no tie line runs through a label. With names shortened to 22 characters a
sector holds about 7 persons in ring 1, 13 in ring 2 and 16 in ring 3 without
overlap; 20 persons in all fit in any mix of sectors and rings tested. Beyond the
capacity of a ring the least overlapping spot is taken.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reintegra.assessments.models import Sector

SIZE = 1000  # the map is SIZE × SIZE; the legend goes below it
LEGEND_HEIGHT = 200
CENTRE = SIZE / 2
CLIENT_R = 56
NODE_R = 9
FONT = 16
LABEL_GAP = 5
LINE_H = FONT + 6
PAD = 3  # free space kept around every box
LABEL_CHARS = 22
SEARCH_AFTER_FREE = 300  # spots weighed for fewer crossings once a free one was found
CROSSING_COST = 120.0  # a tie line through a label costs as much as moving the node 120 units
BANDS = {1: (CLIENT_R + 16, 232.0), 2: (232.0, 360.0), 3: (360.0, 480.0)}
INK = "#1d2327"
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"

# Sector → (start, end) angle in degrees, counter-clockwise from east (y up); label corner; tint.
SECTORS: dict[str, tuple[float, float, str, str]] = {
    "friends": (0.0, 90.0, "ne", "#eef6ee"),
    "family": (90.0, 180.0, "nw", "#fbf1e4"),
    "professional": (180.0, 270.0, "sw", "#f2eef7"),
    "work": (270.0, 360.0, "se", "#e9f1f8"),
}

Box = tuple[float, float, float, float]


class NodeLike(Protocol):
    name: str
    sector: str
    closeness: int
    tie: str
    support: str


@dataclass
class Placed:
    node: NodeLike
    x: float
    y: float
    label: str
    east: bool  # label to the right of the dot (east half) or to the left
    box: Box


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the rendered width (DejaVu Sans-like metrics)."""
    wide = sum(1 for c in text if c.isupper() or c in "mwMW@%")
    narrow = sum(1 for c in text if c in "iljtf.,:;'|! ")
    return (0.74 * wide + 0.34 * narrow + 0.62 * (len(text) - wide - narrow)) * size


def short_label(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def _point(radius: float, degrees: float) -> tuple[float, float]:
    angle = math.radians(degrees)
    return CENTRE + radius * math.cos(angle), CENTRE - radius * math.sin(angle)


def _quadrant(sector: str) -> Box:
    corner = SECTORS[sector][2]
    x0, x1 = (CENTRE, SIZE) if corner.endswith("e") else (0.0, CENTRE)
    y0, y1 = (0.0, CENTRE) if corner.startswith("n") else (CENTRE, SIZE)
    return x0 + PAD, y0 + PAD, x1 - PAD, y1 - PAD


def _label_box(x: float, y: float, width: float, east: bool) -> Box:
    half = max(NODE_R, LINE_H / 2)
    if east:
        return x - NODE_R, y - half, x + NODE_R + LABEL_GAP + width, y + half
    return x - NODE_R - LABEL_GAP - width, y - half, x + NODE_R, y + half


def _overlap(a: Box, b: Box) -> float:
    """Overlap area of two boxes, each grown by PAD (0 when apart). Cheap rejection first: it runs often."""
    if b[0] >= a[2] + PAD or a[0] >= b[2] + PAD or b[1] >= a[3] + PAD or a[1] >= b[3] + PAD:
        return 0.0
    return (min(a[2], b[2]) - max(a[0], b[0]) + PAD) * (min(a[3], b[3]) - max(a[1], b[1]) + PAD)


def _total_overlap(box: Box, others: list[Box], *, limit: float | None) -> float | None:
    """Summed overlap with `others`, or None as soon as it exceeds `limit`."""
    total = 0.0
    for other in others:
        total += _overlap(box, other)
        if limit is not None and total > limit:
            return None
    return total


def _inside(box: Box, area: Box) -> bool:
    return box[0] >= area[0] and box[1] >= area[1] and box[2] <= area[2] and box[3] <= area[3]


def fixed_boxes() -> list[Box]:
    """What nodes must not cover: the client in the centre, sector and ring labels."""
    boxes: list[Box] = [(CENTRE - CLIENT_R, CENTRE - CLIENT_R, CENTRE + CLIENT_R, CENTRE + CLIENT_R)]
    for sector in SECTORS:
        boxes.append(_sector_label_box(sector))
    for ring in BANDS:
        x, y = _ring_label_position(ring)
        boxes.append((x - 12, y - FONT, x + 12, y + 4))
    return boxes


def _sector_label_box(sector: str) -> Box:
    x, y, anchor = _sector_label_position(sector)
    width = text_width(_sector_label(sector), FONT + 2) * 1.08
    x0 = x - width if anchor == "end" else x
    return x0, y - FONT - 4, x0 + width, y + 6


def _sector_label_position(sector: str) -> tuple[float, float, str]:
    corner = SECTORS[sector][2]
    x, anchor = (SIZE - 12, "end") if corner.endswith("e") else (12.0, "start")
    y = 28.0 if corner.startswith("n") else SIZE - 14
    return x, y, anchor


def _ring_label_position(ring: int) -> tuple[float, float]:
    # On the vertical axis above the centre, just inside the ring's outer edge.
    return CENTRE, CENTRE - BANDS[ring][1] + FONT + 2


def _candidates(sector: str, ring: int) -> list[tuple[float, float, float]]:
    """Grid positions (x, y, angle) inside the sector and ring, away from the axes."""
    start, end = SECTORS[sector][0], SECTORS[sector][1]
    inner, outer = BANDS[ring]
    lanes = max(3, int((outer - inner) // (LINE_H * 0.6)))
    found = []
    for lane in range(lanes):
        radius = inner + NODE_R + 4 + (outer - inner - 2 * NODE_R - 8) * (lane + 0.5) / lanes
        steps = max(8, int(math.radians(end - start) * radius / 8))
        for step in range(steps + 1):
            angle = start + 4 + (end - start - 8) * step / steps
            found.append((*_point(radius, angle), angle))
    return found


def _crosses(box: Box, segment: tuple[float, float, float, float]) -> bool:
    """Does the line segment pass through the box? (Liang–Barsky clipping.)"""
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _spoke(x: float, y: float, cut: float = NODE_R + 2) -> tuple[float, float, float, float]:
    """The tie line from the client to a node, ending `cut` before the node's centre."""
    dx, dy = x - CENTRE, y - CENTRE
    length = math.hypot(dx, dy) or 1.0
    return CENTRE, CENTRE, x - dx / length * cut, y - dy / length * cut


def layout(nodes: Sequence[NodeLike]) -> list[Placed]:
    """Place every node in its sector and ring; closest rings first, as they have the least room.

    Each node takes the free spot nearest to an even spread over its sector, its label
    pointing away from the centre where it can; among free spots, fewer crossings of
    tie lines through labels win.
    """
    taken = fixed_boxes()
    fixed = len(taken)
    spokes: list[tuple[float, float, float, float]] = []
    placed: list[tuple[int, Placed]] = []
    groups: dict[tuple[int, str], list[tuple[int, NodeLike]]] = {}
    for order, node in enumerate(nodes):
        groups.setdefault((int(node.closeness), node.sector), []).append((order, node))
    for (ring, sector), members in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1])):
        if sector not in SECTORS or ring not in BANDS:
            continue
        start, end, corner, _tint = SECTORS[sector]
        outward = corner.endswith("e")
        area = _quadrant(sector)
        candidates = _candidates(sector, ring)
        middle = sum(BANDS[ring]) / 2
        for index, (order, node) in enumerate(members):
            label = short_label(node.name)
            width = text_width(label)
            ideal = _point(middle, start + (end - start) * (index + 0.5) / len(members))
            options = sorted(
                (math.hypot(x - ideal[0], y - ideal[1]) + (0 if east == outward else 60), x, y, east)
                for x, y, _angle in candidates
                for east in (outward, not outward)
            )
            # (overlap, score, x, y, east); score = distance from the ideal spot + a price per line crossing
            best: tuple[float, float, float, float, bool] | None = None
            tried = 0
            for cost, x, y, east in options:  # cheapest first
                if best is not None and best[0] == 0 and (cost >= best[1] or tried > SEARCH_AFTER_FREE):
                    break  # no later spot beats a free one that is already cheaper (or: good enough)
                box = _label_box(x, y, width, east)
                if not _inside(box, area):
                    continue
                overlap = _total_overlap(box, taken, limit=best[0] if best is not None else None)
                if overlap is None:
                    continue
                spoke = _spoke(x, y)
                crossings = sum(_crosses(box, line) for line in spokes) + _crosses(box, _spoke(x, y, cut=NODE_R + 4))
                crossings += sum(_crosses(other, spoke) for other in taken[fixed:])
                score = cost + CROSSING_COST * crossings
                tried += 1 if best is not None and best[0] == 0 else 0
                if best is None or (overlap, score) < (best[0], best[1]):
                    best = (overlap, score, x, y, east)
            if best is None:  # a label too long for the quadrant: fall back to the ideal spot
                best = (0.0, 0.0, *ideal, outward)
            _overlap, _score, x, y, east = best
            box = _label_box(x, y, width, east)
            taken.append(box)
            spokes.append(_spoke(x, y))
            placed.append((order, Placed(node=node, x=x, y=y, label=label, east=east, box=box)))
    return [item for _order, item in sorted(placed, key=lambda pair: pair[0])]  # in the order given


def overlapping_pairs(placed: Sequence[Placed]) -> list[tuple[str, str]]:
    """For tests and diagnostics: label boxes that overlap each other or the fixed labels."""
    pairs = []
    boxes = [(p.node.name, p.box) for p in placed] + [("(fixed)", box) for box in fixed_boxes()]
    for i, (name_a, box_a) in enumerate(boxes):
        for name_b, box_b in boxes[i + 1 :]:
            if _overlap(box_a, box_b) > PAD * PAD:
                pairs.append((name_a, name_b))
    return pairs


def _sector_label(sector: str) -> str:
    return str(Sector(sector).label)
