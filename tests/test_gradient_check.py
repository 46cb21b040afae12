"""Every differentiable op against central differences in float64, eagerly (GradientTape) and in
a graph (`gradients` + Session), with static and with run-time-only (unknown) shapes.

One table (CASES) drives it; `test_every_differentiable_op_has_a_row` fails when an op with a
gradient is registered without a row here.
"""
import itertools
import logging

import numpy as np
import pytest

import minitf as tf
from minitf.ops import list_ops
from minitf.ops.strided_slice_ops import Bound
from minitf.ops.registry import OPS, execute

M, N = 2, 3
PAIRINGS = [(), (N,), (1, N), (M, 1), (M, N)]


def anywhere(rng, shape):
    return rng.uniform(-2.0, 2.0, shape)


def positive(rng, shape):
    return rng.uniform(0.5, 2.0, shape)


def away_from_zero(rng, shape):
    return rng.uniform(0.5, 2.0, shape) * rng.choice([-1.0, 1.0], shape)


def inside_one(rng, shape):
    """Values in (-0.9, 0.9): inside the domains of asin and acos, away from tan's poles."""
    return rng.uniform(-0.9, 0.9, shape)


def with_zeros(rng, shape):
    """Values with about a third set to exactly 0 (a product is linear in each, so central
    differences stay exact there)."""
    return anywhere(rng, shape) * (rng.uniform(size=shape) > 0.33)


def off_bounds(rng, shape):
    """Values at least 0.2 away from -1 and 1, the bounds the clip cases use."""
    return rng.choice([-1.5, 0.0, 1.5], shape) + rng.uniform(-0.3, 0.3, shape)


def well_conditioned(rng, shape):
    """Square matrices near 3 I: far from singular, so inverses and determinants are smooth."""
    return 3 * np.eye(shape[-1]) + rng.uniform(-1.0, 1.0, shape)


def mid_integer(rng, shape):
    """Values near k + 0.5, far from the kinks of floor/mod at the integers."""
    return rng.integers(-3, 3, shape) + rng.uniform(0.3, 0.7, shape)


def simplex(axis=-1):
    """Positive values summing to 1 along `axis`: the labels of the softmax losses."""
    def domain(rng, shape):
        p = rng.uniform(0.1, 1.0, shape)
        return p / p.sum(axis, keepdims=True)
    return domain


class Case:
    def __init__(self, name, fn, shapes, covers, domain=anywhere, binary=False, delta=1e-6,
                 tolerance=1e-6, unknown_shapes=False):
        self.name, self.fn, self.shapes, self.covers = name, fn, shapes, covers
        self.domain, self.binary, self.delta, self.tolerance = domain, binary, delta, tolerance
        self.unknown_shapes = binary or unknown_shapes

    def domains(self):
        return self.domain if isinstance(self.domain, tuple) else (self.domain,) * len(self.shapes)


def unranked(x):
    """x with no static shape: in a graph, shapes, ranks and axes are known only at run time."""
    return tf.compat.v1.placeholder_with_default(x, None)


def binary(name, fn, covers, domain=anywhere):
    return [Case("%s %s %s" % (name, a, b), fn, [a, b], covers, domain, binary=True)
            for a, b in itertools.product(PAIRINGS, PAIRINGS)]


CASES = [
    # -- arithmetic and reductions ---------------------------------------------------------
    *binary("add", tf.add, ["AddV2"]),
    *binary("subtract", tf.subtract, ["Sub"]),
    *binary("multiply", tf.multiply, ["Mul"]),
    *binary("divide", tf.divide, ["RealDiv"], (anywhere, away_from_zero)),
    *binary("pow", tf.pow, ["Pow"], (positive, anywhere)),
    *binary("floormod", tf.math.floormod, ["FloorMod"], (mid_integer, lambda r, s: np.ones(s))),
    Case("negative", tf.negative, [(M, N)], ["Neg"]),
    Case("square", tf.square, [(M, N)], ["Square"]),
    Case("sqrt", tf.sqrt, [(M, N)], ["Sqrt"], positive),
    Case("exp", tf.exp, [(M, N)], ["Exp"]),
    Case("log", tf.math.log, [(M, N)], ["Log"], positive),
    Case("abs", tf.abs, [(M, N)], ["Abs"], away_from_zero),
    Case("sign", lambda x: x * tf.sign(x), [(M, N)], ["Sign"], away_from_zero),
    Case("cast", lambda x: tf.cast(tf.cast(x, tf.float32), tf.float64) * x, [(M, N)], ["Cast"],
         delta=1e-3, tolerance=1e-4),  # the float32 step rounds: a wider difference
    Case("matmul", tf.matmul, [(M, N), (N, 4)], ["MatMul"]),
    Case("matmul transpose_a", lambda a, b: tf.matmul(a, b, transpose_a=True),
         [(N, M), (N, 4)], ["MatMul"]),
    Case("matmul transpose_b", lambda a, b: tf.matmul(a, b, transpose_b=True),
         [(M, N), (4, N)], ["MatMul"]),
    Case("matmul transpose both", lambda a, b: tf.matmul(a, b, True, True),
         [(N, M), (4, N)], ["MatMul"]),
    Case("batch matmul", tf.matmul, [(2, M, N), (2, N, 2)], ["BatchMatMulV2"]),
    Case("batch matmul broadcast", lambda a, b: tf.matmul(a, b, transpose_b=True),
         [(1, M, N), (2, 2, N)], ["BatchMatMulV2"]),
    Case("reduce_sum all", tf.reduce_sum, [(M, N)], ["Sum"]),
    Case("reduce_sum axis", lambda x: tf.reduce_sum(x, axis=1), [(M, N)], ["Sum"]),
    Case("reduce_sum keepdims", lambda x: tf.reduce_sum(x, axis=0, keepdims=True), [(M, N)],
         ["Sum"]),
    Case("reduce_mean all", tf.reduce_mean, [(M, N)], ["Mean"]),
    Case("reduce_mean axis", lambda x: tf.reduce_mean(x, axis=-1), [(2, M, N)], ["Mean"]),
    Case("reduce_mean axes keepdims", lambda x: tf.reduce_mean(x, [0, 2], keepdims=True),
         [(2, M, N)], ["Mean"]),
    Case("add_n", lambda a, b, c: tf.add_n([a, b, c]), [(M, N)] * 3, ["AddN"]),
    *binary("maximum", tf.maximum, ["Maximum"]),
    *binary("minimum", tf.minimum, ["Minimum"]),
    *binary("squared_difference", tf.math.squared_difference, ["SquaredDifference"]),
    *binary("divide_no_nan", tf.math.divide_no_nan, ["DivNoNan"], (anywhere, away_from_zero)),
    Case("rsqrt", tf.math.rsqrt, [(M, N)], ["Rsqrt"], positive),
    Case("reciprocal", tf.math.reciprocal, [(M, N)], ["Reciprocal"], away_from_zero),
    Case("expm1", tf.math.expm1, [(M, N)], ["Expm1"]),
    Case("log1p", tf.math.log1p, [(M, N)], ["Log1p"], positive),
    Case("erf", tf.math.erf, [(M, N)], ["Erf"]),
    Case("sin", tf.sin, [(M, N)], ["Sin"]),
    Case("cos", tf.cos, [(M, N)], ["Cos"]),
    Case("tan", tf.tan, [(M, N)], ["Tan"], inside_one),
    Case("sinh", tf.sinh, [(M, N)], ["Sinh"]),
    Case("cosh", tf.cosh, [(M, N)], ["Cosh"]),
    Case("asin", tf.asin, [(M, N)], ["Asin"], inside_one),
    Case("acos", tf.acos, [(M, N)], ["Acos"], inside_one),
    Case("atan", tf.atan, [(M, N)], ["Atan"]),
    Case("reduce_max all", tf.reduce_max, [(M, N)], ["Max"]),
    Case("reduce_max axis", lambda x: tf.reduce_max(x, axis=1), [(M, N)], ["Max"]),
    Case("reduce_max axes keepdims", lambda x: tf.reduce_max(x, (0, -1), keepdims=True),
         [(2, M, N)], ["Max"]),
    Case("reduce_min all", tf.reduce_min, [(M, N)], ["Min"]),
    Case("reduce_min axis keepdims", lambda x: tf.reduce_min(x, -2, keepdims=True), [(M, N)],
         ["Min"]),
    Case("reduce_min axes", lambda x: tf.reduce_min(x, [2, 0]), [(2, M, N)], ["Min"]),
    Case("reduce_prod all", tf.reduce_prod, [(M, N)], ["Prod"]),
    Case("reduce_prod axis", lambda x: tf.reduce_prod(x, axis=1), [(M, N)], ["Prod"]),
    Case("reduce_prod with zeros", lambda x: tf.reduce_prod(x, axis=[0, 2], keepdims=True),
         [(2, M, N)], ["Prod"], with_zeros),
    Case("reduce_prod axes", lambda x: tf.reduce_prod(x, (-1, 0)), [(2, M, N)], ["Prod"]),
    Case("cumsum", lambda x: tf.cumsum(x, axis=1), [(M, N)], ["Cumsum"]),
    Case("cumsum exclusive reverse", lambda x: tf.cumsum(x, 0, exclusive=True, reverse=True),
         [(M, N)], ["Cumsum"]),
    Case("cumprod", lambda x: tf.math.cumprod(x, axis=-1), [(M, N)], ["Cumprod"],
         away_from_zero),
    Case("cumprod exclusive reverse",
         lambda x: tf.math.cumprod(x, 1, exclusive=True, reverse=True), [(M, N)], ["Cumprod"],
         away_from_zero),
    Case("reduce_logsumexp", lambda x: tf.reduce_logsumexp(x, axis=1), [(M, N)],
         ["Max", "Exp", "Log"]),
    Case("reduce_logsumexp keepdims", lambda x: tf.reduce_logsumexp(x, keepdims=True),
         [(M, N)], ["Max", "Exp", "Log"]),
    Case("reduce_variance", lambda x: tf.math.reduce_variance(x, axis=0), [(M, N)], ["Mean"]),
    Case("reduce_std", lambda x: tf.math.reduce_std(x, [0, 1], keepdims=True), [(M, N)],
         ["Mean", "Sqrt"]),
    Case("norm", tf.norm, [(M, N)], ["Sqrt"]),
    Case("norm 1", lambda x: tf.norm(x, ord=1, axis=1), [(M, N)], ["Abs"], away_from_zero),
    Case("norm inf", lambda x: tf.norm(x, ord=np.inf, keepdims=True), [(M, N)], ["Max"]),
    Case("norm 3", lambda x: tf.norm(x, ord=3, axis=0), [(M, N)], ["Pow"], away_from_zero),
    Case("norm fro", lambda x: tf.norm(x, ord="fro", axis=(1, 2)), [(2, M, N)], ["Sqrt"]),
    Case("norm matrix 1", lambda x: tf.norm(x, ord=1, axis=[0, 1]), [(M, N)], ["Max"],
         away_from_zero),
    Case("norm matrix inf", lambda x: tf.norm(x, ord=np.inf, axis=[-2, -1], keepdims=True),
         [(2, M, N)], ["Max"], away_from_zero),
    Case("clip_by_value", lambda x: tf.clip_by_value(x, -1.0, 1.0), [(M, N)],
         ["Maximum", "Minimum"], off_bounds),
    Case("clip_by_value tensor bounds", tf.clip_by_value, [(M, N), (N,), ()],
         ["Maximum", "Minimum"], (off_bounds, lambda r, s: -np.ones(s), lambda r, s: np.ones(s))),
    Case("clip_by_norm", tf.clip_by_norm, [(M, N), ()], ["Maximum"],
         (anywhere, lambda r, s: np.full(s, 0.5))),
    Case("clip_by_norm axes", lambda x, c: tf.clip_by_norm(x, c, axes=[1]), [(M, N), (M, 1)],
         ["Maximum"], (anywhere, lambda r, s: np.full(s, 0.5))),
    # -- ranks and axes known only at run time, TF1 spellings, composed math and nn ---------
    Case("reduce_sum all, unknown rank", lambda x: tf.reduce_sum(unranked(x)), [(M, N)],
         ["Sum", "Range"]),
    Case("reduce_mean all, unknown rank", lambda x: tf.reduce_mean(unranked(x)), [(2, M, N)],
         ["Mean", "Range"]),
    Case("reduce_max axis, unknown rank", lambda x: tf.reduce_max(unranked(x), -1), [(M, N)],
         ["Max"]),
    Case("reduce_prod all, unknown rank", lambda x: tf.reduce_prod(unranked(x)), [(M, N)],
         ["Prod", "Range"], with_zeros),
    Case("reduce_prod axes tensor", lambda x: tf.reduce_prod(x, unranked([2, 0])), [(2, M, N)],
         ["Prod"], with_zeros),
    *binary("atan2", tf.math.atan2, ["Atan2"], (anywhere, away_from_zero)),
    *binary("xlogy", tf.math.xlogy, ["Xlogy"], (anywhere, positive)),
    Case("reduce_euclidean_norm", lambda x: tf.math.reduce_euclidean_norm(x, 1), [(M, N)],
         ["EuclideanNorm"], away_from_zero),
    Case("reduce_euclidean_norm all keepdims",
         lambda x: tf.math.reduce_euclidean_norm(x, keepdims=True), [(2, M, N)],
         ["EuclideanNorm"], away_from_zero, unknown_shapes=True),
    Case("reverse", lambda x: tf.reverse(x, [0, -1]) * x, [(M, N)], ["ReverseV2"],
         unknown_shapes=True),
    Case("l2_normalize", lambda x: tf.nn.l2_normalize(x, 1), [(M, N)], ["Rsqrt", "Maximum"],
         away_from_zero),
    Case("moments", lambda x: tf.add(*tf.nn.moments(x, [0])), [(M, N)],
         ["Mean", "SquaredDifference", "Squeeze"]),
    Case("log_sigmoid", tf.math.log_sigmoid, [(M, N)], ["Softplus"]),
    Case("embedding_lookup max_norm", lambda p: tf.nn.embedding_lookup(p, [2, 0], max_norm=1.0),
         [(N, M)], ["GatherV2"], positive),
    Case("xw_plus_b", tf.compat.v1.nn.xw_plus_b, [(M, N), (N, 2), (2,)], ["MatMul", "BiasAdd"]),
    # -- array ops -------------------------------------------------------------------------
    Case("identity", tf.identity, [(M, N)], ["Identity"]),
    Case("placeholder_with_default",
         lambda x: tf.compat.v1.placeholder_with_default(x, [None, N]), [(M, N)],
         ["PlaceholderWithDefault"]),
    Case("reshape", lambda x: tf.reshape(x, [N, M]), [(M, N)], ["Reshape"]),
    Case("expand_dims", lambda x: tf.expand_dims(x, 1), [(M, N)], ["ExpandDims"]),
    Case("broadcast_to", lambda x: tf.broadcast_to(x, [M, N]), [(1, N)], ["BroadcastTo"]),
    Case("fill", lambda v: tf.fill([M, N], v), [()], ["Fill"]),
    Case("stack", lambda a, b: tf.stack([a, b], axis=1), [(M, N)] * 2, ["Pack"]),
    Case("unstack", lambda x: tf.unstack(x, axis=1)[1] * 2.0, [(M, N)], ["Unpack"]),
    Case("where", lambda x, y: tf.where(x > 0.0, x, y), [(M, N), (N,)], ["SelectV2"],
         (away_from_zero, anywhere)),
    Case("where v1 rows", lambda x, y: tf.compat.v1.where(x[:, 0] > 0.0, x, y), [(M, N)] * 2,
         ["Select"], (away_from_zero, anywhere), unknown_shapes=True),
    Case("where v1 elementwise", lambda x, y: tf.compat.v1.where(x < y, x, y), [(M, N)] * 2,
         ["Select"]),
    Case("strided_slice", lambda x: x[1:, ::-2], [(M, N)], ["StridedSlice"]),
    Case("strided_slice_grad",
         lambda dy: execute("StridedSliceGrad", [[M, N], dy, []], {"key": (slice(1, None),)}),
         [(1, N)], ["StridedSliceGrad"]),
    Case("strided_slice tensor bounds", lambda x: x[_index(1):, ::_index(-2)], [(M, N)],
         ["StridedSlice"], unknown_shapes=True),
    Case("strided_slice tensor index", lambda x: x[:, _index(-1)] * x[_index(0), 1:], [(M, N)],
         ["StridedSlice"], unknown_shapes=True),
    Case("strided_slice tensor bounds in a function", lambda x: _rows_from(x, tf.constant(1)),
         [(3, N)], ["StatefulPartitionedCall"]),
    Case("strided_slice_grad tensor bounds",
         lambda dy: execute("StridedSliceGrad", [[M, N], dy, [_index(1)]],
                            {"key": (slice(Bound(0), None),)}),
         [(1, N)], ["StridedSliceGrad"], unknown_shapes=True),
    Case("sum_to_shape", lambda g: execute("SumToShape", [g, [1, N]]), [(M, N)],
         ["SumToShape"]),
    Case("squeeze", lambda x: tf.squeeze(x, [1]), [(M, 1, N)], ["Squeeze"], unknown_shapes=True),
    Case("transpose", lambda x: tf.transpose(x, [2, 0, 1]), [(2, M, N)], ["Transpose"],
         unknown_shapes=True),
    Case("concat", lambda a, b: tf.concat([a, b], -1), [(M, N), (M, 2)], ["ConcatV2"],
         unknown_shapes=True),
    Case("split", lambda x: tf.multiply(*tf.split(x, 3, axis=1)[::2]), [(M, N)], ["Split"],
         unknown_shapes=True),
    Case("split sizes", lambda x: tf.split(x, [1, -1], axis=1)[1] * 2.0, [(M, N)], ["SplitV"],
         unknown_shapes=True),
    Case("tile", lambda x: tf.tile(x, [2, 3]), [(M, N)], ["Tile"], unknown_shapes=True),
    Case("slice", lambda x: tf.slice(x, [1, 0], [-1, 2]), [(3, N)], ["Slice"], unknown_shapes=True),
    Case("pad", lambda x: tf.pad(x, [[1, 0], [0, 2]]), [(M, N)], ["Pad"], unknown_shapes=True),
    Case("pad constant_values", lambda x: tf.pad(x, [[1, 0], [0, 2]], constant_values=3.0),
         [(M, N)], ["PadV2"], unknown_shapes=True),
    Case("pad reflect", lambda x: tf.pad(x, [[1, 1], [2, 1]], "REFLECT"), [(3, 4)],
         ["MirrorPad"], unknown_shapes=True),
    Case("pad symmetric", lambda x: tf.pad(x, [[2, 0], [1, 3]], "SYMMETRIC"), [(M, N)],
         ["MirrorPad"], unknown_shapes=True),
    Case("mirror_pad_grad",
         lambda dy: execute("MirrorPadGrad", [dy, [[1, 1], [2, 1]]], {"mode": "REFLECT"}),
         [(5, 7)], ["MirrorPadGrad"], unknown_shapes=True),
    Case("gather", lambda x: tf.gather(x, [2, 0, 2], axis=1), [(M, N)], ["GatherV2"],
         unknown_shapes=True),
    Case("gather batch_dims", lambda x: tf.gather(x, [[0, 2], [1, 1]], axis=2, batch_dims=1),
         [(M, 2, N)], ["GatherV2"], unknown_shapes=True),
    Case("gather_grad",
         lambda u: execute("GatherV2Grad", [[M, N], [[2, 0]], u, 1], {"batch_dims": 0}),
         [(M, 1, 2)], ["GatherV2Grad"], unknown_shapes=True),
    Case("gather_nd", lambda x: tf.gather_nd(x, [[1, 2], [0, 0], [1, 2]]), [(M, N)],
         ["GatherNd"], unknown_shapes=True),
    Case("scatter_nd", lambda u: tf.scatter_nd([[1], [0], [1]], u, [M, N]), [(3, N)],
         ["ScatterNd"], unknown_shapes=True),
    Case("boolean_mask", lambda x: tf.boolean_mask(x, [True, False, True], axis=1), [(M, N)],
         ["GatherV2"], unknown_shapes=True),
    Case("linspace", lambda a, b: tf.linspace(a, b, 4, axis=-1), [(), (N,)], ["LinSpace"],
         unknown_shapes=True),
    Case("tensordot", lambda a, b: tf.tensordot(a, b, [[0, 2], [1, 0]]), [(M, 4, N), (N, M)],
         ["Transpose", "Reshape", "MatMul"], unknown_shapes=True),
    Case("matvec", tf.linalg.matvec, [(2, M, N), (2, N)], ["BatchMatMulV2"], unknown_shapes=True),
    Case("inv", tf.linalg.inv, [(N, N)], ["MatrixInverse"], well_conditioned, unknown_shapes=True),
    Case("inv adjoint batched", lambda x: tf.compat.v1.matrix_inverse(x, adjoint=True),
         [(2, N, N)], ["MatrixInverse"], well_conditioned, unknown_shapes=True),
    Case("det", tf.linalg.det, [(N, N)], ["MatrixDeterminant"], well_conditioned,
         unknown_shapes=True),
    Case("det batched", tf.linalg.det, [(2, M, M)], ["MatrixDeterminant"], well_conditioned,
         unknown_shapes=True),
    Case("diag", lambda d: tf.linalg.diag(d, k=1), [(M, N)], ["MatrixDiagV3"], unknown_shapes=True),
    Case("diag_part", lambda x: tf.linalg.diag_part(x, k=-1), [(2, N, M)],
         ["MatrixDiagPartV3"], unknown_shapes=True),
    Case("trace", tf.linalg.trace, [(2, N, N)], ["MatrixDiagPartV3", "Sum"], unknown_shapes=True),
    Case("tensor_diag", tf.linalg.tensor_diag, [(M, N)], ["Diag"], unknown_shapes=True),
    Case("tensor_diag_part", tf.linalg.tensor_diag_part, [(M, N, M, N)], ["DiagPart"],
         unknown_shapes=True),
    # -- neural-net ops --------------------------------------------------------------------
    Case("relu", tf.nn.relu, [(M, N)], ["Relu"], away_from_zero),
    Case("relu_grad", lambda g, x: execute("ReluGrad", [g, x]), [(M, N)] * 2, ["ReluGrad"],
         (anywhere, away_from_zero)),
    Case("relu6", lambda x: tf.nn.relu6(4.0 * x), [(M, N)], ["Relu6"], away_from_zero),
    Case("relu6_grad", lambda g, x: execute("Relu6Grad", [g, 4.0 * x]), [(M, N)] * 2,
         ["Relu6Grad"], (anywhere, away_from_zero)),
    Case("leaky_relu", lambda x: tf.nn.leaky_relu(x, alpha=0.3), [(M, N)], ["LeakyRelu"],
         away_from_zero),
    Case("leaky_relu_grad", lambda g, x: execute("LeakyReluGrad", [g, x], {"alpha": 0.3}),
         [(M, N)] * 2, ["LeakyReluGrad"], (anywhere, away_from_zero)),
    Case("elu", tf.nn.elu, [(M, N)], ["Elu"], away_from_zero),
    Case("elu_grad", lambda g, y: execute("EluGrad", [g, y]), [(M, N)] * 2, ["EluGrad"],
         (anywhere, away_from_zero)),
    Case("selu", tf.nn.selu, [(M, N)], ["Selu"], away_from_zero),
    Case("selu_grad", lambda g, y: execute("SeluGrad", [g, y]), [(M, N)] * 2, ["SeluGrad"],
         (anywhere, away_from_zero)),
    Case("sigmoid", tf.sigmoid, [(M, N)], ["Sigmoid"]),
    Case("sigmoid_grad", lambda y, g: execute("SigmoidGrad", [y, g]), [(M, N)] * 2,
         ["SigmoidGrad"]),
    Case("tanh", tf.tanh, [(M, N)], ["Tanh"]),
    Case("tanh_grad", lambda y, g: execute("TanhGrad", [y, g]), [(M, N)] * 2, ["TanhGrad"]),
    Case("softplus", tf.math.softplus, [(M, N)], ["Softplus"]),
    Case("softplus_grad", lambda g, x: execute("SoftplusGrad", [g, x]), [(M, N)] * 2,
         ["SoftplusGrad"]),
    Case("gelu", tf.nn.gelu, [(M, N)], ["Gelu"]),
    Case("gelu_grad", lambda g, x: execute("GeluGrad", [g, x]), [(M, N)] * 2, ["GeluGrad"]),
    Case("gelu approximate", lambda x: tf.nn.gelu(x, approximate=True), [(M, N)], ["Tanh"]),
    Case("silu", lambda x: tf.nn.silu(x, beta=1.5), [(M, N)], ["Sigmoid"]),
    Case("softmax", tf.nn.softmax, [(M, N)], ["Softmax"]),
    Case("softmax axis 0", lambda x: tf.nn.softmax(x, axis=0), [(M, N)], ["Softmax"]),
    Case("log_softmax", tf.nn.log_softmax, [(M, N)], ["LogSoftmax"]),
    Case("log_softmax axis 0", lambda x: tf.nn.log_softmax(x, axis=0), [(M, N, 2)],
         ["LogSoftmax"]),
    Case("bias_add", tf.nn.bias_add, [(M, N), (N,)], ["BiasAdd"]),
    Case("bias_add rank 3", tf.nn.bias_add, [(2, M, N), (N,)], ["BiasAdd"]),
    Case("bias_add NCHW", lambda v, b: tf.nn.bias_add(v, b, data_format="NCHW"),
         [(2, N, M), (N,)], ["BiasAdd"]),
    Case("bias_add_grad", lambda g: execute("BiasAddGrad", [g], {"data_format": "NHWC"}),
         [(2, M, N)], ["BiasAddGrad"]),
    Case("bias_add_grad NCHW", lambda g: execute("BiasAddGrad", [g], {"data_format": "NCHW"}),
         [(2, N, M)], ["BiasAddGrad"]),
    Case("l2_loss", tf.nn.l2_loss, [(M, N)], ["L2Loss"]),
    Case("softmax_cross_entropy", lambda z, x: tf.nn.softmax_cross_entropy_with_logits(z, x),
         [(M, N), (M, N)], ["SoftmaxCrossEntropyWithLogits"], (simplex(), anywhere)),
    Case("softmax_cross_entropy labels broadcast",
         lambda z, x: tf.nn.softmax_cross_entropy_with_logits(z, x), [(N,), (M, N)],
         ["SoftmaxCrossEntropyWithLogits"], (simplex(), anywhere)),
    Case("softmax_cross_entropy labels (1, N)",
         lambda z, x: tf.nn.softmax_cross_entropy_with_logits(z, x), [(1, N), (M, N)],
         ["SoftmaxCrossEntropyWithLogits"], (simplex(), anywhere)),
    Case("softmax_cross_entropy axis 0",
         lambda z, x: tf.nn.softmax_cross_entropy_with_logits(z, x, axis=0),
         [(M, N), (M, N)], ["SoftmaxCrossEntropyWithLogits"], (simplex(0), anywhere)),
    Case("sparse_softmax_cross_entropy",
         lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits([2, 0], x), [(M, N)],
         ["SparseSoftmaxCrossEntropyWithLogits"]),
    Case("sparse_softmax_cross_entropy rank 3",
         lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits([[1], [0]], x), [(M, 1, N)],
         ["SparseSoftmaxCrossEntropyWithLogits"]),
    Case("sigmoid_cross_entropy",
         lambda z, x: tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x),
         [(M, N), (M, N)], ["Softplus"], (positive, away_from_zero)),
    # -- complex numbers: real inputs -> complex computation -> real output, which checks the
    # gradient convention (dL/dx + i dL/dy, as TensorFlow's) through complex/real/imag -------
    *binary("complex multiply", lambda x, y: _re_im(tf.complex(x, y) * tf.complex(y, x)),
            ["Complex", "Mul", "Real", "Imag"]),
    *binary("complex divide", lambda x, y: _re_im(tf.complex(x, y) / tf.complex(y, x)),
            ["RealDiv"], away_from_zero),
    Case("complex add, subtract, negative", lambda x, y: _re_im(
        -(tf.complex(x, y) + tf.complex(y, x)) - tf.complex(x * y, x)), [(M, N), (M, N)],
         ["AddV2", "Sub", "Neg"]),
    Case("complex exp, log, sqrt, square", lambda x, y: _re_im(
        tf.exp(_z(x, y)) + tf.math.log(_z(x, y)) + tf.sqrt(_z(x, y)) + tf.square(_z(x, y))),
         [(M, N), (M, N)], ["Exp", "Log", "Sqrt", "Square"], (positive, anywhere)),
    Case("complex pow", lambda x, y: _re_im(_z(x, y) ** _z(y, x)), [(M, N), (M, N)], ["Pow"],
         (positive, anywhere)),
    Case("conj", lambda x, y: _re_im(tf.math.conj(_z(x, y)) * _z(y, x)), [(M, N), (M, N)],
         ["Conj"]),
    Case("angle", lambda x, y: tf.math.angle(_z(x, y)), [(M, N), (M, N)], ["Angle"],
         away_from_zero),
    Case("complex abs", lambda x, y: tf.abs(_z(x, y)), [(M, N), (M, N)], ["ComplexAbs"],
         away_from_zero),
    Case("complex matmul adjoint", lambda a, b: _re_im(tf.matmul(_z(a, b), _z(b, a),
                                                                adjoint_b=True)),
         [(M, N), (M, N)], ["MatMul", "Conj"]),
    Case("complex batch matmul", lambda a, b: _re_im(tf.matmul(_z(a, b), _z(b, a),
                                                              transpose_b=True)),
         [(2, M, N), (2, M, N)], ["BatchMatMulV2"]),
    Case("complex sum, mean, add_n, divide_no_nan", lambda x, y: _re_im(
        tf.reduce_sum(_z(x, y), 0) + tf.reduce_mean(tf.add_n([_z(y, x), _z(x, x)]), 1)[0]
        + tf.reduce_sum(tf.math.divide_no_nan(_z(x, y), _z(y, x)))),
         [(M, N), (M, N)], ["Sum", "Mean", "AddN", "DivNoNan"], away_from_zero),
    Case("complex cast", lambda x: tf.cast(tf.cast(x, tf.complex128) * _z(x, x), tf.float64),
         [(M, N)], ["Cast"]),
    # -- sparse tensors: gradients reach the values and the dense operands -------------------
    Case("sparse to_dense", lambda v, d: tf.sparse.to_dense(
        tf.sparse.SparseTensor([[0, 1], [1, 0], [1, 2]], v, [M, N]), default_value=d),
         [(3,), ()], ["SparseToDense"]),
    Case("sparse + dense", lambda v, b: tf.sparse.add(
        tf.sparse.SparseTensor([[0, 1], [1, 0], [1, 2]], v, [M, N]), b), [(3,), (M, N)],
         ["SparseTensorDenseAdd"]),
    Case("sparse + sparse", lambda v, w: tf.sparse.add(
        tf.sparse.SparseTensor([[0, 1], [1, 0], [1, 2]], v, [M, N]),
        tf.sparse.SparseTensor([[0, 0], [1, 0]], w, [M, N])).values, [(3,), (2,)],
         ["SparseAdd"]),
    Case("sparse reorder", lambda v: tf.sparse.reorder(
        tf.sparse.SparseTensor([[1, 0], [0, 2], [0, 1]], v, [M, N])).values * [1.0, 2.0, 3.0],
         [(3,)], ["SparseReorder"]),
    # -- convolution and pooling -----------------------------------------------------------
    Case("conv2d", lambda x, w: tf.nn.conv2d(x, w, 1, "SAME"), [(2, 5, 4, 2), (3, 2, 2, 3)],
         ["Conv2D"], unknown_shapes=True),
    Case("conv2d strided dilated", lambda x, w: tf.nn.conv2d(x, w, 2, "VALID", dilations=[1, 2]),
         [(1, 6, 7, 2), (2, 2, 2, 3)], ["Conv2D"]),
    Case("conv2d explicit padding", lambda x, w: tf.nn.conv2d(x, w, [1, 2], [[0, 0], [1, 2],
                                                                            [0, 1], [0, 0]]),
         [(1, 4, 5, 2), (3, 3, 2, 2)], ["Conv2D"]),
    Case("conv2d_transpose", lambda x, w: tf.nn.conv2d_transpose(x, w, [2, 5, 4, 2], 2),
         [(2, 3, 2, 3), (3, 2, 2, 3)], ["Conv2DBackpropInput"], unknown_shapes=True),
    Case("conv2d_backprop_filter",
         lambda x, dy: execute("Conv2DBackpropFilter", [x, [3, 2, 2, 3], dy], _CONV_SAME),
         [(2, 5, 4, 2), (2, 5, 4, 3)], ["Conv2DBackpropFilter"], unknown_shapes=True),
    Case("conv1d", lambda x, w: tf.nn.conv1d(x, w, 2, "SAME"), [(2, 7, 2), (3, 2, 3)],
         ["Conv2D"]),
    Case("depthwise_conv2d", lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], "SAME"),
         [(2, 5, 4, 2), (3, 2, 2, 2)], ["DepthwiseConv2dNative"], unknown_shapes=True),
    Case("depthwise_conv2d_backprop_input",
         lambda w, dy: execute("DepthwiseConv2dNativeBackpropInput", [[2, 5, 4, 2], w, dy],
                               _CONV_SAME), [(3, 2, 2, 2), (2, 5, 4, 4)],
         ["DepthwiseConv2dNativeBackpropInput"], unknown_shapes=True),
    Case("depthwise_conv2d_backprop_filter",
         lambda x, dy: execute("DepthwiseConv2dNativeBackpropFilter", [x, [3, 2, 2, 2], dy],
                               _CONV_SAME), [(2, 5, 4, 2), (2, 5, 4, 4)],
         ["DepthwiseConv2dNativeBackpropFilter"], unknown_shapes=True),
    Case("max_pool2d", lambda x: tf.nn.max_pool2d(x, 2, 2, "VALID"), [(2, 4, 6, 2)], ["MaxPool"],
         unknown_shapes=True),
    Case("max_pool2d overlapping SAME", lambda x: tf.nn.max_pool2d(x, 3, [2, 1], "SAME"),
         [(1, 5, 4, 2)], ["MaxPool"]),
    Case("max_pool_grad", lambda x, dy: execute("MaxPoolGrad", [x, _pooled(x), dy], _POOL_SAME),
         [(1, 5, 4, 2), (1, 3, 4, 2)], ["MaxPoolGrad"], unknown_shapes=True),
    Case("max_pool_grad_grad",
         lambda x, dd: execute("MaxPoolGradGrad", [x, _pooled(x), dd], _POOL_SAME),
         [(1, 5, 4, 2), (1, 5, 4, 2)], ["MaxPoolGradGrad"], unknown_shapes=True),
    Case("avg_pool2d", lambda x: tf.nn.avg_pool2d(x, 3, [2, 1], "SAME"), [(1, 5, 4, 2)],
         ["AvgPool"], unknown_shapes=True),
    Case("avg_pool_grad", lambda dy: execute("AvgPoolGrad", [[1, 5, 4, 2], dy], _AVG_SAME),
         [(1, 3, 4, 2)], ["AvgPoolGrad"], unknown_shapes=True),
    # -- solvers, decompositions, scatters, batch normalization --------------------------
    Case("band_part", lambda x: tf.linalg.band_part(x, 1, 0), [(2, 3, 4)], ["MatrixBandPart"],
         unknown_shapes=True),
    Case("solve", tf.linalg.solve, [(2, N, N), (2, N, 2)], ["MatrixSolve"], (well_conditioned,
                                                                            anywhere),
         unknown_shapes=True),
    Case("solve adjoint", lambda a, b: tf.linalg.solve(a, b, adjoint=True), [(N, N), (N, 1)],
         ["MatrixSolve"], (well_conditioned, anywhere)),
    Case("triangular_solve", tf.linalg.triangular_solve, [(2, N, N), (2, N, 2)],
         ["MatrixTriangularSolve"], (well_conditioned, anywhere), unknown_shapes=True),
    Case("triangular_solve upper adjoint",
         lambda a, b: tf.linalg.triangular_solve(a, b, lower=False, adjoint=True),
         [(N, N), (N, 2)], ["MatrixTriangularSolve"], (well_conditioned, anywhere)),
    Case("cholesky", lambda a: tf.linalg.cholesky(_symmetric(a)), [(2, N, N)], ["Cholesky"],
         well_conditioned, unknown_shapes=True),
    Case("lstsq overdetermined", lambda a, b: tf.linalg.lstsq(a, b, l2_regularizer=0.1),
         [(4, 2), (4, 3)], ["Cholesky", "MatrixTriangularSolve"]),
    Case("lstsq underdetermined", tf.linalg.lstsq, [(2, 4), (2, 1)],
         ["Cholesky", "MatrixTriangularSolve"]),
    Case("qr", lambda a: _flat(*tf.linalg.qr(a)), [(4, N)], ["Qr"]),
    Case("qr square full", lambda a: _flat(*tf.linalg.qr(a, full_matrices=True)), [(N, N)],
         ["Qr"]),
    Case("qr wide", lambda a: _flat(*tf.linalg.qr(a)), [(2, 4)], ["Qr"]),
    Case("svd", lambda a: _svd_parts(a), [(4, N)], ["Svd"]),
    Case("svd wide", lambda a: _svd_parts(a), [(2, N)], ["Svd"]),
    Case("svd values", lambda a: tf.linalg.svd(a, compute_uv=False), [(2, 4, N)], ["Svd"]),
    Case("tensor_scatter_nd_update",
         lambda t, u: tf.tensor_scatter_nd_update(t, [[2], [0]], u), [(N, 2), (2, 2)],
         ["TensorScatterUpdate"], unknown_shapes=True),
    Case("tensor_scatter_nd_add",
         lambda t, u: tf.tensor_scatter_nd_add(t, [[1, 1], [1, 1], [0, 2]], u), [(M, N), (3,)],
         ["TensorScatterAdd"], unknown_shapes=True),
    Case("tensor_scatter_nd_sub",
         lambda t, u: tf.tensor_scatter_nd_sub(t, [[1], [1]], u), [(M, N), (2, N)],
         ["TensorScatterSub"], unknown_shapes=True),
    Case("batch_normalization", lambda x, m, v, o, s: tf.nn.batch_normalization(x, m, v, o, s,
                                                                                1e-3),
         [(M, N), (N,), (N,), (N,), (N,)], ["Rsqrt"],
         (anywhere, anywhere, positive, anywhere, anywhere)),
    Case("resize bilinear", lambda x: tf.image.resize(x, [5, 3]), [(1, 3, 4, 2)],
         ["ResizeBilinear"], delta=1e-2, tolerance=1e-4,  # it computes in float32
         unknown_shapes=True),
    Case("resize nearest", lambda x: tf.image.resize(x, [2, 7], "nearest"), [(2, 3, 4, 1)],
         ["ResizeNearestNeighbor"], unknown_shapes=True),
    Case("py_function", lambda x, y: tf.py_function(_python_product, [x, y], tf.float64),
         [(M, N), (N,)], ["EagerPyFunc"]),
    Case("py_function two outputs",
         lambda x: tf.add(*tf.py_function(lambda v: (tf.sin(v), v * v), [x],
                                          [tf.float64, tf.float64])), [(M, N)],
         ["EagerPyFunc"]),
    # -- sorting, segments, rolls and grids (random values: no ties, so each is smooth) ----
    Case("top_k", lambda x: tf.math.top_k(x, 2).values, [(M, N)], ["TopKV2"],
         unknown_shapes=True),
    Case("top_k unsorted", lambda x: tf.math.top_k(x, 2, sorted=False).values, [(2, M, N)],
         ["TopKV2"], unknown_shapes=True),
    Case("sort", lambda x: tf.sort(x, axis=0) * [[1.0], [2.0]], [(M, N)], ["TopKV2", "Neg"],
         unknown_shapes=True),
    Case("sort descending", lambda x: tf.sort(x, direction="DESCENDING") * [1.0, 2.0, 3.0],
         [(M, N)], ["TopKV2"], unknown_shapes=True),
    Case("roll", lambda x: tf.roll(x, [1, -1], [0, 1]) * _WEIGHTS, [(M, N)], ["Roll"],
         unknown_shapes=True),
    Case("segment_sum", lambda x: tf.math.segment_sum(x, [0, 0, 2]), [(3, N)], ["SegmentSum"],
         unknown_shapes=True),
    Case("segment_mean", lambda x: tf.math.segment_mean(x, [0, 0, 2]), [(3, N)],
         ["SegmentMean"], unknown_shapes=True),
    Case("segment_max", lambda x: tf.math.segment_max(x, [0, 0, 1, 1]), [(4, N)],
         ["SegmentMax"], unknown_shapes=True),
    Case("segment_min", lambda x: tf.math.segment_min(x, [0, 1, 1]), [(3, N)], ["SegmentMin"],
         unknown_shapes=True),
    Case("unsorted_segment_sum", lambda x: tf.math.unsorted_segment_sum(x, [2, -1, 0], 3),
         [(3, N)], ["UnsortedSegmentSum"], unknown_shapes=True),
    Case("unsorted_segment_sum 2-D ids",
         lambda x: tf.math.unsorted_segment_sum(x, [[0, 1], [1, -1]], 2), [(2, 2, N)],
         ["UnsortedSegmentSum"], unknown_shapes=True),
    Case("unsorted_segment_max", lambda x: tf.math.unsorted_segment_max(x, [1, 1, -1, 0], 3)
         * [[1.0], [2.0], [0.0]], [(4, N)], ["UnsortedSegmentMax"], unknown_shapes=True),
    Case("unsorted_segment_min", lambda x: tf.math.unsorted_segment_min(x, [0, 0, 1], 2),
         [(3, N)], ["UnsortedSegmentMin"], unknown_shapes=True),
    Case("unsorted_segment_mean", lambda x: tf.math.unsorted_segment_mean(x, [1, 1, 0], 3),
         [(3, N)], ["UnsortedSegmentSum", "RealDiv"], unknown_shapes=True),
    Case("meshgrid", lambda x, y: _meshed(*tf.meshgrid(x, y)), [(N,), (M,)], ["Mul"],
         unknown_shapes=True),
    Case("strided_slice", lambda x: tf.strided_slice(x, [0, 2], [2, 0], [1, -2], end_mask=2),
         [(M, N)], ["StridedSlice"], unknown_shapes=True),
    # -- functions and custom gradients ----------------------------------------------------
    Case("function call", lambda x, y: _traced(x, y), [(M, N), (N,)], ["StatefulPartitionedCall"]),
    Case("nested function call", lambda x: _outer(x), [(M, N)], ["StatefulPartitionedCall"]),
    Case("custom_gradient", lambda x: _custom_square(x) * x, [(M, N)], ["IdentityN"]),
    # -- control flow (eagerly through a function, where the ops are) ---------------------
    Case("cond true", lambda x, y: _staged(_branchy)(x, y), [(M, N), (N,)], ["StatelessIf"],
         (positive, anywhere), unknown_shapes=True),
    Case("cond false", lambda x, y: _staged(_branchy)(-x, y), [(M, N), (N,)], ["StatelessIf"],
         (positive, anywhere)),
    Case("cond with state", lambda x: _staged(_checked_branch)(x), [(M, N)], ["If"]),
    Case("nested cond", lambda x: _staged(_nested_cond)(x), [(M, N)], ["StatelessIf"]),
    Case("switch_case", lambda x: _staged(_switched)(x), [(M, N)], ["StatelessCase"]),
    Case("switch_case with state", lambda x: _staged(_switched_checked)(x), [(M, N)], ["Case"]),
    Case("while 1 iteration", lambda x: _staged(_power(1))(x), [(M, N)], ["StatelessWhile"],
         unknown_shapes=True),
    Case("while 5 iterations", lambda x: _staged(_power(5))(x), [(M, N)], ["StatelessWhile"],
         inside_one),
    Case("while 50 iterations", lambda x: _staged(_power(50))(x), [(N,)], ["StatelessWhile"],
         lambda r, s: r.uniform(0.97, 1.02, s)),
    Case("while with captures", lambda x, y: _staged(_captures)(x, y), [(M, N), (N,)],
         ["StatelessWhile"], (inside_one, inside_one)),
    Case("while data-dependent trip count", lambda x: _staged(_until_large)(x), [()],
         ["StatelessWhile"], lambda r, s: r.uniform(1.1, 1.15, s)),
    Case("while maximum_iterations", lambda x: _staged(_at_most_three)(x), [(N,)],
         ["StatelessWhile"]),
    Case("while with state", lambda x: _staged(_checked_loop)(x), [(N,)], ["While"]),
    Case("while nested, with cond", lambda x: _staged(_nested_loops)(x), [(N,)],
         ["StatelessWhile"], inside_one),
    Case("tensor list stack", lambda x: list_ops.stack(list_ops.from_tensor(x * x), tf.float64,
                                                       [N], M), [(M, N)],
         ["TensorListFromTensor", "TensorListStack"]),
    Case("tensor list get item", lambda x: list_ops.get_item(list_ops.from_tensor(x), 1,
                                                             tf.float64, [N]) * x, [(M, N)],
         ["TensorListGetItem"]),
    Case("tensor list set item", lambda x, y: list_ops.stack(list_ops.set_item(
        list_ops.from_tensor(x), 0, y * y), tf.float64, [N]), [(M, N), (N,)],
        ["TensorListSetItem"]),
    Case("tensor array in a loop", lambda x: _staged(_squares_by_array)(x), [(M, N)],
         ["StatelessWhile"]),
]

_CONV_SAME = {"strides": [1, 1, 1, 1], "padding": "SAME", "explicit_paddings": [],
              "dilations": [1, 1, 1, 1], "data_format": "NHWC"}
_POOL_SAME = {"ksize": [1, 3, 3, 1], "strides": [1, 2, 1, 1], "padding": "SAME",
              "explicit_paddings": [], "data_format": "NHWC"}

_AVG_SAME = {k: v for k, v in _POOL_SAME.items() if k != "explicit_paddings"}


_WEIGHTS = np.arange(1.0, M * N + 1).reshape(M, N)  # so that where each value went matters


def _meshed(gx, gy):
    return gx * gx * _WEIGHTS + gy * _WEIGHTS


def _python_product(x, y):
    """Eager code with a Python branch on a value, as py_function allows."""
    return x * y if float(tf.reduce_sum(y)) > -100 else x


def _symmetric(a):
    return 0.5 * (a + tf.linalg.matrix_transpose(a))


def _flat(*parts):
    return tf.concat([tf.reshape(p, [-1]) for p in parts], 0)


def _svd_parts(a):
    """What of an SVD does not depend on the signs of the singular vectors."""
    s, u, v = tf.linalg.svd(a)
    return _flat(s, u * u, v * v, tf.matmul(u * s, v, transpose_b=True))


def _pooled(x):
    return tf.nn.max_pool2d(x, 3, [2, 1], "SAME")


def _z(x, y):
    return tf.complex(x, y)


def _re_im(w):
    """A real function of a complex tensor that depends on both its parts."""
    return tf.math.real(w) + 2.0 * tf.math.imag(w)


@tf.function
def _traced(x, y):
    return tf.reduce_sum(tf.exp(x) * y, axis=1) / (1.0 + y[0] * y[0])


@tf.function
def _outer(x):
    return _traced(x * x, x[0]) + tf.reduce_sum(x)


def _index(i):
    """A scalar int tensor whose value a graph does not know while it is built."""
    return tf.compat.v1.placeholder_with_default(i, [])


@tf.function
def _rows_from(x, i):
    return x[i:] * x[i - 1]


@tf.custom_gradient
def _custom_square(x):
    return tf.square(x), lambda dy: dy * 2.0 * x


def _staged(f):
    """f traced into a function when executing eagerly, so that its control-flow ops run (an
    eager `cond` or `while_loop` is plain Python); as it is in a graph."""
    traced = tf.function(f)

    def run(*xs):
        if not tf.executing_eagerly():
            return f(*xs)
        logger = tf.get_logger()  # each case traces anew on purpose: no retracing warning
        level = logger.level
        logger.setLevel(logging.ERROR)
        try:
            return traced(*xs)
        finally:
            logger.setLevel(level)
    return run


def _branchy(x, y):
    return tf.cond(tf.reduce_sum(x) > 0, lambda: tf.exp(x) * y, lambda: x * x + y)


def _checked_branch(x):
    def checked():
        with tf.control_dependencies([tf.Assert(tf.reduce_all(x > -10.0), ["x is sane"])]):
            return tf.sin(x) * x
    return tf.cond(x[0, 0] > 0, checked, lambda: x * 3.0)


def _nested_cond(x):
    return tf.cond(x[0, 0] > 0, lambda: tf.cond(x[0, 1] > 0, lambda: x * x, lambda: tf.exp(x)),
                   lambda: x * 2.0)


def _switched(x):
    index = tf.cast(x[0, 0] > 0, tf.int32) + tf.cast(x[0, 1] > 0, tf.int32)
    return tf.switch_case(index, [lambda: x * x, lambda: tf.sin(x), lambda: tf.exp(x)])


def _switched_checked(x):
    def checked():
        with tf.control_dependencies([tf.Assert(tf.reduce_all(x > -10.0), ["x is sane"])]):
            return tf.tanh(x)
    return tf.switch_case(tf.cast(x[0, 0] > 0, tf.int32), [lambda: x * x, checked])


def _power(n):
    def power(x):
        return tf.while_loop(lambda i, y: i < n, lambda i, y: (i + 1, y * x), [0, x])[1]
    return power


def _captures(x, y):
    return tf.while_loop(lambda i, z: i < 4, lambda i, z: (i + 1, tf.sin(z) * y + x),
                         [0, x])[1]


def _until_large(x):
    """x multiplied by itself until it passes 3: the trip count depends on x."""
    return tf.while_loop(lambda y: y < 3.0, lambda y: y * x, [x])[0]


def _at_most_three(x):
    return tf.while_loop(lambda y: tf.reduce_sum(y) < 1e9, lambda y: tf.sin(y) + x, [x],
                         maximum_iterations=3)[0]


def _checked_loop(x):
    def body(i, y):
        with tf.control_dependencies([tf.Assert(i < 10, ["runaway loop"])]):
            return i + 1, y * tf.cos(y)
    return tf.while_loop(lambda i, y: i < 3, body, [0, x])[1]


def _nested_loops(x):
    def inner(y):
        return tf.while_loop(lambda j, z: j < 2, lambda j, z: (j + 1, tf.cond(
            tf.reduce_sum(z) > 0, lambda: z * x, lambda: z + x)), [0, y])[1]
    return tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, inner(y) + 0.5), [0, x])[1]


def _squares_by_array(x):
    def body(i, ta):
        return i + 1, ta.write(i, x[i] * x[i] + tf.cast(i, tf.float64))
    _, ta = tf.while_loop(lambda i, ta: i < M, body, [0, tf.TensorArray(tf.float64, size=M)])
    return ta.stack()


# Ops whose gradient is checked elsewhere, with where.
ELSEWHERE = {"ReadVariableOp": "test_tape.py and test_optimizers.py (gradients reach variables)"}


def _inputs(case, seed):
    rng = np.random.default_rng(seed)
    return [d(rng, s).astype(np.float64) for d, s in zip(case.domains(), case.shapes)]


def _unknown_shapes(fn, xs):
    """fn with every input's static shape forgotten, so gradients must work from run-time shapes."""
    return lambda *args: fn(*[tf.compat.v1.placeholder_with_default(a, [None] * np.ndim(x))
                              for a, x in zip(args, xs)])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_eager(case):
    xs = _inputs(case, 0)
    assert tf.test.check_gradients(case.fn, xs, case.delta) < case.tolerance


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_graph(case):
    xs = _inputs(case, 1)
    with tf.Graph().as_default() as g:
        assert tf.test.check_gradients(case.fn, xs, case.delta) < case.tolerance
        case.fn(*[tf.constant(x) for x in xs])
        built = {op.type for op in g.get_operations()}
    assert set(case.covers) <= built, "the case does not use the ops it claims to check"


@pytest.mark.parametrize("case", [c for c in CASES if c.unknown_shapes], ids=lambda c: c.name)
def test_graph_with_unknown_shapes(case):
    xs = _inputs(case, 2)
    with tf.Graph().as_default():
        err = tf.test.check_gradients(_unknown_shapes(case.fn, xs), xs, case.delta)
    assert err < case.tolerance


def test_every_differentiable_op_has_a_row():
    covered = {t for case in CASES for t in case.covers} | set(ELSEWHERE)
    missing = sorted(t for t, op_def in OPS.items() if op_def.grad is not None and t not in covered)
    assert missing == []
