"""Cue frames on parses built by hand: the rules must hold whatever the parser does."""
import spacy
from spacy.tokens import Doc

from onrecord.attribution.frames import _stranded_complement, _verb_frame
from record_helpers import parsed

# "Adler said during a news conference that he may wait ." with the "that" clause
# hung on "conference" as a relative clause, as the small parser does on some texts.
WORDS = ["Adler", "said", "during", "a", "news", "conference", "that", "he", "may", "wait", "."]
HEADS = [1, 1, 1, 5, 5, 2, 9, 9, 9, 5, 1]
DEPS = ["nsubj", "ROOT", "prep", "det", "compound", "pobj", "mark", "nsubj", "aux", "relcl", "punct"]


def _doc(words=WORDS, heads=HEADS, deps=DEPS) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=["VERB" if d in ("ROOT", "relcl") else "NOUN" for d in deps])


def test_a_that_clause_hung_on_a_phrase_is_the_verbs_content():
    doc = _doc()
    assert _stranded_complement(doc[1]).text == "wait"
    frame = _verb_frame(doc, doc[1], ("ccomp",), "speech")
    assert doc[frame.content[0]:frame.content[1]].text == "that he may wait"


def test_a_true_relative_clause_is_not_content():
    # "Adler spoke at a conference that he organised ." — "that" is the clause's object.
    words = ["Adler", "said", "during", "a", "conference", "that", "he", "organised", "."]
    heads = [1, 1, 1, 4, 2, 7, 7, 4, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "dobj", "nsubj", "relcl", "punct"]
    assert _stranded_complement(_doc(words, heads, deps)[1]) is None


def test_a_participle_after_an_object_that_cannot_speak_is_the_subjects(nlp):
    # "sent" passes a participle to its object ("sent them running"), but a tweet says nothing
    from onrecord.attribution.subjects import find_subject

    doc = nlp("She also sent a tweet saying she was proud of the team.")
    saying = next(t for t in doc if t.text == "saying")
    assert find_subject(saying).text == "She"
    doc = nlp("The storm sent residents running for shelter.")
    running = next(t for t in doc if t.text == "running")
    assert find_subject(running).text == "residents"



def test_a_trailing_participle_hung_on_the_first_conjunct_goes_with_the_nearest_clause():
    # "Prosecutors charged the officer and Moreau fired the chief, acknowledging that trust was lost."
    from onrecord.attribution.subjects import find_subject

    doc = parsed("""
        Prosecutors 1 nsubj NOUN NNS
        charged 1 ROOT VERB VBD
        the 3 det DET DT
        officer 1 dobj NOUN NN
        and 1 cc CCONJ CC
        Moreau 6 nsubj PROPN NNP
        fired 1 conj VERB VBD
        the 8 det DET DT
        chief 6 dobj NOUN NN
        , 1 punct PUNCT ,
        acknowledging 1 advcl VERB VBG
        that 14 mark SCONJ IN
        trust 14 nsubjpass NOUN NN
        was 14 auxpass AUX VBD
        lost 10 ccomp VERB VBN
        . 1 punct PUNCT .""")
    assert find_subject(doc[10]).text == "Moreau"


def test_a_participle_hung_on_a_clause_whose_subject_cannot_speak_goes_with_the_nearer_one():
    # "The criticism comes as Moreau is relying on unions, mentioning them."; with "The union"
    # as the first subject, the participle stays the union's
    from onrecord.attribution.subjects import find_subject

    rows = """
        The 1 det DET DT
        {} 2 nsubj NOUN NN
        comes 2 ROOT VERB VBZ
        as 6 mark SCONJ IN
        Moreau 6 nsubj PROPN NNP
        is 6 aux AUX VBZ
        relying 2 advcl VERB VBG
        on 6 prep ADP IN
        unions 7 pobj NOUN NNS
        , 2 punct PUNCT ,
        mentioning 2 advcl VERB VBG
        them 10 dobj PRON PRP
        . 2 punct PUNCT ."""
    assert find_subject(parsed(rows.format("criticism"))[10]).text == "Moreau"
    assert find_subject(parsed(rows.format("union"))[10]).text == "union"


def test_a_gerund_after_n_of_x_is_xs():
    # "The feud led to the spectacle of Brandt denouncing the plans."
    from onrecord.attribution.subjects import find_subject

    doc = parsed("""
        The 1 det DET DT
        feud 2 nsubj NOUN NN
        led 2 ROOT VERB VBD
        to 2 prep ADP IN
        the 5 det DET DT
        spectacle 3 pobj NOUN NN
        of 5 prep ADP IN
        Brandt 6 pobj PROPN NNP
        denouncing 5 acl VERB VBG
        the 10 det DET DT
        plans 8 dobj NOUN NNS
        . 2 punct PUNCT .""")
    assert find_subject(doc[8]).text == "Brandt"


def test_a_participle_after_a_noun_hung_on_the_verb_is_not_what_was_said():
    # "“Ports matter,” Jo Park said in a statement issued Monday ." — the parser hangs
    # "issued" on "said" as a second clause; it modifies "statement", so the quote is the content
    doc = parsed("""
        “ 6 punct PUNCT ``
        Ports 2 nsubj NOUN NNS
        matter 6 ccomp VERB VBP
        , 6 punct PUNCT ,
        ” 6 punct PUNCT ''
        Park 6 nsubj PROPN NNP
        said 6 ROOT VERB VBD
        in 6 prep ADP IN
        a 9 det DET DT
        statement 7 pobj NOUN NN
        issued 6 ccomp VERB VBD
        Monday 10 npadvmod PROPN NNP
        . 6 punct PUNCT .
    """)
    frame = _verb_frame(doc, doc[6], ("ccomp",), "speech")
    assert doc[frame.content[0]:frame.content[1]].text == "Ports matter"


def test_a_that_clause_hung_on_a_noun_as_its_clause_is_the_verbs_content():
    # "Park said in a statement released Monday that ports matter ." — "that ports matter" hung on
    # "statement" as its clause (acl), as the small parser does
    doc = parsed("""
        Park 1 nsubj PROPN NNP
        said 1 ROOT VERB VBD
        in 1 prep ADP IN
        a 4 det DET DT
        statement 2 pobj NOUN NN
        released 4 acl VERB VBN
        Monday 5 npadvmod PROPN NNP
        that 9 mark SCONJ IN
        ports 9 nsubj NOUN NNS
        matter 4 acl VERB VBP
        . 1 punct PUNCT .
    """)
    frame = _verb_frame(doc, doc[1], ("ccomp",), "speech")
    assert doc[frame.content[0]:frame.content[1]].text == "that ports matter"


def test_a_main_verb_hung_on_an_asides_participle_shares_its_subject():
    # "Bush , channeling his roots , responded by saying it ." — the parser made the aside's
    # participle the root and hung "responded" (tagged VBN) on it as an unlabelled dependent
    from onrecord.attribution.subjects import find_subject

    doc = parsed("""
        Bush 2 nsubj PROPN NNP
        , 2 punct PUNCT ,
        channeling 2 ROOT VERB VBG
        his 4 poss PRON PRP$
        roots 2 dobj NOUN NNS
        , 2 punct PUNCT ,
        responded 2 dep VERB VBN
        by 6 prep ADP IN
        saying 7 pcomp VERB VBG
        it 8 dobj PRON PRP
        . 2 punct PUNCT .
    """)
    assert find_subject(doc[8]).text == "Bush"
    doc[6].tag_ = "VBG"  # two participles: no finite main verb, nothing to share
    assert find_subject(doc[8]) is None


def test_a_share_of_people_left_saying_something_is_who_says_it():
    # "Closures have left 62 percent of voters saying it ." with "saying" hung on "left":
    # "left X saying" is X's act when X can speak, and a share of voters can
    from onrecord.attribution.subjects import find_subject

    rows = """
        Closures 2 nsubj NOUN NNS
        have 2 aux AUX VBP
        left 2 ROOT VERB VBN
        62 4 nummod NUM CD
        {share} 2 dobj NOUN NN
        of 4 prep ADP IN
        {whole} 5 pobj NOUN NNS
        saying 2 advcl VERB VBG
        it 7 dobj PRON PRP
        . 2 punct PUNCT .
    """
    for whole, speaker in (("voters", "percent"), ("crops", "Closures")):  # a share of things says nothing
        doc = parsed(rows.format(share="percent", whole=whole))
        doc[2].lemma_, doc[6].lemma_ = "leave", whole[:-1]
        assert find_subject(doc[7]).text == speaker


def test_a_title_parsed_as_a_subject_of_its_own_runs_into_the_name_that_speaks():
    # "speaker of the parliament Ali Larijani wrote …": the small parser made "speaker" and
    # "Larijani" two subjects of "wrote"; the name right after the title is the speaker
    from onrecord.attribution.frames import source_span
    from onrecord.attribution.subjects import find_subject

    words = ["speaker", "of", "the", "parliament", "Omid", "Varza", "wrote", "that", "he", "served", "."]
    heads = [6, 0, 3, 1, 5, 6, 6, 9, 9, 6, 6]
    deps = ["nsubj", "prep", "det", "pobj", "compound", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"]
    pos = ["NOUN", "ADP", "DET", "NOUN", "PROPN", "PROPN", "VERB", "SCONJ", "PRON", "VERB", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              ents=["O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"])
    subject = find_subject(doc[6])
    assert subject.text == "Varza"
    assert source_span(doc, subject) == (0, 6)  # the title stays in the source, as corpora mark it
