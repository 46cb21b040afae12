"""The machinery of Keras layers and models: `base_layer` (Layer), `keras_tensor` and
`input_layer` (symbolic inputs and recorded calls), `functional`, `training` (Model, compile,
fit), `sequential`, `compile_utils`, `data_adapter` and `summary`."""
