"""Files for the operations that upload one (private): a path or bytes
becomes the data URL the PBX takes, written by the core
(``api::call::DataUrl``: URL-safe base64 without line breaks for sound
files, as the vendor's page asks)."""
from __future__ import annotations

import mimetypes
import os
from typing import Union

from santral import _native

FileData = Union[str, bytes, "os.PathLike[str]"]
"""A file: a path, its bytes, or a ready ``data:`` URL (a ``str``
starting with ``data:``; any other ``str`` is a path)."""

_SOUND_TYPES = {"mp3": "audio/mp3", "wav": "audio/wav", "ogg": "audio/ogg", "m4a": "audio/m4a"}


def _file(value: FileData, *, sound: bool) -> str:
    """The data URL of ``value``; a ``str`` that already is one is sent as
    it is (the core checks it)."""
    if isinstance(value, str) and value.startswith("data:"):
        return value
    if isinstance(value, bytes):
        mime = "audio/mp3" if sound else "application/pdf"
        return _native.data_url(mime, None, value, sound)
    path = os.fspath(value)
    with open(path, "rb") as f:
        data = f.read()
    name = os.path.basename(path)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    known = _SOUND_TYPES.get(ext) if sound else None
    mime = known or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return _native.data_url(mime, name, data, sound)
