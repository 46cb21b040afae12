"""The promise, checked the way a new user checks it: short scripts in the style of TensorFlow's
beginner guides (`guide_scripts/*.py`, written with `import tensorflow as tf`, or
`import tensorflow.compat.v1 as tf` for 1.x ones) run with only that import line changed to
minitf and print what TensorFlow printed (`<script>.out`, recorded from TensorFlow 2.21, with
tf_keras as `tf.keras`).

Each script runs in its own Python process, its stderr merged into its stdout (so `tf.print`
lines keep their place among the `print` lines). TensorFlow's log lines (`WARNING:tensorflow:`,
which minitf writes too, e.g. for retracing) are left out of both outputs. The comparison
forgives only what a run cannot fix: timings and the ETA of Keras' progress bars, object
addresses, what a progress bar overwrites with '\\r', and the last printed digit of a float
(TensorFlow's kernels round some sums and exponentials differently from numpy's). Three
deliberate differences of minitf are normalized too: its TF1 variables are resource variables
(TensorFlow 1.x prints `dtype=float32_ref`), a v1 `cond` is one functional op (its output is
`cond/Identity`, not `cond/Merge`), and a checkpoint holds no `_CHECKPOINTABLE_OBJECT_GRAPH`
(minitf's checkpoints find their variables by name alone).

To record the expected output again, from the reference TensorFlow:
`TF_USE_LEGACY_KERAS=1 python tests/test_guide_scripts.py --record /path/to/tf/bin/python`.
"""
import concurrent.futures
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import pytest

SCRIPTS = pathlib.Path(__file__).parent / "guide_scripts"
NAMES = sorted(p.stem for p in SCRIPTS.glob("*.py"))
ROOT = SCRIPTS.parent.parent

_IMPORT = re.compile(r"^import tensorflow((?:\.compat\.v1)?) as tf$", re.M)
_NUMBER = re.compile(r"-?(?:\d+\.\d*|\.\d+|\d+)(?:e[-+]?\d+)?|\bnan\b|\binf\b", re.I)
_TIMINGS = [
    (re.compile(r"\d+(?:\.\d+)?(?:ms|us|s)/(step|epoch)"), r"<t>/\1"),  # Keras' per step/epoch
    (re.compile(r"(\d+/\d+ (?:\[[=>.]+\] )?- )\d+s"), r"\1<t>"),       # Keras' seconds
    (re.compile(r"ETA: \d+(?::\d+)*s?"), "ETA: <t>"),
    (re.compile(r" at 0x[0-9a-f]+"), " at 0x<address>"),
]
_DELIBERATE = [
    (re.compile(r"dtype=(\w+)_ref\b"), r"dtype=\1"),
    (re.compile(r"\b(cond(?:_\d+)?)/Merge:0"), r"\1/Identity:0"),
    (re.compile(r"^_CHECKPOINTABLE_OBJECT_GRAPH \[\]\n|'_CHECKPOINTABLE_OBJECT_GRAPH', ", re.M), ""),
]
# What TensorFlow itself writes to stderr around a script's output: its C++ log lines, its
# Python log (deprecation notes with their "Instructions for updating:" tail) and warnings.
_TF_NOISE = re.compile(r"^(WARNING: All log messages|[IWEF]\d{4} [\d:.]+ +\d+ \S+:\d+\] |"
                       r"WARNING:tensorflow:|\S+:\d+: \w*Warning: |To enable the following "
                       r"instructions: )")


def minitf_source(script):
    """The script with its import line changed to minitf's."""
    return _IMPORT.sub(lambda m: "import minitf%s as tf" % m.group(1), script)


def run(python, source, env=None):
    """The merged stdout and stderr of `source` run by `python` in a fresh directory."""
    with tempfile.TemporaryDirectory() as cwd:
        path = os.path.join(cwd, "script.py")
        with open(path, "w") as f:
            f.write(source)
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONHASHSEED="0", **(env or {}))
        done = subprocess.run([python, "-W", "ignore", path], cwd=cwd, env=env, timeout=300,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.returncode, done.stdout


def drop_tf_noise(text):
    kept, lines = [], iter(text.split("\n"))
    for line in lines:
        if _TF_NOISE.match(line):
            if line.startswith("WARNING:tensorflow:") and "deprecated" in line:
                next(lines, None), next(lines, None)  # "Instructions for updating:" and why
            elif re.match(r"^\S+:\d+: \w*Warning: ", line):
                next(lines, None)  # the source line Python shows under a warning
            continue
        kept.append(line)
    return "\n".join(kept)


def normalize(text):
    """What a terminal shows of each line, with timings, addresses and the deliberate
    differences made alike."""
    lines = [line.split("\r")[-1].replace("\b", "") for line in text.split("\n")]
    text = "\n".join(lines)
    for pattern, replacement in _TIMINGS + _DELIBERATE:
        text = pattern.sub(replacement, text)
    return text


def _same_number(a, b):
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    if not any(c in a + b for c in ".eE"):
        return False  # integers (counts, steps, shapes) must match exactly
    decimals = max(len(s.split(".")[1].split("e")[0].split("E")[0]) if "." in s else 0
                   for s in (a, b))
    exponent = re.search(r"e([-+]?\d+)", a + " " + b, re.I)
    unit = 10.0 ** (-decimals + (int(exponent.group(1)) if exponent else 0))
    return abs(x - y) <= max(1.01 * unit, 1e-6 * max(abs(x), abs(y)))


def differences(expected, actual):
    """The lines where `actual` differs from `expected`: their text outside numbers must be
    equal, and each number equal up to its last printed digit."""
    out = []
    e_lines, a_lines = expected.split("\n"), actual.split("\n")
    for i in range(max(len(e_lines), len(a_lines))):
        e = e_lines[i] if i < len(e_lines) else "<no line>"
        a = a_lines[i] if i < len(a_lines) else "<no line>"
        if e == a:
            continue
        e_nums, a_nums = _NUMBER.findall(e), _NUMBER.findall(a)
        # numpy pads the numbers of an array to one width, so spaces may differ with digits
        skeleton_e = re.sub(r"\s+", "", _NUMBER.sub("#", e))
        skeleton_a = re.sub(r"\s+", "", _NUMBER.sub("#", a))
        if (skeleton_e != skeleton_a or len(e_nums) != len(a_nums)
                or not all(map(_same_number, e_nums, a_nums))):
            out.append("line %d\n  tensorflow: %s\n  minitf:     %s" % (i + 1, e, a))
    return out


@pytest.fixture(scope="module")
def minitf_outputs():
    """Every script's output under minitf, two at a time."""
    def one(name):
        source = minitf_source((SCRIPTS / (name + ".py")).read_text())
        code, output = run(sys.executable, source, {"PYTHONPATH": str(ROOT)})
        return code, drop_tf_noise(output)  # minitf logs TensorFlow's warnings too
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        return dict(zip(NAMES, pool.map(one, NAMES)))


@pytest.mark.parametrize("name", NAMES)
def test_guide_script_prints_what_tensorflow_printed(name, minitf_outputs):
    code, output = minitf_outputs[name]
    expected = normalize((SCRIPTS / (name + ".out")).read_text())
    diff = differences(expected, normalize(output))
    assert code == 0 and not diff, "\n".join(diff[:10]) + "\n--- output:\n" + output[-3000:]


def test_the_comparison_forgives_the_last_digit_but_not_more():
    assert differences("loss=10.00406 [0.2689414 1.]", "loss=10.00407 [0.26894143 1.]") == []
    assert len(differences("loss=10.004", "loss=10.006")) == 1


def _record(python):
    for name in NAMES:
        code, output = run(python, (SCRIPTS / (name + ".py")).read_text())
        if code:
            raise SystemExit("%s failed under %s:\n%s" % (name, python, output))
        (SCRIPTS / (name + ".out")).write_text(drop_tf_noise(output))
        print("recorded", name)


if __name__ == "__main__":
    if sys.argv[1:2] != ["--record"] or len(sys.argv) != 3:
        raise SystemExit("usage: python tests/test_guide_scripts.py --record PYTHON_WITH_TF")
    _record(sys.argv[2])
