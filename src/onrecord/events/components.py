"""spaCy component ``onrecord_events``: PLOVER events → ``doc._.events``.

Reads the entities and attributions of the components before it and the dates of
``onrecord_dates`` (each event takes the date in its clause). Unnamed actors that
take part in an event ("police in Kabul") are added to ``doc._.entities``.

Each candidate trigger passes the event detector (``onrecord.events.detect``)
before it becomes an event: below its threshold the candidate is dropped, and a
kept event's confidence is the detector's probability. ``detect=False`` keeps
every candidate (the lexicon alone; training the detector reads these). In the
accurate profile the fine-tuned event encoder (``events.event_encoder``) gives the
probability and the threshold instead, reading the linear detector's probability
when cross-validation chose their average.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.language import Language
from spacy.tokens import Doc

from ..dates import components as _date_components  # noqa: F401  (registers onrecord_dates, whose dates this reads)
from ..errors import ModelNotFoundError
from ..tokens import doc_text
from .anaphora import Referring, Topics
from .assemble import index_article, merge_duplicates, to_event
from .detect import Detector, candidate_features, coded_entities, default_detector
from .triggers import find_triggers

for _name in ("events", "onrecord_date_spans"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EventFinder:
    """Finds dated, factuality-judged PLOVER events between the article's entities."""

    def __init__(self, detect: bool = True, profile: str = "fast") -> None:
        self._detect = detect
        self._detector: Detector | None = None
        self._profile = profile
        self._encoder = None

    @property
    def encoder(self):
        """The event encoder the accurate profile judges candidates with (read on first use), or None."""
        if self._profile == "accurate" and self._encoder is None:
            from .event_encoder import default_event_encoder

            self._encoder = default_event_encoder()
        return self._encoder

    def _judge(self, doc: Doc, sent, trigger, features: list[str], detector: Detector) -> tuple[float, float]:
        """(probability, threshold) of one candidate: the linear detector's, or the encoder's in the accurate profile."""
        linear = detector.probability(features)
        encoder = self.encoder
        if encoder is None:
            return linear, detector.threshold
        tok = doc[trigger.token]
        start = tok.idx - sent.start_char
        return encoder.probability(sent.text, (start, start + len(tok.text)), trigger.type, linear), encoder.threshold

    @property
    def detector(self) -> Detector | None:
        """The detector in use (the shipped one, read on first use), or None: every candidate is kept."""
        if self._detect and self._detector is None:
            self._detector = default_detector()
        return self._detector if self._detect else None

    @detector.setter
    def detector(self, detector: Detector | None) -> None:
        self._detect, self._detector = detector is not None, detector

    @contextmanager
    def using(self, detector: Detector | None) -> Iterator[None]:
        """Run with another detector (None: keep every candidate), then restore the setting."""
        saved = self._detect, self._detector
        self.detector = detector
        try:
            yield
        finally:
            self._detect, self._detector = saved

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found_dates = doc._.onrecord_date_spans
        if found_dates is None:
            raise ModelNotFoundError(
                "onrecord_events needs the dates of onrecord_dates: add it first, "
                "nlp.add_pipe('onrecord_dates', before='onrecord_events')"
            )
        entities = list(doc._.entities or [])
        index = index_article(doc, text, entities, list(doc._.attributions or []), found_dates)
        coded = coded_entities(entities)
        detector = self.detector
        events = []
        topics = Topics()
        judged: dict[int, float] = {}  # trigger token -> the detector's probability
        views: dict = {}  # each sentence as the detector's features read it, read once
        for sent in doc.sents:
            bare: list = []
            found = topics.resolve(sent, find_triggers(sent, bare), bare)
            for trigger in found:
                probability = None
                if detector is not None:
                    features = candidate_features(doc, sent, trigger, index.entity_at, coded, views=views)
                    probability, threshold = self._judge(doc, sent, trigger, features, detector)
                    if isinstance(trigger, Referring) and trigger.antecedent in judged:
                        # an act told again ("planning it", "any delivery") is an event when the
                        # act it refers back to was one: the detector judged that one in full
                        earlier = judged[trigger.antecedent]
                        probability = earlier if trigger.governs else max(probability, earlier)
                    judged[trigger.token] = probability
                    if probability < threshold:
                        continue  # a trigger word that is not an event here
                event = to_event(doc, index, sent, trigger)
                if event is not None:
                    if probability is not None:
                        event.confidence = round(probability, 3)
                    events.append(event)
        doc._.events = merge_duplicates(events, doc)
        # Unnamed actors that took part in an event join the article's entities.
        doc._.entities = entities + [e for e in index.nominal.values() if _used(e.id, doc._.events)]
        return doc


def _used(entity_id: str, events) -> bool:
    return any(entity_id in e.source or entity_id in e.target for e in events)


@Language.factory(
    "onrecord_events",
    requires=["doc.sents", "token.dep", "token.lemma", "doc._.entities", "doc._.attributions",
              "doc._.onrecord_date_spans"],
    assigns=["doc._.events", "doc._.entities"],
)
def make_events(nlp: Language, name: str, detect: bool = True, profile: str = "fast") -> EventFinder:
    return EventFinder(detect, profile)
