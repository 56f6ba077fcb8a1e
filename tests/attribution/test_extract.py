"""Every "must handle" attribution case, on text written for these tests."""
import pytest
from record_helpers import find, speech


def test_speaker_after_quote_with_inversion(extract):
    rec = extract("“The alliance stands ready to defend every inch,” said Maren Solberg, the NATO chief.")
    a = find(rec, "stands ready")
    assert (a.kind, a.cue.text, rec.speaker_name(a)) == ("direct", "said", "Maren Solberg")


def test_speaker_after_quote_without_inversion(extract):
    rec = extract("Maren Solberg spoke in Brussels. “We are watching very closely,” Solberg said.")
    a = find(rec, "watching very closely")
    assert a.kind == "direct" and a.source.text == "Solberg" and rec.speaker_name(a) == "Maren Solberg"


def test_pronoun_after_quote(extract):
    rec = extract("Finance Minister Clara Jensen presented the budget. “These numbers do not lie,” she added.")
    a = find(rec, "numbers do not lie")
    assert (a.cue.text, a.source.text, rec.speaker_name(a)) == ("added", "she", "Clara Jensen")


def test_speaker_before_colon(extract):
    rec = extract("Senator Paul Kessler said: “This bill will not pass the Senate in its current form.”")
    a = find(rec, "This bill will not pass")
    assert a.kind == "direct" and rec.speaker_name(a) == "Paul Kessler"


def test_colon_ending_a_paragraph_introduces_the_next_paragraphs_quote(extract):
    rec = extract("Finance Minister Clara Jensen spoke after the vote. The minister said:\n\n"
                  "“These numbers do not lie. We will cut the deficit.”\n\n“We have a plan.”\n\nThe crowd cheered.")
    first, second = find(rec, "These numbers do not lie"), find(rec, "We have a plan")
    assert (first.kind, first.cue.text.rstrip(":"), first.source.text) == ("direct", "said", "The minister")
    assert second.kind == "direct" and second.speaker == first.speaker


def test_colon_ending_a_paragraph_without_a_cue_introduces_nothing(extract):
    rec = extract("The festival announced its prizes. Here are the winners:\n\n“The Long Night” won best film.")
    assert not [a for a in speech(rec) if a.kind == "direct"]


def test_quoted_title_before_a_cue_with_its_own_clause_is_not_speech(extract):
    rec = extract("Sunday on Channel Nine's “Morning Matters,” Rep. Dora Fenn said the governor's “judgment” "
                  "and “honesty” are in question because of the missing funds.")
    a = find(rec, "are in question")
    assert rec.speaker_name(a) == "Dora Fenn" and "Morning Matters" not in a.content.text
    assert not [b for b in speech(rec) if "Morning Matters" in b.content.text]


@pytest.mark.parametrize("text, content", [
    ("Senator Ana Lutz issued a statement Tuesday saying, “I do not feel that the ruling is fair.”",
     "I do not feel that the ruling is fair."),
    ("The Orvia company released a statement saying it regretted the error.", "it regretted the error"),
])
def test_a_statement_saying_something_is_one_attribution_of_what_it_says(extract, text, content):
    rec = extract(text)
    said = speech(rec)
    assert len(said) == 1 and said[0].content.text.strip("“”") == content.strip("“”")


def test_a_report_of_what_someone_said_gives_the_words_to_the_one_who_said_them(extract):
    rec = extract("The hospital treated 25 wounded people, Channel Nine reported the governor said.")
    a = find(rec, "The hospital treated 25 wounded people")
    assert (a.cue.text, a.source.text) == ("said", "the governor")
    outer = [b for b in speech(rec) if b.cue.text == "reported"]
    assert outer and outer[0].content.text == "the governor said"


def test_split_quote_both_halves_one_speaker(extract):
    rec = extract("“We have not seen any delivery of weapons,” the minister, Anton Varga, added, “but we remain alert.”")
    first, second = find(rec, "not seen any delivery"), find(rec, "we remain alert")
    assert first.kind == second.kind == "direct"
    assert first.speaker is not None and first.speaker == second.speaker
    assert rec.speaker_name(first) == "Anton Varga"


def test_according_to(extract):
    rec = extract("The troops left the border town on Friday, according to the Georgian Interior Ministry.")
    a = find(rec, "troops left the border town")
    assert a.cue.text.lower() == "according to"
    assert rec.speaker_name(a) == "Georgian Interior Ministry"


def test_told_reporters_that(extract):
    rec = extract("Mayor Lena Ortiz told reporters that the city would reopen the bridge next week.")
    a = find(rec, "the city would reopen the bridge")
    assert a.kind == "indirect" and a.cue.text == "told" and rec.speaker_name(a) == "Lena Ortiz"


def test_reported_speech_without_that(extract):
    rec = extract("Prime Minister Ivo Marek said the government had no plans to raise taxes.")
    a = find(rec, "the government had no plans")
    assert a.kind == "indirect" and rec.speaker_name(a) == "Ivo Marek"


def test_wide_cue_vocabulary(extract):
    cues = {
        "warned": "Ana Lutz warned that prices would rise sharply.",
        "cautioned": "Ana Lutz cautioned that the recovery remained fragile.",
        "noted": "Ana Lutz noted that exports had fallen for a third month.",
        "argued": "Ana Lutz argued that the rules were outdated.",
        "insisted": "Ana Lutz insisted that the talks would continue.",
        "stressed": "Ana Lutz stressed that no decision had been taken.",
        "reiterated": "Ana Lutz reiterated that the border would stay open.",
        "indicated": "Ana Lutz indicated that she would run again.",
        "framed": "Ana Lutz framed the dispute as a question of sovereignty.",
    }
    for cue, text in cues.items():
        rec = extract(text)
        hits = [a for a in speech(rec) if a.cue and a.cue.text == cue]
        assert hits, f"no attribution with cue {cue!r} in {text!r}"
        assert hits[0].source.text == "Ana Lutz"


def test_multiword_cues(extract):
    rec = extract("Foreign Minister Hanna Berg expressed skepticism about the ceasefire proposal.")
    a = find(rec, "the ceasefire proposal")
    assert a.cue.text == "expressed skepticism about" and rec.speaker_name(a) == "Hanna Berg"
    rec = extract("Defence Secretary Tom Ellery sent a warning that any attack would be answered.")
    a = find(rec, "any attack would be answered")
    assert a.cue.text.startswith("sent a warning") and rec.speaker_name(a) == "Tom Ellery"


def test_mixed_quote(extract):
    rec = extract("NATO Secretary-General Maren Solberg cautioned that it would be a “very big mistake” for Beijing to arm Moscow.")
    a = find(rec, "very big mistake")
    assert a.kind == "mixed"
    assert a.content.text.startswith("that it would be")
    assert rec.speaker_name(a) == "Maren Solberg"
    assert not [x for x in speech(rec) if x.content.text == "very big mistake"]


def test_cueless_quote_paragraph_continues_previous_speaker(extract):
    text = (
        "“We will not be intimidated,” Interior Minister Davit Kapanadze said on Monday.\n\n"
        "“Our police will protect every citizen who wants to protest peacefully.”"
    )
    rec = extract(text)
    first, second = find(rec, "not be intimidated"), find(rec, "Our police will protect")
    assert second.kind == "direct" and second.cue is None
    assert second.speaker == first.speaker and rec.speaker_name(second) == "Davit Kapanadze"
    assert second.confidence < first.confidence
    assert second.continues == rec.attributions.index(first)


def test_quote_across_paragraphs_is_one_attribution(extract):
    text = (
        "Council leader Ruth Abernethy was blunt: “We cannot keep patching roads that need rebuilding.\n\n"
        "“Residents deserve better, and they will get it,” she said."
    )
    rec = extract(text)
    a = find(rec, "patching roads")
    assert "Residents deserve better" in a.content.text
    assert rec.speaker_name(a) == "Ruth Abernethy"


def test_single_quotes_and_guillemets(extract):
    rec = extract("‘We have done nothing wrong,’ Mr Pryce said.")
    assert rec.speaker_name(find(rec, "done nothing wrong")) == "Pryce"
    rec = extract("«Nous ne céderons pas», said French Foreign Minister Claire Dumont.")
    assert rec.speaker_name(find(rec, "Nous ne céderons pas")) == "Claire Dumont"


def test_quote_after_dash(extract):
    rec = extract("Minister Omar Haddad gave a short answer — “We will not negotiate under fire,” he said.")
    a = find(rec, "will not negotiate")
    assert rec.speaker_name(a) == "Omar Haddad"


def test_scare_quotes_and_titles_are_not_speech(extract):
    text = (
        "Beijing last year published a paper on a “political settlement” of the war. "
        "The two countries declared a “limitless partnership” in 2022. "
        "The report, titled “The Cost of Delay”, was released on Monday."
    )
    rec = extract(text)
    for term in ("political settlement", "limitless partnership", "The Cost of Delay"):
        assert not [a for a in speech(rec) if a.content.text == term]
        kinds = {a.kind for a in rec.attributions if a.content.text == term}
        assert kinds <= {"title", "term"} and all(
            a.speaker is None for a in rec.attributions if a.content.text == term
        )
    assert {a.kind for a in rec.attributions if a.content.text == "The Cost of Delay"} == {"title"}


def test_unbalanced_quotes_never_raise(extract):
    for text in ("He said “we will", "” stray closing", "She said \"yes and \"no\" and \"maybe", "'''\"\"\"“”‘’«»"):
        rec = extract(text)
        assert rec.text == text
        for a in rec.attributions:
            assert rec.text[a.content.start:a.content.end] == a.content.text


def test_offsets_always_match_text(extract):
    text = "“A,” said Jo Park.\r\n\r\n“B\x00C,” she added. According to the ministry, all is well."
    rec = extract(text)
    assert speech(rec)
    for a in rec.attributions:
        for span in (a.content, a.cue, a.source):
            if span is not None:
                assert rec.text[span.start:span.end] == span.text


def test_a_named_party_reported_inside_a_quote_is_a_nested_attribution(extract):
    rec = extract("“Lena Ortiz believes the deal is fair, and so do I,” Mr. Oduya said. "
                  "“The ministry has always claimed that the deal is fair,” said Anika Brandt, an economist.")
    outer = find(rec, "Lena Ortiz believes")
    nested = [a for a in rec.attributions if a.within is not None]
    assert [(a.content.text, rec.speaker_name(a), a.act) for a in nested] == [
        ("the deal is fair", "Lena Ortiz", "thought"), ("that the deal is fair", "ministry", "speech")]
    assert rec.attributions[nested[0].within] is outer and rec.speaker_name(outer) == "Oduya"
    assert rec.speaker_name(rec.attributions[nested[1].within]) == "Anika Brandt"


def test_the_quoted_speaker_or_a_pronoun_inside_a_quote_makes_no_nested_attribution(extract):
    # "I think" is the quote's own speaker; whom "he" means inside a quote is not knowable here.
    rec = extract("“I think the deal is fair,” Mr. Oduya said. “He told me the deal is fair,” Ms. Brandt said. "
                  "“Lena Ortiz may be planning to sign it,” Mr. Oduya added.")
    # and "may be planning" is the quoted speaker's own guess, not a report of Ortiz's plan
    assert all(a.within is None for a in rec.attributions)
    assert len(speech(rec)) == 3


def test_a_quote_in_the_speakers_relative_clause_is_not_the_main_verbs(extract):
    # "who has called" says the quote; "portrayed" keeps its own speaker and object
    rec = extract("The council met on Monday.\n\nMs. Ruiz, who has called the plan “a fraud,” portrayed the mayor "
                  "as a danger to the city.")
    portrayed = next(a for a in rec.attributions if a.cue is not None and a.cue.text == "portrayed")
    assert portrayed.content.text.startswith("the mayor")
    assert rec.speaker_name(portrayed) == "Ruiz"


def test_a_quote_with_its_own_speaker_and_an_according_to_stays_the_speakers(extract):
    # the Times reports what Varga writes: the quote, and the next one, are Varga's
    rec = extract("The Times cited a new book by the journalist Ilona Varga.\n\n“By dessert, Kovacs asked each guest "
                  "to offer advice,” Varga writes in her book, according to the Times. “Nobody said a word.”")
    first = [a for a in rec.attributions if a.kind == "direct" and "By dessert" in a.content.text]
    second = find(rec, "Nobody said a word")
    assert [rec.speaker_name(a) for a in first] == ["Ilona Varga"]
    assert rec.speaker_name(second) == "Ilona Varga"


def test_a_clause_before_a_semicolon_is_not_the_next_verbs_content(extract):
    # The parser may hang the clause before the semicolon on "claimed" as a second
    # complement; what "claimed" governs is the clause after it.
    rec = extract("Two officers, Tom Reyes and Ali Marsh, were charged. Reyes denied any wrongdoing, but upon "
                  "learning his fingerprints were on the door he claimed the visit had been routine; Marsh "
                  "consistently claimed he was never there.")
    a = find(rec, "never there")
    assert (a.content.text, rec.speaker_name(a)) == ("he was never there", "Ali Marsh")
    assert not [b for b in rec.attributions if b.cue and b.cue.text == "consistently claimed" and "Reyes" in b.content.text]


def test_a_bare_report_after_the_content_leaves_it_the_content(extract):
    # "…, CNN reported the governor said": the clause before is what was reported.
    rec = extract("The clinic in Ortega treated 25 wounded people, Radio Sur reported the governor said.")
    assert [a for a in rec.attributions if "treated 25 wounded" in a.content.text]


def test_what_someone_is_urged_to_say_is_no_attribution_of_theirs(extract):
    rec = extract("Senator Ana Ruiz, a Labour delegate, used a closed-door lunch to complain that the comments were "
                  "obscuring the message and urged Mr. Bell to tell Mr. Moreau to drop his jeremiad against the judge.")
    assert not [a for a in speech(rec) if a.cue is not None and a.cue.text == "to tell"]


@pytest.mark.parametrize("text, content, speaker, act", [
    ("“This is a failure across the board,” in Marta Vasquez's view.", "This is a failure across the board",
     "Marta Vasquez", "thought"),
    ("The reforms are long overdue, in Minister Aldo Brenner's words.", "The reforms are long overdue",
     "Aldo Brenner", "speech"),
])
def test_in_someones_view_attributes_the_clause_to_its_owner(extract, text, content, speaker, act):
    rec = extract(text)
    a = find(rec, content)
    assert (rec.speaker_name(a), a.act) == (speaker, act)


def test_in_the_view_of_no_one_named_is_no_attribution(extract):
    assert extract("He was in a good mood, in the view of many.").attributions == []


def test_a_participle_on_an_owned_noun_is_the_owners(extract):
    rec = extract("The mayor will follow Senator Ina Holt's Tuesday speech denouncing his economic policies "
                  "with a speech of his own.")
    a = find(rec, "his economic policies")
    assert (a.cue.text, rec.speaker_name(a)) == ("denouncing", "Ina Holt")


def test_a_subject_the_parse_joined_to_the_object_before_and_speaks(extract):
    rec = extract("Over the past two weeks, prosecutors charged the officer with murder and Emanuel fired his "
                  "police chief, acknowledging that many residents have lost trust in the force.")
    a = find(rec, "many residents have lost trust")
    assert rec.speaker_name(a) == "Emanuel"


def test_adding_a_thing_is_no_attribution_but_adding_words_is(extract):
    rec = extract("In Chicago, organizers added 160 security personnel along the parade route, the newspaper "
                  "reported. He added that the route was safe.")
    assert [a.cue.text for a in speech(rec)] == ["reported", "added"]
    assert find(rec, "the route was safe").source.text == "He"


def test_all_told_is_an_idiom_not_a_report(extract):
    rec = extract("The Club for Growth is a free-market activist group that was one of the first outside "
                  "organizations to take on Mr. Trump. All told, the group, whose members met last week to discuss "
                  "how to escalate their efforts against Mr. Trump, raised $4 million in February.")
    assert [a.cue.text for a in rec.attributions if a.cue] == []


def test_an_aside_cue_takes_the_subject_after_the_comma(extract):
    rec = extract("Sanders was less shy about Wall Street. Voters, Clinton suggested, don't have to worry that big "
                  "banks can influence politicians like herself.")
    a = next(a for a in rec.attributions if a.cue and a.cue.text == "suggested")
    assert a.source.text == "Clinton"


@pytest.mark.parametrize("text, content, source", [
    ('As John Cornyn, the No. 2 in the Republican leadership, put it: "This person will not be confirmed."',
     "This person will not be confirmed.", "John Cornyn, the No. 2 in the Republican leadership"),
    ('Senator Dana Moss criticised the audit on Monday. A footnote in the report makes that clear: "These '
     'assessments do not apply to the system used by senior officials."',
     "These assessments do not apply", "A footnote in the report"),
    ('The minister spoke on Monday. The spokesman put it this way: "We will not negotiate."',
     "We will not negotiate.", "The spokesman"),
])
def test_a_colon_quote_is_the_clause_subjects(extract, text, content, source):
    a = find(extract(text), content)
    assert (a.kind, a.source.text if a.source else None) == ("direct", source)


def test_the_subject_of_the_reported_clause_after_a_comma_is_not_an_inverted_speaker(extract):
    rec = extract("Mr. Trump's former campaign manager, Corey Lewandowski, said the staff member who succeeded him "
                  "and helped engineer his ouster, Paul Manafort, should be terminated over the plagiarism.")
    a = next(a for a in rec.attributions if a.cue and a.cue.text == "said")
    assert rec.speaker_name(a) == "Corey Lewandowski"


@pytest.mark.parametrize("text, cue, source", [
    # a participle at the end is the main clause's, not the "after" clause's the parser hung it on
    ('"I was very glad to see that," Hannity said during a panel on his show after the first-term senator '
     "easily won his Senate primary, remarking that some conservatives are still angry.", "remarking", "Hannity"),
    # ... unless the main clause's subject cannot speak: then the clause before the participle speaks
    ("The first incident came during a speech at the State University of New York at Purchase, when Sanders "
     'protesters interrupted her speech, shouting "she wins, we lose!"', "shouting", "Sanders protesters"),
    # a place after a place is where it lies, not a second subject
    ('Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him "a total stiff."',
     "calling", "Trump"),
    # "by" on an active verb is no agent: the article is by them, the acknowledging is the strategists'
    ("Top Sanders strategists acknowledged as much in a New York Times article Monday by Patrick Healy and "
     "Yamiche Alcindor.", "acknowledged", "Top Sanders strategists"),
])
def test_the_speaker_of_a_cue_the_parse_misplaced(extract, text, cue, source):
    a = next(a for a in extract(text).attributions if a.cue and a.cue.text == cue)
    assert a.source.text == source


def test_the_one_asked_is_not_who_asked(extract):
    rec = extract('"I stand by everything I said during the campaign," the Florida senator told the magazine on '
                  "Thursday when asked if he still believes Trump cannot be trusted.")
    asked = next(a for a in rec.attributions if a.cue and a.cue.text == "asked")
    assert asked.source is None and asked.speaker is None
    assert find(rec, "I stand by everything").source.text == "the Florida senator"


def test_calling_off_a_deal_is_no_report(extract):
    rec = extract("Chicago-based AbbVie and Dublin-based Shire called off a $54 billion inversion deal after the "
                  "Treasury issued those rules. He called on the government to resign.")
    assert [a.cue.text for a in rec.attributions if a.cue] == ["called on"]


def test_a_verb_hung_past_a_when_clause_is_that_clauses_speakers(extract):
    rec = extract("In fact, the only time Clinton came up was when Megyn Kelly speculated about the cost of her "
                  "wardrobe, referred to Clinton's supposed divisiveness and considered whether the endorsement "
                  "would create a conflict.")
    assert {rec.speaker_name(a) for a in rec.attributions if a.cue} == {"Megyn Kelly"}


def test_a_subject_and_verb_before_a_comma_and_quote_speak_it(extract):
    rec = extract("After former California Gov. Jerry Brown criticized Bill Clinton during a debate, Hillary shot "
                  'back, "I suppose I could have chosen to bake cookies and have teas."')
    a = find(rec, "bake cookies")
    assert (a.kind, a.cue.text, a.source.text) == ("direct", "shot back", "Hillary")


def test_a_copula_before_a_colon_introduces_no_speaker(extract):
    rec = extract("The rationale these writers use to smear Republicans is a blind faith in Obama's word: "
                  '"As we have explained before, the only figure is an announcement."')
    assert all(a.speaker is None for a in rec.attributions)
    assert not [a for a in rec.attributions if a.cue and "word" in a.cue.text]
