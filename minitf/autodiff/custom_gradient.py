"""`custom_gradient`: a function whose gradient the user writes.

The function runs with tapes paused; its results then pass through one `IdentityN` op whose
gradient is the user's function, so tapes and `gradients` use it in both modes (and record the
user's gradient ops, so it can itself be differentiated).
"""
import functools
import inspect

from .. import nest
from ..framework.context import ctx
from ..ops.functional_ops import identity_with_gradient
from ..ops.registry import convert_to_tensor
from .tape import GradientTape


def custom_gradient(f):
    """Decorates `f(*x)` that returns `(y, grad_fn)`; `grad_fn(*dy)` returns the gradients for
    `x` (one per argument). If `f` reads trainable variables, `grad_fn(*dy, variables=...)` must
    return `(gradients for x, gradients for variables)`.

    >>> @minitf.custom_gradient
    ... def damped_identity(x):
    ...     return minitf.identity(x), lambda dy: dy * 0.5
    >>> x = minitf.constant(2.0)
    >>> with minitf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = damped_identity(x) * 10.0
    >>> float(tape.gradient(y, x))
    5.0
    """
    @functools.wraps(f)
    def decorated(*args, **kwargs):
        args = [convert_to_tensor(a) for a in args]
        tapes, ctx.tapes = ctx.tapes, []
        try:
            with GradientTape() as watcher:  # only to learn which variables f reads
                y, grad_fn = f(*args, **kwargs)
        finally:
            ctx.tapes = tapes
        variables = list(watcher.watched_variables())
        for tape in tapes:  # the outer tapes see the reads they were hidden from
            for v in variables:
                tape.variable_accessed(v)
        outputs = [convert_to_tensor(t) for t in nest.flatten(y)]

        if variables and "variables" not in inspect.signature(grad_fn).parameters:
            raise TypeError("If using @custom_gradient with a function that uses variables, then "
                            "grad_fn must accept a keyword argument 'variables'; %s reads %s."
                            % (f.__name__, [v.name for v in variables]))

        def grads(*dys):
            if variables:
                dx, dvars = grad_fn(*dys, variables=variables)
            else:
                dx, dvars = grad_fn(*dys), []
            dx = list(dx) if isinstance(dx, (list, tuple)) else [dx]
            if len(dx) != len(args) or len(list(dvars)) != len(variables):
                raise ValueError("The gradient function of %s must return one gradient per "
                                 "argument (%d) and per variable (%d); it returned %d and %d."
                                 % (f.__name__, len(args), len(variables), len(dx),
                                    len(list(dvars))))
            return [None if g is None else convert_to_tensor(g) for g in dx + list(dvars)]

        sources = args + [v._current_handle() for v in variables]
        return nest.pack_sequence_as(y, identity_with_gradient(sources, outputs, grads))
    return decorated
