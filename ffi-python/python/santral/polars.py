"""Polars expressions of santral: ``pl.col("phone").santral.e164()``.

They live in the ``santral-polars`` plugin wheel (Polars' plugin ABI, run
by Polars' own thread pool): ``pip install "santral[polars]"``. Importing
this module registers the ``santral`` namespace; the functions are also
available directly (``santral.polars.normalize("phone")``): ``e164``,
``kind``, ``valid``, ``match_key``, ``error``, ``normalize``.
"""
from __future__ import annotations

try:
    import santral_polars as _plugin
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        "santral.polars needs the Polars plugin wheel: pip install \"santral[polars]\" (santral-polars)"
    ) from e

from santral_polars import *  # noqa: E402,F403  (the plugin's names, as it lists them)

__all__ = list(_plugin.__all__)
