"""A synthetic archive of press releases, for measuring scale without shipping data.

    python bench/archive.py OUT_DIR --releases 1000 [--seed 1]

Releases of realistic length (about 600 to 1,000 words: ten chunks of 160 tokens), dated over twenty years, naming
partner cities and countries, in English, French and Dutch, with the contact blocks and "About ..." paragraphs
that real releases repeat. Deterministic for a seed. questions() gives questions that the archive answers.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

CITIES = ["Quito", "Ankara", "Milan", "Barcelona", "Tokyo", "Osaka", "Dakar", "Casablanca", "Montreal", "Beijing",
          "Shanghai", "Singapore", "Dubai", "Geneva", "Lyon", "Lille", "Istanbul", "Kinshasa", "Rabat", "Tunis",
          "Boston", "Mumbai", "Seoul", "Prague", "Warsaw", "Lisbon", "Porto", "Berlin", "Hamburg", "Vienna",
          "Madrid", "Rome", "Athens", "Budapest", "Copenhagen", "Stockholm", "Oslo", "Helsinki", "Dublin", "Nairobi",
          "Abidjan", "Algiers", "Cairo", "Hanoi", "Bangkok", "Jakarta", "Manila", "Lima", "Bogota", "Santiago"]
COUNTRIES = ["Japan", "Morocco", "Senegal", "Ecuador", "Turkey", "Italy", "Spain", "Canada", "China", "India",
             "Vietnam", "Brazil", "Mexico", "Kenya", "Tunisia", "Portugal", "Poland", "Germany", "Austria", "Greece"]
FIRST = ["Anna", "Pascal", "Marie", "Jan", "Sofia", "Karim", "Els", "Luc", "Fatima", "Pieter", "Chloé", "Ahmed",
         "Inès", "Tom", "Sara", "Youssef", "Nathalie", "Bram", "Leila", "Olivier", "Hanna", "Mehdi", "Lotte", "Hugo"]
LAST = ["Janssens", "Dubois", "Peeters", "El Amrani", "Martin", "Maes", "Lambert", "Claes", "Benali", "Willems",
        "Dupont", "Goossens", "Haddad", "Jacobs", "Leroy", "Wouters", "Mertens", "Simon", "Vermeulen", "Laurent"]
ROLES = {"en": ["Minister-President", "State Secretary for Foreign Trade", "Mayor", "CEO of hub.brussels",
                "Ambassador", "Director of visit.brussels"],
         "fr": ["Ministre-Président", "Secrétaire d'État au Commerce extérieur", "Bourgmestre",
                "directeur de hub.brussels", "Ambassadeur", "directrice de visit.brussels"],
         "nl": ["Minister-President", "Staatssecretaris voor Buitenlandse Handel", "Burgemeester",
                "directeur van hub.brussels", "Ambassadeur", "directeur van visit.brussels"]}
MONTHS = {"en": "January February March April May June July August September October November December".split(),
          "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
          "nl": "januari februari maart april mei juni juli augustus september oktober november december".split()}
TITLES = {"en": ["Brussels and {city} sign a memorandum of understanding on {topic}",
                 "{n} Brussels companies on a trade mission to {city}",
                 "Brussels House opens in {city}", "The Region welcomes a delegation from {city}",
                 "Record exports to {country} in {year}"],
          "fr": ["Bruxelles et {city} signent un protocole d'accord sur {topic}",
                 "{n} entreprises bruxelloises en mission économique à {city}",
                 "Une Maison de Bruxelles ouvre à {city}", "La Région accueille une délégation de {city}",
                 "Exportations record vers {country} en {year}"],
          "nl": ["Brussel en {city} ondertekenen een samenwerkingsakkoord over {topic}",
                 "{n} Brusselse bedrijven op handelsmissie naar {city}",
                 "Brussels Huis opent in {city}", "Het Gewest ontvangt een delegatie uit {city}",
                 "Recordexport naar {country} in {year}"]}
TOPICS = {"en": ["urban mobility", "the circular economy", "digital innovation", "tourism", "climate adaptation",
                 "social housing", "higher education", "public health"],
          "fr": ["la mobilité urbaine", "l'économie circulaire", "l'innovation numérique", "le tourisme",
                 "l'adaptation climatique", "le logement social", "l'enseignement supérieur", "la santé publique"],
          "nl": ["stedelijke mobiliteit", "de circulaire economie", "digitale innovatie", "toerisme",
                 "klimaatadaptatie", "sociale huisvesting", "hoger onderwijs", "volksgezondheid"]}
SENTENCES = {
    "en": ["{person}, {role}, met {person2} in {city} on {date}.",
           "The agreement covers {topic} and runs for {years} years.",
           "A total of {n} companies took part, {pct}% more than in the previous edition.",
           "The Region invests {money} million euros in the programme.",
           "Exports of Brussels goods to {country} reached {money} million euros in {year}.",
           "The delegation visited {org} and the port of {city}.",
           "\"{city} and Brussels share the same challenges,\" said {person}.",
           "Around {n} participants attended the conference on {topic}.",
           "The next meeting is planned in {city} in {month} {year}.",
           "The partnership was first signed in {year2} and renewed on {date}.",
           "Both cities will exchange experts on {topic} over the coming {years} years.",
           "The mission was organised by hub.brussels with the Chamber of Commerce of {city}."],
    "fr": ["{person}, {role}, a rencontré {person2} à {city} le {date}.",
           "L'accord porte sur {topic} et court sur {years} ans.",
           "Au total, {n} entreprises ont participé, soit {pct}% de plus que lors de l'édition précédente.",
           "La Région investit {money} millions d'euros dans le programme.",
           "Les exportations bruxelloises vers {country} ont atteint {money} millions d'euros en {year}.",
           "La délégation a visité {org} et le port de {city}.",
           "« {city} et Bruxelles partagent les mêmes défis », a déclaré {person}.",
           "Quelque {n} participants ont assisté à la conférence sur {topic}.",
           "La prochaine rencontre est prévue à {city} en {month} {year}.",
           "Le partenariat a été signé en {year2} et renouvelé le {date}.",
           "Les deux villes échangeront des experts sur {topic} au cours des {years} prochaines années.",
           "La mission a été organisée par hub.brussels avec la Chambre de commerce de {city}."],
    "nl": ["{person}, {role}, ontmoette {person2} in {city} op {date}.",
           "Het akkoord gaat over {topic} en loopt {years} jaar.",
           "In totaal namen {n} bedrijven deel, {pct}% meer dan bij de vorige editie.",
           "Het Gewest investeert {money} miljoen euro in het programma.",
           "De Brusselse export naar {country} bereikte {money} miljoen euro in {year}.",
           "De delegatie bezocht {org} en de haven van {city}.",
           "\"{city} en Brussel delen dezelfde uitdagingen,\" zei {person}.",
           "Zowat {n} deelnemers woonden de conferentie over {topic} bij.",
           "De volgende ontmoeting is gepland in {city} in {month} {year}.",
           "Het partnerschap werd in {year2} ondertekend en op {date} vernieuwd.",
           "Beide steden wisselen de komende {years} jaar experts uit over {topic}.",
           "De missie werd georganiseerd door hub.brussels met de Kamer van Koophandel van {city}."]}
ORGS = ["the city's innovation agency", "the university hospital", "the chamber of commerce", "the metro operator",
        "the regional parliament", "a start-up incubator", "the harbour authority", "the tourism office"]
ABOUT = {"en": "About hub.brussels. hub.brussels is the Brussels Agency for Business Support. It helps Brussels "
               "companies grow, export and innovate, and attracts foreign investors to the Region.",
         "fr": "À propos de hub.brussels. hub.brussels est l'Agence bruxelloise pour l'Accompagnement de "
               "l'Entreprise. Elle aide les entreprises bruxelloises à grandir, exporter et innover.",
         "nl": "Over hub.brussels. hub.brussels is het Brussels Agentschap voor de Onderneming. Het helpt Brusselse "
               "bedrijven groeien, exporteren en innoveren."}
CONTACT = {"en": "Press contact: {person}, spokesperson, +32 2 {phone}, press@{slug}.brussels",
           "fr": "Contact presse : {person}, porte-parole, +32 2 {phone}, presse@{slug}.brussels",
           "nl": "Perscontact: {person}, woordvoerder, +32 2 {phone}, pers@{slug}.brussels"}
START, DAYS = dt.date(2005, 1, 1), 20 * 365


def release(i: int, seed: int = 1) -> tuple[str, str]:
    """(file name, text) of release number i."""
    rng = random.Random(f"{seed}-{i}")
    lang = rng.choices(["en", "fr", "nl"], weights=[5, 3, 2])[0]
    date = START + dt.timedelta(days=rng.randrange(DAYS))
    city, country = rng.choice(CITIES), rng.choice(COUNTRIES)
    slots = {"city": city, "country": country, "topic": rng.choice(TOPICS[lang]), "n": rng.randint(8, 90),
             "year": date.year}
    title = rng.choice(TITLES[lang]).format(**slots)
    dateline = f"{city}, {_date(date, lang)} - "
    paragraphs = []
    for _ in range(rng.randint(14, 20)):
        paragraphs.append(" ".join(_sentence(rng, lang, city, date) for _ in range(rng.randint(3, 6))))
    paragraphs[0] = dateline + paragraphs[0]
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    paragraphs += [ABOUT[lang], CONTACT[lang].format(person=person, phone=rng.randint(100, 999) * 1000 + i % 1000,
                                                     slug=rng.choice(["hub", "visit", "gov"]))]
    return f"{date.isoformat()}-{i:06d}-{lang}.txt", title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _sentence(rng: random.Random, lang: str, city: str, date: dt.date) -> str:
    other = rng.choice(CITIES) if rng.random() < 0.3 else city
    return rng.choice(SENTENCES[lang]).format(
        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}", person2=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        role=rng.choice(ROLES[lang]), city=other, country=rng.choice(COUNTRIES), topic=rng.choice(TOPICS[lang]),
        date=_date(date - dt.timedelta(days=rng.randint(0, 40)), lang), years=rng.randint(2, 10),
        n=rng.randint(5, 400), pct=rng.randint(2, 60), money=rng.randint(2, 900), org=rng.choice(ORGS),
        month=MONTHS[lang][rng.randrange(12)], year=date.year + rng.randint(0, 1), year2=date.year - rng.randint(1, 8))


def _date(date: dt.date, lang: str) -> str:
    return f"{date.day} {MONTHS[lang][date.month - 1]} {date.year}"


def write(out: Path, n: int, seed: int = 1) -> list[Path]:
    """Writes releases 0..n-1 into `out` (files already there with the same name are kept)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name, text = release(i, seed)
        path = out / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def questions(n: int, seed: int = 1) -> list[dict]:
    """Questions whose answers the archive holds (about releases 0..n-1), with a filter now and then."""
    rng = random.Random(f"questions-{seed}")
    asked = ["When did Brussels sign a memorandum of understanding with {city}?",
             "How many companies took part in the trade mission to {city}?",
             "Who met the delegation in {city}?", "How much did the Region invest in the programme on {topic}?",
             "What were Brussels exports to {country} in {year}?", "Quand Bruxelles a-t-elle signé un accord avec {city} ?",
             "Hoeveel bedrijven namen deel aan de handelsmissie naar {city}?", "Which cities did hub.brussels visit in {year}?"]
    out = []
    for k in range(n):
        filters = {"since": str(rng.randint(2005, 2020))} if k % 5 == 4 else {}
        out.append({"question": rng.choice(asked).format(city=rng.choice(CITIES), country=rng.choice(COUNTRIES),
                                                          topic=rng.choice(TOPICS["en"]), year=rng.randint(2005, 2024)),
                    "filters": filters})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.out, args.releases, args.seed)


if __name__ == "__main__":
    main()
