"""The MLP classifier example: three ways of training, the same numbers, and its pictures."""
import importlib.util
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load_example():
    path = os.path.join(ROOT, "examples", "mlp_classifier.py")
    spec = importlib.util.spec_from_file_location("mlp_classifier", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_three_styles_train_alike_and_draw_their_pictures(tmp_path, capsys):
    histories = _load_example().main(["--epochs", "3", "--out", str(tmp_path)])
    assert histories["custom loop"] == histories["fit"]  # the same ops, to the last bit
    np.testing.assert_allclose(histories["session"]["loss"], histories["fit"]["loss"],
                               rtol=1e-5)
    assert histories["fit"]["loss"][-1] < histories["fit"]["loss"][0]
    assert sorted(os.listdir(tmp_path)) == ["mlp_classifier_boundary.png",
                                            "mlp_classifier_curves.png"]
    assert "fit         epoch    3/3  loss" in capsys.readouterr().out


def test_the_spirals_have_two_balanced_classes():
    x, y = _load_example().make_spirals()
    assert (x.shape, int(y.sum())) == ((400, 2), 200)
