"""The title bar's words fitted to its width: the counts are the last thing to go."""

from __future__ import annotations

from orgtui.core.domain.title_bar import Counts, fitted_title
from orgtui.core.text import cell_width, ellipsized

RETAILER = Counts(unowned=1, total=49, errors=1, warnings=2, single_points=21)


def test_a_wide_bar_says_everything() -> None:
    title, counts = fitted_title("online-retailer.toml", "", RETAILER, 200)
    assert title == "online-retailer.toml"
    assert counts == "1 of 49 duties unowned · 21 single points of failure · 1 error · 2 warnings"


def test_at_80_columns_the_single_points_go_and_the_counts_stay() -> None:
    title, counts = fitted_title("online-retailer.toml", "", RETAILER, 62)
    assert "single point" not in counts
    assert "1 error" in counts and "2 warnings" in counts and "1 " in counts
    assert cell_width(f"{title} — {counts}") <= 62


def test_a_long_file_name_is_cut_before_any_count() -> None:
    title, counts = fitted_title("kramer-elektro-versand-before-the-reorganisation.toml", " ● unsaved", RETAILER, 62)
    assert counts == "1 unowned · 1 error · 2 warnings"
    assert title.endswith("… ● unsaved") and title.startswith("kramer")
    assert cell_width(f"{title} — {counts}") <= 62


def test_with_no_room_for_a_name_the_counts_alone_are_shown() -> None:
    title, counts = fitted_title("online-retailer.toml", "", RETAILER, 34)
    assert title == "" and counts == "1 unowned · 1 error · 2 warnings"
    assert fitted_title("x.toml", "", RETAILER, 20)[1].endswith("…")


def test_cells_count_wide_characters_twice_and_cut_them_whole() -> None:
    assert cell_width("日本語") == 6 and cell_width("Zoë") == 3 and cell_width("e\u0301") == 1
    assert ellipsized("日本語のファイル", 7) == "日本語…"
    assert cell_width(ellipsized("日本語のファイル", 7)) <= 7
    assert ellipsized("short", 10) == "short"


def test_a_read_only_edited_file_keeps_its_name_at_80_columns() -> None:
    # German at 80 columns: "(nur Lesen) ● geändert" left no room for the file's name,
    # so a manager saw which state but not which file
    german = Counts(unowned=1, total=49, errors=1, warnings=2)
    flags, short = " (nur Lesen) ● geändert", " (nur Lesen) ●"
    title, counts = fitted_title("online-retailer.toml", flags, german, 70, short)
    assert title == "online-retailer.toml (nur Lesen) ●"
    assert cell_width(f"{title} — {counts}") <= 70
    title, counts = fitted_title("online-retailer.toml", flags, german, 58, short)
    assert title.startswith("online-") and title.endswith("… (nur Lesen) ●")
    assert counts == "1 unowned · 1 error · 2 warnings"
    # with room, the whole words stay
    assert fitted_title("online-retailer.toml", flags, german, 120, short)[0] == "online-retailer.toml" + flags
