"""Bytes to text for every reader: UTF-8, else a Windows code page with a warning."""
from __future__ import annotations

from ..errors import InputError

BINARY_NUL_SHARE = 0.01  # more NUL bytes than this and it is not text


def decode(data: bytes, origin: str = "input") -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 first, then Windows-1252, then Latin-1, with a warning
    when it was not UTF-8. Binary data is refused."""
    if data and data.count(b"\x00") > BINARY_NUL_SHARE * len(data):
        raise InputError(f"{origin}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        where = error.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [f"{origin}: not valid UTF-8 (first bad byte at {where}); decoded as {encoding}"]
    raise InputError(f"{origin}: cannot be decoded as text")  # pragma: no cover - latin-1 decodes anything
