"""Loading real releases (txt, md, html, pdf) and refusing bad files with a reason."""
from __future__ import annotations

import codecs

import pytest

from ingest.errors import BadFileError
from ingest.load import SUPPORTED_SUFFIXES, load_file, load_release
from ingest.records import content_hash, release_id_for

from conftest import REPO, DEV_MANIFEST, EVAL_CORPUS as CORPUS, read_jsonl

SEEDS = REPO / "docs_corpus"
MANIFEST = read_jsonl(DEV_MANIFEST)


def make_pdf(lines: list[str], *more_pages: list[str]) -> bytes:
    """A minimal PDF (a page per list of lines) with a Helvetica text stream, written by hand (offsets computed)."""
    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    pages = [lines, *more_pages]
    font = 3 + 2 * len(pages)  # the catalog, the page tree, then a page and its stream for each page
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages))),
                                                     len(pages)),
    ]
    for i, page in enumerate(pages):
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td", *(f"({escape(line)}) Tj T*" for line in page), "ET"]
        stream = "\n".join(ops).encode("cp1252")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> "
                       b">> /Contents %d 0 R >>" % (font, 4 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_LINES = [
    "Brussels and Quito sign a memorandum", "",
    "Brussels, 3 February 2022 - The Brussels-Capital Region and the city of Quito, capital of",
    "Ecuador, signed a memorandum of understanding on heritage, urban development and",
    "chocolate. The agreement runs for two years.", "",
    "Next steps", "",
    "Working groups will meet in Genève in 2023.",
]


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == frozenset({".txt", ".md", ".html", ".htm", ".pdf"})


def test_seed_with_photo_caption_takes_the_real_headline():
    release = load_release(SEEDS / "000_d436b39325961c28.txt", SEEDS)
    assert release.title == "The Brussels-Capital Region visits Istanbul and Ankara"
    assert release.source == "000_d436b39325961c28.txt"
    assert release.id == release_id_for("000_d436b39325961c28.txt")
    assert release.content_hash == content_hash((SEEDS / "000_d436b39325961c28.txt").read_bytes())
    assert release.format == "txt" and release.lang == "en"
    assert release.title not in release.text
    assert "In October 2021, Rudi Vervoort" in release.text
    assert {"Istanbul", "Ankara", "Turkey"} <= set(release.partners)
    assert str(release.published) == "2021-10"


def test_seed_quito():
    release = load_release(SEEDS / "003_cfea4ba6f28da855.txt", SEEDS)
    assert release.title == "Brussels and Quito sign Memorandum of Understanding"
    assert release.text.startswith("Brussels Minister-President Rudi Vervoort")
    assert {"Quito", "Ecuador"} <= set(release.partners)


def test_text_is_cleaned_paragraphs():
    release = load_release(SEEDS / "000_d436b39325961c28.txt", SEEDS)
    assert "\n\n\n" not in release.text and "\r" not in release.text
    assert all(p == p.strip() and p for p in release.text.split("\n\n"))


@pytest.mark.parametrize("gold", MANIFEST, ids=lambda g: g["file"])
def test_dev_corpus_titles_formats_languages_dates(gold):
    release = load_release(CORPUS / gold["file"], CORPUS)
    assert release.title == gold["title"]
    assert release.format == gold["format"]
    assert release.lang == gold["lang"]
    assert str(release.published) == gold["date"]
    assert not release.text.startswith(release.title)
    assert len(release.text) > 1500


def test_markdown_markup_is_stripped_and_bullets_kept():
    release = load_release(CORPUS / "dev-06-trade-attache-network.md", CORPUS)
    assert "**" not in release.text and "## " not in release.text and "](" not in release.text
    assert "\n---" not in release.text and not release.text.startswith("*")
    assert release.text.startswith("Brussels, 3 February 2022 - Office of State Secretary Pascal Smet")
    assert "A network reviewed every three years" in release.text.split("\n\n")
    assert "\n- Economic missions: hub.brussels organises missions abroad" in release.text
    nl = load_release(CORPUS / "dev-13-lille-bezoek-2020.md", CORPUS)
    assert nl.text.startswith("Brussel, 4 februari 2020\n\n")
    assert "- medewerkers van de Directie Externe Betrekkingen van Brussels International;\n- medewerkers" in nl.text


def test_markdown_links_and_emphasis(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# A *bold* plan\n\nSee [the plan](https://example.org) and **this** _word_.\n\n* one\n* two\n")
    release = load_release(path, tmp_path)
    assert release.title == "A bold plan"
    assert release.text == "See the plan and this word.\n\n- one\n- two"


HTML_NOISE = {
    "dev-02-barcelone-brussels-house.html": [
        "cookies", "Tout accepter", "Accueil", "Communiqués", "Fil d'Ariane", "Rechercher", "Partager", "LinkedIn",
        "Imprimer", "À lire aussi", "Mission économique au Japon", "Mentions légales", "Suivez-nous",
        "Service public régional de Bruxelles", "Publié le", "Commerce extérieur ·"],
    "dev-08-region-eu-summit-2020.html": [
        "We use cookies", "Accept", "I am an expat", "Subscribe to our newsletter", "Share on LinkedIn",
        "Latest news", "A welcome desk", "Legal notice", "Sitemap", "News - Host region policy", "About commissioner"],
    "dev-12-lille-accord-2019.html": [
        "J'accepte", "Qui sommes-nous", "Relations bilatérales", "Partager", "Twitter", "Articles récents",
        "Appel à projets", "Newsletter", "Mentions légales", "Plan du site", "Publié le", "Coopération\n"],
    "dev-14-brussels-voice-launch.html": [
        "cookies", "Decline", "I am an organisation", "Share on Facebook", "Latest news", "Annual summit",
        "Privacy", "Press release - Participation", "About commissioner"],
}
HTML_KEPT = {
    "dev-02-barcelone-brussels-house.html": [
        "Après l'Italie, l'Espagne.", "Une adresse commune pour le tourisme et l'économie",
        "- Barcelone : inaugurée le 21 septembre 2023, 200 m², 50 entreprises bruxelloises.",
        "Le moment est bien choisi. En 2022, la Région a vendu pour 150 millions"],
    "dev-08-region-eu-summit-2020.html": [
        "The Brussels Government and the leadership of the EU institutions sat down together yesterday",
        "Alain Hutchinson, Brussels Commissioner for Europe and International Organisations",
        "Background: the host region policy", "The annual summit is the political highlight"],
    "dev-12-lille-accord-2019.html": [
        "Bruxelles et Lille ont remis leur partenariat à jour.", "- l'aménagement durable du territoire ;",
        "Un rapprochement amorcé en 2018", "stand au festival eat! BRUSSELS."],
    "dev-14-brussels-voice-launch.html": [
        "One Brussels resident in three cannot vote", "1. Ideas: until the end of the summer",
        "3. Workshops:", "How to take part", "Press contacts"],
}


@pytest.mark.parametrize("name", sorted(HTML_NOISE))
def test_html_keeps_the_article_and_drops_page_furniture(name):
    release = load_release(CORPUS / name, CORPUS)
    for noise in HTML_NOISE[name]:
        assert noise not in release.text, noise
    for kept in HTML_KEPT[name]:
        assert kept in release.text, kept
    assert "<" not in release.text and "&gt;" not in release.text and "&middot;" not in release.text
    assert release.title not in release.text


def test_html_without_h1_uses_the_title_tag_without_site_name(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(
        b"<html><head><title>Visit to Quito | Brussels International</title><style>p{}</style></head><body>"
        b"<nav><a href='/'>Home</a></nav><div id='content'><p>The delegation travelled to Quito.</p>"
        b"<p>It met the mayor.<br>Then it left.</p></div><footer>Legal notice</footer>"
        b"<script>var x = 1;</script></body></html>")
    release = load_release(path, tmp_path)
    assert release.title == "Visit to Quito"
    assert release.text == "The delegation travelled to Quito.\n\nIt met the mayor.\nThen it left."
    assert release.format == "html"


def test_pdf_text_is_unwrapped(tmp_path):
    path = tmp_path / "release.pdf"
    path.write_bytes(make_pdf(PDF_LINES))
    release = load_release(path, tmp_path)
    assert release.format == "pdf"
    assert release.title == "Brussels and Quito sign a memorandum"
    assert "capital of Ecuador, signed a memorandum of understanding on heritage, urban development and chocolate." \
        in release.text
    assert release.text.endswith("Next steps\n\nWorking groups will meet in Genève in 2023.")
    assert str(release.published) == "2022-02-03"
    assert {"Quito", "Ecuador", "Geneva"} <= set(release.partners)


@pytest.mark.parametrize("letterhead", [
    "PRESS RELEASE",
    "COMMUNIQUÉ DE PRESSE\nRégion de Bruxelles-Capitale – Relations extérieures",
    "BRUSSELS ENVIRONMENT\nPERSBERICHT",
    "Brussels Hoofdstedelijk Gewest – Externe Betrekkingen",
])
def test_a_letterhead_above_the_headline_is_not_the_title(tmp_path, letterhead):
    """"PRESS RELEASE", the sender's name in capitals or its departments joined by dashes: the title is the
    headline below them, which is what a citation shows; the letterhead stays at the top of the text."""
    path = tmp_path / "letterhead.txt"
    path.write_text(f"{letterhead}\n\nBrussels and Kigali sign a water agreement\n\nBrussels, 3 May 2017 - The "
                    "Region and the City of Kigali signed an agreement on drinking water today.", encoding="utf-8")
    release = load_release(path, tmp_path)
    assert release.title == "Brussels and Kigali sign a water agreement"
    assert release.text.startswith(letterhead.split("\n")[0]) and "Kigali signed an agreement" in release.text


def test_a_headline_in_capitals_or_a_correction_kicker_stays_the_title(tmp_path):
    for head in ("BRUSSELS AND KIGALI SIGN A WATER AGREEMENT", "RECTIFICATIF"):
        path = tmp_path / "capitals.txt"
        path.write_text(f"{head}\n\nBrussels, 3 May 2017 - The Region and the City of Kigali signed an agreement on "
                        "drinking water today.", encoding="utf-8")
        assert load_release(path, tmp_path).title == head


def test_a_long_pdf_letterhead_line_is_not_joined_to_the_headline(tmp_path):
    """A full-width letterhead line would pass for a wrapped line of the headline below it."""
    path = tmp_path / "letterhead.pdf"
    path.write_bytes(make_pdf(["PRESS RELEASE - Brussels-Capital Region - Brussels International - Brussels Environment",
                               "Brussels and Dar es Salaam: twelve years of partnership", "",
                               "Dar es Salaam, 14 March 2024", "", "The water partnership between the Region and "
                               "the City of Dar es Salaam has delivered its results, the partners said today."]))
    assert load_release(path, tmp_path).title == "Brussels and Dar es Salaam: twelve years of partnership"


def test_a_pdf_dateline_is_not_joined_to_a_full_width_headline(tmp_path):
    path = tmp_path / "dateline.pdf"
    path.write_bytes(make_pdf(["Emission-free building sites: Brussels extends its pilot project after a visit from Oslo",
                               "Brussels, 21 November 2023", "Two years after a study trip of Brussels officials to "
                               "Oslo, the Norwegian capital came to see for itself.", "The visit lasted two days."]))
    release = load_release(path, tmp_path)
    assert release.title.endswith("after a visit from Oslo") and release.text.startswith("Brussels, 21 November 2023")


def test_a_pdf_bullet_on_a_line_of_its_own_goes_back_before_its_item(tmp_path):
    """Text layers often give a list's bullet glyph as a line of its own: the item is still a list line."""
    path = tmp_path / "studios.pdf"
    path.write_bytes(make_pdf(["Six studios go to Tampere", "", "Brussels, 3 May 2017 - The following studios were "
                               "selected:", "\u2022", "Pixelbrigade (Anderlecht), educational games;", "\u2022",
                               "Moonlit Owl (Ixelles), adventure games."]))
    text = load_release(path, tmp_path).text
    assert "\u2022 Pixelbrigade (Anderlecht), educational games;" in text
    assert "\u2022 Moonlit Owl (Ixelles), adventure games." in text
    assert not any(line.strip() == "\u2022" for line in text.splitlines())


def test_a_pdf_sentence_that_runs_on_to_the_next_page_stays_whole(tmp_path):
    """The next page's running header and page number are dropped, and a sentence cut by the page break (a full
    line without closing punctuation) goes on: "in March" and "2024." are one sentence, as in the source."""
    path = tmp_path / "two-pages.pdf"
    path.write_bytes(make_pdf(["Brussels and Arequipa sign a water agreement", "",
                               "Brussels, 3 February 2022 - The Brussels-Capital Region and the city of Arequipa, in",
                               "Peru, signed an agreement; the first steering committee will meet in Brussels in March"],
                              ["Brussels-Capital Region - External Relations | Press release", "2",
                               "2024, once the technical studies are complete.", "", "Next steps", "",
                               "Works start in the second half of 2024."]))
    text = load_release(path, tmp_path).text
    assert "will meet in Brussels in March 2024, once the technical studies are complete." in text
    assert "Press release" not in text and "\n2\n" not in text


def test_a_running_header_every_page_repeats_without_a_page_number_beside_it_does_not_cut_a_sentence(tmp_path):
    """The letterhead line is repeated at the top of every page and the page number stands at the bottom, away from
    it: on the second page it is dropped, so the sentence that runs on across the break stays whole; the first page
    keeps it as its letterhead."""
    path = tmp_path / "running-header.pdf"
    header = "Brussels-Capital Region - Press release"
    path.write_bytes(make_pdf([header, "Dabola: first water programme beats its targets", "",
                               "Brussels, 12 June 2008 - The second programme has a total budget of 900,000 euros:",
                               "700,000 euros from the Region, 150,000 euros from the European Commission and", "",
                               "Page 1/2"],
                              [header, "50,000 euros from the municipality of Dabola. It shifts the focus to waste.",
                               "", "Press contact: Brussels International", "Page 2/2"]))
    text = load_release(path, tmp_path).text
    assert "from the European Commission and 50,000 euros from the municipality of Dabola." in text, text
    assert text.count("Press release") <= 1, text


def test_a_pdf_heading_after_a_full_line_that_closes_its_sentence_is_its_own_paragraph(tmp_path):
    """"... y compris pour les accouchements." fills its line; "Ce que finance l'aide régionale" below it is short and
    unpunctuated: a heading above its items, not the paragraph's next words (glued to it, it made one sentence of the
    paragraph's last words and the heading, and left the items without their lead)."""
    path = tmp_path / "heading.pdf"
    path.write_bytes(make_pdf(["Ebola : la Région débloque 250 000 euros pour Macenta", "",
                               "Bruxelles, 16 octobre 2014 - Les structures de santé sont débordées, et la peur de la",
                               "contagion éloigne les patients des centres de santé, y compris pour les accouchements.",
                               "Ce que finance l'aide régionale",
                               "- la distribution de 5 000 kits d'hygiène aux familles ;",
                               "- la formation de soixante relais communautaires.",
                               "« Nous devons être à leurs côtés », a déclaré la secrétaire d'État. « C'est notre",
                               "devoir. Nous le ferons avec eux, et pas à leur place. »"]))
    text = load_release(path, tmp_path).text
    assert "accouchements.\n\nCe que finance l'aide régionale\n\n- la distribution" in text, text
    assert "« C'est notre devoir." in text, text  # a full line that goes on is still joined


def test_a_pdf_headline_wrapped_on_two_lines_is_one(tmp_path):
    """A short line that the next one visibly goes on (lower case, or the end of a range cut after its dash) is not
    a paragraph of its own: the headline is whole, and so is "2025–2028"."""
    path = tmp_path / "headline.pdf"
    path.write_bytes(make_pdf(["Brussels and Porto sign partnership on urban", "innovation, and a new 2025\u2013",
                               "2028 programme", "",
                               "Porto, 16 June 2025 - The Brussels-Capital Region and the City of Porto have signed a",
                               "memorandum of understanding on innovation.", "Next steps", "",
                               "The first call opens in 2026."]))
    release = load_release(path, tmp_path)
    assert release.title == "Brussels and Porto sign partnership on urban innovation, and a new 2025\u20132028 programme"
    assert "Next steps" in release.text.split("\n\n")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\t\n  ", "empty"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00some zipped bytes", "binary"),
    (bytes(range(0x80, 0x100)) * 8, "encoding"),
])
def test_bad_text_files_are_refused_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(BadFileError, match=reason):
        load_release(path, tmp_path)


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB on paper, nothing written
    with pytest.raises(BadFileError, match="too large"):
        load_release(path, tmp_path, max_bytes=10_000_000)


def test_broken_and_fake_pdfs_are_refused(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(make_pdf(PDF_LINES)[:250])
    with pytest.raises(BadFileError, match="PDF"):
        load_release(broken, tmp_path)
    fake = tmp_path / "fake.pdf"
    fake.write_text("just some text pretending")
    with pytest.raises(BadFileError, match="not a PDF"):
        load_release(fake, tmp_path)


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "slides.docx"
    path.write_bytes(b"whatever")
    with pytest.raises(BadFileError, match="unsupported"):
        load_release(path, tmp_path)


BODY = "Bruxelles, le 9 février 2023 - La Région a signé un accord avec Genève et Pékin.\n\nLa délégation est rentrée."


@pytest.mark.parametrize("encoded", [
    codecs.BOM_UTF8 + ("Accord à Genève\n\n" + BODY).encode("utf-8"),
    ("Accord à Genève\r\n\r\n" + BODY.replace("\n", "\r\n")).encode("cp1252"),
    ("Accord à Genève\n\n" + BODY).encode("latin-1"),
    codecs.BOM_UTF16_LE + ("Accord à Genève\n\n" + BODY).encode("utf-16-le"),
])
def test_encodings(tmp_path, encoded):
    path = tmp_path / "accord.txt"
    path.write_bytes(encoded)
    release = load_release(path, tmp_path)
    assert release.title == "Accord à Genève"
    assert release.text == BODY
    assert release.lang == "fr" and str(release.published) == "2023-02-09"
    assert release.partners == ("Geneva", "Beijing", "Switzerland", "China")


def test_cp1252_curly_quotes(tmp_path):
    path = tmp_path / "quotes.txt"
    path.write_bytes("Title\n\n\u201cWe signed\u201d \u2013 said the minister \u2026 in Quito.".encode("cp1252"))
    assert load_release(path, tmp_path).text == "\u201cWe signed\u201d \u2013 said the minister \u2026 in Quito."


def test_text_without_blank_lines(tmp_path):
    path = tmp_path / "dense.txt"
    path.write_text("Quito and Brussels sign\nThe two cities signed a memorandum.\nThey will cooperate.\n")
    release = load_release(path, tmp_path)
    assert release.title == "Quito and Brussels sign"
    assert release.text == "The two cities signed a memorandum.\n\nThey will cooperate."


CAFE = "Brussels hosts a café summit in Genève\n\nThe café summit on urban cooling took place in Brussels in 2023."


@pytest.mark.parametrize("data", [
    CAFE.encode("utf-8") + b"\xff",  # UTF-8 with one stray byte
    CAFE.encode("utf-8")[:70] + b"\xff\xfe\x81" + CAFE.encode("utf-8")[70:],
    CAFE.encode("latin-1") + b" \x81",  # Latin-1 with a byte that CP1252 does not define
    CAFE.encode("cp1252")[:50] + b"\x8d\x9d" + CAFE.encode("cp1252")[50:],
])
def test_invalid_bytes_are_kept_as_replacement_characters_with_a_warning(tmp_path, data):
    path = tmp_path / "cafe.txt"
    path.write_bytes(data)
    loaded = load_file(path, tmp_path)
    text = loaded.release.title + "\n\n" + loaded.release.text
    assert text.count("café") == 2 and "Genève" in text  # never "cafй", "cafÃ©" or "cafķ"
    assert "\ufffd" in text
    assert len(loaded.warnings) == 1 and "replacement character" in loaded.warnings[0]


def test_valid_text_loads_without_warning(tmp_path):
    for encoding in ("utf-8", "cp1252"):
        path = tmp_path / f"cafe-{encoding}.txt"
        path.write_bytes(CAFE.encode(encoding))
        loaded = load_file(path, tmp_path)
        assert loaded.warnings == () and "\ufffd" not in loaded.release.text and "café" in loaded.release.text


def test_text_in_another_alphabet_without_utf8_is_refused(tmp_path):
    path = tmp_path / "cyrillic.txt"
    path.write_bytes("Брюссель и Москва\n\nДелегация посетила город в 2023 году.".encode("cp1251"))
    with pytest.raises(BadFileError, match="UTF-8"):
        load_release(path, tmp_path)
