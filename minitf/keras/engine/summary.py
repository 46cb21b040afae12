"""`Model.summary()`: Keras' table of layers, output shapes and parameter counts.

A model whose layers form a chain (Sequential, subclassed, or functional with one input per
layer) gets three columns in 65 characters; any other functional model a fourth, "Connected
to", in 98. A layer never called on Keras inputs shows its output shape as "multiple"; a layer
not built has "0 (unused)" parameters. Long fields wrap onto the next lines, preferably after a
"),", "},", "]," or "',".
"""
import numpy as np

_BREAKS = ("),", "},", "],", "',")


def print_summary(model, line_length=None, positions=None, print_fn=None):
    print_fn = print_fn or print
    chain = _is_chain(model)
    if chain:
        line_length = line_length or 65
        positions = positions or [0.45, 0.85, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #"]
    else:
        line_length = line_length or 98
        positions = positions or [0.3, 0.6, 0.7, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]

    print_fn('Model: "%s"' % model.name)
    print_fn("_" * line_length)
    _print_row(header, positions, print_fn)
    print_fn("=" * line_length)
    for layer in model.layers:
        try:
            shape = layer.output_shape
        except AttributeError:
            shape = "multiple"
        params = layer.count_params() if layer.built else "0 (unused)"
        fields = ["%s (%s)" % (layer.name, type(layer).__name__), shape, params]
        if not chain:
            fields.append(["%s[%d][%d]" % (source.name, n, t) for node in layer._inbound_nodes
                           if node in model._nodes for source, n, t in node.inbound()])
        _print_row(fields, positions, print_fn)
        print_fn(" " * line_length)
    print_fn("=" * line_length)
    trainable, frozen = model.trainable_weights, model.non_trainable_weights
    n_trainable, n_frozen = _count(trainable), _count(frozen)
    print_fn("Total params: %d (%s)" % (n_trainable + n_frozen,
                                        _memory(_bytes(trainable) + _bytes(frozen))))
    print_fn("Trainable params: %d (%s)" % (n_trainable, _memory(_bytes(trainable))))
    print_fn("Non-trainable params: %d (%s)" % (n_frozen, _memory(_bytes(frozen))))
    print_fn("_" * line_length)


def _is_chain(model):
    nodes = getattr(model, "_nodes", None)
    if not nodes or type(model).__name__ == "Sequential":
        return True
    consumed = [id(kt) for node in nodes for kt in node.input_tensors()]
    calls = [id(node.layer) for node in nodes]
    starts = sum(node.inputs is None for node in nodes)
    return starts <= 1 and len(consumed) == len(set(consumed)) and len(calls) == len(set(calls)) \
        and all(len(node.input_tensors()) <= 1 for node in nodes)


def _print_row(fields, positions, print_fn):
    left = [str(x) for x in fields]
    while any(left):
        line = ""
        for col, text in enumerate(left):
            start = positions[col - 1] if col else 0
            last = col == len(positions) - 1
            space = 0 if last else 2
            cutoff = positions[col] - start - space - (0 if last else 1)
            piece = text[:cutoff]
            breaks = [piece.find(b) + len(b) for b in _BREAKS if piece.find(b) >= 0]
            if breaks:
                cutoff = min(breaks)
                piece = piece[:cutoff]
            line += (" " if col == 0 else "") + piece + " " * space
            left[col] = text[cutoff:]
            line += " " * (positions[col] - len(line))
        print_fn(line)


def _count(weights):
    return int(sum(np.prod(w.shape.as_list(), dtype=np.int64) for w in _unique(weights)))


def _bytes(weights):
    return sum(int(np.prod(w.shape.as_list(), dtype=np.int64)) * w.dtype.size
               for w in _unique(weights))


def _unique(weights):
    return list({id(w): w for w in weights}.values())


def _memory(size):
    for unit in ("Byte", "KB", "MB", "GB", "TB"):
        if size / 1024 < 1:
            return "%.2f %s" % (size, unit)
        size /= 1024
    return "%.2f PB" % size
