"""The pyarrow path of ``normalize_phones``: the string array's buffers go
to the core with the GIL released; the result is a StructArray."""
from __future__ import annotations

from typing import Any

from santral import _native


def normalize_arrow(values: Any, *, lenient: bool = True) -> Any:
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        chunks = [normalize_arrow(c, lenient=lenient) for c in values.chunks]
        return pa.chunked_array(chunks, type=chunks[0].type if chunks else None)
    if pa.types.is_large_string(values.type):
        values = values.cast(pa.string())
    if not pa.types.is_string(values.type):
        raise TypeError(f"expected a string array, not {values.type}")
    validity, offsets, data = values.buffers()
    offsets_b, e164_data, e164_valid, kinds, valid = _native.normalize_arrow(
        offsets.to_pybytes(),
        data.to_pybytes() if data is not None else b"",
        values.offset,
        len(values),
        validity.to_pybytes() if validity is not None else None,
        lenient,
    )
    n = len(values)
    e164 = pa.Array.from_buffers(pa.string(), n, [pa.py_buffer(e164_valid), pa.py_buffer(offsets_b), pa.py_buffer(e164_data)])
    names = pa.array(_native.tables()["phone_kinds"])
    indices = pa.array(list(kinds), type=pa.uint8())
    kind = pa.DictionaryArray.from_arrays(
        pa.array([None if k == 255 else k for k in kinds], type=pa.uint8()) if 255 in kinds else indices, names
    )
    is_valid = pa.array([v == 1 for v in valid], type=pa.bool_())
    return pa.StructArray.from_arrays([e164, kind, is_valid], names=["e164", "kind", "valid"])
