"""`minitf.keras.utils`: the progress bar."""
from .progbar import Progbar  # noqa: F401
