"""Names beside scatter points cover neither each other nor any point; a moved name gets a leader line."""

from __future__ import annotations

from pdsa_desk.ui.label_placement import Name, place


def _box(name: Name, top: float) -> tuple[float, float, float, float]:
    left = name.x - name.gap - name.width if name.left_side else name.x + name.gap
    return left, left + name.width, top, top + name.height


def test_a_name_that_would_cover_another_point_moves_and_gets_a_leader() -> None:
    name = Name(100, 100, 80, 16, left_side=False)
    other_point = (140, 100)  # right where the name would be drawn
    (placed,) = place([name], [(100, 100), other_point], radius=8, height=300)
    left, right, top, bottom = _box(name, placed.top)
    assert not (left < 148 and 132 < right and top < 108 and 92 < bottom)  # clear of the other marker
    assert placed.leader_end is not None and placed.leader_end[0] == left  # from the point to the near edge


def test_names_do_not_overlap_and_stay_inside_the_plot() -> None:
    names = [Name(100, 10, 80, 16, left_side=False), Name(100, 12, 80, 16, left_side=False)]
    first, second = place(names, [(100, 10), (100, 12)], radius=8, height=200)
    assert first.top >= 0 and second.top >= 0
    assert first.top + 16 <= 200 and second.top + 16 <= 200
    assert second.top >= first.top + 16 or second.top + 16 <= first.top


def test_a_free_name_stays_at_its_point() -> None:
    (placed,) = place([Name(50, 50, 60, 14, left_side=True)], [(50, 50)], radius=8, height=100)
    assert placed.offset == 0 and placed.leader_end is None
