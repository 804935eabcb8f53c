"""The pyarrow path of ``normalize_phones``: the string array's buffers go
to the core with the GIL released; the result is a StructArray of
``e164``, ``kind``, ``valid`` and ``error``, null where the input is null."""
from __future__ import annotations

from typing import Any, Optional

from santral import _native

_KIND_NAMES: Any = None
_CODE_IDS: Any = None


def normalize_arrow(
    values: Any, *, lenient: bool = True, region: Optional[str] = None, allow_extension: bool = False
) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pa.ChunkedArray):
        chunks = [
            normalize_arrow(c, lenient=lenient, region=region, allow_extension=allow_extension)
            for c in values.chunks
        ]
        return pa.chunked_array(chunks, type=chunks[0].type if chunks else None)
    if pa.types.is_large_string(values.type):
        values = values.cast(pa.string())
    if not pa.types.is_string(values.type):
        raise TypeError(f"expected a string array, not {values.type}")
    validity, offsets, data = values.buffers()
    offsets_b, e164_data, e164_valid, kinds, valid, errors = _native.normalize_arrow(
        offsets.to_pybytes(),
        data.to_pybytes() if data is not None else b"",
        values.offset,
        len(values),
        validity.to_pybytes() if validity is not None else None,
        lenient,
        region,
        allow_extension,
    )
    n = len(values)
    e164 = pa.Array.from_buffers(pa.string(), n, [pa.py_buffer(e164_valid), pa.py_buffer(offsets_b), pa.py_buffer(e164_data)])
    # Kinds: one byte per row, an index into the core's kind names, 255 for none.
    indices = pa.Array.from_buffers(pa.uint8(), n, [None, pa.py_buffer(kinds)])
    missing = pc.equal(indices, 255)
    indices = pc.if_else(missing, pa.scalar(None, pa.uint8()), indices)
    global _KIND_NAMES, _CODE_IDS
    if _KIND_NAMES is None:
        _KIND_NAMES = pa.array(_native.tables()["phone_kinds"])
        _CODE_IDS = pa.array([c[0] for c in _native.codes()])
    kind = pa.DictionaryArray.from_arrays(indices, _KIND_NAMES)
    is_valid = pc.not_equal(pa.Array.from_buffers(pa.uint8(), n, [None, pa.py_buffer(valid)]), 0)
    # Errors: two bytes per row, an index into the core's codes, 0xFFFF for none.
    codes = pa.Array.from_buffers(pa.uint16(), n, [None, pa.py_buffer(errors)])
    codes = pc.if_else(pc.equal(codes, 0xFFFF), pa.scalar(None, pa.uint16()), codes)
    error = pa.DictionaryArray.from_arrays(codes, _CODE_IDS)
    # A null input is a null row (and null in every field).
    mask = values.is_null() if values.null_count else None
    if mask is not None:
        is_valid = pc.if_else(mask, pa.scalar(None, pa.bool_()), is_valid)
    return pa.StructArray.from_arrays(
        [e164, kind, is_valid, error], names=["e164", "kind", "valid", "error"], mask=mask
    )
