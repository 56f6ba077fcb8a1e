"""spaCy component ``onrecord_entities``: merge named mentions into entities and
resolve each attribution's source to one of them."""
from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon
from ..schema import Entity, Span
from ..tokens import doc_text
from .confidence import calibrate
from .mentions import Cluster, cluster_entities
from .speakers import RELATIVE_PRONOUNS, resolve_source, unnamed_source

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


def _quoted_tokens(doc: Doc):
    quotes = doc._.quotes or []
    starts = [q.start for q in quotes]

    def quoted(i: int) -> bool:
        k = bisect_right(starts, doc[i].idx) - 1
        return k >= 0 and quotes[k].contains(doc[i].idx)

    return quoted


def _to_entity(text: str, number: int, cluster: Cluster) -> Entity:
    mentions = sorted(set(cluster.mentions))
    return Entity(
        id=f"e{number}",
        name=cluster.name,
        type=cluster.label,
        title=cluster.title,
        affiliation=cluster.affiliation,
        mentions=[Span(s, e, text[s:e]) for s, e in mentions],
    )


class SpeakerResolver:
    """Assigns ``doc._.entities`` and each attribution's ``speaker``."""

    def __init__(self, lexicon_dir: str | None = None, profile: str = "fast", calibrated: bool = True):
        self.lexicons = lexicon.read_lexicons(lexicon_dir) if lexicon_dir else lexicon.default()
        self.profile = profile  # whose measured confidence table applies (entities/confidence.py)
        self.calibrated = calibrated

    def __call__(self, doc: Doc) -> Doc:
        clusters, by_token = cluster_entities(doc, self.lexicons)
        found = doc._.onrecord_found or []
        attributions = doc._.attributions or []
        quoted = _quoted_tokens(doc)
        recent: list[tuple[Cluster, int]] = []
        speaker_of: dict[int, Cluster | None] = {}
        for k in sorted(range(len(found)), key=lambda k: _position(doc, found[k])):
            item = found[k]
            cluster = None
            if item.source is not None:
                cluster = resolve_source(doc, item.source, clusters, by_token, recent, self.lexicons, quoted)
                if cluster is None and item.addressed is not None:
                    cluster = speaker_of.get(id(item.addressed))  # "you" in an interviewer's question
                if cluster is None:
                    cluster = unnamed_source(doc, item.source, clusters, self.lexicons.roles)
                if cluster is not None:
                    root = doc[item.source[0]:item.source[1]].root
                    if root.i not in by_token and root.lower_ not in RELATIVE_PRONOUNS:
                        # A pronoun or description ("the NATO chief"): a mention of its own.
                        start, end = doc[item.source[0]].idx, doc[item.source[1] - 1].idx + len(doc[item.source[1] - 1].text)
                        cluster.mentions.append((start, end))
                    recent.append((cluster, item.source[0]))
            elif item.follows is not None:
                cluster = speaker_of.get(id(item.follows))
            speaker_of[id(item)] = cluster
        numbered = {id(c): n for n, c in enumerate(clusters, 1)}
        text = doc_text(doc)
        doc._.entities = [_to_entity(text, n, c) for n, c in enumerate(clusters, 1)]
        for item, attribution in zip(found, attributions):
            cluster = speaker_of.get(id(item))
            attribution.speaker = f"e{numbered[id(cluster)]}" if cluster is not None else None
        if self.calibrated:
            calibrate(attributions, doc._.entities, self.profile)
        return doc


def _position(doc: Doc, item) -> int:
    """Resolve in reading order of the source mention (or the content, when none)."""
    if item.addressed is not None:
        return _position(doc, item.addressed) + 1  # after the answer whose speaker "you" means
    if item.source is not None:
        return doc[item.source[0]].idx
    return item.content[0]


@Language.factory(
    "onrecord_entities",
    default_config={"lexicon_dir": None, "profile": "fast", "calibrated": True},
    requires=["doc.ents", "doc._.attributions", "doc._.quotes", "doc._.onrecord_found"],
    assigns=["doc._.entities", "doc._.attributions"],  # each attribution's speaker and calibrated confidence
)
def make_entities(nlp: Language, name: str, lexicon_dir: str | None, profile: str, calibrated: bool) -> SpeakerResolver:
    return SpeakerResolver(lexicon_dir, profile, calibrated)
