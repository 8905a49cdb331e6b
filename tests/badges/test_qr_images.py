"""The QR drawn on the sheet is exactly the symbol `qrcode` made, also when a large sheet encodes in a process pool."""

from __future__ import annotations

import re

from conference.badges import images
from conference.badges.codes import make_badge_code

SECRET = "test-secret-key"
RECT = re.compile(r"M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)h-\3z")


def drawn_modules(svg: str) -> list[list[bool]]:
    """The module grid an SVG of `qr_svg` paints: its viewBox size a side, True where a rectangle covers."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    path = re.search(r'<path d="([^"]*)"', svg).group(1)
    grid = [[False] * size for _ in range(size)]
    rects = RECT.findall(path)
    assert "".join(f"M{x} {y}h{w}v{h}h-{w}z" for x, y, w, h in rects) == path  # nothing else in the path
    for x, y, width, height in rects:
        assert height == "1"
        for column in range(int(x), int(x) + int(width)):
            grid[int(y)][column] = True
    return grid


def test_sheet_qr_paints_exactly_the_qrcode_matrix_with_its_quiet_zone():
    for delegate_id in (1, 9999, 10000, 123456):
        code = make_badge_code(SECRET, 1, delegate_id, 1)
        expected = images._qr(code).get_matrix()  # with the 2-module quiet zone

        assert drawn_modules(images.qr_svg(code)) == expected


def test_qr_path_has_one_rectangle_per_run_of_dark_modules():
    matrix = [[False, True, True, False, True], [True, True, True, True, True], [False] * 5]

    assert images.qr_path(matrix) == "M1 0h2v1h-2zM4 0h1v1h-1zM0 1h5v1h-5z"
    assert images.qr_path(matrix, 600, 320, 2.5) == ("M602.5 320h5v2.5h-5zM610 320h2.5v2.5h-2.5z"
                                                     "M600 322.5h12.5v2.5h-12.5z")
    assert images.qr_path([[False] * 3] * 3) == ""


def test_large_lists_encoded_in_the_pool_are_the_same_and_in_order(monkeypatch):
    codes = [make_badge_code(SECRET, 1, delegate_id, 1) for delegate_id in range(1, 13)]
    monkeypatch.setattr(images, "PARALLEL_FROM", 1)
    monkeypatch.setattr(images.os, "cpu_count", lambda: 2)

    assert images.qr_svgs(codes) == [images.qr_svg(code) for code in codes]
