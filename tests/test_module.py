"""minitf.Module: names, the attribute walk (order checked against TensorFlow 2.21), name scopes,
the models of TensorFlow's "Introduction to modules" guide, and their checkpoints."""
import numpy as np
import pytest

import minitf as tf
from minitf.checkpoint import files


class Dense(tf.Module):
    """The guide's Dense module: variables made in __init__."""

    def __init__(self, in_features, out_features, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.random.normal([in_features, out_features]), name="w")
        self.b = tf.Variable(tf.zeros([out_features]), name="b")

    def __call__(self, x):
        return tf.nn.relu(tf.matmul(x, self.w) + self.b)


class FlexibleDense(tf.Module):
    """The guide's module that makes its variables on the first call."""

    def __init__(self, out_features, name=None):
        super().__init__(name=name)
        self.is_built = False
        self.out_features = out_features

    def __call__(self, x):
        if not self.is_built:
            self.w = tf.Variable(tf.random.normal([x.shape[-1], self.out_features]), name="w")
            self.b = tf.Variable(tf.zeros([self.out_features]), name="b")
            self.is_built = True
        return tf.nn.relu(tf.matmul(x, self.w) + self.b)


class TracedSequential(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.dense_1 = FlexibleDense(out_features=3)
        self.dense_2 = FlexibleDense(out_features=2)

    @tf.function
    def __call__(self, x):
        return self.dense_2(self.dense_1(x))


class Mixed(tf.Module):
    def __init__(self):
        super().__init__(name="the_model")
        self.dense_1 = Dense(3, 3)
        self.dense_2 = Dense(3, 2)
        self.zz = [tf.Variable(1.0, name="z0"),
                   {"b": tf.Variable(2.0, name="zb"), "a": tf.Variable(3.0, name="za")}]
        self.aa = tf.Variable(4.0, name="aa", trainable=False)


def test_variables_follow_sorted_attributes_then_submodules():
    # The order TensorFlow 2.21 gives for the same class.
    names = [v.name for v in Mixed().variables]
    assert names == ["aa:0", "z0:0", "za:0", "zb:0", "b:0", "w:0", "b:0", "w:0"]


def test_trainable_variables_leave_out_the_frozen_ones():
    names = [v.name for v in Mixed().trainable_variables]
    assert names == ["z0:0", "za:0", "zb:0", "b:0", "w:0", "b:0", "w:0"]


def test_submodules_are_found_through_attributes():
    m = Mixed()
    assert m.submodules == (m.dense_1, m.dense_2)


def test_submodules_walk_depth_first_after_each_level():
    outer = tf.Module(name="outer")
    outer.a, outer.b = tf.Module(name="a"), tf.Module(name="b")
    outer.a.inner = tf.Module(name="inner")
    assert [s.name for s in outer.submodules] == ["a", "b", "inner"]


def test_flatten_with_path_names_each_variable_by_its_attributes():
    paths = [p for p, _ in Mixed()._flatten(lambda x: isinstance(x, tf.Variable), True)][:3]
    assert paths == [("aa",), ("zz", 0), ("zz", 1, "a")]


def test_default_name_is_the_class_name_in_snake_case():
    class CamelCaseHTTPThing(tf.Module):
        pass
    assert CamelCaseHTTPThing().name == "camel_case_http_thing"


def test_name_must_be_an_identifier():
    with pytest.raises(ValueError, match="'a b' is not a valid module name"):
        tf.Module(name="a b")


def test_name_scope_includes_the_scope_at_construction():
    with tf.name_scope("outer"):
        m = tf.Module(name="inner")
    assert m.name_scope.name == "outer/inner/"


def test_with_name_scope_names_variables_made_inside():
    class Lazy(tf.Module):
        @tf.Module.with_name_scope
        def __call__(self, x):
            if not hasattr(self, "w"):
                self.w = tf.Variable(tf.ones([3, 2]), name="w")
            return tf.matmul(x, self.w)
    m = Lazy()
    m(tf.ones([1, 3]))
    assert m.w.name == "lazy/w:0"


def test_with_name_scope_names_variables_made_inside_a_function():
    class Lazy(tf.Module):
        @tf.Module.with_name_scope
        def __call__(self, x):
            if not hasattr(self, "w"):
                self.w = tf.Variable(tf.ones([3, 2]), name="w")
            return tf.matmul(x, self.w)
    m = Lazy()
    tf.function(lambda x: m(x))(tf.ones([1, 3]))
    assert m.w.name == "lazy/w:0"


def test_a_variable_made_in_a_function_takes_the_function_scope_not_the_callers():
    made = []

    @tf.function
    def f(x):
        if not made:
            with tf.name_scope("inner"):
                made.append(tf.Variable(1.0, name="v"))
            made.append(tf.Variable(1.0, name="u"))
        return x + made[0]
    with tf.name_scope("outer"):
        f(tf.constant(1.0))
    assert [v.name for v in made] == ["inner/v:0", "u:0"]  # as in TensorFlow 2.21


def test_variables_made_lazily_inside_a_function_are_found():
    tf.random.set_seed(0)
    model = TracedSequential(name="the_model")
    y = model(tf.constant([[2.0, 2.0, 2.0]]))
    assert (y.shape, [v.name for v in model.variables]) == \
        ((1, 2), ["b:0", "w:0", "b:0", "w:0"])


def test_the_guide_model_trains_with_a_tape_and_an_optimizer():
    tf.random.set_seed(2)  # the variables made in the traced call are drawn from it
    model = TracedSequential()
    x = tf.constant(np.random.default_rng(0).normal(size=(16, 3)), tf.float32)
    target = tf.constant(np.full((16, 2), 0.5), tf.float32)
    opt = tf.keras.optimizers.Adam(0.05)
    losses = []
    for _ in range(50):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(x) - target))
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables),
                                model.trainable_variables))
        losses.append(float(loss))
    assert losses[-1] < losses[0] / 100


def test_checkpoint_keys_follow_attributes(tmp_path):
    tf.random.set_seed(0)
    model = TracedSequential()
    model(tf.constant([[2.0, 2.0, 2.0]]))
    path = tf.train.Checkpoint(model=model).write(str(tmp_path / "ckpt"))
    assert sorted(files.Reader(path).tensors) == [p + "/.ATTRIBUTES/VARIABLE_VALUE" for p in [
        "model/dense_1/b", "model/dense_1/w", "model/dense_2/b", "model/dense_2/w"]]  # TF 2.21


def test_checkpoint_restores_a_module(tmp_path):
    m = Mixed()
    ckpt = tf.train.Checkpoint(model=m)
    path = ckpt.save(str(tmp_path / "ckpt"))
    saved = m.dense_1.w.numpy()
    m.dense_1.w.assign(tf.zeros([3, 3]))
    ckpt.restore(path).assert_consumed()
    np.testing.assert_array_equal(m.dense_1.w.numpy(), saved)
