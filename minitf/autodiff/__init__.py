"""Reverse-mode autodiff: one backprop walk, and its two fronts (GradientTape, gradients)."""
