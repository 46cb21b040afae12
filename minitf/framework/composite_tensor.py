"""CompositeTensor: a value made of several tensors (RaggedTensor, SparseTensor).

It knows its component tensors and how to rebuild itself from them; `Session.run` fetches the
components and returns the composite's value form (`RaggedTensorValue`, `SparseTensorValue`).
"""


class CompositeTensor:
    """The base of tensor-like values built from component tensors."""

    __slots__ = ()

    def _components(self):
        """The component tensors, in a fixed order."""
        raise NotImplementedError

    def _fetched(self, values):
        """The value that `Session.run` returns, from the components' fetched numpy values."""
        raise NotImplementedError
