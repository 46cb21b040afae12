"""TensorFlow 1.x's older names of arguments (`keep_dims` for `keepdims`, `dim` for `axis`, ...),
which the 1.x functions still take.
"""


def deprecated_alias(value, old_value, name, old_name):
    """The value of an argument that TensorFlow 1.x also took under an older name."""
    if old_value is None:
        return value
    if value is not None:
        raise ValueError("Cannot specify both '%s' and '%s'." % (old_name, name))
    return old_value
