"""TensorFlow 1.x's `compat.v1.losses`: values, reductions, op names and the LOSSES collection,
as TensorFlow 2.21 computes and names them."""
import numpy as np
import pytest

import minitf.compat.v1 as tf

losses = tf.losses


def run(t):
    with tf.Session() as sess:
        return sess.run(t)


def test_mean_squared_error_divides_by_the_nonzero_weights(graph):
    loss = losses.mean_squared_error([[1.0], [2.0], [3.0]], [[1.0], [4.0], [0.0]],
                                     weights=[[1.0], [0.0], [2.0]])
    assert (loss.name, run(loss)) == ("mean_squared_error/value:0", 9.0)


@pytest.mark.parametrize("reduction, expected", [
    (losses.Reduction.SUM, 13.0), (losses.Reduction.MEAN, 3.25),
    (losses.Reduction.SUM_OVER_BATCH_SIZE, 6.5)])
def test_reductions(graph, reduction, expected):
    loss = losses.mean_squared_error([1.0, 2.0], [2.0, 4.0], weights=[1.0, 3.0],
                                     reduction=reduction)
    assert run(loss) == expected


def test_no_reduction_keeps_the_elementwise_losses(graph):
    loss = losses.absolute_difference([1.0, 2.0], [2.0, 4.0], reduction=losses.Reduction.NONE)
    assert run(loss).tolist() == [1.0, 2.0]


def test_cross_entropies_with_label_smoothing(graph):
    values = run([losses.sparse_softmax_cross_entropy([0, 1], [[1.0, 0.0], [0.0, 3.0]]),
                  losses.softmax_cross_entropy([[1.0, 0.0]], [[1.0, 2.0]], label_smoothing=0.2),
                  losses.sigmoid_cross_entropy([[1.0, 0.0]], [[1.0, 2.0]], label_smoothing=0.1)])
    np.testing.assert_allclose(values, [0.18092449, 1.2132617, 1.1950948], rtol=1e-6)


def test_losses_are_collected_and_totalled(graph):
    losses.mean_squared_error([1.0], [3.0])
    losses.absolute_difference([1.0], [3.0])
    total = losses.get_total_loss()
    assert ([t.name for t in losses.get_losses()], run(total)) == (
        ["mean_squared_error/value:0", "absolute_difference/value:0"], 6.0)


def test_shapes_must_match(graph):
    with pytest.raises(ValueError, match=r"Shapes \(3,\) and \(2,\) are incompatible"):
        losses.mean_squared_error([1.0, 2.0], [1.0, 2.0, 3.0])


def test_an_unknown_reduction_is_refused(graph):
    with pytest.raises(ValueError, match="Invalid Reduction Key"):
        losses.mean_squared_error([1.0], [1.0], reduction="mean")
