"""The examples run with few steps, print what they teach and write valid pictures and logs."""
import importlib.util
import os

import matplotlib.image
import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
pytest.importorskip("networkx")


def _load_example(name):
    path = os.path.join(ROOT, "examples", name + ".py")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_valid_pictures(folder, names):
    assert sorted(os.listdir(folder)) == sorted(names)
    for name in names:
        height, width = matplotlib.image.imread(os.path.join(folder, name)).shape[:2]
        assert height > 200 and width > 200, name


def test_both_styles_reach_the_same_parameters(tmp_path, capsys):
    example = _load_example("linear_regression")
    history, params = example.main(["--steps", "30", "--lr", "0.05", "--out", str(tmp_path)])
    for lazy, tf2 in zip(params["lazy"], params["tf2"]):
        np.testing.assert_allclose(lazy, tf2, rtol=1e-6)
    np.testing.assert_allclose(history["lazy"], history["tf2"], rtol=1e-6)
    assert history["lazy"][-1] < history["lazy"][0] / 10
    assert_valid_pictures(tmp_path, ["linear_regression_fit.png", "linear_regression_graph.png",
                                     "linear_regression_loss.png"])
    assert "lazy loss" in capsys.readouterr().out


def test_linear_regression_prints_a_progress_line_every_n_steps(tmp_path, capsys):
    _load_example("linear_regression").main(["--steps", "6", "--every", "2",
                                             "--out", str(tmp_path)])
    steps = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:5]]
    assert steps == ["1", "2", "4", "6"]


def test_linear_regression_writes_tensorboard_logs(tmp_path):
    accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")
    _load_example("linear_regression").main(["--steps", "3", "--out", str(tmp_path / "plots"),
                                             "--logdir", str(tmp_path / "logs")])
    runs = {}
    for run in ("lazy", "tf2"):
        acc = accumulator.EventAccumulator(str(tmp_path / "logs" / run))
        acc.Reload()
        runs[run] = acc
    assert [e.step for e in runs["lazy"].Scalars("loss")] == [1, 2, 3]
    assert [e.step for e in runs["tf2"].Tensors("loss")] == [1, 2, 3]
    assert "MatMul" in [n.op for n in runs["lazy"].Graph().node]
    assert runs["tf2"].Tags()["tensors"] == ["train_step", "loss"]  # the traced graph, the loss


def test_linear_regression_explains_its_options(capsys):
    with pytest.raises(SystemExit):
        _load_example("linear_regression").main(["--help"])
    usage = capsys.readouterr().out
    assert all(option in usage for option in ("--steps", "--lr", "--out", "--logdir", "--every"))


def test_long_run_reaches_the_least_squares_optimum(tmp_path):
    example = _load_example("linear_regression")
    history, params = example.main(["--steps", "300", "--lr", "0.1", "--out", str(tmp_path)])
    w, b, best = example.least_squares(*example.make_data())
    np.testing.assert_allclose([params["tf2"][0][0, 0], params["tf2"][1][0]], [w, b],
                               rtol=1e-4)


def test_lazy_vs_eager_prints_both_columns_and_draws_three_graphs(tmp_path, capsys):
    _load_example("lazy_vs_eager").main(["--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert 'Tensor("add:0", shape=(), dtype=int32)' in out   # lazy: a node of the graph
    assert "tf.Tensor(5, shape=(), dtype=int32)" in out      # eager: the value at once
    assert out.count("Python print: tracing") == 1 and out.count("tf.print: running") == 2
    assert_valid_pictures(tmp_path, ["lazy_vs_eager_function.png", "lazy_vs_eager_session.png",
                                     "lazy_vs_eager_tape.png"])


def test_mlp_classifier_trains_three_ways_alike_and_draws_two_pictures(tmp_path, capsys):
    histories = _load_example("mlp_classifier").main(["--epochs", "3", "--out", str(tmp_path)])
    assert histories["custom loop"] == histories["fit"]  # the same ops, to the last bit
    np.testing.assert_allclose(histories["session"]["loss"], histories["fit"]["loss"],
                               rtol=1e-5)
    assert histories["fit"]["loss"][-1] < histories["fit"]["loss"][0]
    assert_valid_pictures(tmp_path, ["mlp_classifier_boundary.png",
                                     "mlp_classifier_curves.png"])
    assert "fit         epoch    3/3  loss" in capsys.readouterr().out


def test_mlp_classifier_spirals_have_two_balanced_classes():
    x, y = _load_example("mlp_classifier").make_spirals()
    assert (x.shape, int(y.sum())) == ((400, 2), 200)
