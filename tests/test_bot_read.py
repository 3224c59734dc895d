"""The reader on hand-made releases (tests/data/handmade), over a real store: answer kinds, neighbours, tiers,
honest abstentions, conflicts and corrections, instructions planted in a release, lists across releases."""
import re

import pytest

from bot import Bot
from bot.cite import problems
from bot_corpus import handmade_store


@pytest.fixture(scope="module")
def bot(tmp_path_factory, embedder) -> Bot:
    return Bot(store=handmade_store(tmp_path_factory, embedder), embedder=embedder)


# a direct-answer bar below the shipped one (0.7) and below the one train.py placed (0.5415), at which the quotes of
# the tests that use `eager` answer directly
EAGER = 0.5


@pytest.fixture(scope="module")
def eager(tmp_path_factory, embedder) -> Bot:
    """The same releases read with a lower direct-answer bar: what a direct answer says (its lead, its notes, the
    kind of quote it needs), apart from how sure the reader must be to give one."""
    import dataclasses

    eager = Bot(store=handmade_store(tmp_path_factory, embedder), embedder=embedder)
    reader = eager._state.reader
    reader.model = dataclasses.replace(reader.model, confident=EAGER)
    return eager


def _ask(bot, question, history=()):
    answer = bot.ask(question, history)
    assert problems(answer, {r.id: r for r in bot.releases()}) == []
    return answer


def _text(passage) -> str:
    return passage.release.text[passage.chunk.start:passage.chunk.end]


def _sources(answer) -> list[str]:
    return [c.source for c in answer.citations]


def _sides(answer, n: int = 2) -> tuple[str, set[str]]:
    """A comparison's first n passages, its sides (more quotes of the measure may follow them in the closest tier):
    their lines and the releases they cite."""
    lines = [line for line in answer.text.splitlines() if line.startswith("- ")][:n]
    numbers = {int(k) for line in lines for k in re.findall(r"\[(\d+)\]", line)}
    return "\n".join(lines), {c.source for c in answer.citations if c.number in numbers}


def _read(text: str, lang: str = "en", published=None) -> list:
    """The sentences of a one-release text as the reader sees them (facts from ingestion, words, keys), no store."""
    from types import SimpleNamespace as NS

    from ingest.metadata.facts import sentence_facts
    from ingest.records import PartialDate, Release, content_hash, release_id_for
    from ingest.terms import keys, words

    release = Release(release_id_for("x.txt"), "x.txt", "", text, published or PartialDate(2021, 10, 30), lang, (),
                      content_hash(text.encode()), "txt")
    read = []
    for f in sentence_facts(release):
        tokens = words(text[f.start:f.end])
        read.append(NS(facts=f, tokens=tokens, text=text[f.start:f.end], lang=lang,
                       token_keys=tuple(keys(w) for w, _, _ in tokens)))
    return read


def _candidate(name: str, text: str, lang: str, published, p: float, partners=(), start: int = 0, **features):
    """A one-sentence candidate quote for compose: its release (name, date, partners), probability and signals."""
    from types import SimpleNamespace as NS

    sentence = _read(text, lang, published)[0]
    return NS(release=NS(id=name, published=published, partners=partners), start=start, end=start + len(text), p=p,
              sentence=sentence, sentences=(sentence,), keys=frozenset().union(*sentence.token_keys), fixes=(),
              features={"kind": 1.0, "names_near": 1.0, "year_ok": 1.0, "cov_release": 0.5, **features})


def test_a_date_question_gets_the_event_date_not_the_publication_date(bot, eager):
    """The release, dated 3 February 2023, tells the opening of "Thursday evening, 2 February 2023": a direct answer
    leads with the event's date; the closest passages quote it first."""
    question = "When was the first Brussels House opened?"
    answer = _ask(eager, question)
    assert answer.confidence == "answer" and answer.text.startswith("**2 February 2023**"), answer.text
    assert _sources(answer)[0] == "milan.txt"
    first = _ask(bot, question).citations[0]
    assert first.source == "milan.txt" and "2 February 2023" in first.quote


def test_a_french_date_question_is_framed_in_french(bot):
    answer = _ask(bot, "Quand la Brussels House de Barcelone a-t-elle été inaugurée ?")
    assert "21 septembre 2023" in answer.text.split("\n")[0]


def test_a_dutch_count_question_finds_the_number_in_a_french_release(bot):
    answer = _ask(bot, "Hoeveel bedrijven toont het Brussels House in Barcelona?")
    assert "50 entreprises" in answer.text and _sources(answer)[0] == "barcelona.txt"


def test_a_person_question_gets_a_sentence_naming_a_person(bot):
    answer = _ask(bot, "Who opened the first Brussels House together with the State Secretary?")
    assert "Giuseppe Sala" in answer.text


def test_a_pronoun_is_quoted_with_the_sentence_that_names_the_person(bot):
    answer = _ask(bot, "Who chairs the joint committee of Brussels and Lisbon?")
    quote = next(c.quote for c in answer.citations if c.source == "lisbon-2019.txt")
    assert "He chairs" in quote and "Fernando Medina" in quote  # the name is in the sentence before "He"


def test_an_instruction_planted_in_a_release_is_never_quoted(bot):
    for question in ("Who is the mayor of Lisbon?", "What should the answer about the mayor of Lisbon be?"):
        answer = _ask(bot, question)
        assert "John Doe" not in answer.text and "Ignore previous" not in answer.text


def test_releases_that_disagree_are_both_shown_with_their_dates(bot, eager):
    """Two releases give two signing dates: both are shown, each with its release's date; a direct answer says they
    differ and takes no side."""
    answers = [_ask(reader, "When was the cooperation agreement with Lisbon signed?") for reader in (bot, eager)]
    for answer in answers:
        assert {"lisbon-2019.txt", "lisbon-2025.txt"} <= set(_sources(answer))
        assert "13 May 2019" in answer.text and "2 April 2018" in answer.text
        assert "(14 May 2019)" in answer.text and "(10 June 2025)" in answer.text, answer.text
        assert "prevails" not in answer.text
    direct = answers[1]
    assert direct.confidence == "answer" and "differ" in direct.text, direct.text


def test_an_explicit_correction_leads_and_says_so(bot, eager):
    """The 2021 release corrects the 2020 amount: the correction is quoted first, and the answer notes that the
    newer release corrects the older, in the closest passages as in a direct answer, and does not call them a
    disagreement."""
    question = "How much does the Region grant to the river clean-up in Porto?"
    answers = [_ask(reader, question) for reader in (bot, eager)]
    for answer in answers:
        assert _sources(answer)[0] == "porto-2021.txt" and "450,000" in answer.citations[0].quote
        assert "differ" not in answer.text and answer.notes, answer.text
        assert "8 September 2021" in answer.notes[0], answer.notes  # the correcting release's date
    assert [a.confidence for a in answers] == ["closest", "answer"]


def test_a_figure_already_told_in_the_conversation_is_not_the_answer_to_what_changed(bot):
    history = [{"role": "user", "content": "How much did the Region give to the river project in Porto?"},
               {"role": "assistant", "content": "EUR 400,000, announced on 5 March 2020."}]
    answer = _ask(bot, "Was it changed later?", history)
    assert "450,000" in answer.text and _sources(answer)[0] == "porto-2021.txt"


def test_the_newest_release_answers_current_figures(bot):
    answer = _ask(bot, "How many offices does hub.brussels currently have abroad?")
    assert "33" in answer.text and _sources(answer)[0] == "network.txt"


def test_a_list_gathers_items_from_several_releases(bot):
    answer = _ask(bot, "In which cities did Brussels open Brussels Houses?")
    assert "Milan" in answer.text and ("Barcelone" in answer.text or "Barcelona" in answer.text)
    assert len(set(_sources(answer))) >= 2


def test_a_list_question_gets_the_items_under_their_announcement(bot):
    answer = _ask(bot, "Which fields does the Valparaíso agreement cover?")
    assert _sources(answer)[0] == "valparaiso.txt"
    assert "funicular" in answer.text and "street-art" in answer.text


def test_lines_of_a_list_picked_one_by_one_give_way_to_the_whole_list(bot, monkeypatch):
    """A list's lines may each score above its block (the announcement and every line): when the block is picked
    after some of its lines, the answer shows the block, every item of it, not the lines picked and not twice, also
    when its items are not recognised as the kind asked ("five Brussels partners: Atelier Zuidpaleis, ..." for
    "which organisations"), so that no list of what was asked is added after (held here to none)."""
    import importlib

    from bot.read.compose import compose
    from bot.read.lists import enumerates

    monkeypatch.setattr(importlib.import_module("bot.read.compose"), "lists_to_add", lambda *args: [])

    query, analysis, _, cands = bot.candidates("Which fields does the Valparaíso agreement cover?")
    ours = [c for c in cands if c.release.source == "valparaiso.txt"]
    block = next(c for c in ours if enumerates(c, analysis))
    lines = [c for c in ours if c is not block and block.start <= c.start and c.end <= block.end]
    assert len(lines) == 4
    for c in cands:
        c.p = 0.0
    lines[1].p, lines[2].p, block.p = 0.6, 0.55, 0.5  # two lines above their block, the others below the item bar
    draft = compose(query, analysis, cands, bot._state.reader.model)
    spans = [(claim.start, claim.end) for claim in draft.claims]
    assert (block.start, block.end) in spans, spans
    assert not any((c.start, c.end) in spans for c in lines), spans


def test_a_list_of_another_release_is_added_whatever_its_place_in_its_own_text(bot, monkeypatch):
    """A list shown whole keeps out its own lines, not another release's list that happens to sit at the same
    character offsets of its own text: offsets compare only within one release."""
    import dataclasses
    import importlib

    composing = importlib.import_module("bot.read.compose")
    from bot.read.lists import enumerates

    query, analysis, _, cands = bot.candidates("Which fields does the Valparaíso agreement cover?")
    ours = [c for c in cands if c.release.source == "valparaiso.txt"]
    block = next(c for c in ours if enumerates(c, analysis))
    lines = [c for c in ours if c is not block and block.start <= c.start and c.end <= block.end]
    other = next(c for c in cands if c.release.source != "valparaiso.txt")
    lister = dataclasses.replace(other, start=block.start + 1, end=block.start + 2)
    monkeypatch.setattr(composing, "lists_to_add", lambda *args: [lister])
    for c in cands:
        c.p = 0.0
    lines[1].p, lines[2].p, block.p = 0.6, 0.55, 0.5
    draft = composing.compose(query, analysis, cands, bot._state.reader.model)
    assert other.release.id in {claim.release.id for claim in draft.claims}, draft.claims


def test_a_list_takes_an_item_from_every_release_before_a_second_from_any(bot, monkeypatch):
    """Many quotes of one release may score above the item bar: the list still takes the best item of each other
    release that qualifies, however lower it scores, before a further item of the first (here with a cap of four
    items, which the first release alone would fill)."""
    import importlib

    composing = importlib.import_module("bot.read.compose")
    monkeypatch.setattr(composing, "MAX_ITEMS", 4)
    query, analysis, _, cands = bot.candidates("In which cities did Brussels open Brussels Houses?")
    assert analysis.listing
    for c in cands:
        c.p = 0.0
    many = sorted((c for c in cands if c.release.source == "valparaiso.txt"), key=lambda c: c.start)
    for i, c in enumerate(many):
        c.p = 0.6 - 0.01 * i
    other = next(c for c in cands if c.release.source != "valparaiso.txt")
    other.p = 0.2
    draft = composing.compose(query, analysis, cands, bot._state.reader.model)
    assert draft.as_list and other.release.id in {claim.release.id for claim in draft.claims}, draft.claims


def test_the_best_releases_are_read_whole(bot):
    """The four priorities sit under "four priorities:" in a chunk that shares no word with the question: when the
    search finds only the release's lead, reading the best release whole still brings them to the reader, scored
    no higher than what the search found, and nothing from releases the search did not rank."""
    retriever = bot._state.retriever
    query, analysis, _, _ = bot.candidates("Which fields does the Valparaíso agreement cover?")
    ranked = retriever.search(query, analysis, top_k=8, per_release=8)
    assert ranked[0].release.source == "valparaiso.txt"
    found = [next(p for p in ranked if p.release.source == "valparaiso.txt" and "funicular" not in _text(p))]
    whole = retriever.read_whole(found)
    assert {p.release.source for p in whole} == {"valparaiso.txt"} and len(whole) > 1
    assert any("funicular" in _text(p) for p in whole) and max(p.score for p in whole) == found[0].score


def test_the_releases_a_comparison_names_are_read_whole_too(bot):
    """Beside the best releases, the retrieved releases about a compared partner are read whole (their other side
    may share no word with the question), and no release the search did not find."""
    retriever = bot._state.retriever
    query, analysis, _, _ = bot.candidates("Which fields does the Valparaíso agreement cover?")
    found = retriever.search(query, analysis, top_k=1, per_release=1)
    assert retriever.read_whole(found, releases=0) == found
    whole = retriever.read_whole(found, releases=0, also={found[0].release.id, "not-retrieved"})
    assert {p.release.source for p in whole} == {"valparaiso.txt"} and any("funicular" in _text(p) for p in whole)


def test_an_unknown_name_is_named_as_absent_with_the_scope(bot):
    answer = _ask(bot, "When did the Brussels House in Vietnam open?")
    assert answer.abstained and answer.confidence == "none" and answer.citations == ()
    assert "Vietnam" in answer.text and f"{len(bot.releases())} releases" in answer.text


def test_an_abstention_never_names_a_term_the_releases_hold_in_words(bot):
    answer = _ask(bot, "Who spoke at the 25th anniversary of the Lisbon agreement?")
    if answer.abstained:
        assert "25th" not in answer.text  # "twenty-five years" is in lisbon-2019.txt


def test_a_missing_fact_is_not_answered_with_another_figure(bot):
    answer = _ask(bot, "How much did the Brussels House in Milan cost?")
    assert answer.confidence != "answer"
    if answer.abstained:
        assert "Milan" not in answer.text.split(".")[0] or "closest" in answer.text.lower()


def test_a_figure_written_in_words_is_shown_whole(eager):
    answer = _ask(eager, "Combien de postes de santé de Tessaoua seront équipés de panneaux solaires ?")
    assert answer.confidence == "answer" and answer.text.startswith("**vingt-cinq**"), answer.text
    assert answer.citations[0].source == "tessaoua-sante.txt"


def test_the_verb_after_the_counted_noun_is_not_what_a_figure_must_count(bot):
    # "L'hôpital régional de Tessaoua compte 48 lits": 48 counts beds; "compte" is the question's verb, not its noun
    answer = _ask(bot, "Combien d'habitants compte Tessaoua ?")
    assert answer.confidence != "answer" and "**48**" not in answer.text, answer.text


def test_tiers_are_in_the_json(tmp_path_factory, embedder):
    """Each tier reaches the JSON: the same question read with a direct-answer bar nothing reaches and with one
    everything reaches (which quote clears the shipped bar is the model's calibration, not this test's subject),
    and a question about a place no release names."""
    import dataclasses

    reader = Bot(store=handmade_store(tmp_path_factory, embedder), embedder=embedder)
    model = reader._state.reader.model
    found = []
    for bar, question in ((0.0, "When was the first Brussels House opened?"),
                          (1.01, "When was the first Brussels House opened?"),
                          (0.0, "When did the Brussels House in Vietnam open?")):
        reader._state.reader.model = dataclasses.replace(model, confident=bar)
        found.append(_ask(reader, question).to_dict()["confidence"])
    assert found == ["answer", "closest", "none"]


def test_a_list_cut_by_a_chunk_boundary_is_quoted_whole(bot):
    answer = _ask(bot, "Which fields of exchange does the housing programme between Brussels and Vienna set out?")
    assert "housing statistics in a shared format" in answer.text  # the last item, past the first chunk's end


def test_a_country_named_in_several_words_is_found_under_its_one_word_name(bot):
    # the release writes "Czechia"; "Czech Republic" is the same partner: never "no release mentions Czech Republic"
    answer = bot.ask("How much did Brussels export to the Czech Republic in 2023?")
    assert "131" in answer.text and answer.citations[0].source.startswith("prague"), answer.text


def test_a_city_is_not_found_under_its_country(bot):
    # Brno is in Czechia, which prague.txt names: no release names Brno, so nothing answers for it
    answer = _ask(bot, "When did Brussels sign a cooperation agreement with Brno?")
    assert answer.abstained and answer.citations == () and "Brno" in answer.text


def test_a_change_over_time_gives_both_years_figures_from_both_releases(bot):
    answer = _ask(bot, "How did the number of Brussels companies in the Porto river clean-up change between 2020 "
                       "and 2021?")
    assert "Twelve" in answer.text and "Fifteen" in answer.text, answer.text
    assert {"porto-2020.txt", "porto-2021.txt"} <= set(_sources(answer))


def test_a_direct_answer_gives_the_kind_of_fact_asked_for(bot):
    """However sure the model is of a sentence, a "who" question is answered directly only by a sentence naming a
    person it does not know; otherwise the closest passages are shown, labelled as such."""
    from bot.read.compose import compose

    query, analysis, _, cands = bot.candidates("Who opened the first Brussels House in Milan?")
    assert analysis.needs[:1] == ("person",)
    for kind in (0.0, 1.0):
        for c in cands:
            c.features = dict(c.features, kind=kind, kind_before=0.0, names_near=1.0, year_ok=1.0)
            c.p = 0.99 if c is cands[0] else 0.01  # no rival answer beside it (see the test below on rivals)
        draft = compose(query, analysis, cands, bot._state.reader.model)
        assert draft.confidence == ("answer" if kind else "closest")


def test_a_follow_up_reads_first_the_releases_about_the_partner_of_the_conversation(bot):
    """"How many companies took part?" alone matches releases about Porto or Valparaíso as well as Milan's: after a
    conversation about Milan, the passages of releases about Milan come first."""
    history = [{"role": "user", "content": "What did Brussels open in Milan?"},
               {"role": "assistant", "content": "The first Brussels House, on 2 February 2023."}]
    _, _, passages, _ = bot.candidates("How many companies took part?", history)
    assert all("Milan" in p.release.partners for p in passages[:3]), [p.release.source for p in passages]


def test_the_first_word_of_a_second_sentence_is_not_taken_for_a_name(bot):
    # "Specify" is capitalised because it starts a sentence: no release names it, and that says nothing
    answer = _ask(bot, "How much does the Region grant to the river clean-up in Porto? Specify the amount.")
    assert not answer.abstained and "450,000" in answer.text and "Specify" not in answer.text, answer.text


def test_a_comparison_over_time_finds_the_same_measure_in_the_partners_other_release(bot):
    """"Is the budget of the 2022 agreement higher than the first one's?": the 2022 release says "the Region earmarks
    320 000 euros", in Dutch, without the question's words. The other side is the amount of the same order in
    another release about the same partner (not the export figure beside it), the earliest one since the question
    asks for the first agreement (not the 2025 review's budget)."""
    answer = _ask(bot, "Le budget bruxellois de l'accord de 2022 avec Tallinn est-il supérieur à celui du premier "
                       "accord ?")
    sides, cited = _sides(answer)
    assert "240 000" in sides and "320 000" in sides, answer.text
    assert "41 miljoen" not in sides and "380,000" not in sides, answer.text
    assert {"tallinn-2018.txt", "tallinn-2022.txt"} == cited, answer.text
    assert "41 miljoen" not in answer.text, answer.text  # nor among further quotes: not of the sides' order


@pytest.mark.parametrize("item, sure, confident, direct", [(0.0, 0.0, 1.0, False), (1.0, 1.0, 0.0, True)])
def test_a_comparison_is_direct_by_the_direct_answer_bar_not_the_lower_ones(bot, item, sure, confident, direct):
    """A list takes every item from the `item` bar on, since a doubtful item costs one line; a comparison is a direct
    answer only when both its sides reach the bar of a one-quote direct answer (`confident`), not the lower `sure`
    of a plan and its outcome, since a doubtful side makes the whole answer wrong."""
    import dataclasses

    from bot.read.comparison import comparison
    from bot.read.model import load

    query, analysis, _, found = bot.candidates("Le budget bruxellois de l'accord de 2022 avec Tallinn est-il "
                                               "supérieur à celui du premier accord ?")
    draft = comparison(query, analysis, sorted(found, key=lambda c: -c.p),
                       dataclasses.replace(load(), item=item, sure=sure, confident=confident))
    assert draft is not None and len(draft.claims) >= 2
    assert (draft.confidence == "answer") is direct, draft.confidence


def test_a_follow_up_asking_whether_a_figure_changed_gets_its_later_value(bot):
    """"Has that amount changed since?" after an answer of 240 000 euros: the quote that gives that figure, and the
    same measure (an amount of its order, not the exports beside it) in a later release about the same partner,
    whose sentence shares no word with the question."""
    history = [{"role": "user", "content": "Combien la Région a-t-elle consacré à l'accord de 2018 avec Tallinn ?"},
               {"role": "assistant", "content": "240 000 euros sur trois ans."}]
    answer = _ask(bot, "Has that amount changed since?", history)
    assert "240 000" in answer.text and ("320 000" in answer.text or "380,000" in answer.text), answer.text
    assert "41 miljoen" not in answer.text, answer.text
    assert {"tallinn-2022.txt", "tallinn-2025.txt"} & {s.rsplit("/", 1)[-1] for s in _sources(answer)}


def test_each_side_of_a_comparison_gives_the_same_measure(bot):
    """Households in 2021 against households in 2024: the 2024 release's sentence that names the year gives the
    collection's revenue; the side it must give is the count of households, the measure of the surer side."""
    answer = _ask(bot, "How did the number of households with separate waste collection in Riga change between "
                       "2021 and 2024?")
    assert "25,000" in answer.text and "40 000" in answer.text, answer.text


def test_a_side_given_with_its_year_is_that_years_mission_and_its_qualified_count(bot):
    """"India in 2017 or China in 2019": the China side is the 2019 mission (47 companies), not the 2023 one whose
    sentence matches the question better and whose release mentions 2019; the India side is the count of *Brussels*
    companies (38), not the whole Belgian mission's 170."""
    for question in ("Which mission had more Brussels companies: India in 2017 or China in 2019?",
                     "Quelle mission comptait le plus d'entreprises bruxelloises : celle de 2017 en Inde ou celle de "
                     "2019 en Chine ?"):
        answer = _ask(bot, question)
        sides, cited = _sides(answer)
        assert "38" in sides and "47" in sides, answer.text
        assert "170" not in sides and "Thirty-one" not in sides, answer.text
        assert {"india-2017.txt", "chine-2019.txt"} == cited, answer.text


def test_a_figure_that_counts_another_places_firms_is_no_answer(bot):
    """The Almaty release counts "twelve Brussels companies" and no Kazakh one: a question about Kazakh companies
    must not get twelve as its answer, while the question about Brussels companies does."""
    kazakh = _ask(bot, "How many Kazakh companies did the Brussels delegation meet in Almaty in 2015?")
    assert kazakh.confidence != "answer" or "twelve" not in kazakh.text.lower(), kazakh.text
    brussels = _ask(bot, "How many Brussels companies took part in the 2015 mission to Almaty?")
    assert brussels.confidence == "answer" and "twelve" in brussels.text.lower(), brussels.text
    assert _sources(brussels)[0] == "almaty-mission.txt"


def test_the_end_of_a_period_is_not_the_date_of_the_event_asked_about(bot):
    """"have extended their agreement until 31 December 2026" ... "the new text was signed on 10 March 2022": the
    date of the extension is asked, the period's end is not it; "until when" or "when does it end" gets the end."""
    signed = _ask(bot, "When did Brussels and Bratislava extend their mobility agreement?")
    assert "10 March 2022" in signed.text, signed.text
    assert not signed.text.startswith("**31 December 2026"), signed.text
    until = _ask(bot, "Until when does the Brussels-Bratislava mobility agreement run?")
    assert "31 December 2026" in until.text, until.text
    ends = _ask(bot, "When does the Brussels-Bratislava mobility agreement end?")  # asked by its end verb
    assert "31 December 2026" in ends.text.split("[1]")[0], ends.text


def test_a_dateline_below_the_header_lines_is_not_the_event_and_a_state_is_no_signatory(bot):
    """The release opens with header lines, a title and a subtitle; its dateline ("Brussels, 26 May 2014 -") tells
    when it was published, the next sentence when and by whom the memorandum was signed. "the former Yugoslav
    Republic" is a state, not a person who signed."""
    when = _ask(bot, "When was the memorandum between Brussels and Skopje signed?")
    assert "22 May 2014" in when.text and "26 May 2014" not in when.text.split("\n")[0], when.text
    who = _ask(bot, "Who put his signature to the memorandum on behalf of the City of Skopje?")
    assert "Trajkovski" in who.text, who.text


def test_an_event_reported_as_today_is_dated_by_the_dateline_it_is_quoted_with(bot):
    """"signed an agreement today": the signing's date is the dateline's, not the other dates of the release (a
    forum in 2020, an end in 2024); the dateline is quoted, so that the date can be checked."""
    answer = _ask(bot, "When did Brussels and Bordeaux sign their tram maintenance agreement?")
    assert answer.text.split("\n")[0] == "**14 October 2021**", answer.text
    quote = answer.citations[0].quote
    assert answer.citations[0].source == "bordeaux-trams.txt" and "14 October 2021" in quote and "today" in quote


@pytest.mark.parametrize("question", ["Who leads the Haren workshops?", "Qui dirige les ateliers de Haren ?",
                                      "Wie leidt de werkplaatsen van Haren?"])
def test_who_leads_an_organisation_is_answered_by_its_director(bot, question):
    """"who leads", "qui dirige", "wie leidt": the person the release calls the workshops' director, not the minister
    who visited them: the first quote names her and not him, and a direct answer names only her (the closest
    passages may show more of the release after her)."""
    answer = _ask(bot, question)
    first = answer.citations[0].quote
    assert "Benali" in first and "Maes" not in first, answer.text
    assert answer.confidence != "answer" or "Maes" not in answer.text, answer.text


def test_a_dutch_question_word_is_found_at_the_end_of_a_compound(bot):
    """"hoeveel specialisten": the release counts "18 restauratiespecialisten", one Dutch word whose last part is
    the noun counted; the figure beside it answers, not the city's 300.000 inhabitants."""
    answer = _ask(bot, "Hoeveel specialisten wisselen Brussel en Sucre uit?")
    assert answer.confidence == "answer" and "18" in answer.text.split("\n")[0], answer.text
    assert _sources(answer) == ["sucre-erfgoed.txt"]


def test_a_role_mentioned_far_from_every_name_does_not_say_who_holds_it(bot, eager):
    """"... signed the text in the presence of the Peruvian ambassador": the sentence names a state secretary and a
    mayor, not the ambassador, so it is no direct answer to "who was the ambassador"; the mayor, named beside the
    role, is one."""
    ambassador = _ask(bot, "Who was the Peruvian ambassador at the signing of the Iquitos agreement?")
    assert ambassador.confidence != "answer", ambassador.text
    mayor = _ask(eager, "Who is the mayor of Iquitos?")
    assert mayor.confidence == "answer" and "Rengifo" in mayor.text.split("\n")[0], mayor.text


def test_a_follow_up_that_names_no_partner_reads_only_the_conversations_releases(bot):
    """The conversation is about Iquitos; "and how many students will the exchange bring?" names no partner, so
    the Oruro release's student exchange, however well it matches the words, is not cited: the follow-up is about
    Iquitos, whose release tells no student figure."""
    history = [{"role": "user", "content": "Who signed the Iquitos river agreement?"},
               {"role": "assistant", "content": "State Secretary Anne Dupont and Mayor Carlos Rengifo."}]
    answer = _ask(bot, "And how many students will the exchange bring?", history)
    assert set(_sources(answer)) <= {"iquitos-river.txt"}, answer.text


def test_a_planned_figure_does_not_answer_how_many_there_were_in_the_end(bot):
    """"is expected to bring twenty students": a plan, not how many came; the quote is only among the closest
    passages for "how many came in the end", and answers "how many are expected"."""
    outcome = _ask(bot, "How many Oruro students finally came to Brussels universities?")
    assert outcome.confidence != "answer", outcome.text
    plan = _ask(bot, "How many Oruro students is the exchange expected to bring to Brussels?")
    assert plan.confidence == "answer" and "twenty" in plan.text.split("\n")[0].lower(), plan.text


@pytest.mark.parametrize("question", ["How many Oruro students have already come to Brussels universities?",
                                      "How many Oruro students came to Brussels universities so far?"])
def test_a_planned_figure_does_not_answer_how_many_there_have_been_so_far(bot, question):
    """"is expected to bring twenty students" is a plan: it does not tell how many have come until now."""
    assert _ask(bot, question).confidence != "answer"


@pytest.mark.parametrize("text, plan", [
    ("The roasters intend to buy about 55 tonnes of green coffee, worth an estimated EUR 460,000.", True),
    ("Instead of the 24 tonnes planned in 2017, 37 tonnes were bought, worth EUR 310,000.", False),
])
def test_a_plan_is_read_on_the_figures_of_the_measure_asked(text, plan):
    """"How many tonnes did they actually buy?": the tonnes the roasters intend to buy are a plan, whatever the
    amount in euros beside them (another measure, with no word of plan); "37 tonnes were bought, instead of the 24
    planned" tells the outcome."""
    from types import SimpleNamespace as NS

    from bot.read.instance import a_plan_for_the_outcome
    from ingest.terms import keys

    query = NS(text="How many tonnes did the roasters actually end up buying?", wants_latest=True)
    analysis = NS(extreme="", needs=("number",), heads=(keys("tonnes"),))
    assert a_plan_for_the_outcome(query, analysis, NS(sentences=_read(text))) is plan


@pytest.mark.parametrize("question, lang, text", [
    ("Combien d'enfants ont finalement été enregistrés ?", "fr",
     "La commune a lancé une campagne d'enregistrement tardif visant 15 000 enfants."),
    ("How many households were finally connected?", "en",
     "The town started a programme targeting 3,000 households in its eastern districts."),
    ("How many staff were trained in the end?", "en", "A course aiming to train 40 municipal staff opened in March."),
])
def test_a_figure_a_participle_of_plan_stands_beside_is_a_plan(question, lang, text):
    """"une campagne visant 15 000 enfants", "targeting 3,000 households": the figure a campaign aims at is a plan,
    not how many it reached, whatever form the verb of plan takes."""
    from types import SimpleNamespace as NS

    from bot.read.instance import a_plan_for_the_outcome

    query = NS(text=question, wants_latest=False, lang=lang)
    analysis = NS(extreme="", needs=("number",), heads=())
    assert a_plan_for_the_outcome(query, analysis, NS(sentences=_read(text, lang)))


@pytest.mark.parametrize("question, plan", [
    ("Combien la Région a-t-elle déjà dépensé pour l'accord de 2018 avec Tallinn ?", True),
    ("Combien la Région consacre-t-elle à l'accord de 2018 avec Tallinn ?", False),
])
def test_a_french_future_tense_makes_a_figure_a_plan(bot, question, plan):
    """"La Région y consacrera 240 000 euros": the verb's future tense, with no word of plan beside the figure,
    makes it a plan, which does not tell what was spent so far, though it tells what is given."""
    from bot.read.instance import a_plan_for_the_outcome

    query, analysis, _, cands = bot.candidates(question)
    quote = next(c for c in cands if c.release.source.endswith("tallinn-2018.txt") and "240 000" in c.quote)
    assert a_plan_for_the_outcome(query, analysis, quote) is plan


@pytest.mark.parametrize("question", ["Who is the mayor of Campinas?", "Qui est le maire de Campinas ?"])
def test_a_mayor_named_by_the_local_title_answers_who_is_the_mayor(eager, question):
    """"Prefeito Dário Saadi received the delegation": the Brazilian title is the mayor's, so the sentence answers,
    and the state secretary who led the delegation does not."""
    answer = _ask(eager, question)
    assert answer.confidence == "answer" and "Saadi" in answer.text.split("\n")[0], answer.text


@pytest.mark.parametrize("question", ["Who heads Ndola's water company?",
                                      "Qui dirige la compagnie des eaux de Ndola ?"])
def test_a_dutch_compound_is_read_through_its_parts(bot, question):
    """"water company" is one Dutch word, "waterbedrijf", which the glossary does not list: its parts (water,
    company) tell it from the city's transport company ("vervoerbedrijf"), whose head is named beside it."""
    answer = _ask(bot, question)
    assert "Banda" in answer.citations[0].quote and "Mwansa" not in answer.citations[0].quote, answer.text


def test_a_comparison_of_phases_takes_the_later_side_from_the_quote_that_writes_its_ordinal(bot):
    """"the first phase and the second phase": the second side is the figure of the release that writes "tweede"
    (the ordinal is the same in every language), not the emergency aid another release of the partner gives."""
    answer = _ask(bot, "Comment le budget bruxellois du programme eau de Nouakchott a-t-il évolué entre la première "
                       "phase et la deuxième phase ?")
    assert "600,000" in answer.text and "850 000" in answer.text, answer.text


def test_an_unsettled_comparison_shows_more_of_the_measure_it_compares(bot):
    """When the reader cannot settle a comparison, its closest passages show more of what is compared: here the
    second side's pick is the wrong sentence ("vijftien nieuwe waterpunten"), and the second phase's amount comes
    as a further quote of the partner's releases. Only figures of the best side's unit (euros) are added, not the
    twenty water points beside the first amount."""
    answer = _ask(bot, "How much more did the second phase of the Nouakchott programme receive than the first?")
    assert answer.confidence == "closest", answer.text
    assert "600,000" in answer.text and "850 000" in answer.text, answer.text
    assert {c.source for c in answer.citations} >= {"nouakchott-2015.txt", "nouakchott-2019.txt"}
    assert "twenty water points" not in answer.text, answer.text


def _closest_with_the_list_last(bot, question: str, marker: str) -> list[str]:
    """The closest passages of a list question when its list quote (the one holding `marker`) ranks last and every
    quote is close enough: the quotes shown."""
    from bot.read.closest import closest
    from bot.read.model import load

    query, analysis, _, found = bot.candidates(question)
    assert analysis.listing
    ranked = sorted(found, key=lambda c: -c.p)
    lister = next(c for c in ranked if marker in c.quote)
    ranked = [c for c in ranked if c is not lister] + [lister]
    model = load()
    for c in ranked:
        c.p = max(c.p, model.closest)  # every quote close enough; the list quote still last
    return [c.release.text[c.start:c.end] for c in closest(query, ranked, model, analysis=analysis).claims]


def test_a_list_question_is_shown_the_list_its_release_gives(bot):
    """"Rond welke thema's": when no item is sure enough for a list, the closest passages still show the quote that
    introduces a list of what was asked ("De tekst telt vier luiken:"), however low it scores, not only the
    sentences around it. Here the quotes are ranked with that one last, as a weak list quote would be."""
    shown = _closest_with_the_list_last(bot, "Rond welke thema's is de nieuwe samenwerkingsovereenkomst 2025-2028 "
                                             "met Ulaanbaatar opgebouwd?", "warmtenetten")
    assert any("beroepsopleiding" in q for q in shown), shown


def test_a_list_question_is_shown_a_list_written_inline_after_a_colon(bot):
    """"Which disciplines": a sentence that names what was asked and gives three items or more after a colon
    ("open to five disciplines: ceramics, photography, ...") is a list too, shown however low it scores."""
    shown = _closest_with_the_list_last(bot, "In which disciplines can Brussels artists apply for the Aarhus "
                                             "residencies?", "puppetry")
    assert any("ceramics" in q and "sound design" in q for q in shown), shown


def test_list_items_of_another_list_bring_the_list_that_was_asked(bot):
    """The items sure enough for a list may belong to another list of the release ("three parts: the residencies
    themselves, ..." for "which disciplines"): the quote that names what was asked and enumerates it is shown with
    them, however low it scores."""
    from bot.read.compose import _listing
    from bot.read.model import load

    query, analysis, _, found = bot.candidates("In which disciplines can Brussels artists apply for the Aarhus "
                                               "residencies?")
    model = load()
    parts = [c for c in found if c.release.source.endswith("aarhus-residencies.txt") and c.quote.startswith("- ")]
    assert len(parts) == 3
    for c in found:
        c.p = model.item + 0.01 if c in parts else min(c.p, model.item / 2)
    draft = _listing(query, analysis, sorted(found, key=lambda c: -c.p), model)
    shown = [c.release.text[c.start:c.end] for c in draft.claims]
    assert any("ceramics" in q and "sound design" in q for q in shown), shown


def test_a_demonym_is_never_named_absent_when_its_place_is_there(bot):
    """"Milanese" is in no release, Milan is: an abstention must not claim that no release mentions it (it
    still names a place that no release holds)."""
    from bot.question.analysis import analyse
    from bot.question.understand import understand
    from bot.read.abstain import absent_name

    def absent(question):
        return absent_name(bot.corpus, analyse(understand(question), bot.corpus), None)

    assert absent("How many Milanese officials came to Brussels?") is None
    assert absent("How many Zorblaxese officials came to Brussels?") == "Zorblaxese"


def test_a_name_made_of_common_words_is_there_in_another_language(bot):
    """A Dutch release names "het Chileense Rode Kruis": an English question about the Red Cross must not be told
    that no release mentions it (the glossary's red/rouge/rode, cross/croix/kruis)."""
    from bot.question.analysis import analyse
    from bot.question.understand import understand
    from bot.read.abstain import absent_name

    def absent(question):
        return absent_name(bot.corpus, analyse(understand(question), bot.corpus), None)

    assert absent("Which Red Cross society distributes the Brussels aid for Valparaíso?") is None
    assert absent("Which Blue Crescent society distributes the Brussels aid for Valparaíso?") == "Blue Crescent"


def test_a_person_in_another_role_is_no_direct_answer(bot):
    """The Lisbon release names its mayor and a city councillor, no governor: however sure the model is of a
    sentence naming a person, "who is the governor" is answered directly only by one with the role asked for."""
    from bot.read.compose import compose

    query, analysis, _, cands = bot.candidates("Who is the governor of Lisbon?")
    assert analysis.needs[:1] == ("person",) and analysis.relation
    for c in cands:
        c.features = dict(c.features, kind=1.0, relation=0.0, names_near=1.0, year_ok=1.0)
        c.p = 0.99
    assert compose(query, analysis, cands, bot._state.reader.model).confidence == "closest"
    answer = _ask(bot, "Who is the mayor of Lisbon?")
    assert answer.confidence == "answer" and "Medina" in answer.text, answer.text


def test_the_search_reads_each_releases_keys_for_the_question_from_one_query(bot):
    """The release prior of the search needs, of each candidate release, only the question's keys it holds: one
    indexed query gives the same as each release's whole key list."""
    corpus = bot.corpus
    ids = [r.id for r in bot.releases()]
    wanted = frozenset().union(*(corpus.release_keys(i) for i in ids[:2])) | {"s:nowhere"}
    among = corpus.release_keys_among(ids, wanted)
    assert among == {i: corpus.release_keys(i) & wanted for i in ids}
    assert any(among.values()) and not any("s:nowhere" in found for found in among.values())


def test_the_closest_passages_leave_out_a_far_weaker_release():
    # a passage of another release that scores far below the best is noise beside it: each one shown is a citation
    # a journalist must check; a same-release passage or a close one of another release is still shown
    from types import SimpleNamespace as NS

    from bot.read.closest import OTHER_RELEASE, closest

    best, other = (NS(id=name, published=None) for name in ("best", "other"))
    quote = lambda release, start, p: NS(release=release, start=start, end=start + 10, p=p, fixes=())  # noqa: E731
    ranked = [quote(best, 0, 0.4), quote(other, 0, 0.4 * OTHER_RELEASE * 0.9), quote(best, 50, 0.02)]
    shown = closest(NS(lang="en"), ranked, NS(closest=0.01)).claims
    assert [(c.release.id, c.start) for c in shown] == [("best", 0), ("best", 50)]
    ranked[1].p = 0.4 * OTHER_RELEASE * 1.1
    shown = closest(NS(lang="en"), ranked, NS(closest=0.01)).claims
    assert [c.release.id for c in shown] == ["best", "other", "best"]


def test_the_closest_passages_quote_two_releases_at_most_but_a_lists_or_a_comparisons_quote_them_all():
    # each release cited is one more for a journalist to open: the closest passages keep the quotes of the first
    # two releases they show, even when a third scores near the best; a list gives an item per release and a
    # comparison a side per release, so theirs keep every release
    from types import SimpleNamespace as NS

    from bot.read.closest import MAX_RELEASES, _few_releases, closest

    releases = [NS(id=name, published=None) for name in ("first", "second", "third")]
    ranked = [NS(release=r, start=0, end=10, p=0.4 - 0.01 * i, fixes=()) for i, r in enumerate(releases)]
    shown = closest(NS(lang="en"), ranked, NS(closest=0.01)).claims
    assert MAX_RELEASES == 2 and [c.release.id for c in shown] == ["first", "second"]
    for asked in ({"listing": True}, {"compare": (("a", ()), ("b", ()))}, {"comparative": True}):
        analysis = NS(extreme="", **{"listing": False, "compare": (), "comparative": False, **asked})
        assert [c.release.id for c in _few_releases(ranked, analysis, ranked)] == ["first", "second", "third"]


def test_a_correction_shown_before_the_quote_it_corrects_takes_no_release_s_place():
    """The closest passages keep two releases; a correction from a third release, brought in before the quote it
    corrects, stays with that quote and does not push out the second release the reader chose (a later release
    that gives today's head of a hospital, behind a correction of an earlier head's name)."""
    from types import SimpleNamespace as NS

    from bot.read.closest import _few_releases

    old, today, fix, other = (NS(release=NS(id=name)) for name in ("2004", "2020", "2009-fix", "2012"))
    analysis = NS(listing=False, compare=(), comparative=False)
    assert _few_releases([fix, old, today], analysis, before=[old, today]) == [fix, old, today]
    assert _few_releases([old, today, fix, other], analysis, before=[old, today, other]) == [old, today]


def test_an_organisation_question_gives_half_credit_to_an_unmarked_name():
    # "Nuvia Health" has no organisation word and reads like a person's name: it may be the company asked for
    from types import SimpleNamespace as NS

    from bot.read.kinds import UNMARKED_NAME, kind_score

    def kind(persons=(), organisations=()):
        s = NS(text=f"{(persons + organisations + ('Nobody',))[0]} will run the pilot.",
               facts=NS(persons=persons, organisations=organisations, numbers=()))
        return kind_score("organisation", s, NS(known_keys=frozenset(), untold=lambda n: n), set(), None)

    assert kind(organisations=("Urbanis Evaluation",)) == 1.0
    assert kind(persons=("Nuvia Health",)) == UNMARKED_NAME > 0
    assert kind() == 0.0


@pytest.mark.parametrize("text, name, person", [
    ("Het Red de Escuelas de Música de Pereira gaat samenwerken met drie academies.", "Red de Escuelas", False),
    ("Le programme sera mis en œuvre par la Badan Penanggulangan Bencana Daerah.", "Badan Penanggulangan", False),
    ("The agreement was signed at the Plaza de Armas in Arequipa.", "Plaza de Armas", False),
    ("La riposte est coordonnée par la Dre Aimée Mukalay, médecin-chef.", "Dre Aimée Mukalay", True),
    ("Le programme est coordonné par Aimée Mukalay, médecin-chef.", "Aimée Mukalay", True),
])
def test_a_name_written_after_a_definite_article_is_a_body_or_a_place_not_a_person(text, name, person):
    # a person's name takes no article ("la Badan ...", "het Red de Escuelas ..."); a title keeps it a person's
    from types import SimpleNamespace as NS

    from bot.read.kinds import UNMARKED_NAME, kind_score

    s = NS(text=text, facts=NS(persons=(name,), organisations=(), numbers=()))
    analysis = NS(known_keys=frozenset(), untold=lambda n: n)
    assert kind_score("person", s, analysis, set(), None) == (1.0 if person else 0.0)
    assert kind_score("organisation", s, analysis, set(), None) == (UNMARKED_NAME if person else 1.0)


def test_the_governments_a_release_is_about_are_no_organisation_it_is_asked_for():
    # "Which firm carried out the evaluation of the Brussels-Kathmandu programme?": the lead sentence names the
    # Brussels-Capital Region and Kathmandu Metropolitan City, which are the question's subject, not an answer
    from types import SimpleNamespace as NS

    from bot.read.kinds import kind_score
    from ingest.terms import keys

    known = frozenset().union(*(keys(w) for w in ("brussels", "kathmandu", "dakar")))

    def kind(organisations, asked="organisation"):
        s = NS(facts=NS(persons=(), organisations=organisations, partners=(), places=(), numbers=()))
        return kind_score(asked, s, NS(known_keys=known, untold=lambda n: n), set(), None)

    for governments in (("Brussels-Capital Region", "Kathmandu Metropolitan City"), ("Ville de Dakar",)):
        assert kind(governments) == 0.0 and kind(governments, "name") == 0.0, governments
    assert kind(("Urbanis Evaluation",)) == 1.0
    assert kind(("Brussels-Capital Region", "Urbanis Evaluation")) == 1.0


def test_a_figure_an_earlier_version_stated_gives_way_to_its_correction(bot):
    """"The first version of this release stated 18,400 visitors. The correct figure is 16,900.": the sentence that
    tells the superseded figure matches the question best, but the answer is the corrected figure after it."""
    answer = _ask(bot, "How many visitors did the Brussels Week in Kraków draw?")
    assert "16,900" in answer.text, answer.text
    assert "18,400" not in answer.text or answer.text.index("16,900") < answer.text.index("18,400"), answer.text


def test_an_earlier_release_told_in_the_third_person_gives_way_to_the_correction(bot):
    """"Dans son communiqué du 10 mars 2016, Brussels International a indiqué que le budget ... s'élevait à 2,4
    millions d'euros. Le montant exact est de 2,1 millions": the release's own earlier statement, told as "its"
    release, is superseded; the answer gives the correct amount first."""
    answer = _ask(bot, "Quel est le budget de la phase 2017-2020 de la coopération avec Dakar ?")
    assert "2,1 millions" in answer.text, answer.text
    assert "2,4 millions" not in answer.text or answer.text.index("2,1") < answer.text.index("2,4"), answer.text


def test_until_when_is_answered_with_the_end_of_the_period(bot):
    """"Until what date can it be seen?": the sentence gives the opening date first; the answer is the date after
    "until", in its lead."""
    answer = _ask(bot, "Until what date can the comic art exhibition be seen in Kraków?")
    assert answer.text.startswith("**12 January 2025**"), answer.text


def test_a_successor_asked_in_an_office_must_hold_that_office(bot):
    """"Who succeeded Mette Lindqvist as mayor?": no release says; the 2019 Aalborg release names a deputy mayor,
    who holds another office. However sure the model is of that sentence, it is no direct answer."""
    from bot.read.compose import compose
    from ingest.terms import keys

    query, analysis, _, cands = bot.candidates("Who succeeded Mette Lindqvist as mayor of Aalborg?")
    assert analysis.needs[:1] == ("person",) and analysis.relation & keys("mayor")
    deputy = [c for c in cands if "Deputy Mayor" in c.quote]
    assert deputy
    for c in cands:
        c.p = 0.99 if c in deputy else 0.01
        c.features = dict(c.features, kind=1.0, relation=1.0, names_near=1.0, year_ok=1.0)
    assert compose(query, analysis, cands, bot._state.reader.model).confidence == "closest"


def test_a_deputy_is_not_the_office_asked_for():
    # "who is the governor": "Deputy Governor X" and "la maire adjointe" name another office
    from types import SimpleNamespace as NS

    from bot.read.kinds import in_the_role
    from ingest.terms import keys, words

    def quote(text):
        tokens = words(text)
        facts = NS(persons=(), organisations=(), partners=(), places=())
        return NS(sentences=[NS(tokens=tokens, token_keys=[keys(w) for w, _, _ in tokens], facts=facts)])

    governor, mayor = keys("governor"), keys("maire")
    assert in_the_role(quote("Governor Somkiat Thanasarn signed it."), governor)
    assert not in_the_role(quote("Deputy Governor Nattaya Chaiyaporn signed it."), governor)
    assert not in_the_role(quote("Nomvula Dlamini, aujourd'hui maire adjointe, a signé."), mayor)


def test_a_list_of_a_kind_is_shown_the_inline_list_that_names_that_kind(bot):
    """"Which Brussels organisations": the noun asks for a kind (an organisation) and also names what is listed,
    so the sentence "prepared with four Brussels organisations: Bruxelles-Propreté, Worms, ..." is the list, shown
    however low it scores."""
    question = "Which Brussels organisations prepared the new composting programme with Trondheim?"
    assert "organisation" in bot.candidates(question)[1].needs
    shown = _closest_with_the_list_last(bot, question, "Rotor")
    assert any("Worms" in q and "Rotor" in q for q in shown), shown


def test_a_change_told_in_one_sentence_answers_a_comparison_over_time(bot):
    """"How did the number change since the first agreement?": the sentence that writes "went from 9 to 23" gives
    both states; the answer quotes it even when a quote with another figure ranks above it (30 neighbourhoods by
    2027) and the partner's first release gives the same measure (9 neighbourhoods in 2019), as one quote per side
    would take them, leaving out the 23 of today."""
    from bot.read.comparison import comparison
    from bot.read.model import load

    query, analysis, _, found = bot.candidates("How did the number of Trondheim neighbourhoods with compost bins "
                                               "change since the first agreement?")
    assert analysis.comparative
    model = load()
    both = next(c for c in found if "from 9 to 23" in c.quote)
    for c in found:
        c.p = model.sure + 0.01 if c is both else (0.9 if "30 neighbourhoods" in c.quote or "180,000" in c.quote
                                                   else min(c.p, model.sure / 2))
    draft = comparison(query, analysis, sorted(found, key=lambda c: -c.p), model)
    assert any("from 9 to 23" in c.release.text[c.start:c.end] for c in draft.claims), draft.claims


def test_a_follow_up_that_names_only_the_region_is_about_the_conversations_partner(bot):
    """"How much is the Region putting in?" names the Region, which every release is about: it asks about the
    partner of the conversation, whose release gives the amount."""
    history = [{"role": "user", "content": "What does the new composting programme with Trondheim cover?"},
               {"role": "assistant", "content": "Shared compost bins in more neighbourhoods and visits of Trondheim "
                                                "officials to four Brussels organisations."}]
    answer = _ask(bot, "How much is the Region putting in?", history)
    assert "180,000" in answer.text and "trondheim-compost.txt" in _sources(answer), answer.text


@pytest.mark.parametrize("text, lang, both", [
    ("Het fonds bedraagt niet drie miljoen euro, zoals eerder vermeld, maar 2,3 miljoen euro.", "nl", True),
    ("Le budget total s'élève à 2,8 millions d'euros, et non à 2,4 millions d'euros comme indiqué.", "fr", True),
    ("In total, 46 schools took part in the campaign, instead of the 30 schools originally planned.", "en", True),
    ("The Brussels budget rose from 240,000 euros to 320,000 euros.", "en", True),
    ("The Region gives 450,000 euros and the City of Podgorica gives 300,000 euros.", "en", False),
    ("Pas moins de 12 entreprises et 40 chercheurs ont participé.", "fr", False),
])
def test_a_sentence_that_tells_a_figure_before_and_after_a_change_or_a_correction(text, lang, both):
    """"not three million euros, as stated earlier, but 2.3 million", "2,8 millions et non 2,4": a correction gives
    both states of one figure in one sentence, as "from 240,000 to 320,000" does; two figures of two things do not."""
    from bot.read.states import _from_to

    assert _from_to(_read(text, lang)[0]) == both


def test_a_side_named_by_a_year_takes_its_figure_from_a_release_published_that_year():
    """"the 2023 agreement compared with the 2013 memorandum": the 2013 release says "The Region will devote 450,000
    euros" without writing its year, so reading the question for the 2013 side alone scores it low; it still tells
    that side better than the 2023 review that recalls 2013 beside another figure (2.1 million spent 2013-2023)."""
    from types import SimpleNamespace as NS

    from bot.question.compared import period_keys
    from bot.read.compare import _named_sides
    from ingest.records import PartialDate

    def quote(text, year, value, sides, words=frozenset(), p=0.2):
        facts = NS(numbers=((3, value, "money"),))
        return NS(quote=text, release=NS(id=text, published=PartialDate(year, 5, 10), partners=("Cluj-Napoca",)),
                  sides=sides, keys=frozenset(words), release_keys=period_keys(str(year)), p=p,
                  features={"kind": 1.0}, sentences=[NS(facts=facts)], start=0, end=len(text))
    new = quote("The new agreement comes with a budget of 1.2 million euros.", 2023, "1200000",
                {"2023": 0.4, "2013": 0.02})
    review = quote("Over ten years (2013-2023) the Region invested 2.1 million euros.", 2023, "2100000",
                   {"2023": 0.2, "2013": 0.2}, period_keys("2013-2023"))
    first = quote("The Region will devote 450,000 euros to the joint activities.", 2013, "450000",
                  {"2023": 0.01, "2013": 0.03}, p=0.12)
    analysis = NS(extreme="", compare=(("2023", period_keys("2023")), ("2013", period_keys("2013"))), side_years=(),
                  needs=("money",), heads=(), side_renewed=frozenset(), side_first=frozenset(), side_begun=False,
                  payer="")
    chosen, labels = _named_sides(analysis, [new, review, first], NS(side=0.1, closest=0.06),
                                  lambda c: float(c.features["kind"] >= 1))
    assert dict(zip(labels, (c.quote for c in chosen))) == {"**2023:**": new.quote, "**2013:**": first.quote}


@pytest.mark.parametrize("renewed, scores, expected", [(frozenset(), (0.4, 0.13), "first"),
                                                       (frozenset({"Goma"}), (0.13, 0.4), "renewal")])
def test_a_side_asked_plainly_is_dated_by_its_first_form_and_a_renewed_one_by_its_renewal(renewed, scores, expected):
    """"Which came first: the Tamale agreement or the Goma water agreement?": Goma signed a water agreement in 2009 and
    a new one in 2016; a side asked plainly is dated by when it was first signed, "the renewed Goma agreement" by its
    renewal, whichever of the two the question's words match better."""
    from types import SimpleNamespace as NS

    from bot.read.compare import _named_sides
    from ingest.records import PartialDate
    from ingest.terms import keys, words

    def quote(text, year, partner, side, p):
        sentence = NS(text=text, tokens=words(text), facts=NS(numbers=(), dates=(f"{year}-03-10",)))
        return NS(quote=text, sentence=sentence, release=NS(id=text, published=PartialDate(year, 3, 12)),
                  sides={partner: side}, keys=keys(partner), release_keys=frozenset(), p=p,
                  features={"kind": 1.0}, sentences=[sentence], start=0, end=len(text))
    tamale = quote("The agreement with Tamale was signed on 22 June 2006.", 2006, "Tamale", 0.7, 0.8)
    renewal = quote("The new agreement with Goma was signed on 10 February 2016.", 2016, "Goma", scores[0], 0.55)
    first = quote("La Région et la Ville de Goma ont signé le 10 mars 2009 un accord.", 2009, "Goma", scores[1], 0.4)
    analysis = NS(compare=(("Tamale", keys("Tamale")), ("Goma", keys("Goma"))), side_years=(), needs=("date",),
                  extreme="", heads=(), side_renewed=renewed, side_first=frozenset(), side_begun=False, payer="")
    chosen, labels = _named_sides(analysis, [tamale, renewal, first], NS(side=0.1, closest=0.06),
                                  lambda c: float(c.features["kind"] >= 1))
    assert dict(zip(labels, chosen))["**Goma:**"] is {"first": first, "renewal": renewal}[expected]


_FIRST_CORK = [{"role": "user", "content": "Who signed the first agreement between Brussels and Cork?"},
               {"role": "assistant", "content": "Marc Delvigne, Brussels Secretary of State, and Aoife Brennan, Lord "
                                                "Mayor of Cork, signed it on 3 May 2011."}]
_LAST_CORK = [{"role": "user", "content": "What did Brussels and Cork sign in 2023?"},
              {"role": "assistant", "content": "A third agreement, on flood protection, signed by Karim Ouali and "
                                               "Siobhán Kelly; the Region contributes 300,000 euros."}]


@pytest.mark.parametrize("question, history, source, fact", [
    ("And who signed the next one for Cork?", _FIRST_CORK, "cork-2016.txt", "O'Sullivan"),
    ("Et le suivant, qui l'a signé côté Cork ?", _FIRST_CORK, "cork-2016.txt", "O'Sullivan"),
    ("And how much did the Region put into the one before?", _LAST_CORK, "cork-2016.txt", "220 000"),
])
def test_a_follow_up_asking_for_the_next_or_previous_one_reads_the_release_beside_the_conversations(
        bot, question, history, source, fact):
    """Cork signed three agreements (2011, 2016, 2023): "the next one" after a conversation about the 2011 one is
    the 2016 one, not the 2011 one the conversation's words match best nor the 2023 one; "the one before" the 2023
    one is the 2016 one too."""
    answer = _ask(bot, question, history)
    assert _sources(answer)[0] == source and fact in answer.text, answer.text


def test_a_quote_giving_another_answer_nearly_as_likely_leaves_no_direct_answer():
    """Two quotes naming two different people score 0.8 and 0.7: the reader cannot tell which one answers "who",
    so both are shown as the closest passages, the best first; with the second far weaker, the best is the answer."""
    from types import SimpleNamespace as NS

    from bot.read.compose import RIVAL, compose

    def quote(name, person, p):
        facts = NS(persons=(person,), dates=(), numbers=(), has=lambda flag: False)
        sentence = NS(text=f"{person} signed it.", facts=facts)
        return NS(release=NS(id=name, published=None, partners=()), start=0, end=10, p=p, sentence=sentence,
                  sentences=(sentence,), fixes=(), features={"kind": 1.0, "names_near": 1.0, "year_ok": 1.0})

    analysis = NS(needs=("person",), heads=(), relation=frozenset(), asks_change=False, compare=(), two_states=False,
                  extreme="", asks_beginning=False, first_instance=False,
                  plan_outcome=False, both_figures=False, comparative=False, listing=False, asks_end=False,
                  who_came=False, question_dates=(), anchors=())
    query, model = NS(previous="", lang="en", wants_latest=False), NS(confident=0.5, closest=0.05, item=0.2)
    best = quote("a", "Ann Lee", 0.8)
    close = compose(query, analysis, [best, quote("b", "Bo Chan", 0.8 * RIVAL + 0.01)], model)
    assert close.confidence == "closest" and [c.release.id for c in close.claims] == ["a", "b"]
    far = compose(query, analysis, [best, quote("b", "Bo Chan", 0.8 * RIVAL - 0.01)], model)
    assert far.confidence == "answer" and [c.release.id for c in far.claims] == ["a"]
    same = compose(query, analysis, [best, quote("b", "Ann Lee", 0.79)], model)  # the same answer twice: no rival
    assert same.confidence == "answer"


@pytest.mark.parametrize("question", [
    "Hoeveel geld zou het designfonds met Bologna aanvankelijk krijgen, en hoeveel na de rechtzetting?",
    "What budget was first announced for the Bologna design fund, and what is the correct amount?",
])
def test_a_first_and_a_corrected_state_are_answered_by_the_correction_that_tells_both(bot, question):
    """The correction writes both states in one sentence ("450.000 euro en niet 540.000 euro"), without the
    question's words "budget"... "aanvankelijk": that sentence answers, with the superseded figure beside the
    corrected one."""
    answer = _ask(bot, question)
    assert _sources(answer)[0] == "bologna-rectificatie.txt", answer.text
    assert "450.000" in answer.text and "540.000" in answer.text, answer.text


@pytest.mark.parametrize("question", ["What does the climate programme with Genoa consist of?",
                                      "Que prévoit le programme climatique avec Gênes ?",
                                      "Waaruit bestaat het klimaatprogramma met Genua?"])
def test_a_question_on_what_a_programme_is_made_of_gets_the_sentence_that_lists_its_parts(bot, question):
    """"What does it consist of?" asks for the parts of the programme, however the question says it, and the
    release lists them inline after a colon, each part with commas of its own, so separated by semicolons."""
    from bot.read.lists import lists_what_was_asked

    _, analysis, _, cands = bot.candidates(question)
    lister = next(c for c in cands if "four components" in c.quote)
    assert analysis.listing and lists_what_was_asked(lister, analysis)
    answer = _ask(bot, question)
    for part in ("storm-water drainage", "solar panels", "shaded walkways", "five thousand trees"):
        assert part in answer.text, (part, answer.text)


def test_an_event_the_quote_says_happened_today_is_dated_on_the_publication_day():
    """"Seven years after the 2010 culture year ... The agreement was signed today in Brussels": the signing's date is
    the publication date, which a dateline's date would not be; 2010 is another event's year."""
    from types import SimpleNamespace as NS

    from bot.read.leads import event_date
    from ingest.records import PartialDate

    def sentence(dates, today=False):
        return NS(facts=NS(dates=dates, has=lambda flag: today and flag == "today"), text="")

    published = PartialDate.parse("2017-06-08")
    told = NS(sentences=(sentence(("2010",)), sentence(("2017-06-08",), today=True)), release=NS(published=published))
    assert event_date(told, ()) == published
    dateline = NS(sentences=(sentence(("2010",)), sentence(("2017-06-08",))), release=NS(published=published))
    assert event_date(dateline, ()) == PartialDate.parse("2010")


@pytest.mark.parametrize("text, kind, corrects", [
    ("Het bezoek vindt niet plaats op 14 juni 2021, zoals aangekondigd, maar op 21 september 2021.", "date", True),
    ("La visite de retour aura lieu le 8 octobre 2019 au lieu du 18 octobre 2019.", "date", True),
    ("The agreement was signed on 3 May 2011 and extended on 4 June 2016.", "date", False),
    ("Het Gewest draagt 1,4 miljoen euro bij aan het project, en niet 2,4 miljoen euro.", "money", True),
    ("Het Gewest draagt 1,4 miljoen euro bij aan het project, en niet 2,4 miljoen euro.", "number", False),
    ("Het Gewest draagt 1,4 miljoen euro bij aan het project, en niet 2,4 miljoen euro.", "date", False),
])
def test_a_sentence_that_corrects_the_kind_asked_for_in_place(text, kind, corrects):
    """"not on 14 June, as announced, but on 21 September": the sentence corrects a date as surely as one that says
    "correction"; a corrected amount corrects no count and no date."""
    from bot.read.states import corrects_in_place

    lang = "en" if text.startswith("The") else "fr" if text.startswith("La") else "nl"
    assert corrects_in_place(_read(text, lang)[0], kind) == corrects


def test_a_newer_release_that_corrects_the_date_in_place_is_shown_first_among_the_closest_passages():
    """The older release's date scores best but not surely; the newer release's "not on 14 June, as announced, but
    on 21 September" scores below the closest tier's bar (it repeats few of the question's words). It disagrees
    with the best quote and corrects it, so it is shown, first; without the correction it is left out."""
    from types import SimpleNamespace as NS

    from bot.read.compose import compose
    from ingest.records import PartialDate

    def quote(name, text, published, p):
        return _candidate(name, text, "nl", published, p, partners=("Lviv",))

    analysis = NS(needs=("date",), heads=(), relation=frozenset(), asks_change=False, compare=(), two_states=False,
                  extreme="", asks_beginning=False, first_instance=False,
                  plan_outcome=False, both_figures=False, comparative=False, listing=False, asks_end=False,
                  who_came=False, question_dates=(), anchors=())
    query, model = NS(previous="", lang="nl", wants_latest=False, order=""), NS(confident=0.5, closest=0.05, item=0.2)
    old = quote("lviv-2021.txt", "Een Lvivse delegatie komt op 14 juni 2021 op werkbezoek naar Brussel.",
                PartialDate(2021, 3, 2), 0.3)
    fix = "Het bezoek vindt niet plaats op 14 juni 2021, zoals aangekondigd, maar op 21 september 2021."
    new = quote("lviv-fix.txt", fix, PartialDate(2021, 3, 9), 0.03)
    shown = compose(query, analysis, [old, new], model)
    assert shown.confidence == "closest" and [c.release.id for c in shown.claims] == ["lviv-fix.txt", "lviv-2021.txt"]
    plain = quote("lviv-fix.txt", "Het bezoek vindt plaats op 21 september 2021 in het stadhuis.",
                  PartialDate(2021, 3, 9), 0.03)
    assert [c.release.id for c in compose(query, analysis, [old, plain], model).claims] == ["lviv-2021.txt"]


def test_the_sides_of_a_comparison_give_one_measure_whichever_side_is_surer():
    """"Compare what Brussels committed in 2011 with what it committed in 2026": the 2026 release's surest quote
    gives contracts worth 9 million, the amount it commits (2.5 million) scores lower; the 2011 side's 350,000 euros
    has its match of the same order in the 2.5 million, not in the 9 million, so that pair is shown."""
    from types import SimpleNamespace as NS

    from bot.question.compared import period_keys
    from bot.read.compare import _named_sides
    from ingest.records import PartialDate

    def quote(text, year, value, sides, p=0.2):
        facts = NS(numbers=((3, value, "money"),))
        return NS(quote=text, release=NS(id=str(year), published=PartialDate(year, 5, 10), partners=("Monterrey",)),
                  sides=sides, keys=frozenset(), release_keys=period_keys(str(year)), p=p,
                  features={"kind": 1.0}, sentences=[NS(facts=facts)], start=0, end=len(text))
    contracts = quote("Companies have signed contracts worth more than 9 million euros.", 2026, "9000000",
                      {"2026": 0.114, "2011": 0.02}, p=0.12)
    committed = quote("The Region will contribute 2.5 million euros over four years.", 2026, "2500000",
                      {"2026": 0.03, "2011": 0.06}, p=0.06)
    first = quote("Het Gewest trekt er 350.000 euro voor uit.", 2011, "350000", {"2011": 0.08, "2026": 0.002},
                  p=0.14)
    analysis = NS(extreme="", compare=(("2011", period_keys("2011")), ("2026", period_keys("2026"))), side_years=(),
                  needs=("money",), heads=(), side_renewed=frozenset(), side_first=frozenset(), side_begun=False,
                  payer="")
    chosen, labels = _named_sides(analysis, [contracts, first, committed], NS(side=0.1, closest=0.05),
                                  lambda c: float(c.features["kind"] >= 1))
    assert dict(zip(labels, (c.quote for c in chosen))) == {"**2011:**": first.quote, "**2026:**": committed.quote}


@pytest.mark.parametrize("question, told_by", [
    ("How did the number of civil servants in exchanges change between the 2016 mission and the 2024 review?",
     "then"),
    ("Hoe evolueerde het aantal ambtenaren tussen de missie van 2016 en de balans van 2024?", "then"),
    ("How did the number of civil servants in exchanges change between 2016 and 2024?", "recalled"),
    ("Comment le nombre de fonctionnaires a-t-il évolué entre 2016 et 2024 ?", "recalled"),
])
def test_a_year_that_dates_an_event_is_told_by_the_release_of_that_year(bot, question, told_by):
    """"the 2016 mission", "de missie van 2016": that event's state is told by the release published in 2016, not by
    a 2024 release that names 2016 beside another figure; a year a figure is measured in ("between 2016 and 2024")
    is often reported later, so there the quote that names the year tells it."""
    from types import SimpleNamespace as NS

    from bot.question.analysis import analyse
    from bot.question.compared import period_keys
    from bot.question.understand import understand
    from bot.read.compare import _named_sides
    from ingest.records import PartialDate

    def quote(text, year, value, sides, p):
        facts = NS(numbers=((3, value, "number"),))
        return NS(quote=text, release=NS(id=str(year), published=PartialDate(year, 5, 10), partners=("Porto Alegre",)),
                  sides=sides, keys=frozenset().union(*(period_keys(y) for y in sides if y in text)),
                  release_keys=period_keys(str(year)), p=p, features={"kind": 1.0}, sentences=[NS(facts=facts)],
                  start=0, end=len(text))
    quotes = {"recalled": quote("By 2016, 31 civil servants had taken part; the calls of 2016 and 2020 funded seven "
                                "projects.", 2024, "31", {"2016": 0.5, "2024": 0.1}, 0.5),
              "then": quote("So far 29 civil servants of the two cities have taken part in exchanges.", 2016, "29",
                            {"2016": 0.05, "2024": 0.01}, 0.2),
              "now": quote("Since 2014, 58 civil servants have taken part in exchanges.", 2024, "58",
                           {"2016": 0.02, "2024": 0.4}, 0.45)}
    read = analyse(understand(question), bot._state.corpus)
    assert [label for label, _ in read.compare] == ["2016", "2024"]
    analysis = NS(extreme="", compare=read.compare, side_years=read.side_years, needs=("number",), heads=(),
                  side_renewed=frozenset(), side_first=frozenset(), side_begun=False, payer="")
    chosen, labels = _named_sides(analysis, list(quotes.values()), NS(side=0.1, closest=0.05),
                                  lambda c: float(c.features["kind"] >= 1))
    assert dict(zip(labels, chosen))["**2016:**"] is quotes[told_by]


@pytest.mark.parametrize("question", [
    "Who was Lord Mayor of Cork in 2011, and who in 2016?",
    "Qui était Lord Mayor de Cork lors du premier accord, et qui lors du renouvellement ?",
])
def test_who_asked_twice_gets_the_person_of_each_moment(bot, question):
    """"who ..., and who ...": one role at two moments is a comparison of two states, each side read on its own
    (a year, or an earlier and a later release of the partner), so each moment's release gives its own Lord Mayor
    where a single answer gives one."""
    answer = _ask(bot, question)
    assert "Brennan" in answer.text and "O'Sullivan" in answer.text, answer.text
    assert {"cork-2011.txt", "cork-2016.txt"} <= set(_sources(answer)), answer.text


def test_a_side_asked_in_its_first_form_is_told_by_its_earliest_release(bot):
    """"The first agreement with Cork": Cork has three releases, each giving the Region's contribution (150,000,
    220,000, 300,000 euros); the first form asks for the 2011 one, not the best-scored or the latest."""
    answer = _ask(bot, "Which programme had the larger Brussels contribution: the first phase in Nouakchott or the "
                       "first agreement with Cork?")
    assert "150,000" in answer.text and "600,000" in answer.text, answer.text
    assert {"cork-2011.txt", "nouakchott-2015.txt"} <= set(_sources(answer)), answer.text


def test_a_side_given_a_period_is_told_by_the_quote_that_names_the_period(bot):
    """"Tallinn for 2022-2025": the 2022 release gives "320 000 euro voor de periode 2022-2025"; the 2025 release,
    published in the period's last year, gives the budget of the next one (2026-2029)."""
    answer = _ask(bot, "Which got more money from the Region: the first agreement with Cork or the cooperation with "
                       "Tallinn for 2022-2025?")
    sides, cited = _sides(answer)
    assert "320 000" in sides and "380,000" not in sides, answer.text
    assert "tallinn-2022.txt" in cited and "tallinn-2025.txt" not in cited, answer.text


def test_the_other_state_counts_what_the_question_counts():
    """"How many more companies than on the first mission?": the first mission's release counts the companies and
    the agreements they concluded; the other side is the count of companies, however better the other one scores."""
    from types import SimpleNamespace as NS

    from bot.read.compare import sides
    from ingest.records import PartialDate
    from ingest.terms import keys

    def quote(name, text, published, p, head_near, start=0):
        return _candidate(name, text, "en", published, p, partners=("Meknès",), start=start, head_near=head_near)

    now = quote("meknes-2024.txt", "Today 31 Brussels companies do business in Meknès.", PartialDate(2024, 5, 2), 0.8,
                1.0)
    agreements = quote("meknes-2015.txt", "Today Brussels companies do business in Meknès under 9 agreements.",
                       PartialDate(2015, 11, 20), 0.6, 0.0)
    companies = quote("meknes-2015.txt", "The mission brought 12 firms, all Brussels companies.",
                      PartialDate(2015, 11, 20), 0.3, 1.0, start=200)
    analysis = NS(needs=("number",), heads=(keys("companies"),), compare=(), side_years=(), side_renewed=frozenset(),
                  extreme="", side_first=frozenset(), side_begun=False, payer="", question_keys=frozenset(), places=())
    query = NS(text="How many more Brussels companies do business in Meknès than joined the first mission?",
               wants_first=True, lang="en")
    chosen, _ = sides(query, analysis, [now, agreements, companies], NS(closest=0.05, item=0.2, side=0.2))
    assert chosen == [now, companies]


@pytest.mark.parametrize("text, lang, person, direction", [
    ("Ms Sobczyk was elected in November 2018, succeeding Tomasz Wielgosz, who had led the city since 2002.", "en",
     "Agnieszka Sobczyk", "earlier"),
    ("Andrés Villacís Mora succeeded Cynthia Maldonado in May 2023.", "en", "Cynthia Maldonado", "later"),
    ("Burgemeester Cynthia Maldonado werd in 2023 opgevolgd door Andrés Villacís Mora.", "nl", "Cynthia Maldonado",
     "later"),
    ("Ratna Dewi Kusumawati a pris ses fonctions en janvier 2023. Elle a succédé à Hendra Prasetyo, qui avait "
     "signé la lettre.", "fr", "Hendra Prasetyo", "later"),
    ("Agnieszka Sobczyk signed the pact with Sophie Marchal on May 14, 2019.", "en", "Agnieszka Sobczyk", None),
])
def test_a_quote_that_tells_a_succession_names_the_predecessor_or_the_successor(text, lang, person, direction):
    """"A succeeded B": B came before A; "B werd opgevolgd door A" says it the other way round; the successor may
    be named a sentence before "Elle a succédé à"; a sentence naming two people without a succession tells none."""
    from bot.read.order import _succession
    from ingest.terms import keys

    told = frozenset().union(*(keys(w) for w in person.split()))
    assert _succession(_read(text, lang), told) == direction


@pytest.mark.parametrize("question", ["And who held that office before her?", "Et qui était maire avant elle ?"])
def test_a_follow_up_asking_for_a_predecessor_gets_the_sentence_that_tells_the_succession(bot, question):
    """The 2024 Aalborg release says whom the mayor succeeded; the release before it (2019) was signed by a deputy
    mayor, who is no predecessor: the sentence that tells the succession answers, not the release before."""
    history = [{"role": "user", "content": "Who signed the district heating pact for Aalborg?"},
               {"role": "assistant", "content": "Mette Lindqvist, Mayor of Aalborg, signed it with Nadia Benali."}]
    answer = _ask(bot, question, history)
    assert "Andersen" in answer.text and "Berg" not in answer.text, answer.text
    assert _sources(answer)[0] == "aalborg-2024.txt", answer.text


def test_a_newer_release_that_names_someone_in_another_role_does_not_disagree_on_who_holds_the_role():
    """"Who is the mayor now?": the 2026 release's quote names the director of an agency, not a mayor, so it gives
    no other answer; the 2016 release's mayor is shown alone, not as one side of releases that differ."""
    from types import SimpleNamespace as NS

    from bot.read.compose import compose
    from ingest.records import PartialDate
    from ingest.terms import keys

    def quote(name, text, published, p, relation):
        return _candidate(name, text, "en", published, p, partners=("Puebla",), relation=relation)

    analysis = NS(extreme="", needs=("person",), heads=(), relation=keys("mayor"), asks_change=False, compare=(),
                  two_states=False,
                  asks_beginning=False, first_instance=False,
                  comparative=False, listing=False, asks_end=False, question_dates=(),
                  plan_outcome=False, both_figures=False, known_keys=keys("mayor") | keys("Puebla"), anchors=(),
                  who_came=False, role_country=frozenset())
    query = NS(previous="", lang="en", wants_latest=True, order="")
    model = NS(confident=0.5, closest=0.05, item=0.2)
    mayor = quote("puebla-2016.txt", "Mayor Adriana Cuevas Ortiz set a clear target for her administration.",
                  PartialDate(2016, 4, 27), 0.8, 1.0)
    director = quote("puebla-2026.txt", "Nadia El Amrani, Director of Brussels International, welcomed the renewal.",
                     PartialDate(2026, 1, 28), 0.3, 0.0)
    draft = compose(query, analysis, [mayor, director], model)
    assert [c.release.id for c in draft.claims] == ["puebla-2016.txt"], draft


def test_a_later_release_is_no_direct_answer_about_the_year_the_question_names():
    """"How many residents was the 2009 Goma water project expected to reach?": the 2016 release's "now serves some
    52,000 residents" tells a later state; it is shown among the closest passages, not as the answer, unless its
    sentence names the year asked about."""
    from types import SimpleNamespace as NS

    from bot.read.compose import compose
    from bot.read.instance import told_later
    from ingest.records import PartialDate
    from ingest.terms import keys

    analysis = NS(extreme="", needs=("number",), heads=(), relation=frozenset(), asks_change=False, compare=(),
                  two_states=False,
                  asks_beginning=False, first_instance=False,
                  plan_outcome=False, both_figures=False, comparative=False, listing=False,
                  who_came=False, asks_end=False, question_dates=(),
                  known_keys=keys("Goma") | keys("2009"), anchors=(("Goma", (keys("Goma"),)), ("2009", (keys("2009"),))))
    query = NS(text="", previous="", lang="en", wants_latest=False, order="")
    model = NS(confident=0.5, closest=0.05, item=0.2)
    later = _candidate("goma-2016.txt", "The programme built fifteen standpipes and now serves some 52,000 residents.",
                       "en", PartialDate(2016, 2, 15), 0.8, partners=("Goma",))
    assert compose(query, analysis, [later], model).confidence == "closest"
    assert not told_later(analysis, _candidate("goma-2016.txt", "Since 2009 it has served some 52,000 residents.",
                                               "en", PartialDate(2016, 2, 15), 0.8))
    assert not told_later(analysis, _candidate("goma-2009.txt", "The programme is to serve some 45,000 residents.",
                                               "en", PartialDate(2009, 3, 12), 0.8))


@pytest.mark.parametrize("text, rejects", [
    ("Date de départ : la première cohorte partira le 6 mai 2019, et non le 15 avril 2019.", True),
    ("The return visit will take place on 8 October 2019, not on 18 October 2019 as stated.", True),
    ("De vernieuwing kwam er niet: eerst kwamen de verkiezingen van maart 2022, dan die van juni 2024.", False),
    ("The mission took place from 17 to 21 October 2016 and again in September 2018.", False),
])
def test_a_sentence_that_rejects_a_date_right_after_giving_one(text, rejects):
    from types import SimpleNamespace as NS

    from bot.read.states import rejects_a_date
    from ingest.terms import words

    assert rejects_a_date(NS(text=text, tokens=words(text))) == rejects


def test_the_closest_passages_show_the_sentence_that_corrects_the_date_asked_in_place():
    """A correction release's wordy opening ("the release of 12 February contained two errors") and the original
    release's date score best; the correction's own line ("le 6 mai 2019, et non le 15 avril 2019") scores lower
    but gives the corrected date, so it is shown first among the closest passages."""
    from types import SimpleNamespace as NS

    from bot.read.compose import compose
    from ingest.records import PartialDate

    def quote(name, text, published, p, start=0):
        return _candidate(name, text, "fr", published, p, partners=("Durban",), start=start)

    analysis = NS(needs=("date",), heads=(), relation=frozenset(), asks_change=False, compare=(), two_states=False,
                  extreme="", asks_beginning=False, first_instance=False,
                  plan_outcome=False, both_figures=False, comparative=False, listing=False, asks_end=False,
                  who_came=False, question_dates=(), anchors=())
    query = NS(previous="", lang="fr", wants_latest=False, order="")
    model = NS(confident=0.5, closest=0.05, item=0.2)
    fixed, first = PartialDate(2019, 2, 19), PartialDate(2019, 2, 12)
    ranked = [quote("fix.md", "Le communiqué du 12 février 2019 contenait deux erreurs.", fixed, 0.17),
              quote("first.html", "La première cohorte partira le 15 avril 2019.", first, 0.16),
              quote("first.html", "Le programme a été présenté le 12 février à Bruxelles.", first, 0.15, 100),
              quote("fix.md", "La première cohorte partira le 6 mai 2019, et non le 15 avril 2019.", fixed, 0.054,
                    200)]
    draft = compose(query, analysis, ranked, model)
    assert draft.confidence == "closest" and (draft.claims[0].release.id, draft.claims[0].start) == ("fix.md", 200)


def test_a_figure_a_later_release_corrects_is_shown_after_its_correction(bot):
    """The 2011 release gives 1.2 million euros; a Dutch correction a week later says "1,35 miljoen euro, en niet
    1,2 miljoen euro" in words the question does not use. The answer gives the corrected figure first, from the
    correction, whether the question asks the figure or compares it with the 2016 budget."""
    answer = _ask(bot, "How much is the Region devoting to the 2011 sanitation agreement with Kisumu?")
    assert "kisumu-rechtzetting.txt" in _sources(answer), answer.text
    figures = [f for f in ("1.2 million", "1,35 miljoen") if f in answer.text]
    assert figures and figures[-1] == "1,35 miljoen" and answer.text.index("1,35 miljoen") == min(
        answer.text.index(f) for f in figures), answer.text
    compared = _ask(bot, "Was the Region's budget for the 2016 Kisumu programme larger than for the 2011 agreement?")
    assert "2.4 million" in compared.text and "1,35 miljoen" in compared.text, compared.text


def test_a_later_correction_of_a_retrieved_figure_is_retrieved_too(bot):
    """When the search finds only the release that gives 1.2 million euros, the later Kisumu release that corrects
    that figure ("1,35 miljoen euro, en niet 1,2 miljoen euro") is read too, scored no higher than what the search
    found; nothing else is added (the 2016 release gives another figure, but corrects none)."""
    retriever = bot._state.retriever
    query, analysis, _, _ = bot.candidates("How much is the Region devoting to the Kisumu sanitation agreement?")
    ranked = retriever.search(query, analysis, top_k=8, per_release=8)
    found = [p for p in ranked if p.release.source == "kisumu-2011.txt" and "1.2 million" in _text(p)]
    assert found
    added = retriever.with_corrections(found)[len(found):]
    assert [p.release.source for p in added] == ["kisumu-rechtzetting.txt"] and "1,35 miljoen" in _text(added[0])
    assert added[0].score <= min(p.score for p in found)


def test_a_person_a_later_release_names_in_place_of_another_comes_first(bot):
    """"Who coordinates the waste project in Kumasi?": the 2013 release names engineer Kwame Boateng; a Dutch
    correction a week later says "De ingenieur heet Kwame Asante, en niet Kwame Boateng" in none of the question's
    words. The answer names Kwame Asante first, from the correction, before the release it corrects."""
    answer = _ask(bot, "Who coordinates the waste project at Kejetia market in Kumasi?")
    assert _sources(answer)[:2] == ["kumasi-rechtzetting.txt", "kumasi-2013.txt"], answer.text
    assert answer.text.index("Kwame Asante") < answer.text.index("Kwame Boateng"), answer.text


@pytest.mark.parametrize("question, direct", [
    ("Which Ghanaian ambassador attended the signing of the Kumasi waste agreement?", True),
    ("Which Belgian ambassador attended the signing of the Kumasi waste agreement?", False),
    ("Welke Belgische ambassadeur woonde de ondertekening van het afvalakkoord met Kumasi bij?", False),
])
def test_an_office_of_another_country_does_not_answer_for_the_one_asked(bot, question, direct):
    """"Ghana's Ambassador to Belgium, Ama Owusu" holds Ghana's embassy, not Belgium's: she answers who the Ghanaian
    ambassador was, and no direct answer names her as the Belgian one."""
    answer = _ask(bot, question)
    assert (answer.confidence == "answer" and "Ama Owusu" in answer.text) is direct, answer.text


@pytest.mark.parametrize("office, country", [
    ("ambassadrice de la République du Sénégal auprès du Royaume de Belgique", "Sénégal"),
    ("the Ambassador of the Kingdom of Morocco to Belgium", "Morocco"),
    ("de ambassadeur van de Republiek Senegal in België", "Senegal"),
    ("l'ambassadeur de Belgique au Sénégal", "Belgique"),
])
def test_an_office_s_country_is_read_past_the_state_s_formal_title(office, country):
    """"ambassadrice de la République du Sénégal": the country of the office is Senegal, named after the state's
    formal title, not the country the office serves in."""
    from ingest.metadata.nationality import country_of, own_country
    from ingest.terms import words

    tokens = [w for w, _, _ in words(office)]
    at = next(i for i, w in enumerate(tokens) if w.lower().startswith("ambassad"))
    assert own_country(tokens, at) == country_of(country) != frozenset()


def test_a_later_correction_of_a_retrieved_name_is_retrieved_too(bot):
    """When the search finds only the release that names Kwame Boateng, the later release that says he was wrongly
    named ("Kwame Asante, en niet Kwame Boateng") is read too for a question about a person, scored no higher than
    what the search found; a question about something else does not read it."""
    retriever = bot._state.retriever
    query, analysis, _, _ = bot.candidates("Who coordinates the waste project at Kejetia market in Kumasi?")
    ranked = retriever.search(query, analysis, top_k=8, per_release=8)
    found = [p for p in ranked if p.release.source == "kumasi-2013.txt" and "Boateng" in _text(p)]
    assert found
    added = retriever.with_corrections(found, people=True)[len(found):]
    assert [p.release.source for p in added] == ["kumasi-rechtzetting.txt"] and "Asante" in _text(added[0])
    assert added[0].score <= min(p.score for p in found)
    assert retriever.with_corrections(found) == found


def test_a_superseded_figure_is_no_other_state_of_a_measure(bot):
    """A comparison with an earlier state takes its other side from another release of the partner: the 2011
    release's 1.2 million euros, which a later release corrects, is no state of the budget; its correction is, and
    the difference the answer computes is taken from it."""
    answer = _ask(bot, "Is the budget of the 2016 Kisumu programme larger than that of the first agreement?")
    assert "2.4 million" in answer.text and "1,35 miljoen" in answer.text, answer.text
    assert "kisumu-2011.txt" not in _sources(answer), answer.text
    # the difference of the two figures shown, computed and said to be (2.4 million - 1.35 million, not - 1.2 million)
    assert "1,050,000 euros" in answer.text.split("\n")[-1], answer.text


@pytest.mark.parametrize("question, first, word, second", [
    ("Which came first: the sanitation agreement with Kisumu or the mobility agreement with Lisbon?", "Kisumu",
     "before", "Lisbon"),
    ("Wat werd eerst ondertekend: het akkoord met Lissabon of dat met Kisumu?", "Lissabon", " na ", "Kisumu")])
def test_which_of_two_events_came_first_is_read_from_the_dates_quoted(bot, question, first, word, second):
    """"Which came first: X or Y?", "wat werd eerst ...: X of Y?" name no comparative word and ask no date, yet ask
    the order of two events: each side is given with its date (Kisumu 13 June 2011, Lisbon 13 May 2019), and the
    answer ends with their order, read from the two quotes shown and said to be."""
    answer = _ask(bot, question)
    assert {"kisumu-2011.txt", "lisbon-2019.txt"} <= set(_sources(answer)), answer.text
    last = answer.text.strip().split("\n")[-1]
    assert "2011" in last and "2019" in last, answer.text
    assert last.index(first) < last.index(word) < last.index(second), answer.text


@pytest.mark.parametrize("question", [
    "Which partner got more money from the Region: Kumasi in 2013 or Toamasina in 2012?",
    # a colon between the frame and the first side: "Gewest" is not part of the side's name
    "Welke partnerstad kreeg bij de start de grootste bijdrage van het Gewest: Kumasi in 2013 of Toamasina in 2012?"])
def test_each_side_named_with_its_year_takes_the_figure_its_release_of_that_year_gives(bot, question):
    """"The Region will devote 300,000 euros to it" names neither Kumasi nor 2013: it is the side's figure because
    its release is about Kumasi and was published in 2013. Each side is shown with its own figure, from its own
    release, and the difference is computed from the two."""
    answer = _ask(bot, question)
    text = answer.text.replace(".", ",")
    assert "300,000" in text and "900,000" in text, answer.text
    assert {"kumasi-2013.txt", "toamasina-2012.txt"} <= set(_sources(answer)), answer.text
    assert "600,000" in text.split("\n")[-1], answer.text


def test_a_colon_or_semicolon_parts_two_names():
    from bot.question.understand import capitalised

    runs = [[w for w, _, _ in run] for run in capitalised("De bijdrage van het Gewest: Kumasi in 2013 of Toamasina in 2012?")]
    assert ["Kumasi"] in runs and not any("Gewest" in run and "Kumasi" in run for run in runs), runs
    assert ["Métropole", "Européenne", "Lille"] in [[w for w, _, _ in run] for run in
                                                          capitalised("avec la Métropole Européenne de Lille")]


def test_no_order_is_given_when_the_quoted_dates_overlap():
    """A year against a day of that year, or a range that holds the other date: neither came surely first."""
    from types import SimpleNamespace as NS

    from bot.read.chronology import date_order

    def quote(*dates):
        return NS(sentences=[NS(facts=NS(dates=dates))])
    named = ["**Tanger:**", "**Kharkiv:**"]
    assert date_order([quote("2007-05-21", "2009"), quote("2004-10-11")], named, "date")[2] is False
    assert date_order([quote("2007"), quote("2007-05-21")], named, "date") is None
    assert date_order([quote("2007-05-01", "2007-05-30"), quote("2007-05-21")], named, "date") is None
    assert date_order([quote("2007-05-21"), quote("2004-10-11")], named, "money") is None
    assert date_order([quote("2007-05-21"), quote("2004-10-11")], ["*(2007)*", "**Kharkiv:**"], "date") is None


@pytest.mark.parametrize("lang, note", [("en", "650,000 euros."), ("fr", "650\u202f000 euros."),
                                        ("nl", "650.000 euro.")])
def test_a_difference_is_written_in_the_questions_language(lang, note):
    from bot.render import difference_note

    assert difference_note(650_000.0, "euro", lang).endswith(note)
    assert difference_note(4.5, "percent", "en").endswith("4.5 percentage points.")


def test_a_difference_names_the_figures_it_was_computed_from():
    """A quote may write a figure in words ("quarante") or in another language's style: the note names both figures
    in digits, so that a reader can check the sum."""
    from bot.render import difference_note

    assert "(52 and 40): 12." in difference_note(12.0, "", "en", (52.0, 40.0))
    assert "(2\u202f100\u202f000 et 1\u202f450\u202f000) : 650\u202f000 euros." in difference_note(
        650_000.0, "euro", "fr", (2_100_000.0, 1_450_000.0))


def _last_line(answer) -> str:
    return answer.text.strip().split("\n")[-1]


def test_a_plan_and_its_outcome_in_one_sentence_give_the_difference(bot):
    """"34 public standpipes, instead of the 30 initially planned": one sentence tells the outcome and the plan. Asked
    how many more were built than planned, the answer quotes it and computes the difference from its two figures."""
    answer = _ask(bot, "How many more public standpipes were built in Toamasina than planned?")
    assert _sources(answer)[0] == "toamasina-2017.txt", answer.text
    last = _last_line(answer)
    assert "34" in last and "30" in last and last.rstrip(".").endswith(" 4"), answer.text


def test_a_plan_and_its_outcome_are_read_from_two_releases(bot):
    """The plan ("is expected to connect 2,500 households", 2012) and the outcome ("3,100 households had been
    connected", 2017) are in two releases that share few words with each other: the answer quotes the plan from the
    earlier release and the outcome from the later one, and gives their difference."""
    answer = _ask(bot, "Did the Toamasina water programme connect more households than it had planned?")
    assert _sources(answer)[:2] == ["toamasina-2012.txt", "toamasina-2017.txt"], answer.text
    assert "2,500" in answer.text and "3,100" in answer.text
    assert "600" in _last_line(answer), answer.text


@pytest.mark.parametrize("question, outcome, plan", [
    ("Did Morondava meet its tree-planting target?", "5,200", "4,000"),
    ("Did the Morondava partnership reach its training target?", "140", "150"),
])
def test_a_target_question_takes_the_pair_of_figures_told_beside_what_it_names(bot, question, outcome, plan):
    """One sentence tells two outcomes, each against its target ("140 employees were trained, against a target of
    150, and 5,200 mangrove trees were planted, against a target of 4,000"). A question that names no counted noun
    ("did it meet its tree-planting target?") takes the pair told beside its own words, and their difference."""
    answer = _ask(bot, question)
    assert _sources(answer)[:1] == ["morondava-2019.txt"], answer.text
    last = _last_line(answer)
    assert outcome in last and plan in last, answer.text


def test_a_target_question_is_not_answered_by_one_figure(eager):
    """"Did the fish market reach its target for traders?": the release gives how many came (900), not the target;
    one figure is half of what the question asks, so the quote is only close."""
    answer = _ask(eager, "Did the Morondava fish market reach its target for traders?")
    assert answer.confidence == "closest" and "900" in answer.text, answer.text


def test_a_follow_up_asking_what_came_of_a_plan_is_answered_from_the_later_release(bot):
    """The question before asked for the plan (2,500 households, 2012); "and how many in the end?" is answered with
    the outcome from the later release (3,100, 2017), set against the plan with their difference."""
    history = [{"role": "user", "content": "How many households was the Toamasina water programme expected to connect?"},
               {"role": "assistant", "content": "2,500 households by the end of 2016 (toamasina-2012.txt)."}]
    answer = _ask(bot, "And how many were actually connected in the end?", history)
    assert "3,100" in answer.text and "toamasina-2017.txt" in _sources(answer), answer.text
    assert "2,500" in answer.text and "600" in _last_line(answer), answer.text


def test_a_follow_up_counting_no_noun_of_its_own_takes_the_plan_the_conversation_told(bot):
    """"How many civil registry agents was the Kérou agreement to train?" - "Twenty-five." - "Et combien en a-t-elle
    finalement formé ?" counts no noun of its own and the later English release counts "officers", not "agents": the
    plan the conversation told (25) names the measure, so "31 civil registry officers trained, where the agreement
    had planned 25" answers it, and not the boreholes of the same list."""
    history = [{"role": "user", "content": "Combien d'agents d'état civil la convention avec Kérou devait-elle "
                                           "former ?"},
               {"role": "assistant", "content": "Vingt-cinq, selon le communiqué du 4 mars 2010."}]
    answer = _ask(bot, "Et combien en a-t-elle finalement formé ?", history)
    assert _sources(answer)[:1] == ["kerou-2015.txt"] and "31" in answer.text, answer.text
    assert "23" not in answer.text and "6" in _last_line(answer), answer.text


def test_a_follow_up_takes_the_outcome_of_the_plan_the_conversation_told_from_a_later_release(bot):
    """The plan (twenty boreholes, 2010) has no word of plan beside its figure in the list it heads, and the outcome
    is written with its difference ("23 boreholes were drilled, three more than planned"): the figure the
    conversation told is the plan, "three" is a difference, and 23 from the later release is the outcome."""
    history = [{"role": "user", "content": "Combien de forages la convention de Kérou prévoyait-elle ?"},
               {"role": "assistant", "content": "Vingt forages (communiqué du 4 mars 2010)."}]
    answer = _ask(bot, "Et combien en a-t-on finalement creusé ?", history)
    assert "kerou-2015.txt" in _sources(answer) and "23" in answer.text, answer.text
    assert "31" not in answer.text, answer.text


def test_a_release_that_recalls_the_plan_gives_the_outcome_told_next_to_it(bot):
    """A review release recalls the plan ("L'objectif était de former 200 jeunes") and tells the outcome right after
    it ("Au total, 180 jeunes ont achevé leur formation"), then the next phase's target ("former 250 jeunes
    supplémentaires"): the outcome is the figure told next to the recalled plan."""
    history = [{"role": "user", "content": "Combien de jeunes le centre de Bembéréké devait-il former entre 2012 et "
                                           "2015 ?"},
               {"role": "assistant", "content": "200 jeunes, selon le communiqué du 24 avril 2012."}]
    answer = _ask(bot, "Et combien en a-t-il réellement formé ?", history)
    assert "180" in answer.text and "bembereke-2016.txt" in _sources(answer), answer.text
    assert "250" not in answer.text, answer.text


def test_a_target_pair_told_in_another_language_is_linked_by_the_plan_another_release_gives(bot):
    """"Did the Nikki training centre meet its trainee target?" names nothing counted, and the Dutch sentence that
    tells both figures ("180 jongeren op, terwijl er 200 waren gepland") shares no word with it: the plan the English
    release gives ("will train 200 young people") links it to the question's partner. A pair of another partner
    ("31 civil registry officers trained, where the agreement had planned 25") never answers."""
    answer = _ask(bot, "Did the Nikki training centre meet its trainee target?")
    assert _sources(answer)[:1] == ["nikki-2019.txt"], answer.text
    last = _last_line(answer)
    assert "180" in last and "200" in last and "31" not in answer.text, answer.text


def test_a_target_set_in_a_year_is_the_plan_a_release_of_that_year_gave(bot):
    """"The target set in 2013" is the plan the 2013 release gave (200 young people), so the pair told against it
    answers; no release of 2016 sets a target, so asked for the target set in 2016, that pair is not given as its
    outcome."""
    answer = _ask(bot, "Did the Nikki training centre meet the trainee target set in 2013?")
    assert "180" in _last_line(answer) and "200" in _last_line(answer), answer.text
    other = _ask(bot, "Did the Nikki training centre meet the trainee target set in 2016?")
    assert not ("180" in _last_line(other) and "200" in _last_line(other)), other.text


def test_who_made_up_a_delegation_is_answered_with_every_member(bot):
    """"Who made up the delegation?" asks for its members, a list: the leader ("led by Marc Vandenbergh") and the
    lines the next sentence introduces ("It included:"), not the one best sentence."""
    answer = _ask(bot, "Who made up the Brussels delegation that went to Kérou in November 2012?")
    for name in ("Vandenbergh", "Lambotte", "Amrani", "Claeys"):
        assert name in answer.text, answer.text


def test_a_members_question_is_shown_the_groups_enumeration_as_one_quote(bot):
    """"It included:" names the delegation only through the sentence before ("The delegation was led by ..."):
    the quote of that sentence with its list is the list asked for, and it replaces the lines picked one by one,
    in an English, a Dutch and a companions' wording."""
    for question in ("Who made up the Brussels delegation that went to Kérou in November 2012?",
                     "Wie zaten er in de Brusselse delegatie die in november 2012 naar Kérou trok?",
                     "Who accompanied Marc Vandenbergh to Kérou in November 2012?"):
        quotes = [c.quote for c in _ask(bot, question).citations]
        assert any(all(n in q for n in ("Lambotte", "Amrani", "Claeys")) for q in quotes), (question, quotes)
        assert not any(q.startswith("- ") or q.startswith("Ann Claeys") for q in quotes), (question, quotes)


def test_which_partnership_began_first_is_read_from_each_partners_first_release(bot):
    """Kisumu's partnership began with the 2011 agreement, Toamasina's with the 2012 programme: each side is told
    by its partner's earliest release, not by the 2016 renewal that scores better, and the order is read from the
    two dates."""
    for question in ("Which partnership started earlier, the one with Toamasina or the one with Kisumu?",
                     "Welk partnerschap is ouder, dat met Kisumu of dat met Toamasina?"):
        sides, sources = _sides(_ask(bot, question))
        assert sources == {"kisumu-2011.txt", "toamasina-2012.txt"}, (question, sides)
        assert "13 June 2011" in sides and "8 May 2012" in sides, sides


def test_a_state_at_the_start_of_a_partnership_is_shown_from_its_earliest_release(bot):
    """The first Kaoma agreement's budget: the 2019 release that recalls "the first cooperation agreement" and gives
    its own budget outscores the 2006 release that announced the first one; the closest passages show the 2006
    release's amount too, and the population when the partnership began from the same release."""
    answer = _ask(bot, "How much money did the Region commit to its first agreement with Kaoma?")
    assert "kaoma-2006.txt" in {s.rsplit("/", 1)[-1] for s in _sources(answer)}, answer.text
    assert "320,000" in answer.text, answer.text
    answer = _ask(bot, "Roughly how many people lived in Kaoma when the partnership began?")
    assert "48,000" in answer.text, answer.text


def test_a_growth_between_two_agreements_named_by_ordinal_is_read_from_the_named_partners_releases(bot):
    """"Between the first and the third agreement" names no sides: its two states are the measure of the partner
    the question names (Tallinn's 240 000 and 380,000 euros), never Cork's, which grew by the same kind of figure."""
    answer = _ask(bot, "By how much did the Region's budget for Tallinn grow between the first and the third "
                       "agreement?")
    assert {s for s in _sources(answer)} == {"tallinn-2018.txt", "tallinn-2025.txt"}, answer.text
    assert "240 000" in answer.text and "380,000" in answer.text, answer.text


def test_no_difference_is_computed_from_a_quote_whose_list_shows_more_figures():
    """"A total of €5.05 million through three agreements:" above "2008-2011: €1.2 million" and two more lines: the
    sentence gives one amount, the quote shows four, so no one of them is the side's figure to subtract."""
    from types import SimpleNamespace as NS

    from bot.read.difference import difference

    text = ("Since 2008 the Region has committed a total of €5.05 million through three agreements:\n"
            "2008-2011: €1.2 million\n2012-2015: €1.75 million\n2016-2019: €2.1 million\n")
    total = _read(text)[0]
    other = _read("Over the four years, the Region will contribute €1.2 million to the partnership.")[0]

    def quote(s, end):
        return NS(sentences=(NS(facts=s.facts, end=s.facts.end),), fixes=(), end=end, quote=text)

    assert difference([quote(total, total.facts.end), quote(other, other.facts.end)], "money") is not None
    assert difference([quote(total, len(text)), quote(other, other.facts.end)], "money") is None


def test_no_difference_is_computed_between_counts_of_two_nouns():
    """"How many more plots than planned were registered?": 9,000 plots and ten border towns are two figures of two
    nouns, no difference of plots; 9,000 plots against 11,400 plots is one."""
    from types import SimpleNamespace as NS

    from bot.read.difference import difference
    from ingest.terms import keys

    def quote(text):
        s = _read(text)[0]
        s.end = s.facts.end
        return NS(sentences=(s,), fixes=(), end=s.facts.end, quote=text)

    plan = quote("The programme plans the registration of 9,000 plots in a digital land register.")
    towns = quote("The government set money aside for waste projects in 10 border towns.")
    outcome = quote("In the end, 11,400 plots were registered.")
    plots = [keys("plots")]
    assert difference([plan, towns], "number") is not None  # without the counted noun: any two counts
    assert difference([plan, towns], "number", plots) is None
    assert difference([plan, outcome], "number", plots)[0] == 2400


@pytest.mark.parametrize("text, lang, noun, counted", [
    ("Some 21,500 residents now draw water from the new boreholes, against the 18,000 expected in 2004.", "en",
     "boreholes", False),
    ("De nieuwe waterpunten bedienen 9.000 gezinnen, tegenover de 7.500 van 2010.", "nl", "waterpunten", False),
    ("Boreholes drilled: 34.", "en", "boreholes", True),
])
def test_a_noun_a_word_of_contrast_parts_from_a_figure_is_not_what_it_counts(text, lang, noun, counted):
    """"from the new boreholes, against the 18,000 expected": the noun before the figure stands on the other side
    of a word of contrast, so 18,000 counts residents, not boreholes; "Boreholes drilled: 34" counts boreholes."""
    from bot.read.compounds import counts_noun
    from ingest.terms import keys

    s = _read(text, lang)[0]
    last = [p for p, v, _ in s.facts.numbers if v not in ("2004", "2010")][-1]  # the figure after the noun
    assert counts_noun(s, last, keys(noun)) is counted, text


def test_a_newer_release_disagrees_only_with_a_quote_about_the_place_asked():
    """"Who is the mayor of Mongu at present?": a 2025 release about three partner towns names the mayor of Daloa
    and the mayor of Mongu; only the Mongu line is another answer than the 2004 mayor."""
    from types import SimpleNamespace as NS

    from bot.read.disagree import second_release
    from ingest.records import PartialDate

    old = _candidate("mongu-2004", "The agreement was signed by Inonge Mubita, Mayor of Mongu.", "en",
                     PartialDate(2004, 9, 22), 0.6, partners=("Mongu",))
    daloa = _candidate("forum-2025", "Mariam Kone Diabate, Mayor of Daloa since 2018.", "en", PartialDate(2025, 6, 3),
                       0.3, partners=("Mongu", "Daloa"), elsewhere=1.0)
    mongu = _candidate("forum-2025", "Lubasi Mwiya, Mayor of Mongu since 2021.", "en", PartialDate(2025, 6, 3), 0.2,
                       partners=("Mongu", "Daloa"), start=100)
    assert old.sentence.facts.persons and daloa.sentence.facts.persons and mongu.sentence.facts.persons
    second = second_release(NS(wants_latest=True), NS(needs=("person",)), [old, daloa, mongu], old,
                            NS(closest=0.05, confident=0.5))
    assert second is mongu


def test_a_title_above_its_subtitle_is_no_list():
    """A title ending with a colon above one subtitle line ("... opens a new chapter:" / "vocational training for
    200 young people") introduces no list; the sentence above two lines or more does."""
    from types import SimpleNamespace as NS

    from bot.read.lists import enumerates

    text = ("Brussels mission to Kérou opens a new chapter:\n\nvocational training for young people\n\n"
            "The delegation was composed of:\n\n- Sophie Lambotte;\n- Youssef Amrani.\n")
    title, _, members = _read(text)[:3]
    analysis = NS(listed=frozenset())

    def quote(s):
        sentence = NS(facts=s.facts, text=s.text, end=s.facts.end, keys=frozenset())
        return NS(sentence=sentence, release=NS(text=text), start=s.facts.start, end=s.facts.list_end, keys=frozenset())

    assert title.facts.list_end and members.facts.list_end
    assert not enumerates(quote(title), analysis)
    assert enumerates(quote(members), analysis)


def test_who_attended_an_event_a_release_only_announces_is_no_direct_answer(bot):
    """The 2019 release announces a meeting for the spring of 2020 ("zal ontvangen", with delegations expected);
    no release reports on it, so who attended it is not known: the announcement is only close."""
    answer = _ask(bot, "Wie woonde in het voorjaar van 2020 de ontmoeting van de partnersteden in Nikki bij?")
    assert answer.confidence != "answer", answer.text


def test_a_follow_up_asking_the_role_a_person_holds_now_gets_the_role_told_of_that_person_later(bot):
    """The conversation named Afiavi Dossou, secretary general in 2012; "and what position does she hold now?" asks
    for a role told of her, the latest (deputy mayor, 2021), not a sentence that repeats the question's words ("a
    central position")."""
    history = [{"role": "user", "content": "Who coordinates the Ouidah registry programme on the Beninese side?"},
               {"role": "assistant", "content": "Afiavi Dossou, secretary general of the commune of Ouidah."}]
    answer = _ask(bot, "And what position does she hold now?", history)
    first = answer.text.split("[1]")[0]
    assert "deputy mayor" in first and _sources(answer)[0] == "ouidah-2021.txt", answer.text


def _told_pair(text: str, word: str):
    """The plan and outcome one sentence tells at once (bot.read.outcome), for a question that names `word` and no
    counted noun."""
    from types import SimpleNamespace as NS

    from bot.read.outcome import _told_at_once

    from bot.question.analysis import Term
    from ingest.terms import keys

    asked = NS(heads=(), own_terms=(Term(word, keys(word), 1.0),), known_keys=frozenset())
    return _told_at_once(NS(sentences=_read(text)), ("count",), asked)


def test_a_figure_more_than_planned_is_a_difference_not_the_plan():
    """"22 water points were built, seven more than planned": seven is how far the outcome went beyond
    the plan, not the plan; "instead of the fifteen planned" gives the plan itself."""
    assert _told_pair("In that period 22 public water points were built, seven more than planned.", "water") is None
    assert _told_pair("In that period 22 public water points were built, instead of the fifteen planned.",
                      "water")[:3] == (15.0, 22.0, "count")


@pytest.mark.parametrize("text, word, pair", [
    ("The land register now holds some 16,800 plots, short of the 18,000 that had been planned.", "plots",
     (18000.0, 16800.0)),  # the word of plan four words after the plan's figure
    ("Tegen eind 2017 waren er 318 jongeren opgeleid, terwijl er 300 waren vooropgesteld.", "jongeren",
     (300.0, 318.0)),  # Dutch "vooropgesteld": set as the target
])
def test_a_plan_told_in_a_relative_clause_after_the_outcome_is_read_as_the_plan(text, word, pair):
    assert _told_pair(text, word)[:2] == pair


def test_a_plan_told_before_its_outcome_in_one_sentence_is_read_as_the_plan():
    """"Elle devait former 150 agents municipaux ; elle en a finalement formé 162": the plan comes first, and a word
    of outcome ("finalement") tells that the second figure is what came of it; two plans in a row are no pair."""
    assert _told_pair("Elle devait former 150 agents municipaux ; elle en a finalement formé 162.", "agents")[:2] \
        == (150.0, 162.0)
    assert _told_pair("Elle formera 150 agents municipaux et recrutera 120 agents de quartier.", "agents") is None


def test_a_publication_date_is_not_taken_for_the_date_of_an_event_the_release_dates(bot):
    """"Brussels, 27 November 2014 - ... today extended their partnership": the release dates its news by its
    publication, and its next sentence gives the council's approval its own date (20 November 2014). Asked when the
    council approved, the reader does not answer 27 November directly; the approval's date is among the passages."""
    answer = _ask(bot, "When did the Kandy council give its blessing to the extension of the partnership with "
                       "Brussels?")
    assert "20 November 2014" in answer.text, answer.text
    assert not (answer.confidence == "answer" and "27 November" in answer.text.split("\n")[0]), answer.text


def test_a_list_a_release_carries_over_from_an_earlier_one_is_given_whole(bot):
    """"The programme keeps the three districts of the first agreement and extends to two more": the answer gives
    the two new districts and the three of the 2011 release ("three districts of the lakeshore: Kondele, Manyatta
    and Nyalenda", a list of three after a colon, written with one comma and "and")."""
    answer = _ask(bot, "Which districts does the 2016 Kisumu sanitation programme cover?")
    for district in ("Obunga", "Nyamasaria", "Kondele", "Manyatta", "Nyalenda"):
        assert district in answer.text, answer.text


def test_one_quote_is_no_direct_answer_to_a_comparison(monkeypatch):
    """A comparison whose second side was not found (bot.read.compare found one quote or none) is not answered
    directly by the best quote alone, however sure: one release's mayor compares with nobody. The same quote
    answers directly a question that compares nothing."""
    import importlib
    from types import SimpleNamespace as NS

    compose_module = importlib.import_module("bot.read.compose")  # the module, not the function bot.read exports
    facts = NS(persons=("Ann Lee",), dates=(), numbers=(), has=lambda flag: False)
    sentence = NS(text="Ann Lee signed it.", facts=facts)
    quote = NS(release=NS(id="a", published=None, partners=()), start=0, end=10, p=0.9, sentence=sentence,
               sentences=(sentence,), fixes=(), features={"kind": 1.0, "names_near": 1.0, "year_ok": 1.0})
    analysis = NS(needs=("person",), heads=(), relation=frozenset(), asks_change=False, compare=(), two_states=False,
                  extreme="", asks_beginning=False, first_instance=False,
                  plan_outcome=False, both_figures=False, comparative=False, listing=False, asks_end=False,
                  who_came=False, question_dates=(), anchors=())
    query, model = NS(previous="", lang="en", wants_latest=False), NS(confident=0.5, closest=0.05, item=0.2)
    monkeypatch.setattr(compose_module, "comparison", lambda *args: None)  # no second side found
    assert compose_module.compose(query, analysis, [quote], model).confidence == "answer"
    analysis.comparative = True
    assert compose_module.compose(query, analysis, [quote], model).confidence == "closest"


def test_a_release_published_before_the_year_asked_tells_no_figure_of_that_year(bot):
    """A release of June 2022 says the Mbale plant "will turn up to 35 tonnes of market waste a day into compost":
    asked how much it produced in 2023, the reader has a plan, not what 2023 brought, and gives no direct answer;
    asked for the plan itself, it answers."""
    answer = _ask(bot, "How many tonnes of compost did the Mbale plant produce in 2023?")
    assert answer.confidence != "answer", answer.text
    answer = _ask(bot, "How many tonnes of waste a day was the Mbale composting plant supposed to process?")
    assert answer.confidence == "answer" and "35" in answer.text, answer.text


@pytest.mark.parametrize("question", ["Welke Brusselse organisatie levert de ingenieurs voor het waterproject in Nampula?",
                                      "Which Brussels organisation provides the engineers for the Nampula water project?"])
def test_a_description_of_a_body_is_quoted_with_the_sentence_that_names_it(bot, question):
    """"... werkt samen met Vivaqua. De Brusselse watermaatschappij stelt drie ingenieurs ter beschikking": the
    sentence about the engineers describes the body the sentence before names, so the two are quoted together and
    the answer shows who provides the engineers."""
    answer = _ask(bot, question)
    assert "nampula-water.txt" in _sources(answer), answer.text
    assert any("Vivaqua" in line and "ingenieurs" in line for line in answer.text.split("\n")), answer.text


def test_a_count_is_never_the_bold_answer_to_a_question_of_cost():
    """"How much did the restoration cost?": a quote that restores "three pilot buildings" beside the noun asked
    about gives a count, no amount; the bold answer is only ever a figure of the unit asked for."""
    from types import SimpleNamespace as NS

    from bot.read.leads import figure
    from ingest.metadata.figures import UNITS
    from ingest.terms import keys

    c = _candidate("lahore.txt", "It will restore three pilot buildings.", "en", None, 0.9)
    c.sentence.lang = "en"
    analysis = NS(heads=(keys("buildings"),), untold=lambda numbers: list(numbers))
    assert figure([c], analysis, ("money",)) == ""
    assert figure([c], analysis, UNITS + ("duration",)) == "three"


@pytest.mark.parametrize("question", [
    "Which programme got more money from the Region: Maji Bora in Tabora or Shule Safi in Iringa?",
    "Quel programme a reçu le plus d'argent de la Région : Maji Bora à Tabora ou Shule Safi à Iringa ?"])
def test_a_comparison_of_the_regions_money_gives_its_share_not_the_co_financed_total(bot, question):
    """Both releases give a project's total and, paragraphs later, the Region's share (Iringa's by a pronoun: "La
    Région y consacre 400 000 euros"); asked for the Region's money, each side is its share, which reverses the
    order the totals give."""
    answer = _ask(bot, question)
    sides, cited = _sides(answer)
    assert "550,000" in sides and "400 000" in sides, answer.text
    assert "900,000" not in sides and "1,1 million" not in sides, answer.text
    assert {"tabora-lighting.txt", "iringa-ecoles.txt"} == cited, answer.text


@pytest.mark.parametrize("question", [
    "Under the 2026-2030 framework, which town gets more money from the Region, Podor or Bakel, and how much does "
    "each receive?",
    "Dans l'accord-cadre 2026-2030, quelle ville reçoit le plus de la Région, Bakel ou Podor, et combien "
    "reçoit chacune ?",
    "Welke stad krijgt meer geld van het Gewest in het kaderakkoord 2026-2030: Podor of Bakel?"])
def test_a_release_that_splits_a_budget_between_the_sides_gives_each_its_own_share(bot, question):
    """A joint framework gives each town its share in a sentence that names it ("Podor will receive 800,000
    euros"), beside the total and what the Region has invested in all three: asked which town gets more, each side
    is the sentence that names it. "Which town gets more money?" asks for a town, decided by amounts: the sides
    give the amounts."""
    answer = _ask(bot, question)
    sides, cited = _sides(answer)
    assert "800,000" in sides and "650,000" in sides, answer.text
    assert "2.1 million" not in sides and "5.3 million" not in sides, answer.text


def test_a_comparison_of_total_budgets_gives_the_totals(bot):
    """The same two co-financed projects asked for their whole budgets: each side is the total, not the Region's
    share."""
    answer = _ask(bot, "Which programme had the larger total budget: Maji Bora in Tabora or Shule Safi in Iringa?")
    sides, _ = _sides(answer)
    assert "900,000" in sides and "1,1 million" in sides, answer.text
    assert "550,000" not in sides, answer.text


def test_a_change_from_one_state_to_another_compares_both(bot):
    """"grow from the first phase to the second": "from ... to" names the two sides of a change as "between ... and"
    does, so both phases' figures are given."""
    answer = _ask(bot, "By how much did the Brussels budget for the Nouakchott water programme grow from the first "
                       "phase to the second?")
    assert "600,000" in answer.text and "850 000" in answer.text, answer.text


@pytest.mark.parametrize("question", [
    "Which districts does the Mji Safi programme in Songea cover, including the extension?",
    "Taking both phases together, which districts does the Mji Safi programme in Songea cover?"])
def test_a_list_spread_over_a_release_and_its_extension_is_shown_from_both(bot, question):
    """The first release lists four districts, its extension (in French, six years later) the three it adds: a list
    question is shown each release's list, not only the surer one's, also when a clause leads in before its "which"
    ("Taking both phases together, which districts")."""
    answer = _ask(bot, question)
    for ward in ("Mjini", "Bombambili", "Mfaranyaki", "Lizaboni", "Matogoro", "Ruvuma", "Mshangano"):
        assert ward in answer.text, answer.text


def test_the_closest_passages_of_a_comparison_show_each_side_it_names():
    """"Which got more money: Maji Bora in Tabora or Shule Safi in Iringa?" with no direct answer: the closest
    passages hold Tabora's release's best quotes, and Iringa's budget, which scores far lower on the whole
    question, is shown too since it is the best quote when the question is read for Iringa alone. A quote of
    Iringa's release that gives no figure is not, nor is any when the compared sides are unnamed."""
    from types import SimpleNamespace as NS

    from bot.read.closest import closest
    from ingest.records import PartialDate
    from ingest.terms import keys

    tabora, iringa = keys("Tabora"), keys("Iringa")

    def quote(name, text, p, sides, about, kind=1.0):
        c = _candidate(name, text, "en", PartialDate(2019, 3, 1), p, start=int(p * 1000), kind=kind)
        c.sides, c.release_keys, c.quote = sides, about, text
        return c
    budget = quote("tabora.txt", "Maji Bora in Tabora has a budget of 600,000 euros.", 0.5, {"Tabora": 0.6}, tabora)
    wells = quote("tabora.txt", "Maji Bora in Tabora will drill twelve wells.", 0.4, {"Tabora": 0.3}, tabora)
    schools = quote("iringa.txt", "Shule Safi in Iringa will serve eight schools.", 0.12, {"Iringa": 0.35}, iringa,
                    kind=0.0)
    money = quote("iringa.txt", "Shule Safi in Iringa receives 400,000 euros.", 0.1, {"Iringa": 0.3}, iringa)
    analysis = NS(needs=("money",), heads=(), compare=(("Tabora", tabora), ("Iringa", iringa)), listing=False,
                  extreme="", two_states=False,
                  asks_beginning=False, first_instance=False,
                  asks_change=False, question_dates=(), anchors=(), relation=frozenset(),
                  comparative=False)
    query, model = NS(previous="", lang="en", wants_latest=False), NS(confident=0.5, closest=0.05, item=0.2)
    shown = closest(query, [budget, wells, schools, money], model, analysis=analysis)
    spans = lambda draft: [(c.release.id, c.start) for c in draft.claims]  # noqa: E731
    assert spans(shown) == [(c.release.id, c.start) for c in (budget, wells, money)], shown.claims
    analysis.compare = ()
    shown = closest(query, [budget, wells, schools, money], model, analysis=analysis)
    assert spans(shown) == [(c.release.id, c.start) for c in (budget, wells)], shown.claims


def test_the_closest_passages_add_the_quote_of_their_release_that_gives_the_kind_asked():
    """"Who heads the department that manages the aid?" with no direct answer: the three best quotes of the Riga
    release name no person, and the one that does ("Laura Abele, director of the department") scores low, since it
    repeats few of the question's words. It is shown after them; a quote naming a person in another release is
    not, however better it scores (each release shown is one more to check)."""
    from types import SimpleNamespace as NS

    from bot.read.closest import closest
    from ingest.records import PartialDate

    day = PartialDate(2022, 5, 3)
    riga = [_candidate("riga.txt", text, "en", day, p, start=start, kind=kind) for text, p, start, kind in (
        ("The aid is managed by the social welfare department of Riga.", 0.5, 0, 0.0),
        ("The ceremony took place at Riga City Hall.", 0.45, 100, 0.0),
        ("It will pay for emergency housing and language courses.", 0.4, 200, 0.0),
        ("Laura Abele, director of the department, said that one refugee in three is a child.", 0.02, 300, 1.0))]
    elsewhere = _candidate("oslo.txt", "Jan Peeters opened the exhibition in Oslo.", "en", day, 0.3, kind=1.0)
    analysis = NS(extreme="", needs=("person",), heads=(), compare=(), listing=False, two_states=False,
                  asks_beginning=False, first_instance=False, asks_change=False,
                  question_dates=(), anchors=(), relation=frozenset(), comparative=False)
    query, model = NS(previous="", lang="en", wants_latest=False), NS(confident=0.5, closest=0.05, item=0.2)
    ranked = sorted(riga + [elsewhere], key=lambda c: -c.p)
    shown = closest(query, ranked, model, analysis=analysis)
    assert [(c.release.id, c.start) for c in shown.claims] == [("riga.txt", c.start) for c in riga], shown.claims


def test_a_chain_of_references_is_quoted_from_the_sentence_that_names_its_subject():
    """"The company has a century of experience. It will train thirty technicians ...": "It" refers to the company,
    which the sentence before names only by a description; the quote reaches back to the sentence that names it,
    within the paragraph (a name in the paragraph before is not drawn in)."""
    from types import SimpleNamespace as NS

    from bot.read.candidates import _quote

    def sentences(text):
        return [NS(index=i, start=s.facts.start, end=s.facts.end, facts=s.facts, keys=frozenset(), text=s.text)
                for i, s in enumerate(_read(text))]
    named = "For the first time, the Brussels water operator Aquabru joins the partnership."
    chain = " The company has a century of experience. It will train thirty technicians of the city's water utility."
    analysis = NS(extreme="", needs=("organisation",), count=None, known_keys=frozenset(), named_type=frozenset())
    for text, first in ((named + chain, named), (named + "\n\n" + chain.strip(), "The company has")):
        read = sentences(text)
        quoted = _quote(read[-1], read, text, analysis)
        assert text[quoted[0].start:quoted[-1].end].startswith(first), [q.text for q in quoted]


def test_a_body_called_by_the_noun_the_question_asks_is_quoted_with_the_sentence_that_names_it():
    """"Which organisation was picked to drill the boreholes?": "Founded in Kasama in 1996, the organisation has since
    drilled 300 boreholes" calls it by that noun; its name is in the sentence before, which the quote takes in. A
    question that asks no organisation, or a sentence that names its own body, quotes the sentence alone."""
    from types import SimpleNamespace as NS

    from bot.read.candidates import _quote
    from ingest.terms import keys

    text = ("Drilling will be carried out by Water for Northern Communities, a Zambian NGO. Founded in Kasama in "
            "1996, the organisation has since drilled more than 300 boreholes.")
    read = [NS(index=i, start=s.facts.start, end=s.facts.end, facts=s.facts, keys=frozenset(), text=s.text,
               tokens=s.tokens, token_keys=s.token_keys, lang="en") for i, s in enumerate(_read(text))]
    asked = NS(needs=("organisation",), count=None, known_keys=frozenset(), named_type=keys("organisation"))
    assert [q.text for q in _quote(read[-1], read, text, asked)] == [r.text for r in read]
    other = NS(needs=("number",), count=None, known_keys=frozenset(), named_type=frozenset())
    assert [q.text for q in _quote(read[-1], read, text, other)] == [read[-1].text]


@pytest.mark.parametrize("question, noun, lang, text", [
    ("Quelle structure gère le marché central de Kaolack ?", "structure", "fr",
     "La gestion quotidienne du marché est désormais assurée par une structure locale. Fondée en 2015, elle "
     "emploie six personnes et perçoit un droit de place de 200 francs CFA par jour. Le Groupement des commerçants "
     "du marché central (GCMC) consacre une partie de ses recettes à l'entretien des halles."),
    ("Which association runs the water kiosks?", "association", "en",
     "The kiosks are now run by a local association. The Kiosk Users Association of Mporokoso sets the price of "
     "water."),
])
def test_a_body_introduced_by_an_indefinite_noun_is_quoted_up_to_the_sentence_that_names_it(question, noun, lang,
                                                                                          text):
    """"assurée par une structure locale." names no body; the next sentences of the paragraph do ("Le Groupement
    des commerçants ... (GCMC)"): asked which body, the quote runs on to the sentence that names it."""
    from types import SimpleNamespace as NS

    from bot.question.asked import named_type
    from bot.read.candidates import _quote
    from ingest.terms import fold, keys

    assert keys(noun) <= named_type(fold(question.lower()))
    read = [NS(index=i, start=s.facts.start, end=s.facts.end, facts=s.facts, keys=frozenset(), text=s.text,
               tokens=s.tokens, token_keys=s.token_keys, lang=lang) for i, s in enumerate(_read(text, lang))]
    asked = NS(needs=("organisation",), count=None, known_keys=frozenset(), named_type=keys(noun))
    assert [q.text for q in _quote(read[0], read, text, asked)] == [r.text for r in read], question
    other = NS(needs=("number",), count=None, known_keys=frozenset(), named_type=frozenset())
    assert [q.text for q in _quote(read[0], read, text, other)] == [read[0].text]


def test_the_extreme_of_a_group_is_read_off_its_breakdown(bot):
    """"Which town gets the largest share?": the breakdown's items, the largest first (the release lists it
    second), led by its member; "the smallest" puts the smallest first (the release lists it last)."""
    towns = ("Kaolack", "Nsawam", "Kisii")
    most = _ask(bot, "Which partner town gets the largest share of the 2027-2031 agreements?")
    assert most.confidence == "answer" and set(_sources(most)) == {"partners-2027.txt"}
    assert most.text.lstrip("*").startswith("Kaolack")
    assert [t for c in most.citations for t in towns if t in c.quote] == ["Kaolack", "Nsawam", "Kisii"]
    least = _ask(bot, "Quelle ville partenaire reçoit le montant le moins élevé pour 2027-2031 ?")
    assert least.text.lstrip("*").startswith("Kisii")
    assert [t for c in least.citations for t in towns if t in c.quote] == ["Kisii", "Nsawam", "Kaolack"]


def test_an_outcome_told_right_after_its_plan_without_its_noun_answers_the_plan_question(bot):
    """"Twelve classrooms were planned ... fourteen were built": the outcome counts what the plan counted without
    naming it (a verb after the figure; Dutch "er" before it). Both figures are quoted and their difference told."""
    for question, plan, outcome, source in (
            ("Were more or fewer classrooms built in Nioki than planned?", "twelve", "fourteen", "nioki-schools.txt"),
            ("Zijn er in Tshela meer of minder tappunten gebouwd dan gepland?", "24", "27", "tshela-tappunten.txt")):
        answer = _ask(bot, question)
        assert set(_sources(answer)) == {source}
        assert plan in answer.text and outcome in answer.text
        assert re.search(r"\b(?:2|3)\.?\s*$", answer.text.strip())  # the difference, computed, closes the answer


def test_the_first_of_a_renewed_agreement_is_dated_by_the_first_not_by_the_renewal(eager):
    """"When was the first agreement signed?": a quote that dates a renewal and recalls the first agreement's date
    leads with the latter; a quote that dates only the renewal is no direct answer."""
    from bot.read.instance import a_renewal_for_the_first

    question = "On what day was the first memorandum with Mumbwa signed?"
    answer = _ask(eager, question)
    assert answer.confidence == "answer" and answer.text.lstrip("*").startswith("12 May 2004")
    _, analysis, _, cands = eager.candidates(question)
    assert analysis.first_instance
    renewal = next(c for c in cands if c.quote.startswith("The renewed memorandum was signed"))
    both = next(c for c in cands if "eight years after their first memorandum" in c.quote)
    assert a_renewal_for_the_first(analysis, renewal) and not a_renewal_for_the_first(analysis, both)


def test_a_running_total_is_no_direct_answer_to_the_plan_or_a_first_phase(eager):
    """"How many were originally planned?", "how many in the first phase?": a quote that gives only what has been
    delivered so far ("since 2004, builders have delivered 23 classrooms") is only close; the announcement's "will
    build twenty classrooms" is not held back, nor the running total when the question asks what was finally
    built."""
    from types import SimpleNamespace as NS

    from bot.read.instance import a_running_total_for_the_plan

    _, analysis, _, cands = eager.candidates("How many classrooms were originally planned in Mumbwa?")
    delivered = next(c for c in cands if "delivered 23 classrooms" in c.quote)
    planned = next(c for c in cands if "will build twenty classrooms" in c.quote)
    query = NS(text="How many classrooms were originally planned in Mumbwa?", wants_latest=False, lang="en")
    assert a_running_total_for_the_plan(query, analysis, delivered)
    assert not a_running_total_for_the_plan(query, analysis, planned)
    asked_outcome = NS(text="How many classrooms were finally built in Mumbwa?", wants_latest=False, lang="en")
    assert not a_running_total_for_the_plan(asked_outcome, analysis, delivered)
    first_phase = NS(text="How many classrooms were built in Mumbwa during the first phase?", wants_latest=False,
                     lang="en")
    assert a_running_total_for_the_plan(first_phase, analysis, delivered)



def test_a_smaller_town_is_found_under_its_name_in_another_language(bot):
    """No release writes "Timbuktu"; one writes "Tombouctou", its French name: the question is answered from that
    release, never told that no release mentions Timbuktu (a town the partner gazetteer leaves out for its size
    keeps its other names)."""
    from bot.question.analysis import analyse
    from bot.question.understand import understand
    from bot.read.abstain import absent_name

    question = "How many hand pumps will the emergency aid for Timbuktu repair?"
    assert absent_name(bot.corpus, analyse(understand(question), bot.corpus), None) is None
    assert absent_name(bot.corpus, analyse(understand("How many hand pumps will Zorblaxville repair?"),
                                           bot.corpus), None) == "Zorblaxville"
    answer = _ask(bot, question)
    assert not answer.abstained and "quinze" in answer.text, answer.text
    assert any(c.source == "tombouctou-2013.txt" for c in answer.citations)


def test_a_name_corrected_over_two_sentences_comes_before_the_wrong_one(eager):
    """"... was wrongly called Issoufou Garba. His correct name is Issoufou Gado.": asked who coordinates, the
    answer gives the corrected name, from the correcting release, before any quote of the wrong one."""
    answer = _ask(eager, "Who coordinates the school sanitation programme in Dosso?")
    assert "Gado" in answer.text, answer.text
    assert "Garba" not in answer.text or answer.text.index("Gado") < answer.text.index("Garba")
    assert any(c.source == "dosso-2016.txt" for c in answer.citations)


@pytest.mark.parametrize("question, right, correcting", [
    ("Who heads the civil registry service in Kolda?", "Baldé", "kolda-2018.txt"),
    ("Who coordinated the works on the Mbour fish market?", "Ndiaye", "mbour-2014.txt"),
])
def test_a_name_an_earlier_release_gave_is_restated_over_two_sentences(eager, question, right, correcting):
    """A correction that recalls what an earlier release wrote ("In ons persbericht van 4 mei 2015 werd ... vermeld
    als Ousseynou Diallo.") and restates it in the next sentence without saying "correct name" ("Wij zetten dit
    recht: ... was toen Ousseynou Baldé.", "Il s'agit de Moussa Ndiaye"): the first quote gives the right name,
    cited from the correcting release."""
    answer = _ask(eager, question)
    assert _sources(answer)[0] == correcting and right in answer.text.split("[1]")[0], answer.text


def test_a_whole_countrys_figure_does_not_answer_for_one_of_its_towns(bot):
    """"Nationally, some 2.3 million people need food assistance" repeats the question's words, but its figure is the
    country's: asked how many people in Kaputa need food aid, the answer gives the district's own figure."""
    answer = _ask(bot, "How many people need food assistance in Kaputa?")
    assert re.search(r"14[,.]?000", answer.text) and "2.3 million" not in answer.text, answer.text
    assert _sources(answer)[:1] == ["kaputa-2019.txt"]


def test_a_change_told_up_to_another_year_does_not_answer_for_the_years_asked(eager):
    """"rose from 31% in 2004 to 64% in 2008" tells two states of the rate, but not how it moved between 2004 and
    2018: a quote that writes both states answers a comparison over years by itself only when it tells each year
    asked (written, or its release's own year, whose "today" it is)."""
    from bot.read.states import told_at_once
    from ingest.records import PartialDate

    _, analysis, _, _ = eager.candidates("How did the birth registration rate in Kolda change between 2004 and 2018?")
    model = eager._state.reader.model
    older = _candidate("kolda-2008", "The birth registration rate in Kolda rose from 31% in 2004 to 64% in 2008.", "en",
                       PartialDate(2008, 5, 2), 0.95)
    newer = _candidate("kolda-2018", "The birth registration rate in Kolda has risen from 31% in 2004 to 86% today.",
                       "en", PartialDate(2018, 3, 1), 0.9)
    assert told_at_once(analysis, [older], model) is None
    assert told_at_once(analysis, [older, newer], model) is newer
    _, up_to_2008, _, _ = eager.candidates("How did the birth registration rate in Kolda change between 2004 and 2008?")
    assert told_at_once(up_to_2008, [older], model) is older


def test_a_kind_of_body_written_in_capitals_is_no_name_the_corpus_must_hold(bot):
    """"NGO", "ONG", "vzw" name a kind of body, as "organisation" does: no release writes them, yet a question about
    the NGO that distributes Kaputa's aid is not told that no release mentions NGO (a name of its own still is)."""
    from bot.question.analysis import analyse
    from bot.question.understand import understand
    from bot.read.abstain import absent_name

    for question in ("Which NGO distributes the food aid in Kaputa?", "Quelle ONG distribue l'aide à Kaputa ?"):
        assert absent_name(bot.corpus, analyse(understand(question), bot.corpus), None) is None, question
    named = "Which NGO, Zorblax Aid or another, distributes the food aid in Kaputa?"
    assert absent_name(bot.corpus, analyse(understand(named), bot.corpus), None) == "Zorblax Aid"


def test_a_place_of_the_regions_own_country_is_found_under_its_name_in_the_other_language(bot):
    """The release writes "Ixelles", the question the Dutch "Elsene": the answer comes from that release, never the
    claim that no release mentions Elsene (the gazetteer keeps the French and Dutch names of the country's places,
    never partners, for names the corpus does not hold)."""
    from bot.question.analysis import analyse
    from bot.question.understand import understand
    from bot.read.abstain import absent_name

    question = "Op welke dag geven de muzikanten uit Kaputa een gratis concert in Elsene?"
    assert absent_name(bot.corpus, analyse(understand(question), bot.corpus), None) is None
    answer = _ask(bot, question)
    assert not answer.abstained and re.search(r"12 (?:June|juni) 2021", answer.text), answer.text
    assert "kaputa-2021.txt" in _sources(answer)


def test_a_name_whose_common_noun_is_written_in_another_language_is_not_said_absent(bot):
    """The release is Dutch and writes "cycloon Freddy"; the question writes "Cyclone Freddy", a word no release
    holds beside one that a release does: the name is not said to be absent, and the answer quotes that release
    (a name no release holds any word of still is said absent)."""
    from bot.question.analysis import analyse
    from bot.question.understand import understand
    from bot.read.abstain import absent_name

    question = "How many people lost their homes in Kaputa when Cyclone Freddy struck?"
    assert absent_name(bot.corpus, analyse(understand(question), bot.corpus), None) is None
    answer = _ask(bot, question)
    assert not answer.abstained and re.search(r"3[.,]?200", answer.text), answer.text
    assert "kaputa-2023.txt" in _sources(answer)
    unknown = "How many people lost their homes in Kaputa when Storm Zorblax struck?"
    assert absent_name(bot.corpus, analyse(understand(unknown), bot.corpus), None) == "Storm Zorblax"


def test_a_newer_release_about_a_town_the_gazetteers_do_not_know_updates_the_current_state(bot):
    """Metlaoui is in no gazetteer, and only the newer (English) release names Tunisia: the two releases still share
    their partner, the town both name as the question does, so "today" is answered from the newer one too."""
    answer = _ask(bot, "Welk percentage van het huishoudelijk afval van Metlaoui wordt vandaag gerecycleerd?")
    assert "16%" in answer.text and "metlaoui-2022" in _sources(answer)[0], answer.text


def test_a_release_that_looks_back_on_its_plan_gives_the_outcome_it_tells_beside_it(bot):
    """Mamou's 2009 release recalls the plan ("had planned 40 classrooms") and tells what came of it ("In the end, 46
    classrooms were built"); a later release counts 52 lit classrooms, no outcome of that plan. The outcome is the
    one the looking-back release tells with its word of outcome."""
    answer = _ask(bot, "How many classrooms did Mamou's first programme plan, and how many were actually built?")
    sides, cited = _sides(answer)
    assert "40" in sides and "46" in sides and "52" not in sides, answer.text
    assert any("mamou-2009" in c for c in cited), answer.text


@pytest.mark.parametrize("question, name", [
    ("Which organisation supervises the works of Tillabéri's water programme?", "Eau Vive Sahel"),
    ("Welke organisatie volgt de werven van het afvalprogramma in Dogondoutchi op?", "Sahel Propre")])
def test_the_body_a_sentence_calls_the_association_before_naming_it_is_quoted_up_to_its_name(bot, question, name):
    """"Founded in 1998 in Niamey ..., the association will supervise the works. Eau Vive Sahel (EVS) already took
    part ...": no sentence before names it, so its name is the next sentence's, quoted with it in a direct answer
    ("de vereniging": Dutch "de" is an article); "which organisation" is answered by whatever kind of body the
    release calls it (an association, an NGO, an agency)."""
    answer = _ask(bot, question)
    assert answer.confidence == "answer" and name in answer.text, answer.text

