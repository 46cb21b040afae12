"""Crashes while saving: a child process saves in a loop (v1 `Saver` in a Session, v2
`Checkpoint.save`, `CheckpointManager.save`) and is killed by its pid at random moments; the
directory's latest checkpoint must then restore, whole, and be at least the last save the child
finished, and the crash must leave no files that later saves would not clean up. Each round
restarts the child from that checkpoint, so restores after a crash and managers continuing an
old list are tried too."""
import os
import random
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import minitf as tf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KILLS = 4       # rounds per kind of save
SIZE = 100_000  # elements per variable: a save takes a few ms, so kills land inside saves

# The child: two variables whose elements all equal the number of the save they were written
# by; after each save returns it prints that number.
CHILD = """
import sys
import minitf as tf
kind, directory, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
prefix = directory + "/ckpt"
latest = tf.train.latest_checkpoint(directory)
if kind == "saver":
    v1 = tf.compat.v1
    v1.disable_eager_execution()
    a, b = tf.Variable(tf.zeros([size])), tf.Variable(tf.zeros([size]))
    n = v1.placeholder(tf.float32, [])
    set_all = tf.group(a.assign(tf.fill([size], n)), b.assign(tf.fill([size], n)))
    saver = v1.train.Saver([a, b], max_to_keep=2)
    sess = v1.Session()
    sess.run(v1.global_variables_initializer())
    if latest:
        saver.restore(sess, latest)
    number = int(sess.run(a)[0])
    while True:
        number += 1
        sess.run(set_all, {n: number})
        saver.save(sess, prefix, global_step=number)
        print(number, flush=True)
a, b = tf.Variable(tf.zeros([size])), tf.Variable(tf.zeros([size]))
ckpt = tf.train.Checkpoint(a=a, b=b)
manager = tf.train.CheckpointManager(ckpt, directory, max_to_keep=2)
if latest:
    ckpt.restore(latest)
while True:
    number = int(ckpt.save_counter) + 1
    a.assign(tf.fill([size], float(number)))
    b.assign(tf.fill([size], float(number)))
    manager.save() if kind == "manager" else ckpt.save(prefix)
    print(number, flush=True)
"""


def run_and_kill(kind, directory, rng):
    """Starts the child, kills it at a random moment after its first save; returns the number
    of the last save it finished."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    child = subprocess.Popen([sys.executable, "-c", CHILD, kind, directory, str(SIZE)],
                             stdout=subprocess.PIPE, text=True, env=env)
    try:
        first = child.stdout.readline()
        assert first, "the child saved nothing"
        time.sleep(rng.uniform(0.0, 0.2))
        alive = child.poll() is None
        os.kill(child.pid, signal.SIGKILL)
        finished = [first] + child.stdout.readlines()
    finally:
        child.kill()
        child.wait()
    assert alive, "the child ended before it was killed"
    return int(finished[-1]) if finished[-1].endswith("\n") else int(finished[-2])


def restored(kind, directory):
    """(the latest checkpoint's number, the set of values its variables hold)."""
    latest = tf.train.latest_checkpoint(directory)
    assert latest is not None, "no checkpoint listed after the crash"
    a, b = tf.Variable(tf.zeros([SIZE])), tf.Variable(tf.zeros([SIZE]))
    if kind == "saver":
        tf.compat.v1.train.Saver({"Variable": a, "Variable_1": b}).restore(None, latest)
    else:
        tf.train.Checkpoint(a=a, b=b).restore(latest)
    return int(latest.rpartition("-")[2]), set(np.unique([a.numpy(), b.numpy()]).tolist())


def leftovers(kind, directory, number):
    """The files a crash left that no later save will delete: all but the `checkpoint` file,
    the files of ckpt-<number + 1> (the next save writes them anew) and those of the checkpoints
    a manager lists; a Saver and `Checkpoint.save` leave older checkpoints unlisted on purpose,
    so for them only temporary files count."""
    keep = {"checkpoint", "ckpt-%d" % (number + 1)}
    if kind == "manager":
        state = tf.train.get_checkpoint_state(directory)
        keep.update(os.path.basename(p) for p in state.all_model_checkpoint_paths)
    return [n for n in os.listdir(directory) if n.partition(".")[0] not in keep
            and (kind == "manager" or n.endswith(".tmp"))]


@pytest.mark.parametrize("kind", ["saver", "checkpoint", "manager"])
def test_killed_while_saving_the_latest_checkpoint_restores_whole(kind, tmp_path):
    rng = random.Random(kind)
    directory = str(tmp_path)
    rounds = []
    for _ in range(KILLS):
        finished = run_and_kill(kind, directory, rng)
        number, values = restored(kind, directory)
        rounds.append((number >= finished, values == {float(number)},
                       leftovers(kind, directory, number)))
    assert rounds == [(True, True, [])] * KILLS
