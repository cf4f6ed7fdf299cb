"""Where names go beside the points of a scatter plot so that they cover neither each other nor any point.

Pure geometry in pixels (no Qt): :func:`place` takes each name's box beside its point and moves it up or down
— never sideways, so that a name stays beside its point's x — to the nearest height where it overlaps no
name placed before it and no point's marker, inside the plot. A name moved further than half its height from
its point gets a leader line (the caller draws it from the point to :attr:`Placed.leader_end`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    """A name to place: its point (pixels, y down), its box size, and the side of the point it goes on."""

    x: float
    y: float
    width: float
    height: float
    #: True: the box is left of the point (its right edge near the point); False: right of it.
    left_side: bool
    #: Horizontal gap between the point and the box (pixels).
    gap: float = 6.0


@dataclass(frozen=True)
class Placed:
    #: The box's top (pixels, y down) and how far its centre is below the point's height.
    top: float
    offset: float
    #: Where a leader line from the point ends (the box's near edge, at its middle); None: none needed.
    leader_end: tuple[float, float] | None


def _box(name: Name, top: float) -> tuple[float, float, float, float]:
    left = name.x - name.gap - name.width if name.left_side else name.x + name.gap
    return left, left + name.width, top, top + name.height


def _hits(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def place(names: list[Name], points: list[tuple[float, float]], *, radius: float, height: float,
          steps: int = 12) -> list[Placed]:
    """Each name at the nearest free height (tried: at its point, then a step below, above, two below …),
    in the given order; ``points`` are every marker's centre (a name's own point is not an obstacle), ``radius`` their
    half size, ``height`` the plot's height in pixels. A name with no free height within ``steps`` steps
    stays at its point."""
    markers = [(x, y, (x - radius, x + radius, y - radius, y + radius)) for x, y in points]
    placed_boxes: list[tuple[float, float, float, float]] = []
    out: list[Placed] = []
    for name in names:
        home = name.y - name.height / 2
        step = name.height / 2 + 1
        chosen = home
        own = [m for x, y, m in markers if abs(x - name.x) > 0.5 or abs(y - name.y) > 0.5]  # not its own
        for k in range(2 * steps + 1):
            shift = (k + 1) // 2 * step * (1 if k % 2 else -1) if k else 0.0
            top = home + shift
            if top < 0 or top + name.height > height:
                continue
            box = _box(name, top)
            if not any(_hits(box, other) for other in placed_boxes) and not any(_hits(box, m) for m in own):
                chosen = top
                break
        box = _box(name, chosen)
        placed_boxes.append(box)
        offset = chosen + name.height / 2 - name.y
        leader = None
        if abs(offset) > name.height / 2:
            leader = (box[1] if name.left_side else box[0], chosen + name.height / 2)
        out.append(Placed(chosen, offset, leader))
    return out
