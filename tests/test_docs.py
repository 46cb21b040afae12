"""The README's tour and the examples in docstrings print what the code prints."""
import doctest
import importlib
import os
import pkgutil

import numpy as np
import pytest

import minitf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_readme_tour():
    result = doctest.testfile(os.path.join(ROOT, "README.md"), module_relative=False,
                              optionflags=FLAGS)
    assert result.attempted > 20 and result.failed == 0


def test_readme_starts_with_the_two_commands_that_ci_runs():
    with open(os.path.join(ROOT, "README.md")) as f:
        lines = f.read().splitlines()
    assert lines[0] == "```bash" and lines[3] == "```"
    assert "examples/linear_regression.py" in lines[1] and "pytest" in lines[2]
    with open(os.path.join(ROOT, ".ci", "run")) as f:
        assert lines[2] in f.read()


MODULES = sorted(m.name for m in pkgutil.walk_packages(minitf.__path__, "minitf."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in finder.find(module, globs={"minitf": minitf, "np": np}):
        runner.run(test)
    assert runner.failures == 0
