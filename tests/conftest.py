"""Small fixtures shared by the whole suite (UI tests included): keep this file minimal."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

from orgtui.core.domain.catalog import builtin_catalog
from orgtui.core.domain.org import Department, Org, OrgInfo, Person, Position
from orgtui.core.storage.orgfile import dumps_org


@pytest.fixture
def retailer(tmp_path: Path) -> Path:
    """A copy of the 40-person sample to edit and save: the app's own stories start here."""
    path = tmp_path / "retailer.toml"
    shutil.copy(Path(__file__).resolve().parent.parent / "sample_orgs" / "online-retailer.toml", path)
    return path


@pytest.fixture(autouse=True)
def private_state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recovery files of every test go to a fresh folder, never the user's real one."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


@pytest.fixture(autouse=True)
def english_and_private_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test starts in English with no config file of the user's (theme, language, keymap);
    a test that switches to German is switched back after it."""
    from orgtui.core.i18n import use_language

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    use_language("en")
    yield
    use_language("en")


# Duties of the built-in catalog used by the small org (ids are stable: see roles.toml).
SHOP_DUTIES = ("ecommerce_manager.overall_presence", "ecommerce_manager.shop_buildup")
CS_DUTY = "customer_service_manager.complaints"


def build_small_org() -> Org:
    """A tiny shop: two departments (one nested), two people, two positions.

    - "Online Shop" (shop) > "Customer Service" (cs)
    - Anna (capacity 1) holds "Head of E-Commerce" (head_shop) in shop, owning SHOP_DUTIES
    - Ben (capacity 0.5) holds nothing; "Service Lead" (cs_lead) in cs is vacant, owning CS_DUTY
    """
    catalog = builtin_catalog()
    assert set(SHOP_DUTIES) | {CS_DUTY} <= set(catalog.duties), "the built-in catalog lost a duty the fixtures use"
    return Org(
        OrgInfo("Shop GmbH", span_of_control=8),
        catalog,
        [Department("shop", "Online Shop"), Department("cs", "Customer Service", parent="shop")],
        [Person("anna", "Anna", 1.0), Person("ben", "Ben", 0.5)],
        [
            Position("head_shop", "Head of E-Commerce", "shop", "ecommerce_manager", ("anna",), SHOP_DUTIES, 1.0),
            Position("cs_lead", "Service Lead", "cs", "customer_service_manager", (), (CS_DUTY,), 1.0),
        ],
    )


@pytest.fixture
def small_org() -> Org:
    """A fresh copy of the tiny shop described in `build_small_org`."""
    return build_small_org()


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write text (UTF-8) or bytes to a file in tmp_path and return its path."""

    def write(content: str | bytes, name: str = "org.toml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def small_org_file(small_org: Org, write_file: Callable[..., Path]) -> Path:
    """The tiny shop saved as an org file in tmp_path."""
    return write_file(dumps_org(small_org))
