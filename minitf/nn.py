"""The `minitf.nn` namespace (TensorFlow's `tf.nn`)."""
