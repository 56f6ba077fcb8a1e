"""Bytes to text for every reader: UTF-8, else a Windows code page with a warning.

Binary data is refused before decoding, as any bytes decode as Latin-1 and a
.docx, a PDF or random bytes would otherwise be read as an article of junk.
Binary is: a known file signature at the start (ZIP and so .docx/.xlsx/.odt,
PDF, OLE2 and so .doc/.xls, images, executables), or more than
``BINARY_CONTROL_SHARE`` of the bytes being control characters that text never
has (NUL and the C0 controls other than tab, newline, vertical tab, form feed,
carriage return and escape)."""
from __future__ import annotations

from ..errors import InputError

BINARY_CONTROL_SHARE = 0.01  # random bytes have about 11% of them; text has next to none
# File signatures (magic numbers) of formats that are not text, with the name said to the user.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx, .odt, .epub, ...)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"%PDF-", "a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 document (.doc, .xls, .ppt, .msg)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"BZh", "a bzip2 file"),
    (b"\xfd7zXZ\x00", "an xz file"),
)
# C0 controls text does not have: all but \t \n \v \f \r and ESC (some terminals' colour codes).
_BINARY_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_DROP_TEXT = bytes.maketrans(b"", b"")


def binary_kind(data: bytes) -> str | None:
    """What the bytes are when they are not text ("a PDF", "binary data"), else None."""
    for signature, name in BINARY_SIGNATURES:
        if data.startswith(signature):
            return None if _looks_like_text_anyway(data, signature) else name
    if not data:
        return None
    controls = len(data) - len(data.translate(_DROP_TEXT, _BINARY_CONTROLS))
    if controls > BINARY_CONTROL_SHARE * len(data):
        return "binary data"
    return None


def _looks_like_text_anyway(data: bytes, signature: bytes) -> bool:
    # Short, printable signatures ("MZ", "BZh") also start English words ("MZ-1 was...", "BZh").
    if len(signature) > 3 or not signature.isascii() or not signature.isalpha():
        return False
    head = data[:512]
    return len(head) - len(head.translate(_DROP_TEXT, _BINARY_CONTROLS)) == 0


def decode(data: bytes, origin: str = "input") -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 first, then Windows-1252, then Latin-1, with a warning
    when it was not UTF-8. Binary data is refused (InputError)."""
    kind = binary_kind(data)
    if kind:
        raise InputError(f"{origin}: looks like {kind}, not text")
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
