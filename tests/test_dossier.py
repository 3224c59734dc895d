"""What ingestion reads of a release for briefings (ingest.metadata.dossier): dated events, people with roles,
agreements, key figures and corrections; and how the catalog keeps it."""
from __future__ import annotations

import json

import pytest

from ingest.catalog import Catalog
from ingest.entry import Entry
from ingest.metadata.dossier import dossier_from_json, dossier_json, read_dossier
from ingest.metadata.facts import sentence_facts
from ingest.records import PartialDate, Release, content_hash, release_id_for
from conftest import DATA, REPO, need


def release(text: str, published: str | None = "2021-10-30", source: str = "x.txt", title: str = "",
            lang: str = "en") -> Release:
    from ingest.metadata.partners import find_partners

    title = title or text.split("\n", 1)[0]
    return Release(release_id_for(source), source, title, text, PartialDate.parse(published) if published else None,
                   lang, find_partners(title + "\n" + text), content_hash(text.encode()), "txt")


def dossier(r: Release):
    return read_dossier(r, sentence_facts(r))


def seed() -> Release:
    from ingest.load import load_file

    path = need(REPO / "docs_corpus" / "000_d436b39325961c28.txt")
    return load_file(path, path.parent).release


def test_the_seed_release_gives_its_dated_events_with_partial_dates():
    d = dossier(seed())
    told = {(e.kind, e.date.iso() if e.date else None) for e in d.events}
    assert ("agreement", "2021-02") in told  # "In February 2021 ... electronically signed a MoU": stays a month
    assert ("agreement", "2021-10-26") in told
    assert ("visit", "2021-10") in told
    ankara = next(e for e in d.events if e.date == PartialDate(2021, 10, 26))
    assert {"Rudi Vervoort", "Pascal Smet", "Mansur Yavaş"} <= set(ankara.persons)
    assert "Ankara" in ankara.partners and ankara.name == "Memorandum of Understanding"
    istanbul = next(e for e in d.events if e.date == PartialDate(2021, 2))
    # "the Minister-President of the BCR and the Brussels State Secretary": the roles stand for named persons
    assert {"Ekrem İmamoğlu", "Rudi Vervoort", "Pascal Smet"} <= set(istanbul.persons)


def test_people_are_read_with_their_roles_verbatim():
    r = seed()
    roles = {(x.person, x.role) for x in dossier(r).roles}
    assert ("Ekrem İmamoğlu", "Mayor of Istanbul") in roles
    assert ("Rudi Vervoort", "Minister-President of the Brussels-Capital Region") in roles
    for x in dossier(r).roles:
        quote = r.text[x.start:x.end]
        assert x.person in quote and x.role in quote


def test_an_agreement_has_its_duration_end_and_themes():
    r = release("Brussels and Kigali renew their cooperation\n\nOn Tuesday 17 October 2023, the Brussels State "
                "Secretary Ans Persoons and Emmanuel Habineza, the Mayor of Kigali, signed a new memorandum of "
                "understanding for four years, until 2027. The memorandum focuses on three themes: cycling, "
                "climate adaptation and circular construction.", published="2023-10-19")
    agreement = next(e for e in dossier(r).events if e.kind in ("agreement", "renewal"))
    assert agreement.date == PartialDate(2023, 10, 17)
    assert agreement.until == PartialDate(2027) and agreement.duration == "four years"
    assert {"mobility", "climate", "circular economy"} <= {t for t, _, _ in agreement.themes}
    assert "Ans Persoons" in agreement.persons and "Emmanuel Habineza" in agreement.persons


def test_periods_targets_and_names_are_not_events():
    r = release("Programme news\n\nThe ERDF programme 2014-2020 funded a delegation visit. The Region wants to "
                "open 30 offices by 2030. Companies met buyers at Expo 2020 in Dubai.", published="2022-01-31")
    assert [e for e in dossier(r).events if e.date and e.date.precision == "year"] == []


def test_an_undated_lead_sentence_is_dated_by_its_release_and_planned_events_stay_ahead():
    r = release("Brussels and Quito sign a memorandum\n\nBrussels and Quito have signed a memorandum of "
                "understanding on heritage. A delegation from Quito will visit Brussels in March 2024.",
                published="2023-06-01")
    events = {(e.kind, e.dated_by, e.date.iso(), e.direction) for e in dossier(r).events}
    assert ("agreement", "published", "2023-06-01", "out") in events
    assert ("visit", "text", "2024-03", "in") in events


def test_key_figures_and_a_correction_within_one_release():
    text = need(DATA / "dev" / "corpus" / "dev-15-brussels-voice-23.md").read_text(encoding="utf-8")
    d = dossier(release(text, published="2023-10-16"))
    corrected = [f for f in d.figures if f.correction]
    assert [(f.value, f.corrects) for f in corrected] == [(600, 500)]
    assert not any(f.value == 500 for f in d.figures)  # the old figure is not given as a figure


def test_a_correction_names_the_figure_it_corrects():
    text = need(DATA / "handmade" / "porto-2021.txt").read_text(encoding="utf-8")
    d = dossier(release(text, published="2021-09-08"))
    money = [f for f in d.figures if f.kind == "money"]
    assert [(f.value, f.corrects, f.label) for f in money] == [(450000, 400000, "EUR 450,000")]
    assert any(f.kind == "count" and f.value == 15 and f.unit == "companies" for f in d.figures)
    assert d.corrects


def test_raised_from_to_pairs_old_and_new_amounts():
    r = release("Budget\n\nBecause the pandemic delayed the missions, its budget was raised from EUR 1.5 million "
                "to EUR 1.8 million.", published="2025-06-05")
    assert [(f.value, f.corrects) for f in dossier(r).figures] == [(1.8e6, 1.5e6)]


@pytest.mark.parametrize("body, lang, pair", [
    ("Het Gewest trekt 1,35 miljoen euro uit, en niet 1,2 miljoen euro zoals aangekondigd.", "nl", (1.35e6, 1.2e6)),
    ("La contribution s'élève à 2,4 millions d'euros, et non à 2,1 millions d'euros.", "fr", (2.4e6, 2.1e6)),
    ("3. De delegatie uit Portland telde negen leden, en niet twaalf.", "nl", (9, 12)),
    ("In the end 52 standpipes were built instead of the 45 planned.", "en", (52, 45)),
    ("Le groupe compte non pas 12 mais 15 techniciens.", "fr", (15, 12)),
    ("The Region gives 300,000 euros and the city 200,000 euros.", "en", None),
    # "correct" and a "de" that introduces no old figure: no correction
    ("Les montants des résidences (150 000 euros) et de la Semaine (80 000 euros) étaient corrects.", "fr", None),
])
def test_a_figure_the_sentence_rejects_is_corrected_by_the_one_beside_it(body, lang, pair):
    """"X, and not Y" (in any order, with or without a word that says it corrects): Y is the superseded value, X
    the correction; two figures side by side without a rejection are no correction."""
    figures = dossier(release(f"Title\n\n{body}", published="2011-06-21", lang=lang)).figures
    corrected = [(f.value, f.corrects) for f in figures if f.corrects is not None]
    assert corrected == ([pair] if pair else []), figures


def test_a_dossier_survives_json_and_the_catalog_keeps_it_with_the_release(tmp_path):
    r = seed()
    facts = sentence_facts(r)
    d = read_dossier(r, facts)
    assert dossier_from_json(r.id, r.content_hash, json.loads(json.dumps(dossier_json(d)))) == d
    catalog = Catalog(tmp_path / "releases.sqlite3")
    catalog.put(Entry(r, "v1", (), "fp", tuple(facts)))
    assert catalog.dossier(r) == d
    assert set(catalog.naming(["Ankara"])) == {r.id} and catalog.naming(["Quito"]) == {}
    assert "Turkey" in catalog.partner_names()
    state, n = catalog.state()
    assert n == 1 and catalog.published() == [r.published]
    catalog.delete(r.id)
    assert catalog.naming(["Ankara"]) == {} and catalog.state()[0] != state


def test_a_store_built_before_dossiers_gets_them_when_asked(tmp_path):
    r = seed()
    catalog = Catalog(tmp_path / "releases.sqlite3")
    catalog.put(Entry(r, "v1", (), "fp", tuple(sentence_facts(r))))
    import sqlite3

    with sqlite3.connect(tmp_path / "releases.sqlite3") as db:  # as a store of the previous schema would be
        db.execute("DELETE FROM dossiers")
        db.execute("DELETE FROM partner_index")
    fresh = Catalog(tmp_path / "releases.sqlite3")
    assert fresh.stale_dossiers() == [r.id]
    assert fresh.dossier(r).events and fresh.stale_dossiers() == []
    assert set(fresh.naming(["Istanbul"])) == {r.id}


def test_a_number_written_in_thousands_groups_is_one_figure_with_its_unit():
    # French and Dutch write "180 000" (a space between groups): one amount, not 180 and 0
    r = release("Contribution revue\n\nDepuis 2019, 12 000 ménages en bénéficient. La Région a porté sa "
                "contribution de 180 000 à 1 215 000 euros.", source="groups.txt")
    numbers = [n for f in sentence_facts(r) for n in f.numbers]
    assert [(value, unit) for _, value, unit in numbers] == [("12000", "count"), ("180000", "count"),
                                                             ("1215000", "money")], numbers


def test_a_name_after_an_organisation_or_place_noun_takes_that_kind():
    # an unmarked name ("Urbanis Evaluation", "Songinokhairkhan") reads like a person's or nothing at all: the noun
    # written before it says what it is; a name whose word shares only a stem with a glossary word is still a name
    r = release("Review\n\nThe review, carried out by the Brussels consultancy Urbanis Evaluation, was presented. "
                "Het eerste warmtenet wordt aangelegd in het district Songinokhairkhan. "
                "The Ambassador of Nepal, Sita Pradhan, will meet the Minister-President.", source="kinds.txt")
    facts = sentence_facts(r)
    assert "Urbanis Evaluation" in facts[1].organisations and "Urbanis Evaluation" not in facts[1].persons
    assert "Songinokhairkhan" in facts[2].places
    assert "Sita Pradhan" in facts[3].persons


def test_a_currency_code_is_no_organisation():
    # "EUR 2.4 million": an acronym, but it names no body; "UNICEF" still does
    r = release("Budget\n\nThe programme has a budget of EUR 2.4 million, managed with UNICEF.", source="eur.txt")
    facts = sentence_facts(r)
    assert "EUR" not in facts[1].organisations and "UNICEF" in facts[1].organisations, facts[1]
    assert [unit for _, _, unit in facts[1].numbers] == ["money"], facts[1]


@pytest.mark.parametrize("body, kinds", [
    ("The City of Mwanza adds 120 million Tanzanian shillings.", ["money"]),
    ("Poznań apporte 3,5 millions de złotys.", ["money"]),
    ("Malmö legt 2 miljoen kronor op tafel.", ["money"]),
    ("Bogotá pays COP 12 million.", ["money"]),
    ("The delegation won 3 prizes for 12 companies.", ["count", "count"]),
])
def test_an_amount_in_a_partners_currency_is_an_amount(body, kinds):
    # a release about a partner city gives its contribution in its own currency, named after the figure (or by its
    # code before it); a currency's name before a figure ("won 3 prizes") is no amount
    facts = sentence_facts(release(f"Budget\n\n{body}", source="currency.txt"))
    assert [unit for _, _, unit in facts[1].numbers] == kinds, facts[1]


def test_a_state_name_is_no_person():
    # "the former Yugoslav Republic of Macedonia": two capitalised words, but a state's name; the signatory is a person
    r = release("Memorandum\n\nSkopje is the capital of the former Yugoslav Republic of Macedonia. It was signed by "
                "Mayor Goran Trajkovski.", source="state.txt")
    facts = sentence_facts(r)
    assert facts[1].persons == (), facts[1]
    assert "Goran Trajkovski" in facts[2].persons


def test_a_dateline_after_the_title_and_header_lines_gives_no_event_date():
    # the release's date in its dateline is when it was published; the day of the signing is the event's date
    text = ("PRESS RELEASE\nBrussels-Capital Region – Brussels International\n\nBrussels and Skopje sign a "
            "memorandum\n\nAir quality at the heart of a three-year programme\n\nBrussels, 26 May 2014 – The "
            "Region and the City of Skopje have signed a memorandum. The document was signed on Thursday 22 May "
            "2014 at Skopje City Hall.")
    facts = sentence_facts(release(text, published="2014-05-26", source="dateline.txt"))
    lead = next(f for f in facts if "26 May" in text[f.start:f.end])
    assert lead.index >= 2 and lead.dates == () and lead.has("dateline"), lead
    assert next(f for f in facts if "22 May" in text[f.start:f.end]).dates == ("2014-05-22",)


@pytest.mark.parametrize("body", ["The Region and Bordeaux signed an agreement today.",
                                  "La Région et Bordeaux ont signé aujourd’hui un accord.",
                                  "Het Gewest en Bordeaux hebben vanochtend een akkoord ondertekend."])
def test_a_sentence_that_says_today_is_dated_on_the_publication_day(body):
    # a release reports its own day's events as "today": their date is the one in the dateline
    text = f"Tram maintenance\n\nBrussels, 14 October 2021\n\n{body} The first contacts date from 3 March 2020."
    facts = sentence_facts(release(text, published="2021-10-14", source="today.txt"))
    today = next(f for f in facts if body[:12] in text[f.start:f.end])
    assert today.dates == ("2021-10-14",) and today.has("today"), today
    other = next(f for f in facts if "3 March" in text[f.start:f.end])
    assert other.dates == ("2020-03-03",) and not other.has("today"), other


@pytest.mark.parametrize("heading, listed", [("The six selected projects", True),
                                              ("De zes geselecteerde projecten:", True),
                                              ("The six projects were selected in June.", False)])
def test_a_heading_above_bulleted_items_introduces_them_as_a_colon_does(heading, listed):
    # "The six selected projects" above "- SmartStop ...": the heading's quote holds the items; a sentence that ends
    # with a full stop introduces no list
    items = "- SmartStop: passenger information;\n- FloodSense: flood sensors;\n- PayFlow: ticketing."
    text = (f"Curitiba call\n\nBrussels, 28 June 2021\n\nInnoviris selected six projects.\n\n{heading}\n\n{items}"
            "\n\nMore soon.")
    facts = sentence_facts(release(text, source="heading-list.txt"))
    lead = next(f for f in facts if text[f.start:f.end].startswith(heading[:12]))
    assert (lead.list_end is not None and text[lead.start:lead.list_end].endswith("ticketing.")) == listed, lead


@pytest.mark.parametrize("body, dated", [("La Région et Bordeaux ont signé ce mardi un accord.", True),
                                         ("On Tuesday the delegation signed an agreement with Bordeaux.", True),
                                         ("Het Gewest en Bordeaux ondertekenden deze dinsdag een akkoord.", True),
                                         ("The delegation signed an agreement on Monday.", False),
                                         ("The trams run every Tuesday from the port.", False),
                                         ("Le protocole avait été signé mardi dernier.", False)])
def test_a_sentence_that_names_the_publication_weekday_is_dated_on_the_publication_day(body, dated):
    # a release published on Tuesday 12 October 2021 tells that day's events by their weekday; another weekday, or a
    # recurring one, is no event of that day
    text = f"Tram maintenance\n\nBrussels, 12 October 2021\n\n{body} The first contacts date from 3 March 2020."
    facts = sentence_facts(release(text, published="2021-10-12", source="weekday.txt"))
    told = next(f for f in facts if body[:12] in text[f.start:f.end])
    assert (told.dates == ("2021-10-12",) and told.has("today")) == dated, told


def test_a_role_written_before_a_name_in_one_capitalised_run_leaves_the_name():
    # "Yerevan Mayor Hayk Mkrtchyan": the run holds a role word, so it was no person at all
    r = release("Thanks\n\nYerevan Mayor Hayk Mkrtchyan thanked the Region. Deputy Governor Nattaya Chaiyaporn "
                "spoke next.", source="roles.txt")
    facts = sentence_facts(r)
    assert "Hayk Mkrtchyan" in facts[1].persons and "Nattaya Chaiyaporn" in facts[2].persons


def test_a_number_that_names_something_is_no_count():
    # "the electric bus line 55", "Lyceum No. 2": identifiers, not how many of anything
    r = release("Lines\n\nVisitors rode the electric bus line 55. The Region repairs Lyceum No. 2 for 900 pupils.",
                source="ids.txt")
    values = [value for f in sentence_facts(r) for _, value, _ in f.numbers]
    assert values == ["900"], values


@pytest.mark.parametrize("opening, refers_back", [("Celui-ci sera le premier équipé.", True),
                                                  ("Celle-ci compte 300 000 habitants.", True),
                                                  ("Ce dernier a signé l'accord.", True),
                                                  ("The latter signed the agreement.", True),
                                                  ("Laatstgenoemde ondertekende het akkoord.", True),
                                                  ("Le dernier accord date de 2019.", False),
                                                  ("Celine Dupont a signé l'accord.", False)])
def test_a_sentence_opened_by_a_demonstrative_pronoun_refers_to_the_sentence_before(opening, refers_back):
    # "Tambak Lorok est le quartier le plus exposé. Celui-ci sera le premier équipé.": the answer is a sentence away
    facts = sentence_facts(release(f"Alerts\n\nLe quartier de Tambak Lorok est le plus exposé. {opening}",
                                   source="pronoun.txt"))
    assert facts[-1].has("anaphora") == refers_back


@pytest.mark.parametrize("opening, refers_back", [
    ("De Brusselse watermaatschappij stelt drie ingenieurs ter beschikking.", True),
    ("The Brussels utility will send two engineers.", True),
    ("The new agency opens in May.", False),
    ("The Brussels Region will pay.", False),
    ("The Mayor of Lisbon signed.", False),
    ("The consultancy Urbanis Evaluation wrote the review.", False),
])
def test_a_noun_standing_for_a_body_refers_to_the_sentence_before_after_an_adjective_of_place(opening, refers_back):
    # "... werkt samen met Vivaqua. De Brusselse watermaatschappij stelt drie ingenieurs ter beschikking.": the
    # body is named a sentence before; an adjective of place may stand before the noun (a Dutch compound ends with
    # it), a name or another word does not
    facts = sentence_facts(release(f"Water\n\nVoor de techniek werkt de vereniging samen met Vivaqua. {opening}",
                                   source="utility.txt"))
    assert facts[-1].has("anaphora") == refers_back


@pytest.mark.parametrize("sentence, body", [
    ("Vivaqua, the Brussels water utility, will contribute its know-how.", "Vivaqua"),
    ("Les comités sont confiés à Maji Uzima, une ONG locale, depuis 2011.", "Maji Uzima"),
    ("De vereniging werkt samen met Vivaqua, de Brusselse watermaatschappij.", "Vivaqua"),
    ("In Brussels, the agency signed the agreement.", None),
    ("Yesterday, the association said it would help.", None),
    ("Anne Lemaire, the director of the agency, spoke.", None),
])
def test_a_name_an_apposition_describes_as_a_body_is_an_organisation(sentence, body):
    # a company's bare name reads like nothing at all; the apposition after it says what it is, unless it opens the
    # sentence as an adverbial ("In Brussels, the agency ...") or describes a person by a role
    facts = sentence_facts(release(f"Partners\n\n{sentence}", source="apposition.txt"))
    found = set(facts[1].organisations) - {"ONG"}
    assert found == ({body} if body else set()), facts[1]


@pytest.mark.parametrize("sentence, body", [
    ("Côté bruxellois, l'agence régionale Bruxelles-Propreté assurera le suivi.", "Bruxelles Propreté"),
    ("Leefmilieu Brussel en de stad Ljubljana werken samen.", "Leefmilieu Brussel"),
    ("Net Brussel zal twee ingenieurs sturen.", "Net Brussel"),
    ("Son partenaire sera la société provinciale Tirtanadi.", "Tirtanadi"),
    ("Het Brussels Hoofdstedelijk Gewest en de stad Mzuzu tekenden.", None),
    ("The delegation was led by Brussels Commissioner Alain Hutchinson.", None),
    ("The office opened in Lima in May.", None),
    ("Seventeen Brussels companies took part.", None),
])
def test_the_region_s_bodies_and_a_name_after_an_adjective_and_a_body_noun_are_organisations(sentence, body):
    # the Region's name with a word of its own names one of its bodies, not the Region itself nor an office holder;
    # a noun for a body names the name after it across one adjective ("l'agence régionale X"), not across a
    # preposition ("office in Lima")
    facts = sentence_facts(release(f"Partners\n\n{sentence}", source="bodies.txt"))
    assert set(facts[1].organisations) == ({body} if body else set()), facts[1]


@pytest.mark.parametrize("text, lang, persons", [
    ("The clinic is run by Dr. Grace Mwaipopo, a paediatrician.", "en", {"Grace Mwaipopo"}),  # a common word
    ("The agreement was signed by Mayor Grace Banda yesterday.", "en", {"Grace Banda"}),
    ("Het ziekenhuis wordt geleid door Dr Fodé Kamano.", "nl", {"Fodé Kamano"}),  # the title is no part of it
    ("H.E. Mr. John Doe opened the fair.", "en", {"John Doe"}),
])
def test_a_title_or_a_role_vouches_for_the_whole_name_after_it(text, lang, persons):
    """"Dr. Grace Mwaipopo": all the capitalised words after a title are the name, and a name a title or a role
    stands before is a person's even when one of its words is a common one ("Grace")."""
    (facts,) = sentence_facts(release(text, lang=lang))
    assert persons <= set(facts.persons) and not {"Grace", "Fodé", "Mr"} & set(facts.persons), facts.persons


def test_a_name_in_apposition_to_an_organisation_noun_is_an_organisation():
    """"Cette organisation, Hydro-Solidarité, mettra ...": the name between commas after the noun that says what it
    is, as after "l'association Hydro-Solidarité"."""
    (facts,) = sentence_facts(release("Cette organisation, Hydro-Solidarité, mettra un coordinateur à la disposition "
                                      "de la mairie.", lang="fr"))
    assert "Hydro Solidarité" in facts.organisations, facts  # its words, as facts keep a name
    (facts,) = sentence_facts(release("Le maire, Jean Dupont, a signé l'accord.", lang="fr"))
    assert "Jean Dupont" not in facts.organisations, facts  # a person's noun makes no body of its name
    (facts,) = sentence_facts(release("The Ambassador to Belgium and the European Union, Rebecca Thornton, opened the "
                                      "meeting."))
    assert "Rebecca Thornton" in facts.persons and "Rebecca Thornton" not in facts.organisations, facts  # a name's
    # last word ("Union") is no common noun the name stands beside
