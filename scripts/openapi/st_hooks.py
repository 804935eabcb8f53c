"""Schemathesis hooks for santral's OpenAPI document: the PBX answers
many operations in plain text (an id, `OK`, `+OK`, a uuid, a URL, a
token); this deserializer hands that text to the response-schema check,
so those replies are checked against their `pattern` too."""

from typing import Any

import schemathesis


@schemathesis.deserializer("text/plain")
def plain_text(ctx: Any, response: Any) -> str:
    text: str = response.content.decode("utf-8")
    return text
