"""Text normalisation and boilerplate detection on the real corpus."""
from __future__ import annotations



from ingest.clean import boilerplate_spans, find_boilerplate, normalize_text
from ingest.load import load_release

from conftest import EVAL_CORPUS as CORPUS


def test_normalize_text():
    raw = "Cafe\u0301  au\tlait\r\nline two \u00a0\r\n\r\n\r\n\n  Second\u200b para \n\n\n"
    assert normalize_text(raw) == "Café au lait\nline two\n\nSecond para"
    assert normalize_text("   \n\n ") == ""


def test_normalize_text_is_idempotent():
    once = normalize_text(" A \n\n\n B\r\nC ")
    assert normalize_text(once) == once == "A\n\nB\nC"


ABOUT = "About hub.brussels\nhub.brussels is the Brussels Agency for Business Support."


def test_recurring_paragraphs_and_about_blocks():
    texts = [f"Story {i} about Milan.\n\nShared closing line.\n\n{ABOUT}" for i in range(3)]
    texts.append("Over hub.brussels\nhub.brussels is het Brussels Agentschap voor de Onderneming.")
    boilerplate = find_boilerplate(texts, min_releases=3)
    assert "shared closing line." in boilerplate
    assert not any(b.startswith("story") for b in boilerplate)
    spans = boilerplate_spans(texts[0], boilerplate)
    assert [texts[0][s:e] for s, e in spans] == ["Shared closing line.", ABOUT]
    dutch = texts[3]
    assert boilerplate_spans(dutch, boilerplate) == [(0, len(dutch))]


def test_single_paragraph_below_threshold_is_not_boilerplate():
    texts = ["Alpha.\n\nOnly twice.", "Beta.\n\nOnly twice.", "Gamma."]
    assert "only twice." not in find_boilerplate(texts, min_releases=3)
    assert "only twice." in find_boilerplate(texts, min_releases=2)


def test_contact_blocks_in_several_shapes():
    text = ("The mission ended.\n\nContact\nPress office of State Secretary Pascal Smet\nhub.brussels - press department"
            "\n\nPerscontact: Jan Peeters, 02 123 45 67\n\nContacts presse\n\nCabinet du ministre - porte-parole")
    spans = boilerplate_spans(text, frozenset())
    found = [text[s:e] for s, e in spans]
    assert found == ["Contact\nPress office of State Secretary Pascal Smet\nhub.brussels - press department",
                     "Perscontact: Jan Peeters, 02 123 45 67", "Contacts presse", "Cabinet du ministre - porte-parole"]
    assert "The mission ended." not in found


def test_contact_word_inside_a_sentence_is_not_boilerplate():
    text = "Contacts between the two cities began in 1996 and have grown since then, with many visits."
    assert boilerplate_spans(text, frozenset()) == []


def test_dev_corpus_about_and_contact_blocks_are_found():
    releases = {p.name: load_release(p, CORPUS) for p in sorted(CORPUS.iterdir())}
    boilerplate = find_boilerplate([r.text for r in releases.values()])
    for name in ("dev-01-milan-brussels-house.txt", "dev-05-japan-missie.txt", "dev-06-trade-attache-network.md",
                 "dev-07-exportations-record-geneve.txt", "dev-16-uk-economic-mission.txt"):
        text = releases[name].text
        marked = "".join(text[s:e] for s, e in boilerplate_spans(text, boilerplate))
        assert any(h in marked for h in ("About hub.brussels", "Over hub.brussels", "À propos de hub.brussels")), name
        assert "Brussels House" not in marked and "Japan" not in marked and "London" not in marked
    html = releases["dev-02-barcelone-brussels-house.html"].text
    marked = [html[s:e] for s, e in boilerplate_spans(html, boilerplate)]
    assert marked[0] == "Contacts presse" and marked[1].startswith("Cabinet de la secrétaire d'État Ans Persoons")
    for release in releases.values():
        for start, end in boilerplate_spans(release.text, boilerplate):
            assert 0 <= start < end <= len(release.text)
            assert "\n\n" not in release.text[start:end]
