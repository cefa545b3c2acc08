"""The packages that import their names on first use (PEP 562: the edit operations and the
modal screens) give the same object whatever was imported before.

The trap: a lazily exported name equal to one of the package's modules. Once that module is
imported (by anything), Python binds the package's attribute to the module, so
`from package import name` gave the function in one test order and the module in another
(CI failed so: `role_duties` came out as a module). Each check runs in a fresh interpreter,
once with nothing imported before and once after every module of the package.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

LAZY_PACKAGES = ("orgtui.core.domain.edits", "orgtui.ui.screens")

CHECK = """
import importlib, pkgutil, sys, types
package_name, first = sys.argv[1], sys.argv[2]
package = importlib.import_module(package_name)
modules = [m.name for m in pkgutil.iter_modules(package.__path__)]
if first == "modules":
    for name in modules:
        importlib.import_module(f"{package_name}.{name}")
wrong = []
for name in package.__all__:
    value = getattr(package, name)
    if isinstance(value, types.ModuleType):
        wrong.append(f"{name} is a module")
        continue
    homes = [m for m in modules if getattr(importlib.import_module(f"{package_name}.{m}"), name, None) is value]
    if not homes:
        wrong.append(f"{name} is defined in none of the package's modules")
print("\\n".join(wrong))
"""


@pytest.mark.parametrize("first", ["nothing", "modules"])
@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_exported_name_is_the_object_its_module_defines(package: str, first: str) -> None:
    result = subprocess.run([sys.executable, "-c", CHECK, package, first], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_a_package_name_may_not_be_one_of_its_modules() -> None:
    """What breaks the rule above, checked directly: no exported name is a module's name."""
    import importlib
    import pkgutil

    for package_name in LAZY_PACKAGES:
        package = importlib.import_module(package_name)
        modules = {m.name for m in pkgutil.iter_modules(package.__path__)}
        assert modules.isdisjoint(package.__all__), (package_name, modules & set(package.__all__))
