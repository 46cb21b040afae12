"""The objects everything else is made of: dtypes, shapes, errors, tensors, graphs, modes."""
