"""Checkpoints: the file format (`files`), the TensorFlow 1.x name-based `Saver` (`saver`) and the
TensorFlow 2.x object-based `Checkpoint` and `CheckpointManager` (`checkpoint`), and the readers
of `checkpoint_utils`. The public
names live in `minitf.train` and `minitf.compat.v1.train`."""
