"""minitf.visualize.draw: what the boxes say, where they go, and the files it writes."""
import builtins

import matplotlib.image
import pytest

import minitf as tf
from minitf.visualize import layout, nodes

visualize = pytest.importorskip("minitf.visualize")
pytest.importorskip("networkx")
v1 = tf.compat.v1


def linear_regression_graph():
    g = tf.Graph()
    with g.as_default():
        x = v1.placeholder(tf.float32, [None, 1], name="x")
        w = tf.Variable([[0.0]], name="w")
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
        v1.train.GradientDescentOptimizer(0.1).minimize(loss)
    return g


def kinds(boxes):
    return {b.key: b.kind for b in boxes}


def test_graph_boxes_are_marked_by_kind():
    found = kinds(nodes.from_graph(linear_regression_graph())[0])
    assert (found["x"], found["w"], found["sub/y"], found["MatMul"],
            found["gradients/MatMul_grad/MatMul_1"],
            found["GradientDescent/update_w/ResourceApplyGradientDescent"]) == (
        "input", "variable", "constant", "op", "gradient", "update")


def test_a_box_shows_name_type_and_output():
    boxes, _ = nodes.from_graph(linear_regression_graph())
    assert {b.key: b.lines for b in boxes}["MatMul"] == ["MatMul", "MatMul", "float32 [?,1]"]


def test_a_small_constant_shows_its_value():
    boxes, _ = nodes.from_graph(linear_regression_graph())
    assert {b.key: b.lines for b in boxes}["sub/y"][2] == "float32 [] = 1"


def test_control_inputs_are_control_edges():
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        with tf.control_dependencies([a]):
            tf.no_op(name="after")
    assert nodes.from_graph(g)[1] == [("a", "after", True)]


def test_data_flows_down_the_layers():
    boxes, edges = nodes.from_graph(linear_regression_graph())
    layer = layout.layers([b.key for b in boxes], [(a, b) for a, b, _ in edges])
    assert all(layer[a] < layer[b] for a, b, _ in edges)


def test_a_tape_record_is_numbered_in_order_with_its_inputs():
    v = tf.Variable(3.0, name="v")
    with tf.GradientTape() as tape:
        tf.square(v * 2.0)
    boxes, edges = nodes.from_tape(tape)
    assert [(b.lines[0], b.kind) for b in boxes] == [
        ("variable v", "variable"), ("1. ReadVariableOp", "op"), ("tensor", "constant"),
        ("2. Mul", "op"), ("3. Square", "op")]
    assert edges == [("in 0", "op 1", False), ("op 1", "op 2", False), ("in 2", "op 2", False),
                     ("op 2", "op 3", False)]


def test_a_tape_that_released_its_records_cannot_be_drawn(tmp_path):
    v = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = v * v
    tape.gradient(y, v)
    with pytest.raises(ValueError, match="released its records"):
        visualize.draw(tape, str(tmp_path / "tape.png"))


def big_graph():
    g = tf.Graph()
    with g.as_default():
        h = v1.placeholder(tf.float32, [None, 4], name="x")
        for i, n in enumerate([16, 16, 16, 8, 1]):
            with v1.variable_scope("dense_%d" % i):
                w = v1.get_variable("kernel", [h.shape[1], n])
                b = v1.get_variable("bias", [n], initializer=v1.zeros_initializer())
                h = tf.tanh(tf.matmul(h, w) + b)
        v1.train.AdamOptimizer(0.1).minimize(tf.reduce_mean(tf.square(h)))
    return g


def test_a_big_graph_is_collapsed_by_name_scope():
    g = big_graph()
    boxes, edges = nodes.collapse(*nodes.from_graph(g), max_boxes=60)
    assert len(g.get_operations()) > 300
    assert {b.key: b.kind for b in boxes if b.collapsed} == {
        "dense_0/": "variable", "dense_1/": "variable", "dense_2/": "variable",
        "dense_3/": "variable", "dense_4/": "variable", "beta1_power/": "variable",
        "beta2_power/": "variable", "gradients/": "gradient", "Adam/": "update"}


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_draw_writes_the_format_of_the_suffix(tmp_path, suffix):
    path = visualize.draw(linear_regression_graph(), str(tmp_path / ("graph" + suffix)))
    with open(path, "rb") as f:
        head = f.read(200)
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head


def test_draw_makes_a_readable_picture_of_a_function_and_of_a_big_graph(tmp_path):
    f = tf.function(lambda x: tf.reduce_sum(x * 2.0))
    small = visualize.draw(f.get_concrete_function(tf.constant([1.0])), str(tmp_path / "f.png"))
    big = visualize.draw(big_graph(), str(tmp_path / "big.png"))
    shapes = [matplotlib.image.imread(p).shape for p in (small, big)]
    assert all(h > 300 and w > 600 for h, w, _ in shapes)


def test_draw_refuses_another_format(tmp_path):
    with pytest.raises(ValueError, match=".png or .svg"):
        visualize.draw(tf.Graph(), str(tmp_path / "graph.jpg"))


def test_draw_refuses_what_is_not_a_graph(tmp_path):
    with pytest.raises(TypeError, match="draws a Graph"):
        visualize.draw(42, str(tmp_path / "x.png"))


def test_a_missing_networkx_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def no_networkx(name, *args, **kwargs):
        if name == "networkx":
            raise ImportError("No module named 'networkx'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_networkx)
    with pytest.raises(ImportError, match=r"pip install \"minitf\[visualize\]\""):
        layout.layers(["a"], [])
