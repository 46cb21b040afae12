"""Keras layers: building on the first call, weights and their names, the core layers, and
errors; names, orders and messages as tf_keras (TensorFlow 2.21) gives them."""
import numpy as np
import pytest

import minitf as tf

keras = tf.keras


def test_dense_builds_on_first_call_from_the_input_shape():
    layer = keras.layers.Dense(3)
    layer(tf.ones([2, 5]))
    assert [(w.name, w.shape.as_list()) for w in layer.weights] == \
        [("dense/kernel:0", [5, 3]), ("dense/bias:0", [3])]


def test_dense_is_not_built_before_its_first_call():
    layer = keras.layers.Dense(3)
    assert (layer.built, layer.weights) == (False, [])


def test_layer_names_count_up_per_class():
    names = [keras.layers.Dense(1).name, keras.layers.Dense(1).name, keras.layers.Dropout(0.1).name]
    assert names == ["dense", "dense_1", "dropout"]


def test_dense_computes_matmul_plus_bias_then_activation():
    layer = keras.layers.Dense(2, activation="relu", kernel_initializer="ones",
                               bias_initializer="ones")
    y = layer(tf.constant([[1.0, -3.0]]))
    np.testing.assert_array_equal(y.numpy(), [[0.0, 0.0]])


def test_dense_without_bias_has_only_a_kernel():
    layer = keras.layers.Dense(2, use_bias=False)
    layer(tf.ones([1, 3]))
    assert [w.name for w in layer.weights] == ["dense/kernel:0"]


def test_dense_over_a_rank_3_input_works_on_the_last_axis():
    assert keras.layers.Dense(2)(tf.ones([2, 5, 3])).shape == (2, 5, 2)


def test_dense_casts_float64_inputs_to_float32():
    assert keras.layers.Dense(2)(np.ones([1, 3])).dtype == tf.float32


def test_dense_refuses_a_rank_1_input():
    with pytest.raises(ValueError, match='Input 0 of layer "dense" is incompatible with the '
                                         'layer: expected min_ndim=2, found ndim=1'):
        keras.layers.Dense(2)(tf.ones([3]))


def test_unknown_keyword_is_a_type_error():
    with pytest.raises(TypeError, match="Keyword argument not understood"):
        keras.layers.Dense(2, foo=1)


def test_count_params_before_build_is_an_error():
    with pytest.raises(ValueError, match="isn't built"):
        keras.layers.Dense(2).count_params()


def test_frozen_layer_moves_its_weights_to_non_trainable():
    layer = keras.layers.Dense(2, trainable=False)
    layer(tf.ones([1, 3]))
    assert (layer.trainable_weights, [w.name for w in layer.non_trainable_weights]) == \
        ([], ["dense/kernel:0", "dense/bias:0"])


class WithOwnAndSublayerWeights(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable(1.0, name="w")
        self.d = keras.layers.Dense(2)
        self.b = self.add_weight(name="b", shape=())

    def call(self, x):
        return self.d(x) * self.w + self.b


def test_a_layer_lists_its_own_weights_then_its_sublayers():
    layer = WithOwnAndSublayerWeights()
    layer(tf.ones([1, 3]))
    # tf_keras: ['w:0', 'b:0', '.../dense/kernel:0', '.../dense/bias:0']
    assert [w.name for w in layer.weights] == \
        ["w:0", "b:0", "with_own_and_sublayer_weights/dense/kernel:0",
         "with_own_and_sublayer_weights/dense/bias:0"]


def test_add_weight_with_trainable_false_is_non_trainable():
    layer = keras.layers.Layer()
    w = layer.add_weight("counter", shape=(), trainable=False)
    assert (layer.trainable_weights, layer.non_trainable_weights) == ([], [w])


def test_weights_made_in_a_traced_call_are_eager_variables():
    layer = keras.layers.Dense(2)
    tf.function(lambda x: layer(x))(tf.ones([1, 3]))
    assert [w.name for w in layer.weights] == ["dense/kernel:0", "dense/bias:0"]
    assert layer.kernel.numpy().shape == (3, 2)


def test_set_weights_checks_the_count():
    layer = keras.layers.Dense(2)
    layer(tf.ones([1, 3]))
    with pytest.raises(ValueError, match="was expecting 2 weights"):
        layer.set_weights([np.ones((3, 2))])


def test_set_weights_then_get_weights():
    layer = keras.layers.Dense(2)
    layer(tf.ones([1, 3]))
    layer.set_weights([np.ones((3, 2)), np.arange(2.0)])
    np.testing.assert_array_equal(layer.get_weights()[1], [0.0, 1.0])


def test_dropout_drops_and_scales_only_when_training():
    layer = keras.layers.Dropout(0.5, seed=3)
    dropped = layer(tf.ones([1000]), training=True).numpy()
    assert sorted(set(dropped.tolist())) == [0.0, 2.0]


def test_dropout_passes_through_by_default():
    np.testing.assert_array_equal(keras.layers.Dropout(0.5)(tf.ones([4])).numpy(), np.ones(4))


def test_dropout_rate_must_be_in_range():
    with pytest.raises(ValueError, match="Invalid value 1.5 received for `rate`"):
        keras.layers.Dropout(1.5)


def test_training_flag_reaches_a_nested_dropout():
    model = keras.Sequential([keras.layers.Dropout(0.5, input_shape=(100,))])
    assert 0.0 in model(tf.ones([1, 100]), training=True).numpy()


def test_training_is_dropped_for_a_layer_whose_call_does_not_take_it():
    assert keras.layers.Dense(2)(tf.ones([2, 3]), training=True).shape == (2, 2)


def test_flatten_keeps_the_batch_axis():
    assert keras.layers.Flatten()(tf.ones([2, 3, 4])).shape == (2, 12)


def test_flatten_of_a_vector_adds_an_axis():
    assert keras.layers.Flatten()(tf.ones([3])).shape == (3, 1)


def test_activation_layer_by_name():
    y = keras.layers.Activation("relu")(tf.constant([-1.0, 2.0]))
    np.testing.assert_array_equal(y.numpy(), [0.0, 2.0])


def test_unknown_activation_name():
    with pytest.raises(ValueError, match="Unknown activation function 'nope' cannot be "
                                         "deserialized"):
        keras.layers.Dense(1, activation="nope")


def test_input_prints_as_in_keras():
    x = keras.Input(shape=(3,))
    assert (repr(x), str(x)) == (
        "<KerasTensor: shape=(None, 3) dtype=float32 (created by layer 'input_1')>",
        "KerasTensor(type_spec=TensorSpec(shape=(None, 3), dtype=tf.float32, name='input_1'), "
        "name='input_1', description=\"created by layer 'input_1'\")")


def test_a_layer_called_on_an_input_gives_a_keras_tensor():
    h = keras.layers.Dense(4, activation="relu")(keras.Input(shape=(3,)))
    assert str(h) == ("KerasTensor(type_spec=TensorSpec(shape=(None, 4), dtype=tf.float32, "
                      "name=None), name='dense/Relu:0', description=\"created by layer 'dense'\")")


def test_keras_layers_work_in_a_v1_graph_and_session():
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 3])
        layer = keras.layers.Dense(2, kernel_initializer="ones")
        y = layer(x)
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            out = sess.run(y, {x: [[1.0, 2.0, 3.0]]})
    np.testing.assert_array_equal(out, [[6.0, 6.0]])


def test_add_loss_is_forgotten_by_the_next_outer_call():  # as tf_keras 2.21 does
    class Penalty(tf.keras.layers.Layer):
        def call(self, x):
            self.add_loss(tf.reduce_sum(x))
            return x

    class Outer(tf.keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.inner = Penalty()

        def call(self, x):
            return self.inner(x)

    layer = Outer()
    layer(tf.ones([2]))
    layer(tf.constant([3.0]))
    assert [float(loss) for loss in layer.losses] == [3.0]


def test_softmax_and_relu_layers():
    x = tf.constant([[0.0, 0.0, -1.0]])
    assert tf.keras.layers.Softmax()(x[:, :2]).numpy().tolist() == [[0.5, 0.5]]
    assert tf.keras.layers.ReLU()(x).numpy().tolist() == [[0.0, 0.0, 0.0]]


def test_add_and_concatenate_merge_a_list():
    a, b = tf.ones([1, 2]), tf.zeros([1, 2])
    assert tf.keras.layers.add([a, a]).numpy().tolist() == [[2.0, 2.0]]
    assert tf.keras.layers.Concatenate(axis=0)([a, b]).shape == (2, 2)


def test_a_merge_layer_wants_a_list():
    with pytest.raises(ValueError, match="list of at least 1 input"):
        tf.keras.layers.Add()(tf.ones([2]))
