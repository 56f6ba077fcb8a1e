"""One bad article never stops a batch."""
from onrecord import batch
from onrecord.items import ArticleInput, Failure
from onrecord.schema import Article, Record


def item(text: str, name: str, date: str | None = None) -> ArticleInput:
    return ArticleInput(text, Article(id=name, date=date), name)


def test_failures_come_out_in_place_and_others_survive(nlp):
    items = [
        item("“First,” said Jo Park.", "ok1"),
        item("   ", "empty"),
        item("“Third,” said Jo Park.", "bad-date", date="2023-02-30"),
        Failure("unreadable.txt", "cannot read: permission denied"),
        item("“Fifth,” said Jo Park.", "ok2"),
    ]
    results = list(batch.extract_batch(items, nlp))
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Failure", "Failure", "Record"]
    assert "empty article" in results[1].error
    assert "not a valid YYYY-MM-DD" in results[2].error
    assert results[4].article.id == "ok2" and results[4].attributions


def test_an_article_that_crashes_the_pipeline_is_isolated(nlp, monkeypatch):
    finder = nlp.get_pipe("onrecord_attributions")
    original = type(finder).__call__

    def explode_on_poison(self, doc):
        if "POISON" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(type(finder), "__call__", explode_on_poison)
    items = [item("“A,” said Jo Park.", "a"), item("POISON “B,” said Jo Park.", "b"), item("“C,” said Jo Park.", "c")]
    results = list(batch.extract_batch(items, nlp, batch_size=8))
    assert isinstance(results[0], Record) and isinstance(results[2], Record)
    assert isinstance(results[1], Failure) and "RuntimeError: boom" in results[1].error


def test_warnings_from_reading_are_kept(nlp):
    source = item("“Olé,” said Jo Park.", "w")
    source.warnings.append("w: not valid UTF-8; decoded as cp1252")
    (record,) = list(batch.extract_batch([source], nlp))
    assert record.warnings[0].startswith("w: not valid UTF-8")


def test_the_span_model_runs_batched_and_gives_what_one_article_alone_gets(nlp):
    from onrecord import pipeline

    assert "onrecord_cues" in nlp.pipe_names and "onrecord_cues" not in pipeline.own_components(nlp)
    texts = ["“The talks failed,” said Foreign Minister Hanna Berg on Monday.",
             "Officials in Lisbon said the port would reopen. Jo Park, a union leader, disagreed.\n\nShe told reporters "
             "the strike would go on."]
    batched = list(batch.extract_batch([item(t, str(i)) for i, t in enumerate(texts)], nlp, batch_size=8))
    for text, record in zip(texts, batched):
        alone = batch.extract(text, nlp=nlp)
        assert record.attributions and record.attributions == alone.attributions
        assert record.entities == alone.entities
        parsed = pipeline.parse(nlp, text)  # spaCy's components and the span model on this article alone
        assert list(parsed._.attributions) == record.attributions


def test_a_batch_closes_before_an_article_that_would_overflow_its_characters(nlp, monkeypatch):
    # the parser's memory grows with a batch's tokens: long articles must not share one
    seen: list[list[str]] = []
    original = batch._run

    def spy(nlp_, items, predicates, seconds):
        if items:
            seen.append([i.article.id for i in items])
        return original(nlp_, items, predicates, seconds)

    monkeypatch.setattr(batch, "_run", spy)
    short, long_ = "“Yes,” said Jo Park.", "“No,” said Jo Park. " + "The port stayed shut. " * 10
    items = [item(short, "a"), item(short, "b"), item(long_, "c"), item(short, "d")]
    records = list(batch.extract_batch(items, nlp, batch_size=8, batch_chars=len(short) * 2 + 5))
    assert seen == [["a", "b"], ["c"], ["d"]]
    assert [r.article.id for r in records] == ["a", "b", "c", "d"] and all(isinstance(r, Record) for r in records)
