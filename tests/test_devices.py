"""Devices: the config functions answer one CPU and no GPU, `device` scopes are accepted (and
recorded on graph ops) without changing where ops run, and device names print as in
TensorFlow 2.21 (checked there)."""
import pytest

import minitf as tf

CPU = "/job:localhost/replica:0/task:0/device:CPU:0"


def test_the_guides_first_cell():
    assert tf.config.list_physical_devices("GPU") == []
    assert repr(tf.config.list_physical_devices()) == \
        "[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]"


def test_logical_and_visible_devices():
    assert repr(tf.config.list_logical_devices()) == \
        "[LogicalDevice(name='/device:CPU:0', device_type='CPU')]"
    assert tf.config.get_visible_devices() == tf.config.experimental.list_physical_devices()


def test_device_types_match_exactly():
    assert tf.config.list_physical_devices("cpu") == []


def test_hiding_the_gpus_there_are_not():
    tf.config.set_visible_devices([], "GPU")
    assert tf.config.get_visible_devices("GPU") == []


def test_no_memory_growth_without_a_gpu():
    cpu = tf.config.list_physical_devices("CPU")[0]
    with pytest.raises(ValueError, match="Cannot set memory growth on non-GPU"):
        tf.config.experimental.set_memory_growth(cpu, True)


def test_gpu_questions_of_tf_test():
    assert (tf.test.is_gpu_available(), tf.test.is_built_with_cuda(),
            tf.test.gpu_device_name()) == (False, False, "")


def test_eager_tensors_and_variables_live_on_the_cpu():
    with tf.device("/GPU:0"):
        t = tf.constant(1.0) + 1
    assert (t.device, tf.Variable(1.0).device) == (CPU, CPU)


def test_graph_ops_record_their_device_scope(graph):
    a = tf.constant(1.0)
    with tf.device("/cpu:0"):
        with tf.device("/GPU:0"):
            b = a + 1
    with tf.device("/job:worker"):
        with tf.device("gpu:1"):
            c = a + 1
    assert [t.device for t in (a, b, c)] == ["", "/device:GPU:0", "/job:worker/device:GPU:1"]


def test_none_clears_and_empty_keeps_the_device(graph):
    with tf.device("/GPU:0"):
        with tf.device(""):
            kept = tf.constant(1.0)
        with tf.device(None):
            cleared = tf.constant(1.0)
    assert (kept.op.device, cleared.op.device) == ("/device:GPU:0", "")


def test_an_op_pinned_to_a_gpu_still_runs(graph):
    with tf.device("/GPU:0"):
        two = tf.constant(1.0) + 1
        v = tf.Variable(3.0)
    with tf.compat.v1.Session() as sess:
        sess.run(v.initializer)
        assert (sess.run(two), sess.run(v), v.device) == (2.0, 3.0, "/device:GPU:0")


@pytest.mark.parametrize("name", ["nonsense", "/XPU:0", "/device:CPU"])
def test_bad_device_names(name):
    with pytest.raises(ValueError, match="Unknown attribute '.*' is encountered while parsing "
                                         "the device spec"):
        with tf.device(name):
            pass


def test_device_functions_are_v1_only():
    with pytest.raises(RuntimeError, match="tf.device does not support functions."):
        with tf.device(lambda op: "/cpu:0"):
            pass


def test_device_spec():
    spec = tf.DeviceSpec.from_string("/job:w/task:1").make_merged_spec(
        tf.DeviceSpec.from_string("/cpu:0"))
    assert spec.to_string() == "/job:w/task:1/device:CPU:0"
    assert repr(tf.DeviceSpec.from_string("gpu")) == \
        "<DeviceSpec(job=None, replica=None, task=None, device_type=GPU, device_index=None)>"


def test_functions_run_on_the_cpu_under_a_gpu_scope():
    @tf.function
    def f(x):
        with tf.device("/GPU:0"):
            return x + 1
    assert f(tf.constant(1.0)).device == CPU
