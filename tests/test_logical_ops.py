"""Logical and bitwise ops and the `& | ^ ~` operators: logical on bool tensors, bitwise on
integer ones, named as TensorFlow names them."""
import pytest

import minitf as tf


def test_operators_on_bool_tensors_are_logical():
    a, b = tf.constant([True, True, False]), tf.constant([True, False, False])
    assert (a & b).numpy().tolist() == [True, False, False]
    assert (a | b).numpy().tolist() == [True, True, False]
    assert (a ^ b).numpy().tolist() == [False, True, False]
    assert (~a).numpy().tolist() == [False, False, True]
    assert (True & b).numpy().tolist() == [True, False, False]


def test_operators_on_integer_tensors_are_bitwise():
    a, b = tf.constant([12, -1]), tf.constant([10, 6])
    assert (a & b).numpy().tolist() == [8, 6]
    assert (a | 1).numpy().tolist() == [13, -1]
    assert (3 ^ b).numpy().tolist() == [9, 5]
    assert (~a).numpy().tolist() == [-13, 0]


def test_operators_work_on_variables():
    v = tf.Variable([True, False])
    assert (v & True).numpy().tolist() == [True, False]
    assert (~v).numpy().tolist() == [False, True]


def test_operators_reject_floats():
    with pytest.raises(tf.errors.InvalidArgumentError, match="BitwiseAnd"):
        tf.constant([1.0]) & tf.constant([1.0])


def test_logical_ops_take_only_bools(graph):
    with pytest.raises(TypeError, match="Input 'y' of 'LogicalAnd' Op has type int32"):
        tf.logical_and(tf.constant([True]), tf.constant([1]))


def test_graph_names_follow_tensorflow(graph):
    a, b = tf.constant([True]), tf.constant([False])
    i = tf.constant([3])
    assert [(a & b).name, (a | b).name, (~a).name, (True & a).name] == [
        "and:0", "or:0", "LogicalNot:0", "and_1:0"]
    assert (a ^ b).name == "xor:0"
    assert [(i & i).name, (~i).name] == ["and_2/BitwiseAnd:0", "Invert:0"]
    assert tf.math.logical_xor(a, b).name == "LogicalXor:0"
    names = [op.name for op in graph.get_operations()]
    assert {"and_1/x", "xor/LogicalOr", "xor/LogicalAnd", "xor/LogicalNot"} <= set(names)
