"""saved_model.save/load: minitf's own format, restored in a fresh process that does not have
the Python code of the saved functions. Behaviour checked against TensorFlow 2.21 (attribute
layout of the restored object, signatures' output names, gradients through restored calls)."""
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import minitf as tf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Dense(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
        self.b = tf.Variable([0.5, -0.5], name="b")


class Net(tf.Module):
    def __init__(self):
        super().__init__()
        self.layer = Dense()
        self.scale = tf.Variable(2.0, trainable=False, name="scale")

    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def __call__(self, x):
        return tf.matmul(x, self.layer.w) + self.layer.b

    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32),
                                  tf.TensorSpec([], tf.float32)])
    def scaled(self, x, k):
        return {"y": self(x) * self.scale * k}

    @tf.function
    def untraced(self, x):
        return x


X = [[1.0, 1.0]]


@pytest.fixture
def saved(tmp_path):
    path = str(tmp_path / "net")
    tf.saved_model.save(Net(), path)
    return path


def test_the_directory_holds_json_and_npz(saved):
    with open(os.path.join(saved, "saved_model.json")) as f:
        meta = json.load(f)
    assert (sorted(os.listdir(saved)), meta["format"], meta["version"]) == (
        ["arrays.npz", "saved_model.json", "variables.npz"], "minitf.saved_model", 1)


def test_restored_calls_and_attributes(saved):
    m = tf.saved_model.load(saved)
    assert (m(tf.constant(X)).numpy().tolist(), m.scaled(tf.constant(X), 3.0)["y"].numpy().tolist(),
            m.layer.w.name, hasattr(m, "untraced")) == ([[4.5, 5.5]], [[27.0, 33.0]], "w:0", False)


def test_restored_variables_are_new_and_live(saved):
    m = tf.saved_model.load(saved)
    m.layer.b.assign([0.0, 0.0])
    assert m(tf.constant(X)).numpy().tolist() == [[4.0, 6.0]]


def test_gradients_through_a_restored_function(saved):
    m = tf.saved_model.load(saved)
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(m(x))
    gx, gw = tape.gradient(y, [x, m.layer.w])
    assert (gx.numpy().tolist(), gw.numpy().tolist()) == ([[3.0, 7.0]], [[1.0, 1.0], [1.0, 1.0]])


def test_an_input_that_fits_no_signature(saved):
    with pytest.raises(TypeError, match="fits none of its saved input signatures"):
        tf.saved_model.load(saved)(tf.constant([[1.0, 1.0, 1.0]]))


def test_signatures(tmp_path):
    net = Net()
    tf.saved_model.save(net, str(tmp_path), signatures=net.__call__)
    m = tf.saved_model.load(str(tmp_path))
    out = m.signatures["serving_default"](x=tf.constant(X))
    assert (list(m.signatures), list(out), out["output_0"].numpy().tolist()) == (
        ["serving_default"], ["output_0"], [[4.5, 5.5]])


def test_a_fresh_process_runs_the_saved_graphs(saved):
    script = textwrap.dedent("""
        import sys
        sys.path.insert(0, %r)
        import minitf as tf
        m = tf.saved_model.load(%r)
        print(m(tf.constant([[1.0, 1.0]])).numpy().tolist(), float(m.scale))
    """ % (ROOT, saved))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[[4.5, 5.5]] 2.0"


def test_a_convolutional_model_with_random_ops_and_prints(tmp_path):
    class Cnn(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(tf.random.stateless_normal([3, 3, 1, 2], [1, 2]))

        @tf.function(input_signature=[tf.TensorSpec([None, 6, 6, 1], tf.float32)])
        def __call__(self, x):
            h = tf.nn.max_pool2d(tf.nn.relu(tf.nn.conv2d(x, self.w, 1, "SAME")), 2, 2, "VALID")
            return tf.image.resize(h, [4, 4])[:, ::2]

    cnn, x = Cnn(), tf.random.stateless_uniform([2, 6, 6, 1], [3, 4])
    tf.saved_model.save(cnn, str(tmp_path))
    assert np.array_equal(tf.saved_model.load(str(tmp_path))(x).numpy(), cnn(x).numpy())


def test_a_py_function_cannot_be_saved(tmp_path):
    class Python(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def __call__(self, x):
            return tf.py_function(lambda v: v * 2, [x], tf.float32)

    with pytest.raises(ValueError, match=r"Cannot save op EagerPyFunc \(EagerPyFunc\)"):
        tf.saved_model.save(Python(), str(tmp_path))


def test_an_untracked_variable_cannot_be_saved(tmp_path):
    hidden = tf.Variable(1.0)

    class Leaky(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def __call__(self, x):
            return x * hidden

    with pytest.raises(ValueError, match="not a variable of the object being saved"):
        tf.saved_model.save(Leaky(), str(tmp_path))


def test_loading_a_directory_without_a_saved_model(tmp_path):
    with pytest.raises(tf.errors.NotFoundError, match="No minitf SavedModel"):
        tf.saved_model.load(str(tmp_path))


def test_a_keras_cnn_inside_a_module_in_a_fresh_process(tmp_path):
    layers = tf.keras.layers
    model = tf.keras.Sequential([layers.Conv2D(2, 3, activation="relu", input_shape=(6, 6, 1)),
                                 layers.MaxPooling2D(), layers.BatchNormalization(),
                                 layers.Flatten(), layers.Dense(3)])

    class Export(tf.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        @tf.function(input_signature=[tf.TensorSpec([None, 6, 6, 1], tf.float32)])
        def __call__(self, x):
            return self.model(x, training=False)

    x = np.random.default_rng(0).uniform(size=(2, 6, 6, 1)).astype(np.float32)
    path = str(tmp_path / "cnn")
    tf.saved_model.save(Export(model), path)
    np.save(str(tmp_path / "x.npy"), x)
    script = textwrap.dedent("""
        import sys
        import numpy as np
        sys.path.insert(0, %r)
        import minitf as tf
        m = tf.saved_model.load(%r)
        np.save(%r, m(np.load(%r)).numpy())
    """ % (ROOT, path, str(tmp_path / "y.npy"), str(tmp_path / "x.npy")))
    subprocess.run([sys.executable, "-c", script], check=True)
    np.testing.assert_array_equal(np.load(str(tmp_path / "y.npy")), model(x).numpy())


def test_strings_and_prints(tmp_path, capsys):
    class Greeter(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([], tf.string)])
        def __call__(self, name):
            tf.print(name, output_stream=sys.stdout)
            return tf.strings.join(["hi ", name])

    tf.saved_model.save(Greeter(), str(tmp_path))
    out = tf.saved_model.load(str(tmp_path))(tf.constant("bob"))
    assert (out.numpy(), capsys.readouterr().out) == (b"hi bob", "bob\n")


def test_control_flow_is_saved_with_its_branches_and_body(tmp_path):
    class Loop(tf.Module):
        def __init__(self):
            super().__init__()
            self.v = tf.Variable(3.0)

        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def __call__(self, x):
            y = tf.cond(x > 0, lambda: x * self.v, lambda: -x)
            return tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s + y), [0, 0.0])[1]

    tf.saved_model.save(Loop(), str(tmp_path))
    m = tf.saved_model.load(str(tmp_path))
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = m(x)
    assert (float(y), float(m(-1.0)), [float(g) for g in tape.gradient(y, [x, m.v])]) == (
        18.0, 3.0, [9.0, 6.0])
