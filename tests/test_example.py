"""The linear-regression example: both styles reach the same parameters."""
import importlib.util
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load_example():
    path = os.path.join(ROOT, "examples", "linear_regression.py")
    spec = importlib.util.spec_from_file_location("linear_regression", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_both_styles_reach_the_same_parameters(tmp_path, capsys):
    example = _load_example()
    history, params = example.main(["--steps", "30", "--lr", "0.05", "--out", str(tmp_path)])
    for lazy, eager in zip(params["lazy"], params["eager"]):
        np.testing.assert_allclose(lazy, eager, rtol=1e-6)
    np.testing.assert_allclose(history["lazy"], history["eager"], rtol=1e-6)
    assert history["lazy"][-1] < history["lazy"][0] / 10
    assert sorted(os.listdir(tmp_path)) == ["linear_regression_fit.png",
                                            "linear_regression_loss.png"]
    assert "lazy loss" in capsys.readouterr().out


def test_long_run_reaches_the_least_squares_optimum(tmp_path):
    example = _load_example()
    history, params = example.main(["--steps", "300", "--lr", "0.1", "--out", str(tmp_path)])
    w, b, best = example.least_squares(*example.make_data())
    np.testing.assert_allclose([params["eager"][0][0, 0], params["eager"][1][0]], [w, b],
                               rtol=1e-4)
