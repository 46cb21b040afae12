"""The `minitf.random` namespace (TensorFlow's `tf.random`)."""
