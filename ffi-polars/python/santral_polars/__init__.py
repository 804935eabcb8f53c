"""santral's phone checks as Polars expressions, run by Polars itself.

Importing this module (or ``santral.polars``) registers the ``santral``
namespace on every expression::

    import polars as pl
    import santral.polars  # noqa: F401

    df.with_columns(pl.col("phone").santral.normalize().alias("checked"))

Every expression runs in Polars' thread pool on Arrow buffers (no Python
per row), in eager, lazy and streaming queries alike. A null stays null; a
value that does not parse gives null (``e164``, ``kind``, ``match_key``),
``False`` (``valid``) and its code (``error``) — never an exception in the
middle of a frame. The verdicts are the core's, the same as
``santral.normalize_phones``.
"""
from __future__ import annotations

from pathlib import Path

import polars as pl
from polars.plugins import register_plugin_function

from santral_polars import _plugin

__all__ = [
    "DEFAULT_LENIENT",
    "PHONE_KINDS",
    "SantralExpr",
    "e164",
    "error",
    "kind",
    "match_key",
    "normalize",
    "valid",
]

_LIBRARY = Path(__file__).parent
#: The core's default for batch normalisation: human-typed forms accepted.
DEFAULT_LENIENT: bool = _plugin.default_lenient()
#: The kind names the core gives, in its order.
PHONE_KINDS: tuple[str, ...] = tuple(_plugin.phone_kinds())


def _call(
    function: str, expr: pl.Expr | str, lenient: bool, region: str | None = None, allow_extension: bool = False
) -> pl.Expr:
    return register_plugin_function(
        plugin_path=_LIBRARY,
        function_name=function,
        args=[pl.col(expr) if isinstance(expr, str) else expr],
        kwargs={"lenient": lenient, "region": region, "allow_extension": allow_extension},
        is_elementwise=True,
    )


def e164(
    expr: pl.Expr | str, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
) -> pl.Expr:
    """The number in E.164 (``String``); null where it has none (a 444
    number, an extension) or does not parse. Extensions are refused
    unless ``allow_extension=True``, as in every batch path."""
    return _call("e164", expr, lenient, region, allow_extension)


def kind(
    expr: pl.Expr | str, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
) -> pl.Expr:
    """The number's kind, one of ``PHONE_KINDS`` (``String``)."""
    return _call("kind", expr, lenient, region, allow_extension)


def valid(
    expr: pl.Expr | str, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
) -> pl.Expr:
    """libphonenumber's verdict; ``False`` when the value does not parse
    (``Boolean``)."""
    return _call("valid", expr, lenient, region, allow_extension)


def match_key(
    expr: pl.Expr | str, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
) -> pl.Expr:
    """The key every writing of one subscriber shares (``String``)."""
    return _call("match_key", expr, lenient, region, allow_extension)


def error(
    expr: pl.Expr | str, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
) -> pl.Expr:
    """The code of a value that does not parse, e.g. ``phone.too_short``;
    null when it parses (``String``)."""
    return _call("error", expr, lenient, region, allow_extension)


def normalize(
    expr: pl.Expr | str, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
) -> pl.Expr:
    """``normalize_phones``' columns as one struct (``e164``, ``kind``,
    ``valid``, ``error``), null where the input is null; one parse a row."""
    return _call("normalize", expr, lenient, region, allow_extension)


@pl.api.register_expr_namespace("santral")
class SantralExpr:
    """``pl.col("phone").santral.<expression>()``: the functions above."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def e164(
        self, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
    ) -> pl.Expr:
        return e164(self._expr, lenient=lenient, region=region, allow_extension=allow_extension)

    def kind(
        self, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
    ) -> pl.Expr:
        return kind(self._expr, lenient=lenient, region=region, allow_extension=allow_extension)

    def valid(
        self, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
    ) -> pl.Expr:
        return valid(self._expr, lenient=lenient, region=region, allow_extension=allow_extension)

    def match_key(
        self, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
    ) -> pl.Expr:
        return match_key(self._expr, lenient=lenient, region=region, allow_extension=allow_extension)

    def error(
        self, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
    ) -> pl.Expr:
        return error(self._expr, lenient=lenient, region=region, allow_extension=allow_extension)

    def normalize(
        self, *, lenient: bool = DEFAULT_LENIENT, region: str | None = None, allow_extension: bool = False
    ) -> pl.Expr:
        return normalize(self._expr, lenient=lenient, region=region, allow_extension=allow_extension)
