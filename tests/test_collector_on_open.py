"""Opening and checking build the org with the collector off and then freeze it (a million
objects at 50,000 people that no collection needs to walk); the collector is always on
again afterwards, whether the file loaded or not."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from orgtui.cli import main
from orgtui.core.storage.load_problems import LoadError
from orgtui.core.storage.orgfile import parse_org

SAMPLE = Path(__file__).resolve().parent.parent / "sample_orgs" / "online-retailer.toml"


@pytest.fixture()
def thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()
    assert gc.isenabled()


def test_parsing_turns_the_collector_back_on_only_if_it_was_on(thawed):
    text = SAMPLE.read_text(encoding="utf-8")
    parse_org(text, SAMPLE)
    assert gc.isenabled()
    with pytest.raises(LoadError):
        parse_org("format = = 1\n", SAMPLE)
    assert gc.isenabled()
    gc.disable()
    try:
        parse_org(text, SAMPLE)
        assert not gc.isenabled(), "a caller that switched it off keeps it off"
    finally:
        gc.enable()


def test_check_freezes_what_it_loaded_and_leaves_the_collector_on(thawed, capsys):
    assert gc.get_freeze_count() == 0
    main(["check", str(SAMPLE)])
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0, "the org and its findings are out of the collector's reach"


def test_check_of_a_broken_file_leaves_the_collector_on(thawed, tmp_path, capsys):
    broken = tmp_path / "org.toml"
    broken.write_text("format = = 1\n", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0, "nothing loaded, nothing frozen"
