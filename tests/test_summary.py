"""minitf.summary and compat.v1.summary write files that TensorBoard's own reader understands.

Facts about TensorFlow's files (plugin names, tags, op names, the 1.x histogram's bytes) were
checked against TensorFlow 2.21 with TensorBoard 2.21.
"""
import builtins
import subprocess
import sys

import numpy as np
import pytest

import minitf as tf
from minitf.ops import summary_protos
from minitf.summary.graph_def import graph_def

event_accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")
config_pb2 = pytest.importorskip("tensorboard.compat.proto.config_pb2")
v1 = tf.compat.v1


def read(logdir):
    acc = event_accumulator.EventAccumulator(str(logdir), size_guidance={"tensors": 0,
                                                                          "scalars": 0,
                                                                          "histograms": 0})
    acc.Reload()
    return acc


def tensor_values(acc, tag):
    from tensorboard.util import tensor_util
    return [(e.step, tensor_util.make_ndarray(e.tensor_proto)) for e in acc.Tensors(tag)]


# -- 2.x -------------------------------------------------------------------------------------
def test_scalars_are_written_with_their_steps(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path))
    with writer.as_default():
        for step in range(3):
            tf.summary.scalar("loss", 1.0 / (step + 1), step=step)
    assert [(s, float(v)) for s, v in tensor_values(read(tmp_path), "loss")] == \
        [(0, 1.0), (1, 0.5), (2, pytest.approx(1 / 3))]


def test_a_scalar_is_tagged_for_the_scalars_plugin(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=3):
        tf.summary.scalar("loss", 0.5)
    event = read(tmp_path).Tensors("loss")[0]
    assert read(tmp_path).SummaryMetadata("loss").plugin_data.plugin_name == "scalars"
    assert event.step == 3


def test_a_scalar_inside_a_name_scope_is_tagged_with_the_scope(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=0):
        with tf.name_scope("train"):
            tf.summary.scalar("loss", 0.5)
    assert read(tmp_path).Tags()["tensors"] == ["train/loss"]


def test_histogram_text_and_image_are_written(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=1):
        tf.summary.histogram("weights", np.arange(10.0))
        tf.summary.text("notes", "hello")
        tf.summary.image("pictures", np.zeros((2, 4, 5, 3), np.float32))
        tf.summary.image("grey", np.full((1, 2, 2, 1), 7, np.uint8))
    acc = read(tmp_path)
    (_, buckets), = tensor_values(acc, "weights")
    (_, notes), = tensor_values(acc, "notes")
    (_, pictures), = tensor_values(acc, "pictures")
    assert buckets.shape == (30, 3) and buckets[:, 2].sum() == 10   # TensorFlow's 30 buckets
    assert notes == b"hello"
    assert list(pictures[:2]) == [b"5", b"4"] and len(pictures) == 4  # width, height, 2 PNGs
    assert pictures[2].startswith(b"\x89PNG")
    assert {tag: acc.SummaryMetadata(tag).plugin_data.plugin_name
            for tag in ["weights", "notes", "pictures", "grey"]} == {
        "weights": "histograms", "notes": "text", "pictures": "images", "grey": "images"}


def test_image_keeps_at_most_max_outputs(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=1):
        tf.summary.image("pictures", np.zeros((5, 2, 2, 3), np.uint8), max_outputs=2)
    (_, pictures), = tensor_values(read(tmp_path), "pictures")
    assert len(pictures) == 2 + 2


def test_float_images_are_scaled_to_bytes():
    assert summary_protos.as_uint8_images("x", np.array([[[[0.0], [0.5], [1.0], [2.0]]]])) \
        .reshape(-1).tolist() == [0, 127, 255, 255]


def test_without_a_default_writer_nothing_is_written():
    assert not tf.summary.scalar("loss", 0.5, step=1).numpy()


def test_record_if_false_writes_nothing(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=1):
        with tf.summary.record_if(False):
            written = tf.summary.scalar("loss", 0.5)
        tf.summary.scalar("kept", 0.5)
    assert not written.numpy() and read(tmp_path).Tags()["tensors"] == ["kept"]


def test_a_summary_needs_a_step(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default():
        with pytest.raises(ValueError, match="No step set"):
            tf.summary.scalar("loss", 0.5)


def test_a_scalar_summary_needs_a_scalar(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=1):
        with pytest.raises(ValueError, match="Expected scalar shape for summary 'loss'"):
            tf.summary.scalar("loss", [1.0, 2.0])


def test_an_image_summary_needs_a_batch_of_images(tmp_path):
    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=1):
        with pytest.raises(ValueError, match=r"'pic' needs a batch of images .* shape \(1, 1\)"):
            tf.summary.image("pic", [[1.0]])


def test_a_closed_writer_refuses_to_be_the_default(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path))
    writer.close()
    with pytest.raises(RuntimeError, match="already closed"):
        with writer.as_default():
            pass


def test_summaries_in_a_function_are_written_on_every_call(tmp_path):
    step = tf.Variable(0, dtype=tf.int64)

    @tf.function
    def train(x):
        tf.summary.scalar("x", x)
        step.assign_add(1)
        return x

    writer = tf.summary.create_file_writer(str(tmp_path))
    tf.summary.experimental.set_step(step)
    with writer.as_default():
        for x in [1.0, 2.0, 3.0]:
            train(tf.constant(x))
    assert [(s, float(v)) for s, v in tensor_values(read(tmp_path), "x")] == \
        [(0, 1.0), (1, 2.0), (2, 3.0)]


def test_record_if_with_a_function_is_decided_on_every_call(tmp_path):
    step = tf.Variable(0, dtype=tf.int64)

    @tf.function
    def train():
        with tf.summary.record_if(lambda: tf.equal(step % 2, 0)):
            tf.summary.scalar("even", 1.0, step=step)
        step.assign_add(1)

    with tf.summary.create_file_writer(str(tmp_path)).as_default():
        for _ in range(5):
            train()
    assert [s for s, _ in tensor_values(read(tmp_path), "even")] == [0, 2, 4]


def count_flushes(monkeypatch, writer):
    calls = []
    monkeypatch.setattr(writer, "flush", lambda: calls.append(1))
    return calls


def test_flush_flushes_the_default_writer(tmp_path, monkeypatch):
    writer = tf.summary.create_file_writer(str(tmp_path))
    flushes = count_flushes(monkeypatch, writer)
    writer.set_as_default(step=1)
    tf.summary.flush()
    assert len(flushes) == 1


def test_flush_inside_a_function_runs_on_every_call(tmp_path, monkeypatch):
    @tf.function
    def log(x):
        tf.summary.scalar("x", x)
        tf.summary.flush()

    writer = tf.summary.create_file_writer(str(tmp_path))
    flushes = count_flushes(monkeypatch, writer)
    writer.set_as_default(step=1)
    log(tf.constant(1.0))
    log(tf.constant(2.0))
    assert len(flushes) == 2


def test_trace_export_writes_the_graphs_of_the_functions_called(tmp_path):
    @tf.function
    def double(x):
        return 2.0 * x

    @tf.function
    def square(x):
        return x * x

    with tf.summary.create_file_writer(str(tmp_path)).as_default(step=0):
        tf.summary.trace_on(graph=True)
        double(tf.constant(1.0))
        double(tf.constant(2.0))
        square(tf.constant(2.0))
        tf.summary.trace_export("calls")
    (_, blob), = tensor_values(read(tmp_path), "calls")
    run_metadata = config_pb2.RunMetadata.FromString(blob[0])
    assert [[(n.name, n.op) for n in g.pre_optimization_graph.node]
            for g in run_metadata.function_graphs] == [
        [("x", "Placeholder"), ("mul/x", "Const"), ("mul", "Mul"), ("Identity", "Identity")],
        [("x", "Placeholder"), ("mul", "Mul"), ("Identity", "Identity")]]
    assert read(tmp_path).SummaryMetadata("calls").plugin_data.plugin_name == \
        "graph_run_metadata_graph"


def test_trace_export_needs_trace_on():
    with pytest.raises(ValueError, match="Must enable trace"):
        tf.summary.trace_export("calls", step=0)


# -- 1.x -------------------------------------------------------------------------------------
def test_v1_summary_ops_are_named_like_tensorflow(graph):
    x = tf.constant(1.0)
    names = [v1.summary.scalar("loss", x).name, v1.summary.scalar("loss", x).name,
             v1.summary.histogram("xs", x).name]
    with tf.name_scope("scope"):
        names.append(v1.summary.scalar("inner", x).name)
    names.append(v1.summary.merge_all().name)
    assert names == ["loss:0", "loss_1:0", "xs:0", "scope/inner:0", "Merge/MergeSummary:0"]


def test_session_run_of_a_v1_summary_returns_its_serialized_bytes(graph):
    loss = v1.summary.scalar("loss", tf.constant(3.0))
    # The bytes of TensorFlow 2.21's tf.compat.v1.summary.scalar("loss", 3.0).
    assert v1.Session().run(loss) == b"\n\x0b\n\x04loss\x15\x00\x00@@"


def test_a_v1_histogram_has_tensorflows_buckets(graph):
    # The bytes of TensorFlow 2.21's tf.compat.v1.summary.histogram("xs", [1., 2., 3.]).
    expected = (b"\n\xa8\x01\n\x02xs*\xa1\x01\t\x00\x00\x00\x00\x00\x00\xf0?\x11\x00\x00\x00"
                b"\x00\x00\x00\x08@\x19\x00\x00\x00\x00\x00\x00\x08@!\x00\x00\x00\x00\x00\x00"
                b"\x18@)\x00\x00\x00\x00\x00\x00,@28\x08\x99i\x19\x15Z\xed?+\x14\xfa\xcd\xbe$"
                b"\xf0?\xdc\x94\xcd.\x8du\xff?\xe0\x11\xf1\x0ctM\x01@h\xbc\x105\x9a\x07\x07@\r"
                b"\x9c\xc5\xa0)U\t@\xff\xff\xff\xff\xff\xff\xef\x7f:8\x00\x00\x00\x00\x00\x00"
                b"\x00\x00\x00\x00\x00\x00\x00\x00\xf0?\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                b"\x00\x00\x00\x00\x00\xf0?\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                b"\x00\x00\xf0?\x00\x00\x00\x00\x00\x00\x00\x00")
    xs = v1.summary.histogram("xs", tf.constant([1.0, 2.0, 3.0], tf.float64))
    assert v1.Session().run(xs) == expected


def test_a_v1_histogram_of_nan_is_an_error(graph):
    xs = v1.summary.histogram("xs", tf.constant([np.nan]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="Nan in summary histogram for: xs"):
        v1.Session().run(xs)


def test_merging_two_summaries_with_one_tag_is_an_error(graph):
    loss = v1.summary.scalar("loss", tf.constant(1.0))
    merged = v1.summary.merge([loss, loss])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Duplicate tag loss"):
        v1.Session().run(merged)


def test_merge_all_without_summaries_is_none(graph):
    assert v1.summary.merge_all() is None


def test_v1_summary_ops_refuse_eager_execution():
    with pytest.raises(RuntimeError, match="minitf.summary.scalar"):
        v1.summary.scalar("loss", 1.0)


def test_file_writer_writes_merged_summaries_and_the_graph(tmp_path, graph):
    x = v1.placeholder(tf.float32, [None], name="x")
    w = tf.Variable(2.0, name="w")
    with tf.control_dependencies([w.initializer]):
        y = tf.reduce_mean(x * w, name="y")
    v1.summary.scalar("loss", y)
    v1.summary.histogram("xs", x)
    merged = v1.summary.merge_all()
    with v1.Session() as sess:
        writer = v1.summary.FileWriter(str(tmp_path), graph=sess.graph)
        for step, data in enumerate([[1.0, 2.0], [1.0, 2.0, 3.0]]):
            writer.add_summary(sess.run(merged, {x: data}), global_step=step)
        writer.close()
    acc = read(tmp_path)
    nodes = {n.name: (n.op, list(n.input)) for n in acc.Graph().node}
    assert [(e.step, e.value) for e in acc.Scalars("loss")] == [(0, 3.0), (1, 4.0)]
    assert [e.histogram_value.num for e in acc.Histograms("xs")] == [2, 3]
    assert nodes["y"] == ("Mean", ["mul", "Const", "^w/Assign"])
    assert nodes["w"] == ("VarHandleOp", [])
    assert nodes["Merge/MergeSummary"] == ("MergeSummary", ["loss", "xs"])


def test_file_writer_refuses_eager_execution(tmp_path):
    with pytest.raises(RuntimeError, match="create_file_writer"):
        v1.summary.FileWriter(str(tmp_path))


# -- GraphDef --------------------------------------------------------------------------------
def test_graph_def_holds_names_ops_inputs_and_attrs(graph):
    x = v1.placeholder(tf.float32, [None, 2], name="x")
    total = tf.reduce_sum(x, axis=1)
    with tf.control_dependencies([total]):
        tf.no_op(name="after")
    nodes = {n.name: n for n in graph_def(graph).node}
    assert [(n, nodes[n].op, list(nodes[n].input)) for n in nodes] == [
        ("x", "Placeholder", []), ("Sum/reduction_indices", "Const", []),
        ("Sum", "Sum", ["x", "Sum/reduction_indices"]), ("after", "NoOp", ["^Sum"])]
    assert nodes["x"].attr["dtype"].type == 1                       # DT_FLOAT
    assert [d.size for d in nodes["x"].attr["shape"].shape.dim] == [-1, 2]
    assert nodes["Sum"].attr["T"].type == 1
    assert [d.size for d in nodes["Sum"].attr["_output_shapes"].list.shape[0].dim] == [-1]


def test_graph_def_names_the_second_output_of_an_op(graph):
    a, b = tf.split(tf.constant([1.0, 2.0]), 2)
    tf.identity(b, name="second")
    node = {n.name: n for n in graph_def(graph).node}["second"]
    assert list(node.input) == [b.name]


# -- without tensorboard ---------------------------------------------------------------------
def test_a_missing_tensorboard_names_the_extra(monkeypatch, tmp_path):
    real_import = builtins.__import__

    def no_tensorboard(name, *args, **kwargs):
        if name.startswith("tensorboard"):
            raise ImportError("No module named 'tensorboard'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tensorboard)
    monkeypatch.setattr(summary_protos, "_modules", None)
    with pytest.raises(ImportError, match=r"pip install \"minitf\[tensorboard\]\""):
        tf.summary.create_file_writer(str(tmp_path))


def test_import_minitf_loads_neither_tensorboard_nor_networkx():
    code = ("import sys, minitf; print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'tensorboard', 'networkx'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_v1_summary_is_a_string_tensor(graph):
    assert v1.summary.scalar("loss", tf.constant(1.0)).dtype is tf.string
