"""Reading a user's catalog file: checked, with errors located by file and line.

(The bundled catalog is read by domain/catalog.py; test_catalog reads it here too.)

A catalog an org file names must lie inside that file's git repository or folder (so
`orgtui check` is safe on an untrusted pull request: `catalog = "../../etc/shadow"` is not
read, and no line or column of such a file ever reaches a message), unless the
environment variable ORGTUI_ALLOW_OUTSIDE_CATALOG=1 allows any path (docs/org-file.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from orgtui.core.domain.catalog import (
    BUILTIN,
    Catalog,
    builtin_catalog,
    builtin_path,
    catalog_from_data,
)
from orgtui.core.i18n import _
from orgtui.core.storage import tomlio
from orgtui.core.storage.bounds import check_counts
from orgtui.core.storage.load_errors import IdLines, shown, validate
from orgtui.core.storage.load_problems import LoadError, Problem, display_path

ALLOW_OUTSIDE_ENV = "ORGTUI_ALLOW_OUTSIDE_CATALOG"


def load_catalog(path: Path | None = None) -> Catalog:
    """Load a catalog file (the built-in one when `path` is None); raises LoadError."""
    from orgtui.core.storage.catalog_models import (  # pydantic: only for a catalog file
        TABLES,
        CatalogIn,
    )

    path = builtin_path() if path is None else path
    name = display_path(path)
    text, data = tomlio.load(path, kind="catalog")
    check_counts(data, name, TABLES, "catalog")
    lines = IdLines(text)
    parsed, problems = validate(CatalogIn, data, name, lines, TABLES)
    if parsed is None:
        raise LoadError(problems)
    assert isinstance(parsed, CatalogIn)
    seen: set[str] = set()
    for role in parsed.roles:
        if role.id in seen:
            problems.append(Problem(name, _("role id {id} is used twice").format(id=repr(role.id)), line=lines.line("roles", role.id)))
        seen.add(role.id)
        for duty in role.duties:
            if duty.id in seen:
                problems.append(Problem(name, _("duty id {id} is used twice").format(id=repr(duty.id)), line=lines.line("roles.duties", duty.id)))
            seen.add(duty.id)
    if problems:
        raise LoadError(problems)
    return catalog_from_data(parsed.model_dump())


def catalog_named_by(ref: str, org_path: Path, org_name: str, line: int | None) -> Catalog:
    """The catalog an org file names with `catalog = "…"` (on `line` of `org_name`).

    Every problem names the org file first: "org.toml:3: catalog: …", then the catalog's
    own problems, each with the catalog's file and line.
    """
    if ref == BUILTIN:
        return builtin_catalog()

    def refuse(message: str) -> LoadError:
        return LoadError([Problem(org_name, message, line=line, where="catalog")])

    if "\0" in ref:
        raise refuse(_("the catalog path {path} contains a NUL character; no file can have that name").format(path=shown(ref)))
    path = Path(ref)
    if not path.is_absolute():
        path = org_path.parent / path  # relative to the org file, so a repo can carry both
    if os.environ.get(ALLOW_OUTSIDE_ENV) != "1":
        roots = allowed_roots(org_path)
        if not any(_inside(path, root) for root in roots):
            raise refuse(
                _("the catalog {path} is outside {folders}; it was not read (set {variable}=1 to allow catalogs anywhere)").format(
                    path=shown(ref), folders=_(" and ").join(sorted(set(map(display_path, roots)))), variable=ALLOW_OUTSIDE_ENV)
            )
    try:
        return load_catalog(path)
    except LoadError as exc:
        intro = Problem(org_name, _("the catalog {path} named here cannot be used; its problems:").format(path=shown(ref)), line=line, where="catalog")
        raise LoadError([intro, *exc.problems]) from None


def allowed_roots(org_path: Path) -> list[Path]:
    """Where a catalog of this org file may lie: its folder and its git repository
    (found by the `.git` entry, so no git process runs), for the path as given and with
    links resolved."""
    roots: list[Path] = []
    for folder in {Path(os.path.abspath(org_path.parent)), Path(os.path.realpath(org_path)).parent}:
        roots.append(Path(os.path.realpath(folder)))
        top = _git_toplevel(folder)
        if top is not None:
            roots.append(Path(os.path.realpath(top)))
    return roots


def _git_toplevel(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def _inside(path: Path, root: Path) -> bool:
    real = os.path.realpath(path)
    return os.path.commonpath([real, str(root)]) == str(root)
