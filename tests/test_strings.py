"""String tensors, eagerly and in graphs: TensorFlow's printed forms and values (bytes), the
tf.strings functions, function signatures, and clear errors for math on strings. The facts
were checked against TensorFlow 2.21."""
import numpy as np
import pytest

import minitf as tf


def test_hello_printed_eagerly():
    hello = tf.constant("Hello, TensorFlow!")
    assert str(hello) == "tf.Tensor(b'Hello, TensorFlow!', shape=(), dtype=string)"
    assert repr(hello) == "<tf.Tensor: shape=(), dtype=string, numpy=b'Hello, TensorFlow!'>"


def test_hello_in_a_session_is_bytes(graph):
    hello = tf.constant("Hello, TensorFlow!")
    with tf.compat.v1.Session() as sess:
        value = sess.run(hello)
    assert (str(hello), value) == ('Tensor("Const:0", shape=(), dtype=string)',
                                   b"Hello, TensorFlow!")


def test_string_arrays_are_object_arrays_of_utf8_bytes():
    t = tf.constant([["a", b"b"], ["h\u00e9", ""]])
    assert repr(t.numpy()) == ("array([[b'a', b'b'],\n       [b'h\\xc3\\xa9', b'']], "
                               "dtype=object)")
    assert str(t) == ("tf.Tensor(\n[[b'a' b'b']\n [b'h\\xc3\\xa9' b'']], shape=(2, 2), "
                      "dtype=string)")


def test_numpy_string_arrays_convert():
    assert tf.constant(np.array(["x", "yz"])).numpy().tolist() == [b"x", b"yz"]


def test_string_placeholder_fed_str_or_bytes(graph):
    names = tf.compat.v1.placeholder(tf.string, shape=[None])
    greeting = tf.strings.join(["Hi ", names])
    with tf.compat.v1.Session() as sess:
        out = sess.run(greeting, {names: ["Al", b"Bo"]})
    assert repr(out) == "array([b'Hi Al', b'Hi Bo'], dtype=object)"


@pytest.mark.parametrize("value, message", [
    (["a", 1], "Can't convert Python sequence with mixed types to Tensor."),
    ([1, "a"], "Can't convert Python sequence with mixed types to Tensor."),
    ([["a"], ["b", "c"]], "Can't convert non-rectangular Python sequence to Tensor."),
])
def test_mixed_or_ragged_lists_are_refused(value, message):
    with pytest.raises(ValueError, match="^" + message.replace(".", r"\.") + "$"):
        tf.constant(value)


def test_numbers_are_not_strings():
    with pytest.raises(TypeError, match="Cannot convert 1 to EagerTensor of dtype string"):
        tf.constant(1, tf.string)


def test_equality_and_concatenation():
    a = tf.constant(["a", "bc"])
    assert (a == "a").numpy().tolist() == [True, False]
    assert (a + "!").numpy().tolist() == [b"a!", b"bc!"]


def test_math_on_strings_names_the_allowed_types():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Value for attr 'T' of string is not in the list of allowed values"):
        tf.negative(tf.constant(["a"]))


def test_math_on_strings_in_a_graph_is_a_type_error(graph):
    with pytest.raises(TypeError, match="Value passed to parameter 'x' has DataType string"):
        tf.exp(tf.constant("a"))


def test_casting_strings_is_unimplemented():
    with pytest.raises(tf.errors.UnimplementedError, match="Cast string to float is not "):
        tf.cast(tf.constant(["1"]), tf.float32)


def test_strings_get_no_gradient():
    s = tf.constant("abc")
    with pytest.warns(UserWarning, match="must be floating"):
        with tf.GradientTape() as tape:
            tape.watch(s)
            n = tf.cast(tf.strings.length(s), tf.float32)
        assert tape.gradient(n, s) is None


def test_length_in_bytes_and_characters():
    word = tf.constant("h\u00e9llo")
    assert (int(tf.strings.length(word)), int(tf.strings.length(word, unit="UTF8_CHAR"))) == (6, 5)


def test_upper_lower_strip():
    assert tf.strings.upper(" ab\u00e9 ").numpy() == b" AB\xc3\xa9 "  # ASCII letters only
    assert tf.strings.upper("\u00e9", encoding="utf-8").numpy() == "\u00c9".encode()
    assert tf.strings.strip(tf.strings.lower(" AB ")).numpy() == b"ab"


def test_join_needs_equal_shapes():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Input shapes do not match: \[2\] vs. \[3\]"):
        tf.strings.join([tf.constant(["a", "b"]), tf.constant(["a", "b", "c"])])


def test_reduce_join():
    x = tf.constant([["a", "b"], ["c", "d"]])
    assert tf.strings.reduce_join(x, axis=0, separator="-").numpy().tolist() == [b"a-c", b"b-d"]


def test_as_string_formats_like_printf():
    assert tf.strings.as_string([3.5]).numpy().tolist() == [b"3.500000"]
    assert tf.strings.as_string([7], width=3, fill="0").numpy().tolist() == [b"007"]
    assert tf.strings.as_string(True).numpy() == b"true"


def test_to_number_and_its_error():
    assert tf.strings.to_number(["1", "-2"], tf.int64).numpy().tolist() == [1, -2]
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="StringToNumberOp could not correctly convert string: 3.5"):
        tf.strings.to_number("3.5", tf.int32)


def test_to_number_error_in_a_session(graph):
    s = tf.compat.v1.placeholder(tf.string)
    n = tf.strings.to_number(s)
    with tf.compat.v1.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="convert string: x"):
            sess.run(n, {s: "x"})


def test_format_writes_values_as_tf_print():
    text = tf.strings.format("x={} s={}", [tf.range(10), tf.constant(["a", 'q"'])])
    assert text.numpy() == b'x=[0 1 2 ... 7 8 9] s=["a" "q\\""]'


def test_format_counts_placeholders():
    with pytest.raises(ValueError, match="The template expects 2 tensors, but the inputs only "
                                         "has 1"):
        tf.strings.format("{} {}", [1])


def test_print_of_a_lone_string_is_its_text(capsys):
    tf.print(tf.constant("hi"))
    tf.print(tf.constant(["a\tb"]))
    assert capsys.readouterr().err == 'hi\n["a\\tb"]\n'


def test_split_gives_a_ragged_tensor():
    assert repr(tf.strings.split(["a b", "c"])) == "<tf.RaggedTensor [[b'a', b'b'], [b'c']]>"
    assert tf.strings.split("a,,b", sep=",").numpy().tolist() == [b"a", b"", b"b"]


def test_split_in_a_session(graph):
    lines = tf.compat.v1.placeholder(tf.string, shape=[None])
    words = tf.strings.split(lines)
    with tf.compat.v1.Session() as sess:
        value = sess.run(words, {lines: ["to be", "or"]})
    assert value.to_list() == [[b"to", b"be"], [b"or"]]


def test_v1_string_split_gives_a_sparse_tensor():
    tokens = tf.compat.v1.string_split(["a b", "c"])
    assert tokens.indices.numpy().tolist() == [[0, 0], [0, 1], [1, 0]]


@tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
def _shout(words):
    return tf.strings.join([tf.strings.upper(words), "!"])


def test_string_arguments_of_functions():
    assert _shout(tf.constant(["hey"])).numpy().tolist() == [b"HEY!"]
    assert repr(tf.TensorSpec([None], tf.string)) == \
        "TensorSpec(shape=(None,), dtype=tf.string, name=None)"


def test_string_dtype():
    assert (str(tf.string), tf.as_dtype(np.dtype("U3")), tf.string.as_numpy_dtype) == \
        ("<dtype: 'string'>", tf.string, np.object_)


def test_bytes_split_of_a_scalar_and_of_a_vector():  # as TensorFlow 2.21
    assert tf.strings.bytes_split("Duck").numpy().tolist() == [b"D", b"u", b"c", b"k"]
    assert tf.strings.bytes_split(["ab", ""]).to_list() == [[b"a", b"b"], []]
