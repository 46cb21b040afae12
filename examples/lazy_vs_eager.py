"""Lazy (TensorFlow 1.x) and eager (TensorFlow 2.x) execution, side by side.

Six short lessons, each done both ways, with what each line prints printed next to it:
constants, variables, inputs (placeholders or arguments), what a Session adds, what
`tf.function` traces, and gradients. Then three pictures of the same small model, written to
`<out>/`: `lazy_vs_eager_session.png` (the graph a Session runs, gradients included),
`lazy_vs_eager_function.png` (the graph `tf.function` traced) and `lazy_vs_eager_tape.png` (the
ops a GradientTape recorded, in order).

    python examples/lazy_vs_eager.py --out plots
"""
import argparse
import os
import textwrap

import numpy as np

import minitf as tf
from minitf import visualize

WIDTH = 50  # characters per column


class Column:
    """The lines one style prints; a file for `print(..., file=)` and `tf.print`."""

    def __init__(self):
        self.text = ""

    @property
    def lines(self):
        return self.text.rstrip("\n").split("\n")

    def write(self, text):
        self.text += text

    def code(self, line):
        self.write(">>> " + line + "\n")

    def say(self, *values):
        print(*values, file=self)


# Each lesson: a title, then what the lazy and the eager way do, written into their columns.
def constants(lazy, eager):
    g = tf.Graph()
    with g.as_default():
        lazy.code("total = tf.constant(2) + tf.constant(3)")
        total = tf.constant(2) + tf.constant(3)
        lazy.code("print(total)   # only a node of the graph")
        lazy.say(total)
        lazy.code("sess.run(total)")
        with tf.compat.v1.Session(graph=g) as sess:
            lazy.say(sess.run(total))
    eager.code("total = tf.constant(2) + tf.constant(3)")
    eager.code("print(total)   # computed at once")
    eager.say(tf.constant(2) + tf.constant(3))


def variables(lazy, eager):
    g = tf.Graph()
    with g.as_default():
        lazy.code("w = tf.Variable(1.5)")
        w = tf.Variable(1.5, name="w")
        init = tf.compat.v1.global_variables_initializer()
        sess = tf.compat.v1.Session(graph=g)
        lazy.code("sess.run(w)")
        try:
            sess.run(w)
        except tf.errors.FailedPreconditionError as e:
            lazy.say("FailedPreconditionError: " + e.message.split(":")[0])
        lazy.code("sess.run(tf.global_variables_initializer())")
        sess.run(init)
        lazy.code("sess.run(w)   # its value lives in the session")
        lazy.say(sess.run(w))
        sess.close()
    eager.code("w = tf.Variable(1.5)")
    eager.code("w.numpy()   # holds its value from the start")
    eager.say(tf.Variable(1.5).numpy())


def inputs(lazy, eager):
    g = tf.Graph()
    with g.as_default():
        lazy.code("x = tf.placeholder(tf.float32, [None])")
        x = tf.compat.v1.placeholder(tf.float32, [None], name="x")
        lazy.code("y = 2.0 * x")
        y = 2.0 * x
        lazy.code("sess.run(y, feed_dict={x: [1, 2]})")
        with tf.compat.v1.Session(graph=g) as sess:
            lazy.say(sess.run(y, feed_dict={x: [1.0, 2.0]}))
    eager.code("def f(x): return 2.0 * x")
    eager.code("f(tf.constant([1.0, 2.0])).numpy()")
    eager.say((lambda x: 2.0 * x)(tf.constant([1.0, 2.0])).numpy())


def sessions(lazy, eager):
    g = tf.Graph()
    with g.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [], name="x")
        y = x * x
        lazy.code("len(graph.get_operations())")
        lazy.say(len(g.get_operations()), "  # built once: x and x * x")
        lazy.code("[sess.run(y, {x: v}) for v in (2, 3)]")
        with tf.compat.v1.Session(graph=g) as sess:
            lazy.say([float(sess.run(y, {x: v})) for v in (2.0, 3.0)])
        lazy.say("A Session runs the same graph again and again; nothing was computed before.")
    eager.code("[float(x * x) for x in (2.0, 3.0)]")
    eager.say([float(tf.constant(v) * tf.constant(v)) for v in (2.0, 3.0)])
    eager.say("No graph, no session: each line computes its value when it runs.")


def functions(lazy, eager):
    lazy.say("Your code is the tracing: it builds the graph once, then Session.run runs it.")
    lazy.say("A Python print in it runs once, while building.")

    @tf.function
    def square(x):
        print("  Python print: tracing with", x, file=eager)
        tf.print("  tf.print: running with x =", x, output_stream=eager)
        return x * x

    eager.code("@tf.function  def square(x): ...")
    eager.code("square(tf.constant(2.0)); square(tf.constant(3.0))")
    square(tf.constant(2.0))
    square(tf.constant(3.0))
    ops = [op.name for op in square.get_concrete_function(tf.constant(1.0)).graph.get_operations()]
    eager.say("traced graph: %s" % ops)


def gradients(lazy, eager):
    g = tf.Graph()
    with g.as_default():
        lazy.code("w = tf.Variable(3.0); loss = w * w")
        w = tf.Variable(3.0, name="w")
        loss = w * w
        lazy.code("(dw,) = tf.gradients(loss, [w])   # adds ops")
        (dw,) = tf.gradients(loss, [w])
        lazy.say(dw)
        with tf.compat.v1.Session(graph=g) as sess:
            sess.run(w.initializer)
            lazy.code("sess.run(dw)")
            lazy.say(sess.run(dw))
    eager.code("w = tf.Variable(3.0)")
    w = tf.Variable(3.0)
    eager.code("with tf.GradientTape() as tape: loss = w * w")
    with tf.GradientTape() as tape:
        loss = w * w
    eager.code("tape.gradient(loss, w)   # replays the record")
    eager.say(tape.gradient(loss, w))


LESSONS = [("1. Constants", constants), ("2. Variables", variables),
           ("3. Inputs: placeholders or arguments", inputs), ("4. What a Session adds", sessions),
           ("5. What tf.function traces", functions), ("6. Gradients", gradients)]


def side_by_side(left, right):
    """The two columns' lines next to each other, long lines wrapped."""
    def wrap(lines):
        return [part for line in lines for part in
                textwrap.wrap(line, WIDTH, subsequent_indent="    ") or [""]]
    left, right = wrap(left), wrap(right)
    n = max(len(left), len(right))
    left, right = left + [""] * (n - len(left)), right + [""] * (n - len(right))
    return ["%-*s | %s" % (WIDTH, a, b) for a, b in zip(left, right)]


def draw(out):
    """The same model three ways: the graph a Session runs, a traced function, a tape."""
    x_data = np.array([[1.0], [2.0]], np.float32)
    g = tf.Graph()
    with g.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 1], name="x")
        w = tf.Variable([[0.5]], name="w")
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
        tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
    w_eager = tf.Variable([[0.5]], name="w")

    @tf.function
    def model_loss(x):
        return tf.reduce_mean(tf.square(tf.matmul(x, w_eager) - 1.0))

    with tf.GradientTape(persistent=True) as tape:
        tf.reduce_mean(tf.square(tf.matmul(x_data, w_eager) - 1.0))
    os.makedirs(out, exist_ok=True)
    return [
        visualize.draw(g, os.path.join(out, "lazy_vs_eager_session.png"),
                       title="TF1: the graph a Session runs (forward, gradients, update)"),
        visualize.draw(model_loss.get_concrete_function(tf.constant(x_data)),
                       os.path.join(out, "lazy_vs_eager_function.png"),
                       title="TF2: the graph tf.function traced from model_loss"),
        visualize.draw(tape, os.path.join(out, "lazy_vs_eager_tape.png"),
                       title="TF2 eager: the ops a GradientTape recorded, in the order they ran"),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="plots", help="folder for the pictures (default plots)")
    args = parser.parse_args(argv)
    print(side_by_side(["TF1: lazy (graph, then Session.run)"],
                       ["TF2: eager (ops compute at once)"])[0])
    print("=" * (2 * WIDTH + 3))
    for title, lesson in LESSONS:
        lazy, eager = Column(), Column()
        lesson(lazy, eager)
        print("\n" + title)
        print("-" * (2 * WIDTH + 3))
        print("\n".join(side_by_side(lazy.lines, eager.lines)))
    paths = draw(args.out)
    print("\nwrote " + ", ".join(paths))
    return paths


if __name__ == "__main__":
    main()
