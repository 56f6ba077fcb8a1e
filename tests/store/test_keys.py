from onrecord.store import content_hash, normalise_url
from onrecord.store.keys import entity_key, normalise_name, outlet_domain


def test_normalise_url_drops_tracking_fragment_port_and_slash():
    assert normalise_url("HTTPS://WWW.Example.com:443/World/Story/?utm_source=tw&fbclid=x&id=7#comments") == \
        "https://www.example.com/World/Story?id=7"
    assert normalise_url("http://example.com:8080/a/") == "http://example.com:8080/a"
    assert normalise_url("https://example.com/a?b=2&a=1") == normalise_url("https://example.com/a?a=1&b=2")


def test_normalise_url_keeps_what_names_the_article():
    assert normalise_url("https://example.com/a?id=1") != normalise_url("https://example.com/a?id=2")
    assert normalise_url("https://example.com/A") != normalise_url("https://example.com/a")  # paths are case-sensitive


def test_normalise_url_empty():
    assert normalise_url(None) is None
    assert normalise_url("  ") is None


def test_content_hash_ignores_whitespace_only():
    assert content_hash("Solberg  said\n\nthis. ") == content_hash("Solberg said this.")
    assert content_hash("Solberg said this.") != content_hash("Solberg said that.")
    assert len(content_hash("x")) == 64


def test_content_hash_is_the_same_for_an_input_and_its_record():
    from onrecord.pipeline import prepare_text

    raw = "Solberg\r\nsaid\x00 this.\x07"
    assert content_hash(raw) == content_hash(prepare_text(raw)) == content_hash("Solberg said this.")


def test_outlet_domain_and_names():
    assert outlet_domain("https://www.Reuters.com/world") == "reuters.com"
    assert outlet_domain(None) is None
    assert normalise_name("U.S.") == normalise_name("us")
    assert normalise_name("Zelenskyy") != normalise_name("Zelensky")
    assert entity_key("Maren  Solberg", "PERSON", None, "NATO") == "maren solberg|PERSON||NATO"
