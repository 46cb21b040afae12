"""The printed signature of a traced function (`ConcreteFunction.pretty_printed_signature`,
`Function.pretty_printed_concrete_signatures`) in TensorFlow's layout: each parameter with its
kind and what it was traced with (a TensorSpec, or `Literal[value]` for a Python value, inside
`List[...]`, `Tuple[...]`, `Dict[...]`), the type of the output, and the captured inputs."""
from .framework.tensor import Tensor
from .framework.tensor_spec import TensorSpec


def _type(x, specs):
    """The type of `x` in TensorFlow's notation; each tensor takes the next of `specs`."""
    if isinstance(x, (Tensor, TensorSpec)):
        return repr(next(specs, None) or TensorSpec(x.shape, x.dtype))
    if isinstance(x, list):
        return "List[%s]" % ", ".join(_type(v, specs) for v in x)
    if isinstance(x, tuple):
        return "Tuple[%s]" % ", ".join(_type(v, specs) for v in x)
    if isinstance(x, dict):
        return "Dict[%s]" % ", ".join("[%r, %s]" % (k, _type(x[k], specs)) for k in sorted(x))
    return "Literal[%r]" % (x,)


def pretty_printed(parameters, args, input_signature, outputs, captures):
    """The signature's text.

    Args:
      parameters: the Python function's `inspect.Signature.parameters`.
      args: {parameter name: what it was traced with (placeholders and Python values)}.
      input_signature: the function's input_signature (whose TensorSpecs are shown for the
        tensors, with their names), or None.
      outputs: the traced function's structured outputs.
      captures: (outside value, placeholder) of each captured input.
    """
    lines = ["Input Parameters:"]
    lines += ["  %s (%s): %s" % (name, parameters[name].kind.name, text)
              for name, text in _parameters(args, input_signature)]
    lines += ["Output Type:", "  " + _type(outputs, iter(())), "Captures:"]
    lines += ["  %d: %r" % (id(value), TensorSpec(p.shape, p.dtype)) for value, p in captures] \
        or ["  None"]
    return "\n".join(lines)


def summary(parameters, args, input_signature, outputs):
    """The one-line form, `(x: TensorSpec(...), *, n: Literal[2]) -> TensorSpec(...)`, of a
    ConcreteFunction's repr."""
    texts, keyword_only = [], False
    for name, text in _parameters(args, input_signature):
        if parameters[name].kind.name == "KEYWORD_ONLY" and not keyword_only:
            texts.append("*")
            keyword_only = True
        texts.append("%s: %s" % (name, text))
    return "(%s) -> %s" % (", ".join(texts), _type(outputs, iter(())))


def _parameters(args, input_signature):
    specs = iter([] if input_signature is None else _flat_specs(input_signature))
    return [(name, _type(value, specs)) for name, value in args.items()]


def _flat_specs(structure):
    if isinstance(structure, TensorSpec):
        return [structure]
    items = structure.values() if isinstance(structure, dict) else structure
    return [s for item in items for s in _flat_specs(item)]
