"""`minitf.saved_model`: save a Module's variables and traced functions, and load them in
another process as an object that runs the saved graphs.

minitf's SavedModel is a format of its own (TensorFlow's protocol buffers are not read or
written). A SavedModel directory holds:

* `saved_model.json`, written last: {"format": "minitf.saved_model", "version": 1,
  "object": the tree of saved attributes ({"object": {name: node}}, {"variable": i},
  {"function": [trace, ...]}, {"list": [...]}, {"dict": [[key, node], ...]}),
  "variables": [{"name", "dtype", "shape", "trainable"}, ...],
  "functions": {name: {"ops": [{"name", "type", "inputs", "control_inputs", "attrs"}, ...],
  "args", "captures", "outputs", "structured_outputs", "effects", "variables"}},
  "signatures": {key: trace}}, where a trace is {"name": function name, "args": [{"dtype",
  "shape", "name"}, ...]};
* `variables.npz` (variable i as member "v<i>") and `arrays.npz` (constants and other array
  attrs, by the keys the JSON names), both in numpy's format without pickles.

Op attrs are data only (see function_io): a called function by its name, a cond branch or loop
body as {"graph_function": {"name", "ops", "inputs", "outputs"}}. Code is never stored, so a
function that needs Python objects at run time (a py_function) cannot be saved, and custom
gradients are not kept.
"""
from .load import load  # noqa: F401
from .save import save  # noqa: F401
