"""The network layer stays pure, and the examples in its docstrings are true."""
import doctest
import importlib
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import coalition.network

MODULES = [info.name for info in pkgutil.iter_modules(coalition.network.__path__, "coalition.network.")]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_the_network_layer_needs_neither_flask_nor_a_database():
    code = textwrap.dedent("""
        import pathlib, sys, types
        package = types.ModuleType("coalition")  # skips coalition/__init__.py, which imports Flask for create_app
        package.__path__ = [str(pathlib.Path("coalition").resolve())]
        sys.modules["coalition"] = package
        import coalition.network
        print(sorted(name for name in ("flask", "flask_babel", "sqlalchemy") if name in sys.modules))
    """)
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2]).stdout
    assert output.strip() == "[]"
