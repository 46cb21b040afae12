"""Checkpoints: v1 Saver and v2 Checkpoint round trips, max_to_keep and the directory's list,
v1 <-> eager, resuming training with the optimizer's slots, and every way a checkpoint can be
damaged or mismatched: each raises a clear error naming the variable or file and changes no
variable. A crash mid-save leaves the previous checkpoint loadable."""
import os

import numpy as np
import pytest

import minitf as tf
from minitf.checkpoint import files
from minitf.checkpoint.checkpoint import VALUE
from minitf.compat import v1


def listing(directory):
    return sorted(os.listdir(directory))


# -- v1 Saver -----------------------------------------------------------------------------------
def test_saver_round_trip_in_a_graph(graph, tmp_path):
    w = tf.Variable([1.0, 2.0], name="w")
    step = v1.train.get_or_create_global_step()
    saver = v1.train.Saver()
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        sess.run(step.assign(7))
        path = saver.save(sess, str(tmp_path / "model"), global_step=step)
        sess.run([w.assign([5.0, 6.0]), step.assign(0)])
        saver.restore(sess, path)
        assert sess.run(w).tolist() == [1.0, 2.0] and sess.run(step) == 7
    assert path == str(tmp_path / "model-7") == v1.train.latest_checkpoint(str(tmp_path))


def test_saver_keeps_max_to_keep_checkpoints(tmp_path):
    saver = v1.train.Saver([tf.Variable(1.0, name="w")], max_to_keep=2)
    paths = [saver.save(None, str(tmp_path / "model"), global_step=i) for i in range(4)]
    assert saver.last_checkpoints == paths[2:]
    assert [f for f in listing(tmp_path) if f.endswith(".index")] == ["model-2.index",
                                                                      "model-3.index"]
    assert len([f for f in listing(tmp_path) if f.endswith(".npz")]) == 2
    assert v1.train.get_checkpoint_state(str(tmp_path)) == (paths[3], paths[2:])


def test_a_graph_checkpoint_restores_into_eager_variables_and_back(tmp_path):
    with tf.Graph().as_default():
        w, b = tf.Variable([1.0, 2.0], name="w"), tf.Variable(3.0, name="b")
        saver = v1.train.Saver()
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            graph_path = saver.save(sess, str(tmp_path / "graph"))
    w, b = tf.Variable([0.0, 0.0], name="w"), tf.Variable(0.0, name="b")
    eager_saver = v1.train.Saver([w, b])
    eager_saver.restore(None, graph_path)
    assert w.numpy().tolist() == [1.0, 2.0] and float(b) == 3.0
    b.assign(4.0)
    eager_path = eager_saver.save(None, str(tmp_path / "eager"))
    with tf.Graph().as_default():
        b = tf.Variable(0.0, name="b")
        saver = v1.train.Saver([b])
        with v1.Session() as sess:
            saver.restore(sess, eager_path)
            assert sess.run(b) == 4.0


def test_saver_makes_the_last_directory_level(tmp_path):
    w = tf.Variable(1.0, name="w")
    prefix = str(tmp_path / "new" / "model")
    assert v1.train.Saver([w]).save(None, prefix) == prefix


def test_saver_checks_its_arguments(tmp_path):
    w = tf.Variable(1.0, name="w")
    saver = v1.train.Saver([w])
    with pytest.raises(ValueError, match="Can't load save_path when it is None"):
        saver.restore(None, None)
    with pytest.raises(ValueError, match="not a valid checkpoint: .*nowhere"):
        saver.restore(None, str(tmp_path / "nowhere"))
    with pytest.raises(ValueError, match="Parent directory of .* doesn't exist"):
        saver.save(None, str(tmp_path / "missing" / "deeper" / "model"))
    with pytest.raises(RuntimeError, match="`var_list` must specify"):
        v1.train.Saver()
    with pytest.raises(ValueError, match="two variables have the same name: Variable"):
        v1.train.Saver([tf.Variable(1.0), tf.Variable(2.0)])


# -- v2 Checkpoint and CheckpointManager --------------------------------------------------------
def adam_model(w0):
    w, b = tf.Variable(w0, name="w"), tf.Variable(0.5, name="b")
    return w, b, tf.optimizers.Adam(0.1)


def train(w, b, opt, steps):
    for _ in range(steps):
        opt.minimize(lambda: tf.reduce_sum(tf.square(w - [1.0, -1.0])) + b * b, [w, b])
    return w.numpy(), b.numpy()


def test_checkpoint_resumes_training_exactly_with_the_optimizer_slots(tmp_path):
    w, b, opt = adam_model([3.0, 2.0])
    train(w, b, opt, 3)
    path = tf.train.Checkpoint(model=tf.train.Checkpoint(w=w, b=b), opt=opt).save(
        str(tmp_path / "ckpt"))
    expected = train(w, b, opt, 3)
    w2, b2, opt2 = adam_model([0.0, 0.0])
    status = tf.train.Checkpoint(model=tf.train.Checkpoint(w=w2, b=b2), opt=opt2).restore(path)
    status.assert_consumed()
    assert int(opt2.iterations) == 3 and opt2.get_slot_names() == ["m", "v"]
    resumed = train(w2, b2, opt2, 3)
    np.testing.assert_array_equal(resumed[0], expected[0])
    np.testing.assert_array_equal(resumed[1], expected[1])


def test_checkpoint_keys_are_object_paths_in_a_numpy_file(tmp_path):
    w, b, opt = adam_model([3.0, 2.0])
    train(w, b, opt, 1)
    tf.train.Checkpoint(model=tf.train.Checkpoint(w=w, again=w), opt=opt).write(
        str(tmp_path / "ckpt"))
    data, = [f for f in listing(tmp_path) if f.endswith(".npz")]
    with np.load(tmp_path / data) as arrays:
        # TensorFlow 2.21's names (it adds _CHECKPOINTABLE_OBJECT_GRAPH); no save_counter
        # before a save
        assert sorted(arrays.files) == [p + VALUE for p in [
            "model/w", "model/w/.OPTIMIZER_SLOT/opt/m", "model/w/.OPTIMIZER_SLOT/opt/v",
            "opt/iter"]]
        np.testing.assert_array_equal(arrays["model/w" + VALUE], w.numpy())


def test_checkpoint_save_numbers_write_does_not(tmp_path):
    ckpt = tf.train.Checkpoint(w=tf.Variable(1.0))
    first, second = (ckpt.save(str(tmp_path / "ckpt")) for _ in range(2))
    written = ckpt.write(str(tmp_path / "sub" / "plain"))
    assert [os.path.basename(p) for p in (first, second, written)] == ["ckpt-1", "ckpt-2",
                                                                        "plain"]
    assert int(ckpt.save_counter) == 2
    assert tf.train.latest_checkpoint(str(tmp_path)) == second


def test_restore_status_reports_what_matched(tmp_path):
    w, v = tf.Variable(1.0), tf.Variable(2.0)
    path = tf.train.Checkpoint(w=w, v=v).write(str(tmp_path / "ckpt"))
    with pytest.raises(AssertionError, match="nothing is being restored"):
        tf.train.Checkpoint(w=w).restore(None).assert_consumed()
    status = tf.train.Checkpoint(w=w).restore(path)
    with pytest.raises(AssertionError, match=r"\['v/.ATTRIBUTES/VARIABLE_VALUE'\]"):
        status.assert_consumed()
    assert status.expect_partial() is status


def test_checkpoint_takes_only_trackable_objects():
    with pytest.raises(ValueError, match="expecting a trackable object .* got 3"):
        tf.train.Checkpoint(x=3)
    tf.train.Checkpoint(layers=[tf.Variable(1.0), {"bias": tf.Variable(0.0)}])


def test_checkpoint_manager_numbers_prunes_and_recovers(tmp_path):
    ckpt = tf.train.Checkpoint(w=tf.Variable(1.0))
    manager = tf.train.CheckpointManager(ckpt, str(tmp_path / "run"), max_to_keep=2)
    assert manager.latest_checkpoint is None and manager.checkpoints == []
    paths = [manager.save() for _ in range(3)]
    assert manager.checkpoints == paths[1:] and manager.latest_checkpoint == paths[2]
    assert not files.exists(paths[0]) and paths[0].endswith("ckpt-1")
    tenth = manager.save(checkpoint_number=10)
    assert manager.checkpoints == [paths[2], tenth] and tenth.endswith("ckpt-10")
    assert tf.train.latest_checkpoint(str(tmp_path / "run")) == tenth
    again = tf.train.CheckpointManager(ckpt, str(tmp_path / "run"), max_to_keep=2)
    assert again.checkpoints == [paths[2], tenth]
    with pytest.raises(ValueError, match="positive integer or `None`"):
        tf.train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=0)


# -- damaged and mismatched checkpoints, for both APIs ------------------------------------------
def save_with(api, prefix):
    w, b = tf.Variable([1.0, 2.0], name="w"), tf.Variable(3.0, name="b")
    if api == "Saver":
        return v1.train.Saver([w, b]).save(None, prefix)
    return tf.train.Checkpoint(w=w, b=b).write(prefix)


def restore_with(api, path, **targets):
    if api == "Saver":
        v1.train.Saver(targets).restore(None, path)
    else:
        tf.train.Checkpoint(**targets).restore(path)


def data_file(path):
    return files.Reader(path)._data


def truncate(path):
    with open(data_file(path), "r+b") as f:
        f.truncate(os.path.getsize(data_file(path)) // 2)


def garbage(path):
    with open(data_file(path), "wb") as f:
        f.write(np.random.default_rng(0).bytes(300))


def flip_a_byte_of_w(path):
    with open(data_file(path), "r+b") as f:
        raw = f.read()
        at = raw.index(np.array([1.0, 2.0], np.float32).tobytes())
        f.seek(at)
        f.write(b"\xff")


def corrupt_index(path):
    with open(path + ".index", "w") as f:
        f.write('{"format": "minitf checkpoint 1", "da')


DAMAGE = [
    pytest.param(truncate, tf.errors.DataLossError, r"\.data-.*\.npz: the file is truncated",
                 id="truncated npz"),
    pytest.param(garbage, tf.errors.DataLossError, r"\.data-.*\.npz: the file is truncated",
                 id="garbage bytes"),
    pytest.param(flip_a_byte_of_w, tf.errors.DataLossError, "Cannot read variable w(/.*)? of",
                 id="flipped byte"),
    pytest.param(lambda p: os.remove(data_file(p)), tf.errors.NotFoundError,
                 r"data file .*\.npz of checkpoint .* is missing", id="missing data"),
    pytest.param(corrupt_index, tf.errors.DataLossError, r"index .*ckpt\.index is corrupt",
                 id="corrupt index"),
]


@pytest.mark.parametrize("api", ["Saver", "Checkpoint"])
@pytest.mark.parametrize("damage, error, message", DAMAGE)
def test_a_damaged_checkpoint_raises_and_changes_nothing(tmp_path, api, damage, error, message):
    path = save_with(api, str(tmp_path / "ckpt"))
    damage(path)
    w, b = tf.Variable([7.0, 7.0], name="w"), tf.Variable(7.0, name="b")
    with pytest.raises(error, match=message):
        restore_with(api, path, w=w, b=b)
    assert w.numpy().tolist() == [7.0, 7.0] and float(b) == 7.0


def test_a_missing_index_is_named(tmp_path):
    path = save_with("Checkpoint", str(tmp_path / "ckpt"))
    os.remove(path + ".index")
    with pytest.raises(tf.errors.NotFoundError, match=r"no index file .*ckpt\.index"):
        restore_with("Checkpoint", path, w=tf.Variable([7.0, 7.0]))
    with pytest.raises(ValueError, match="not a valid checkpoint"):
        restore_with("Saver", path, w=tf.Variable([7.0, 7.0]))


MISMATCH = [
    pytest.param(dict(w=[7.0, 7.0], b=7.0, extra=7.0), tf.errors.NotFoundError,
                 "Key extra(/.*)? not found in checkpoint .*holds: b(/.*)?, .*w",
                 id="missing variable"),
    pytest.param(dict(w=[7.0, 7.0], bias=7.0), tf.errors.NotFoundError,
                 "Key bias(/.*)? not found", id="renamed variable"),
    pytest.param(dict(w=[7.0, 7.0, 7.0], b=7.0), ValueError,
                 r"shape \(2,\) .* variable with shape \(3,\) and name w", id="wrong shape"),
    pytest.param(dict(w=np.array([7.0, 7.0]), b=7.0), tf.errors.InvalidArgumentError,
                 "variable w(/.*)? from .* saved as float32, the variable is float64",
                 id="wrong dtype"),
]


@pytest.mark.parametrize("api", ["Saver", "Checkpoint"])
@pytest.mark.parametrize("values, error, message", MISMATCH)
def test_a_mismatched_checkpoint_raises_and_changes_nothing(tmp_path, api, values, error,
                                                            message):
    path = save_with(api, str(tmp_path / "ckpt"))
    targets = {name: tf.Variable(value, name=name) for name, value in values.items()}
    with pytest.raises(error, match=message):
        restore_with(api, path, **targets)
    for name, value in values.items():
        np.testing.assert_array_equal(targets[name].numpy(), value)


# -- crashes while saving -----------------------------------------------------------------------
def test_a_crash_while_writing_data_leaves_the_previous_checkpoint(tmp_path, monkeypatch):
    w = tf.Variable([1.0, 2.0])
    ckpt = tf.train.Checkpoint(w=w)
    path = ckpt.write(str(tmp_path / "ckpt"))
    before = listing(tmp_path)
    w.assign([5.0, 6.0])

    def crash(f, array, allow_pickle):
        f.write(b"\x93NUMPY half an array")
        raise OSError("No space left on device")
    monkeypatch.setattr(np.lib.format, "write_array", crash)
    with pytest.raises(OSError, match="No space left"):
        ckpt.write(path)
    monkeypatch.undo()
    assert listing(tmp_path) == before
    ckpt.restore(path)
    assert w.numpy().tolist() == [1.0, 2.0]


def test_a_crash_at_the_commit_leaves_the_previous_checkpoint(tmp_path, monkeypatch):
    w = tf.Variable([1.0, 2.0])
    ckpt = tf.train.Checkpoint(w=w)
    path = ckpt.write(str(tmp_path / "ckpt"))
    before = listing(tmp_path)
    w.assign([5.0, 6.0])
    replace = os.replace

    def crash(src, dst):
        if dst.endswith(".index"):
            raise OSError("killed")
        replace(src, dst)
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="killed"):
        ckpt.write(path)
    monkeypatch.undo()
    assert listing(tmp_path) == before
    ckpt.restore(path)
    assert w.numpy().tolist() == [1.0, 2.0]


def test_a_crash_in_a_managed_save_keeps_the_list_and_the_counter(tmp_path, monkeypatch):
    ckpt = tf.train.Checkpoint(w=tf.Variable(1.0))
    manager = tf.train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=3)
    first = manager.save()

    def crash(*args, **kwargs):
        raise OSError("No space left on device")
    monkeypatch.setattr(np.lib.format, "write_array", crash)
    with pytest.raises(OSError):
        manager.save()
    monkeypatch.undo()
    assert manager.checkpoints == [first] and int(ckpt.save_counter) == 1
    assert tf.train.latest_checkpoint(str(tmp_path)) == first


# -- reading a checkpoint by name (names checked against TensorFlow 2.21) -----------------------
def test_list_variables_of_a_checkpoint_directory(tmp_path):
    ckpt = tf.train.Checkpoint(step=tf.Variable(3), model=tf.train.Checkpoint(w=tf.Variable([1.0])))
    ckpt.save(str(tmp_path / "ckpt"))
    assert tf.train.list_variables(str(tmp_path)) == [
        ("model/w" + VALUE, [1]), ("save_counter" + VALUE, []), ("step" + VALUE, [])]


def test_load_checkpoint_reads_tensors_shapes_and_dtypes(tmp_path):
    path = tf.train.Checkpoint(w=tf.Variable([1.0, 2.0])).write(str(tmp_path / "ckpt"))
    reader = tf.train.load_checkpoint(path)
    assert (reader.get_tensor("w" + VALUE).tolist(), reader.get_variable_to_shape_map(),
            reader.get_variable_to_dtype_map()) == ([1.0, 2.0], {"w" + VALUE: [2]},
                                                    {"w" + VALUE: tf.float32})


def test_load_variable_of_a_saver_checkpoint(tmp_path):
    with tf.Graph().as_default():
        w = tf.Variable([5.0], name="w")
        with v1.Session() as sess:
            sess.run(w.initializer)
            path = v1.train.Saver().save(sess, str(tmp_path / "model.ckpt"))
    assert v1.train.load_variable(path, "w:0").tolist() == [5.0]


def test_reading_a_missing_name_or_an_empty_directory_raises(tmp_path):
    path = tf.train.Checkpoint(w=tf.Variable(1.0)).write(str(tmp_path / "ckpt"))
    with pytest.raises(tf.errors.NotFoundError, match="Key nope not found"):
        tf.train.load_checkpoint(path).get_tensor("nope")
    with pytest.raises(ValueError, match="Couldn't find 'checkpoint' file"):
        tf.train.list_variables(str(tmp_path))
