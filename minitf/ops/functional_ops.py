"""Ops whose behaviour is a Python object: calling a traced function, and custom gradients.

`StatefulPartitionedCall` runs a ConcreteFunction (attr `f`) on its inputs, the function's
arguments followed by the values it captured; its gradient calls the function's backward
ConcreteFunction (see function._Gradient), so tapes and `gradients` differentiate through calls,
nested ones included.
`IdentityN` passes values through and takes its gradient from a Python function (attr `grad_fn`):
it is how `custom_gradient` plugs a user's gradient into both modes.
"""
from ..framework.context import ctx, executing_eagerly
from .registry import execute, register


def _call_grad(op, *dys):
    return op.get_attr("f").call_gradients(op, dys)


register("StatefulPartitionedCall", "args: N*any", lambda *args, f: f.run(args),
         lambda inputs, f: [(t.dtype, t.shape) for t in f.outputs], _call_grad, multi=True,
         writes=True, none_for_unused=True)


def call(f, inputs, name=None):
    """The outputs of ConcreteFunction `f` run on `inputs` (arguments then captured values)."""
    if ctx.function_graphs is not None and executing_eagerly() \
            and all(g is not f.graph for g in ctx.function_graphs):
        ctx.function_graphs.append(f.graph)
    return execute("StatefulPartitionedCall", [list(inputs)], {"f": f},
                   name=name or "StatefulPartitionedCall")


def _identity_n_grad(op, *dys):
    n = op.get_attr("num_sources")
    grads = list(op.get_attr("grad_fn")(*dys))
    return grads + [None] * (len(op.inputs) - n)


register("IdentityN", "input: N*any", lambda *xs, grad_fn, num_sources: xs[num_sources:],
         lambda inputs, grad_fn, num_sources: [(t.dtype, t.shape)
                                               for t in inputs[num_sources:]],
         _identity_n_grad, multi=True)


def identity_with_gradient(sources, outputs, grad_fn):
    """`outputs` unchanged, but gradients reaching them flow to `sources` through
    `grad_fn(*output_grads)`, which returns one gradient per source."""
    return execute("IdentityN", [list(sources) + list(outputs)],
                   {"grad_fn": grad_fn, "num_sources": len(sources)}, name="IdentityN")
