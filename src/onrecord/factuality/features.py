"""Linguistic features of a predicate for the learned factuality model (``model.py``).

``features(token)`` returns named string features read off the spaCy parse:

* the predicate itself: lemma, part of speech, fine tag, dependency, Morph
  (tense, aspect, mood, verb form), infinitival/gerund/nominal form;
* its own dependents: auxiliaries and modals, negation, subordinators
  (``if``, ``unless``, ``whether``), adverbs, determiners ("no"), the person
  of its subject, an if-clause hanging on it;
* each governor up the tree to the root (at most ``MAX_DEPTH``): the relation
  that led to it, its lemma, the classes the cue lexicon gives it (factive,
  report, intention, demand, negation, hedge, ...), its own negation, modals
  and "no" on its object ("had no evidence that ..."), and whether a reporting
  verb stands between it and the predicate;
* the sentence: a question mark, an imperative root;
* the rule analysis (``event.analyse``) as features: its label, certainty,
  time and the cues it found, so the model can learn when to trust them.

A feature is a plain string; the model maps the strings it saw in training to
weights, and ignores the others.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from onrecord import lexicon

from .event import Context, _is_imperative, _lookup, analyse

MAX_DEPTH = 6
_MORPH_KEYS = ("Tense", "Aspect", "Mood", "VerbForm", "Person")
_OWN_WORD_DEPS = frozenset({"aux", "auxpass", "neg", "mark", "advmod", "det", "npadvmod", "preconj", "amod", "prt"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Relations through which a governor's negation reaches the predicate ("had no evidence
# [that X supplied]", "did not try [to leave]"); others (relative and adverbial clauses,
# subjects, appositions) close the scope, and so does a reporting verb. Conjuncts are left to
# the rules, which know when a conjunct has a clause of its own ("did not withdraw, but it will").
_SCOPE_RELS = frozenset({"xcomp", "ccomp", "acl", "dobj", "attr", "pobj", "pcomp", "prep", "acomp", "oprd"})
_NEG_WORDS = lexicon.words("factuality/words.tsv", "negation_word")
_SUBORDINATORS = lexicon.words("factuality/words.tsv", "subordinator_cue")
# "if", "unless", "whether": the subordinators that are not time words
_CONDITIONS = _SUBORDINATORS - lexicon.words("factuality/words.tsv", "temporal_mark")


@lru_cache(maxsize=1)
def _cue_verb_classes() -> dict[str, str]:
    return {lemma: verb.cue_class for lemma, verb in lexicon.default().verbs.items()}


def governor_classes(gov: Token) -> list[str]:
    """The classes the lexicons give a governing word: a factuality label of its cue
    (negated, possible, future, hypothetical, demanded) with the cue's scope, "speech"
    for a reporting verb, "plain" for a governor with no cue, and its cue-verb class
    (speech, belief, report, intention, evaluation, writing)."""
    out = [f"{c.factuality or 'none'}/{c.scope}" for c in _lookup("gov", gov)]
    if _lookup("speech", gov):
        out.append("speech")
    cls = _cue_verb_classes().get(gov.lemma_.lower())
    if cls:
        out.append("cv:" + cls)
    return out or ["plain"]


def _morph(tok: Token, prefix: str) -> list[str]:
    morph = tok.morph
    out = []
    for key in _MORPH_KEYS:
        for value in morph.get(key):
            out.append(f"{prefix}{key}={value}")
    return out


def _own(tok: Token, prefix: str, came_from: Token | None = None) -> list[str]:
    """Words among ``tok``'s dependents that bear on factuality, and its subject's person.
    ``came_from`` is the dependent the walk up the tree came through: its own "no" was
    counted there already."""
    out: list[str] = []
    for c in tok.children:
        d = c.dep_
        if d in _OWN_WORD_DEPS:
            out.append(f"{prefix}{d}={c.lower_}")
            if c.lower_ in _NEG_WORDS:
                out.append(f"{prefix}neg")
        elif d in _SUBJ_DEPS:
            out.append(f"{prefix}subj={c.lower_ if c.pos_ == 'PRON' else c.pos_}")
        elif d == "advcl":
            for g in c.children:
                if g.dep_ in ("mark", "advmod") and g.lower_ in _SUBORDINATORS:
                    out.append(f"{prefix}advcl_mark={g.lower_}")
        elif d in ("dobj", "attr", "nsubjpass", "pobj") and (came_from is None or c.i != came_from.i):
            # "had no evidence", "made no attempt": negation on the object scopes over what it governs
            for g in c.children:
                if g.dep_ == "det" and g.lower_ in _NEG_WORDS:
                    out.append(f"{prefix}obj_det={g.lower_}")
                    out.append(f"{prefix}neg")
    return out


def _sentence_features(tok: Token) -> list[str]:
    """Features of the predicate's sentence, computed once a sentence (kept in the Doc's user_data)."""
    sent = tok.sent
    key = ("onrecord.factuality.sentence", sent.start)
    cache = tok.doc.user_data
    found = cache.get(key)
    if found is None:
        found = []
        if "?" in [t.text for t in sent[-2:]]:
            found.append("question")
        if any(t.lower_ in _CONDITIONS for t in sent):
            found.append("sent_has_conditional")
        cache[key] = found
    return list(found)


def features(tok: Token, ctx: Context | None = None) -> list[str]:
    """Named features of the predicate ``tok`` (see the module docstring); ``ctx`` is
    ``analyse(tok)`` when the caller already has it."""
    lemma = tok.lemma_.lower()
    out = ["bias", f"lemma={lemma}", f"pos={tok.pos_}", f"tag={tok.tag_}", f"dep={tok.dep_}"]
    out += _morph(tok, "m:")
    out += _own(tok, "own:")
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        out.append("form=to-inf")
    if tok.tag_ == "VBG":
        out.append("form=gerund")
    if tok.pos_ in ("NOUN", "PROPN"):
        out.append("form=nominal")
    if not any(c.dep_ in _SUBJ_DEPS for c in tok.children):
        out.append("no_subject")

    out += _sentence_features(tok)
    if _is_imperative(tok):
        out.append("imperative")

    # up the tree
    cur = tok
    negs = sum(1 for f in out if f == "own:neg")
    scoped = negs
    in_scope = True
    after_speech = False
    rels: list[str] = []
    for depth in range(1, MAX_DEPTH + 1):
        head = cur.head
        if head.i == cur.i:
            break
        rel = cur.dep_
        rels.append(rel)
        d = str(min(depth, 3))
        scope = "S:" if after_speech else ""
        classes = governor_classes(head)
        own = _own(head, "", came_from=cur)
        out.append(f"{scope}rel{d}={rel}")
        out.append(f"{scope}g{d}_lemma={head.lemma_.lower()}")
        out.append(f"{scope}g_lemma={head.lemma_.lower()}")
        out.append(f"{scope}g{d}_pos={head.pos_}")
        for cls in classes:
            out.append(f"{scope}g_cls={cls}")
            out.append(f"{scope}rel_cls={rel}|{cls}")
            if depth == 1:
                out.append(f"g1_cls={cls}")
        for f in own:
            if f.startswith("subj="):
                continue
            out.append(f"{scope}g_{f}")
            if depth == 1:
                out.append(f"g1_{f}")
        in_scope = in_scope and rel in _SCOPE_RELS and not after_speech
        if "neg" in own:
            negs += 1
            scoped += int(in_scope)
        out += _morph(head, f"{scope}g{d}m:")
        if "speech" in classes or any(c.startswith("cv:speech") for c in classes):
            after_speech = True
        cur = head
    out.append(f"path={'>'.join(rels[:3])}")
    out.append(f"negs={min(negs, 3)}")
    out.append(f"neg_parity={negs % 2}")
    out.append(f"scoped_neg_parity={scoped % 2}")

    # the rule cascade's reading
    ctx = ctx if ctx is not None else analyse(tok)
    out.append(f"rule={ctx.factuality}")
    out.append(f"rule_cert={ctx.certainty}")
    out.append(f"rule_neg={int(ctx.negated)}")
    out.append(f"rule_future={int(ctx.future)}")
    for cue in ctx.cues:
        out.append(f"cue={cue.lower()}")
    return out
