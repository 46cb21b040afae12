"""The optimizers, v1 (graph ops) and v2 (eager): each update rule against its formula, the two
fronts against each other, slots, the global step, None gradients and gradient clipping."""
import inspect
import warnings

import numpy as np
import pytest

import minitf as tf
from minitf.compat import v1


def test_v1_minimize_returns_a_train_op(graph):
    w = tf.Variable([1.0, -2.0])
    loss = tf.reduce_sum(w * w)
    train = v1.train.GradientDescentOptimizer(0.1).minimize(loss)
    assert train.name == "GradientDescent"
    assert "ResourceApplyGradientDescent" in {op.type for op in graph.get_operations()}
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        sess.run(train)
        np.testing.assert_allclose(sess.run(w), [0.8, -1.6])


def test_v1_compute_then_apply_with_global_step(graph):
    w = tf.Variable(3.0)
    step = v1.train.get_or_create_global_step()
    assert v1.train.get_or_create_global_step() is step and step.dtype is tf.int64
    opt = v1.train.GradientDescentOptimizer(0.5)
    grads_and_vars = opt.compute_gradients(w * w)
    assert grads_and_vars[0][1] is w
    train = opt.apply_gradients(grads_and_vars, global_step=step)
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        assert (sess.run(w), sess.run(step)) == (0.0, 2)


def test_v1_minimize_without_any_gradient_raises(graph):
    w = tf.Variable(1.0)
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        v1.train.GradientDescentOptimizer(0.1).minimize(tf.constant(1.0) * 2.0, var_list=[w])


def test_v1_none_gradients_are_skipped_silently(graph):
    # TensorFlow 2.21's v1 optimizers skip a None gradient without a word.
    w, unused = tf.Variable(1.0), tf.Variable(1.0, name="unused")
    opt = v1.train.GradientDescentOptimizer(0.1)
    grads_and_vars = opt.compute_gradients(w * w)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        opt.apply_gradients(grads_and_vars)


def test_v1_minimize_of_one_model_says_nothing_of_another(graph):
    w, other_model = tf.Variable(1.0), tf.Variable(1.0, name="other_model")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        v1.train.GradientDescentOptimizer(0.1).minimize(w * w)


def test_v2_sgd_apply_gradients_and_iterations():
    w = tf.Variable([1.0, -2.0])
    opt = tf.optimizers.SGD(learning_rate=0.1)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(w * w)
    opt.apply_gradients(zip(tape.gradient(loss, [w]), [w]))
    np.testing.assert_allclose(w.numpy(), [0.8, -1.6])
    assert int(opt.iterations) == 1


def test_v2_sgd_minimize_and_defaults():
    assert tf.keras.optimizers.SGD is tf.optimizers.SGD
    assert tf.optimizers.SGD().learning_rate == 0.01
    w = tf.Variable(2.0)
    tf.optimizers.SGD(0.25).minimize(lambda: w * w, [w])
    assert float(w) == 1.0


def test_v2_none_gradients_warn_and_all_none_raise():
    w, u = tf.Variable(1.0), tf.Variable(1.0, name="u")
    opt = tf.optimizers.SGD(0.1)
    with pytest.warns(UserWarning, match="u:0"):
        opt.apply_gradients([(tf.constant(1.0), w), (None, u)])
    with pytest.raises(ValueError, match="No gradients provided"):
        opt.apply_gradients([(None, u)])


def test_both_fronts_follow_the_same_trajectory():
    x_data = np.linspace(-1, 1, 8, dtype=np.float32).reshape(-1, 1)
    y_data = 3 * x_data + 1
    w2, b2 = tf.Variable([[0.5]]), tf.Variable([0.0])
    opt = tf.optimizers.SGD(0.3)
    for _ in range(5):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(x_data, w2) + b2 - y_data))
        opt.apply_gradients(zip(tape.gradient(loss, [w2, b2]), [w2, b2]))
    with tf.Graph().as_default():
        x = v1.placeholder(tf.float32, [None, 1])
        w1, b1 = tf.Variable([[0.5]]), tf.Variable([0.0])
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w1) + b1 - y_data))
        train = v1.train.GradientDescentOptimizer(0.3).minimize(loss)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for _ in range(5):
                sess.run(train, {x: x_data})
            w, b = sess.run([w1, b1])
    np.testing.assert_array_equal(w, w2.numpy())  # bit for bit: the same kernels
    np.testing.assert_array_equal(b, b2.numpy())


# -- each update rule against its published formula, in numpy --------------------------------
# A reference rule is rule(w, g, state, t, **hyperparameters) -> new w, for step t = 1, 2, ...;
# `state` (a dict) keeps the slots between steps. The hyperparameters written here are
# TensorFlow's documented defaults, so the optimizers below are built with as few arguments as
# possible: a wrong default changes the trajectory.
def sgd(w, g, state, t, lr):
    return w - lr * g


def momentum_v1(w, g, state, t, lr, mu, nesterov=False):
    a = state["a"] = mu * state.get("a", 0.0) + g
    return w - lr * (g + mu * a) if nesterov else w - lr * a


def momentum_v2(w, g, state, t, lr, mu, nesterov=False):
    a = state["a"] = mu * state.get("a", 0.0) - lr * g
    return w + mu * a - lr * g if nesterov else w + a


def adam(w, g, state, t, lr=0.001, b1=0.9, b2=0.999, eps=1e-8, amsgrad=False, v1=False):
    m = state["m"] = b1 * state.get("m", 0.0) + (1 - b1) * g
    v = state["v"] = b2 * state.get("v", 0.0) + (1 - b2) * g * g
    if amsgrad:
        v = state["vhat"] = np.maximum(state.get("vhat", 0.0), v)
    # 1 - beta**t loses digits to cancellation in float32, in TensorFlow too, so beta**t is
    # computed in float32 as each front does: v1 multiplies variables by beta, v2 takes powers.
    if v1:
        b1_t = state["b1_t"] = np.float32(state.get("b1_t", 1)) * np.float32(b1)
        b2_t = state["b2_t"] = np.float32(state.get("b2_t", 1)) * np.float32(b2)
    else:
        b1_t, b2_t = np.float32(b1) ** np.float32(t), np.float32(b2) ** np.float32(t)
    return w - lr * np.sqrt(1 - b2_t) / (1 - b1_t) * m / (np.sqrt(v) + eps)


def rmsprop_v1(w, g, state, t, lr, rho=0.9, mu=0.0, eps=1e-10, centered=False):
    ms = state["ms"] = rho * state.get("ms", 1.0) + (1 - rho) * g * g   # starts at ones
    mg = state["mg"] = rho * state.get("mg", 0.0) + (1 - rho) * g if centered else 0.0
    mom = state["mom"] = mu * state.get("mom", 0.0) + lr * g / np.sqrt(ms - mg * mg + eps)
    return w - mom


def rmsprop_v2(w, g, state, t, lr=0.001, rho=0.9, mu=0.0, eps=1e-7, centered=False):
    ms = state["ms"] = rho * state.get("ms", 0.0) + (1 - rho) * g * g   # starts at zeros
    mg = state["mg"] = rho * state.get("mg", 0.0) + (1 - rho) * g if centered else 0.0
    mom = state["mom"] = mu * state.get("mom", 0.0) + lr * g / np.sqrt(ms - mg * mg + eps)
    return w - mom


def adagrad_v1(w, g, state, t, lr=0.001, init=0.1):
    acc = state["acc"] = state.get("acc", init) + g * g
    return w - lr * g / np.sqrt(acc)


def adagrad_v2(w, g, state, t, lr=0.001, init=0.1, eps=1e-7):
    acc = state["acc"] = state.get("acc", init) + g * g
    return w - lr * g / np.sqrt(acc + eps)  # epsilon inside the root, as tf.keras 2


W0 = np.array([0.5, -1.0, 2.0], np.float32)
GRADS = np.random.default_rng(7).normal(size=(6, 3)).astype(np.float32)


def reference(rule, scale, **hyper):
    """The rule's path from W0 * scale over GRADS * scale, in float64 from the float32 values of
    the hyperparameters (as the optimizers hold them)."""
    params = list(inspect.signature(rule).parameters.values())[4:]
    hyper = {p.name: hyper.get(p.name, p.default) for p in params}
    hyper = {k: float(np.float32(v)) if isinstance(v, float) else v for k, v in hyper.items()}
    w, state, out = W0.astype(np.float64) * scale, {}, []
    for t, g in enumerate(GRADS * scale, start=1):
        w = rule(w, g.astype(np.float64), state, t, **hyper)
        out.append(w)
    return np.array(out)


V1_RULES = [
    ("gd", lambda: v1.train.GradientDescentOptimizer(0.1), sgd, dict(lr=0.1)),
    ("momentum", lambda: v1.train.MomentumOptimizer(0.05, 0.9), momentum_v1,
     dict(lr=0.05, mu=0.9)),
    ("nesterov", lambda: v1.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True), momentum_v1,
     dict(lr=0.05, mu=0.9, nesterov=True)),
    ("adam", lambda: v1.train.AdamOptimizer(), adam, dict(v1=True)),
    ("adam lr", lambda: v1.train.AdamOptimizer(0.1), adam, dict(lr=0.1, v1=True)),
    ("rmsprop", lambda: v1.train.RMSPropOptimizer(0.01), rmsprop_v1, dict(lr=0.01)),
    ("rmsprop momentum", lambda: v1.train.RMSPropOptimizer(0.01, momentum=0.5), rmsprop_v1,
     dict(lr=0.01, mu=0.5)),
    ("rmsprop centered", lambda: v1.train.RMSPropOptimizer(0.01, 0.8, 0.5, 1e-6, centered=True),
     rmsprop_v1, dict(lr=0.01, rho=0.8, mu=0.5, eps=1e-6, centered=True)),
    ("adagrad", lambda: v1.train.AdagradOptimizer(0.3), adagrad_v1, dict(lr=0.3)),
]

V2_RULES = [
    ("sgd", lambda: tf.optimizers.SGD(), sgd, dict(lr=0.01)),
    ("momentum", lambda: tf.optimizers.SGD(0.05, momentum=0.9), momentum_v2,
     dict(lr=0.05, mu=0.9)),
    ("nesterov", lambda: tf.optimizers.SGD(0.05, 0.9, nesterov=True), momentum_v2,
     dict(lr=0.05, mu=0.9, nesterov=True)),
    ("adam", lambda: tf.optimizers.Adam(), adam, dict(eps=1e-7)),
    ("adam amsgrad", lambda: tf.optimizers.Adam(0.1, amsgrad=True), adam,
     dict(lr=0.1, eps=1e-7, amsgrad=True)),
    ("rmsprop", lambda: tf.optimizers.RMSprop(), rmsprop_v2, dict()),
    ("rmsprop momentum", lambda: tf.optimizers.RMSprop(0.01, momentum=0.5), rmsprop_v2,
     dict(lr=0.01, mu=0.5)),
    ("rmsprop centered", lambda: tf.optimizers.RMSprop(0.01, 0.8, 0.5, 1e-6, centered=True),
     rmsprop_v2, dict(lr=0.01, rho=0.8, mu=0.5, eps=1e-6, centered=True)),
    ("adagrad", lambda: tf.optimizers.Adagrad(), adagrad_v2, dict()),
]

# Variables and gradients of size 1e-4 make epsilon (and where it is added) visible.
SCALES = [pytest.param(1.0, id="unit"), pytest.param(1e-4, id="tiny")]


def assert_float32_close(actual, expected, scale):
    np.testing.assert_allclose(actual, expected, rtol=2e-6, atol=1e-7 * scale)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("make, rule, hyper", [pytest.param(*r[1:], id=r[0]) for r in V1_RULES])
def test_v1_rule_follows_its_formula(graph, make, rule, hyper, scale):
    w = tf.Variable(W0 * scale, name="w")
    g = v1.placeholder(tf.float32, [3])
    train = make().apply_gradients([(g, w)])
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        path = [sess.run(w) for grad in GRADS * scale if sess.run(train, {g: grad}) is None]
    assert_float32_close(path, reference(rule, scale, **hyper), scale)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("make, rule, hyper", [pytest.param(*r[1:], id=r[0]) for r in V2_RULES])
def test_v2_rule_follows_its_formula(make, rule, hyper, scale):
    w = tf.Variable(W0 * scale, name="w")
    opt = make()
    path = []
    for grad in GRADS * scale:
        opt.apply_gradients([(tf.constant(grad), w)])
        path.append(w.numpy())
    assert_float32_close(path, reference(rule, scale, **hyper), scale)
    assert int(opt.iterations) == len(GRADS)


def test_rmsprop_and_adagrad_put_epsilon_where_each_front_documents():
    g = tf.constant([1e-4])
    w1, w2 = tf.Variable([0.0]), tf.Variable([0.0])
    tf.optimizers.RMSprop(1.0, epsilon=1e-6).apply_gradients([(g, w1)])
    tf.optimizers.Adagrad(1.0, initial_accumulator_value=0.0, epsilon=1e-6).apply_gradients(
        [(g, w2)])
    # tf.keras 2 (tf_keras 2.21's tf.keras.optimizers) divides by sqrt(ms + epsilon) and by
    # sqrt(accumulator + epsilon): w1 (-0.09995004) and w2 (-0.09950372) were checked against it.
    np.testing.assert_allclose(w1.numpy(), -1e-4 / np.sqrt(0.1e-8 + 1e-6), rtol=1e-6)
    np.testing.assert_allclose(w2.numpy(), -1e-4 / np.sqrt(1e-8 + 1e-6), rtol=1e-6)


# -- the two fronts on one problem ------------------------------------------------------------
def train_v1(make, steps):
    with tf.Graph().as_default():
        w = tf.Variable(W0)
        train = make().minimize(tf.reduce_sum(tf.square(w - 1.0) * [1.0, 2.0, 3.0]))
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for _ in range(steps):
                sess.run(train)
            return sess.run(w)


def train_v2(opt, steps):
    w = tf.Variable(W0)
    for _ in range(steps):
        opt.minimize(lambda: tf.reduce_sum(tf.square(w - 1.0) * [1.0, 2.0, 3.0]), [w])
    return w.numpy()


@pytest.mark.parametrize("make_v1, make_v2", [
    pytest.param(lambda: v1.train.MomentumOptimizer(0.05, 0.9),
                 lambda: tf.optimizers.SGD(0.05, 0.9), id="momentum"),
    pytest.param(lambda: v1.train.AdamOptimizer(0.05, epsilon=1e-7),
                 lambda: tf.optimizers.Adam(0.05), id="adam"),
    pytest.param(lambda: v1.train.AdagradOptimizer(0.3),
                 lambda: tf.optimizers.Adagrad(0.3, epsilon=0.0), id="adagrad"),
])
def test_v1_and_v2_reach_the_same_point(make_v1, make_v2):
    np.testing.assert_allclose(train_v1(make_v1, 20), train_v2(make_v2(), 20), rtol=1e-5,
                               atol=1e-6)


def test_v1_and_v2_adagrad_agree_bit_for_bit_without_epsilon():
    np.testing.assert_array_equal(train_v1(lambda: v1.train.AdagradOptimizer(0.3), 5),
                                  train_v2(tf.optimizers.Adagrad(0.3, epsilon=0.0), 5))


def test_v2_step_builds_the_same_ops_in_a_graph():
    with tf.Graph().as_default():
        w = tf.Variable(W0)
        opt = tf.optimizers.Adam(0.05)
        loss = tf.reduce_sum(tf.square(w - 1.0) * [1.0, 2.0, 3.0])
        train = opt.apply_gradients(zip(tf.gradients(loss, [w]), [w]))
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for _ in range(5):
                sess.run(train)
            in_graph = sess.run(w)
    np.testing.assert_array_equal(in_graph, train_v2(tf.optimizers.Adam(0.05), 5))


def test_v2_step_traced_in_a_function_matches_eager_and_makes_variables_once():
    def run(traced):
        w = tf.Variable(W0)
        opt = tf.optimizers.RMSprop(0.05, momentum=0.5, centered=True, clipnorm=1.0)

        def step(scale):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(tf.square(w * scale - 1.0))
            opt.apply_gradients(zip(tape.gradient(loss, [w]), [w]))
        step = tf.function(step) if traced else step
        for i in range(4):
            step(tf.constant(1.0 + i))
        return w.numpy(), opt.variables()
    (eager, eager_vars), (traced, traced_vars) = run(False), run(True)
    np.testing.assert_array_equal(traced, eager)
    assert len(traced_vars) == len(eager_vars) == 4 and int(traced_vars[0]) == 4


# -- slots and the global step ----------------------------------------------------------------
@pytest.mark.parametrize("make, slots", [
    (lambda: v1.train.MomentumOptimizer(0.1, 0.9), {"momentum": "w/Momentum:0"}),
    (lambda: v1.train.AdamOptimizer(), {"m": "w/Adam:0", "v": "w/Adam_1:0"}),
    (lambda: v1.train.RMSPropOptimizer(0.1, centered=True),
     {"mg": "w/RMSProp_1:0", "momentum": "w/RMSProp_2:0", "rms": "w/RMSProp:0"}),
    (lambda: v1.train.AdagradOptimizer(0.1), {"accumulator": "w/Adagrad:0"}),
])
def test_v1_slots_have_tensorflows_names(graph, make, slots):
    w = tf.Variable([1.0, 2.0], name="w")
    opt = make()
    opt.minimize(tf.reduce_sum(w * w))
    assert opt.get_slot_names() == sorted(slots)
    assert {n: opt.get_slot(w, n).name for n in slots} == slots
    assert opt.get_slot(w, "nope") is None
    assert set(slots.values()) <= {v.name for v in v1.global_variables()}
    assert [v.name for v in v1.trainable_variables()] == ["w:0"]


def test_v1_adam_keeps_beta_powers_and_increments_the_global_step_once(graph):
    w, b = tf.Variable([1.0, 2.0], name="w"), tf.Variable(0.5, name="b")
    step = v1.train.get_or_create_global_step()
    opt = v1.train.AdamOptimizer(0.1, beta1=0.5, beta2=0.25)
    train = opt.minimize(tf.reduce_sum(w * w) + b * b, global_step=step)
    assert train.name == "Adam" and graph.get_operation_by_name("Adam/update").type == "NoOp"
    assert [v.name for v in opt.variables()] == [
        "b/Adam:0", "b/Adam_1:0", "beta1_power:0", "beta2_power:0", "w/Adam:0", "w/Adam_1:0"]
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        assert sess.run(step) == 3
        np.testing.assert_allclose(sess.run(opt.variables()[2:4]), [0.5 ** 4, 0.25 ** 4])


def test_v1_initializer_built_before_the_slots_fails_naming_one(graph):
    w = tf.Variable(1.0, name="w")
    init = v1.global_variables_initializer()
    train = v1.train.MomentumOptimizer(0.1, 0.9).minimize(w * w)
    with v1.Session() as sess:
        sess.run(init)
        with pytest.raises(tf.errors.FailedPreconditionError, match="w/Momentum"):
            sess.run(train)
        sess.run(v1.global_variables_initializer())
        sess.run(train)
        assert sess.run(w) == pytest.approx(0.8)


def test_v2_slots_are_made_once_on_the_first_step():
    w, b = tf.Variable([1.0, 2.0], name="w"), tf.Variable(0.5, name="b")
    opt = tf.optimizers.Adam(0.1)
    assert opt.variables() == []
    opt.minimize(lambda: tf.reduce_sum(w * w) + b * b, [w, b])
    made = opt.variables()
    assert [v.name for v in made] == ["Adam/iter:0", "Adam/w/m:0", "Adam/b/m:0", "Adam/w/v:0",
                                      "Adam/b/v:0"]
    assert opt.get_slot_names() == ["m", "v"] and opt.get_slot(w, "v") is made[3]
    opt.minimize(lambda: tf.reduce_sum(w * w) + b * b, [w, b])
    assert all(a is b for a, b in zip(opt.variables(), made)) and len(opt.variables()) == 5
    assert int(opt.iterations) == 2 and opt.iterations.dtype is tf.int64
    with pytest.raises(KeyError, match="no slot 'momentum' for variable w:0"):
        opt.get_slot(w, "momentum")


def test_v2_slot_names_of_each_optimizer():
    w = tf.Variable([1.0, 2.0], name="w")
    for opt, names in [(tf.optimizers.SGD(0.1), []), (tf.optimizers.SGD(0.1, 0.5), ["momentum"]),
                       (tf.optimizers.Adam(amsgrad=True), ["m", "v", "vhat"]),
                       (tf.optimizers.RMSprop(momentum=0.5, centered=True),
                        ["rms", "momentum", "mg"]),
                       (tf.optimizers.Adagrad(), ["accumulator"])]:
        opt.apply_gradients([(tf.constant([1.0, 1.0]), w)])
        assert opt.get_slot_names() == names
    assert tf.keras.optimizers.Adam is tf.optimizers.Adam


def test_v2_momentum_must_be_in_zero_one():
    with pytest.raises(ValueError, match="momentum"):
        tf.optimizers.SGD(0.1, momentum=1.5)


def test_none_gradient_warnings_and_errors_name_the_variables_and_the_loss(graph):
    w, unused = tf.Variable(1.0, name="w"), tf.Variable(1.0, name="unused")
    loss = tf.multiply(tf.constant(2.0), 3.0, name="my_loss")
    with pytest.raises(ValueError, match="'w:0', 'unused:0'.*my_loss"):
        v1.train.AdamOptimizer().minimize(loss, var_list=[w, unused])
    with pytest.warns(UserWarning, match=r"Gradients do not exist for variables \['unused:0'\]"):
        v1.train.AdamOptimizer().minimize(w * w, var_list=[w, unused])


# -- gradient clipping ------------------------------------------------------------------------
G1, G2 = np.array([3.0, -4.0], np.float32), np.array([12.0], np.float32)


def one_clipped_step(**clip):
    a, b = tf.Variable([0.0, 0.0]), tf.Variable([0.0])
    tf.optimizers.SGD(1.0, **clip).apply_gradients([(G1, a), (G2, b)])
    return -a.numpy(), -b.numpy()


@pytest.mark.parametrize("clip, expected", [
    ({"clipnorm": 2.0}, (G1 * 2 / 5, G2 * 2 / 12)),
    ({"clipnorm": 100.0}, (G1, G2)),
    ({"clipvalue": 3.5}, (np.array([3.0, -3.5]), np.array([3.5]))),
    ({"global_clipnorm": 6.5}, (G1 * 6.5 / 13, G2 * 6.5 / 13)),
    ({"global_clipnorm": 20.0}, (G1, G2)),
])
def test_v2_gradient_clipping(clip, expected):
    for got, want in zip(one_clipped_step(**clip), expected):
        np.testing.assert_allclose(got, want, rtol=1e-6)


def test_v2_only_one_kind_of_clipping():
    with pytest.raises(ValueError, match="Only one of `clipnorm`, `clipvalue`"):
        tf.optimizers.Adam(clipnorm=1.0, clipvalue=1.0)


# -- scipy: L-BFGS-B on a linear regression ---------------------------------------------------
X = np.random.default_rng(3).normal(size=(40, 3)).astype(np.float32)
Y = (X @ [[1.5], [-2.0], [0.5]] + 0.3 + 0.1 * np.random.default_rng(4).normal(size=(40, 1))
     ).astype(np.float32)
LSTSQ = np.linalg.lstsq(np.hstack([X, np.ones((40, 1))]).astype(np.float64), Y, rcond=None)[0]


def test_v1_scipy_interface_reaches_the_least_squares_solution(graph):
    x, y = v1.placeholder(tf.float32, [None, 3]), v1.placeholder(tf.float32, [None, 1])
    w, b = tf.Variable(tf.zeros([3, 1])), tf.Variable([0.0])
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
    opt = v1.contrib.opt.ScipyOptimizerInterface(loss, options={"gtol": 1e-10})
    losses = []
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        opt.minimize(sess, feed_dict={x: X, y: Y}, fetches=[loss], loss_callback=losses.append)
        w_value, b_value = sess.run([w, b])
    np.testing.assert_allclose(np.vstack([w_value, b_value]), LSTSQ, atol=1e-4)
    assert losses[-1] < losses[0]


def test_eager_scipy_minimize_reaches_the_least_squares_solution():
    w, b = tf.Variable(tf.zeros([3, 1])), tf.Variable([0.0])
    result = tf.optimizers.scipy_minimize(
        lambda: tf.reduce_mean(tf.square(tf.matmul(X, w) + b - Y)), [w, b],
        options={"gtol": 1e-10})
    assert result.success and result.x.shape == (4,)
    np.testing.assert_allclose(np.vstack([w.numpy(), b.numpy()]), LSTSQ, atol=1e-4)
    np.testing.assert_allclose(result.x, LSTSQ.ravel(), atol=1e-4)
