"""Modules, layers and models: tf.Module, variables it finds, checkpoints, saving functions."""
import os
import tempfile

import tensorflow as tf


class SimpleModule(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.a_variable = tf.Variable(5.0, name="train_me")
        self.non_trainable_variable = tf.Variable(5.0, trainable=False, name="do_not_train_me")

    def __call__(self, x):
        return self.a_variable * x + self.non_trainable_variable


simple_module = SimpleModule(name="simple")
print(simple_module(tf.constant(5.0)))
print("trainable variables:", simple_module.trainable_variables)
print("all variables:", simple_module.variables)
print(simple_module.name, simple_module.name_scope.name)


class Dense(tf.Module):
    def __init__(self, in_features, out_features, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.reshape(tf.range(in_features * out_features, dtype=tf.float32),
                                        [in_features, out_features]) / 10.0, name="w")
        self.b = tf.Variable(tf.zeros([out_features]), name="b")

    def __call__(self, x):
        y = tf.matmul(x, self.w) + self.b
        return tf.nn.relu(y)


class SequentialModule(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.dense_1 = Dense(in_features=3, out_features=3)
        self.dense_2 = Dense(in_features=3, out_features=2)

    def __call__(self, x):
        x = self.dense_1(x)
        return self.dense_2(x)


my_model = SequentialModule(name="the_model")
print("Model results:", my_model(tf.constant([[2.0, 2.0, 2.0]])))
print("Submodules:", [type(m).__name__ for m in my_model.submodules])
for var in my_model.variables:
    print(var.name, var.shape)
print(len(my_model.trainable_variables))


class FlexibleDenseModule(tf.Module):
    def __init__(self, out_features, name=None):
        super().__init__(name=name)
        self.is_built = False
        self.out_features = out_features

    def __call__(self, x):
        if not self.is_built:
            self.w = tf.Variable(tf.ones([x.shape[-1], self.out_features]), name="w")
            self.b = tf.Variable(tf.zeros([self.out_features]), name="b")
            self.is_built = True
        y = tf.matmul(x, self.w) + self.b
        return tf.nn.relu(y)


flex = FlexibleDenseModule(out_features=2, name="flex")
print(flex(tf.constant([[2.0, 2.0, 2.0]])))
print([v.name for v in flex.variables])

with tf.name_scope("scoped"):
    in_scope = tf.Module(name="inner")
print(in_scope.name, in_scope.name_scope.name)


class WithMethod(tf.Module):
    @tf.Module.with_name_scope
    def __call__(self, x):
        if not hasattr(self, "v"):
            self.v = tf.Variable(2.0, name="v")
        return x * self.v


wm = WithMethod(name="wm")
print(wm(tf.constant(3.0)), wm.v.name)

chkp_dir = tempfile.mkdtemp()
chkp_path = os.path.join(chkp_dir, "my_checkpoint")
checkpoint = tf.train.Checkpoint(model=my_model)
print(os.path.basename(checkpoint.write(chkp_path)))
print(os.path.basename(tf.train.latest_checkpoint(chkp_dir) or "None"))
for name, shape in tf.train.list_variables(chkp_path):
    print(name, shape)
before = my_model(tf.constant([[2.0, 2.0, 2.0]]))
for v in my_model.variables:
    v.assign(tf.zeros_like(v))
print("zeroed:", my_model(tf.constant([[2.0, 2.0, 2.0]])))
new_model = SequentialModule()
new_checkpoint = tf.train.Checkpoint(model=new_model)
new_checkpoint.restore(chkp_path)
print("restored:", new_model(tf.constant([[2.0, 2.0, 2.0]])))

ckpt = tf.train.Checkpoint(step=tf.Variable(1), model=new_model)
manager = tf.train.CheckpointManager(ckpt, os.path.join(chkp_dir, "managed"), max_to_keep=2)
for _ in range(3):
    ckpt.step.assign_add(1)
    save_path = manager.save()
    print("saved", os.path.basename(save_path), int(ckpt.step))
print([os.path.basename(p) for p in manager.checkpoints])
print(os.path.basename(manager.latest_checkpoint))
ckpt.step.assign(0)
status = ckpt.restore(manager.latest_checkpoint)
print(int(ckpt.step))
reader = tf.train.load_checkpoint(manager.latest_checkpoint)
print(reader.get_tensor("step/.ATTRIBUTES/VARIABLE_VALUE"))
print(sorted(reader.get_variable_to_shape_map()))


class MySequentialModule(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.dense_1 = Dense(in_features=3, out_features=3)
        self.dense_2 = Dense(in_features=3, out_features=2)

    @tf.function
    def __call__(self, x):
        x = self.dense_1(x)
        return self.dense_2(x)


fm = MySequentialModule(name="the_model")
print(fm(tf.constant([[2.0, 2.0, 2.0]])))
print(fm(tf.constant([[[2.0, 2.0, 2.0], [2.0, 2.0, 2.0]]])))
