"""Which language an article is in, and whether to keep it.

Rule: texts of at least ``MIN_DETECT_CHARS`` characters are identified by
py3langid on their first ``SAMPLE_CHARS`` characters, and that wins over what
the source declares (templates often say lang="en" on every page). Shorter
texts, and texts py3langid is unsure about, use the declared language (HTML
``lang``, a JSON ``language`` field, WARC or HTTP metadata, a feed's language)
and, when nothing is declared, are assumed to be English.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

SAMPLE_CHARS = 2000
MIN_DETECT_CHARS = 200
MIN_CONFIDENCE = 0.5  # below this normalised probability, py3langid is not trusted
ASSUMED = "en"

# ISO 639-3/-2 codes seen in WARC-Identified-Content-Language and the like.
_THREE_TO_TWO = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "zho": "zh", "chi": "zh", "jpn": "ja",
    "ara": "ar", "pol": "pl", "tur": "tr", "ukr": "uk", "swe": "sv", "dan": "da", "nor": "no",
    "nob": "nb", "fin": "fi", "ces": "cs", "cze": "cs", "hun": "hu", "ell": "el", "gre": "el",
    "heb": "he", "hin": "hi", "kor": "ko", "fas": "fa", "per": "fa", "ron": "ro", "rum": "ro",
}
_CODE = re.compile(r"[A-Za-z]{2,3}")


def normalise_language(value: object) -> str | None:
    """"en-US", "en_GB", "EN", "eng", "eng,deu" -> "en"; None for anything else."""
    if not isinstance(value, str):
        return None
    match = _CODE.match(value.strip())
    if not match or (len(value.strip()) > 3 and value.strip()[len(match.group())] not in "-_,; "):
        return None
    code = match.group().lower()
    if len(code) == 3:
        return _THREE_TO_TWO.get(code)
    return code


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """py3langid's best language for the first SAMPLE_CHARS characters, with its probability."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return language, float(probability)


def decide(text: str, declared: str | None = None) -> str:
    """The article's language by the rule above (ISO 639-1)."""
    declared = normalise_language(declared)
    if len(text.strip()) >= MIN_DETECT_CHARS:
        language, probability = detect(text)
        if probability >= MIN_CONFIDENCE or not declared:
            return language
    return declared or ASSUMED


def keep(language: str, languages: Collection[str]) -> bool:
    return language in languages
