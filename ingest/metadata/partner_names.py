"""Hand-kept name lists for partners: organisations, English short forms, and words that are not places."""

# Organisations the Region deals with: canonical English name -> spellings in en/fr/nl (acronyms match case-sensitively).
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "European Union": ("European Union", "EU", "Union européenne", "UE", "Europese Unie"),
    "European Commission": ("European Commission", "Commission européenne", "Europese Commissie"),
    "European Parliament": ("European Parliament", "Parlement européen", "Europees Parlement", "Europese Parlement"),
    "Council of the European Union": (
        "Council of the European Union", "Council of the EU", "Conseil de l'Union européenne", "Conseil de l'UE",
        "Raad van de Europese Unie", "Raad van de EU"),
    "European Council": ("European Council", "Conseil européen", "Europese Raad"),
    "European Committee of the Regions": (
        "European Committee of the Regions", "Committee of the Regions", "Comité européen des régions",
        "Comité des régions", "Europees Comité van de Regio's", "Comité van de Regio's"),
    "European Economic and Social Committee": (
        "European Economic and Social Committee", "EESC", "Comité économique et social européen", "CESE",
        "Europees Economisch en Sociaal Comité", "EESC"),
    "European External Action Service": (
        "European External Action Service", "EEAS", "Service européen pour l'action extérieure", "SEAE",
        "Europese Dienst voor extern optreden", "EDEO"),
    "Council of Europe": ("Council of Europe", "Conseil de l'Europe", "Raad van Europa"),
    "NATO": ("NATO", "OTAN", "NAVO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation",
             "Organisation du traité de l'Atlantique nord", "Noord-Atlantische Verdragsorganisatie"),
    "United Nations": ("United Nations", "UN", "Nations unies", "Nations Unies", "ONU", "Verenigde Naties", "VN"),
    "UNHCR": ("UNHCR", "HCR", "United Nations Refugee Agency", "UN Refugee Agency",
              "Haut-Commissariat des Nations unies pour les réfugiés", "Vluchtelingenorganisatie van de VN"),
    "UNESCO": ("UNESCO", "Unesco"),
    "UNICEF": ("UNICEF", "Unicef"),
    "World Health Organization": ("World Health Organization", "World Health Organisation", "OMS",
                                  "Organisation mondiale de la santé", "Wereldgezondheidsorganisatie"),
    "World Trade Organization": ("World Trade Organization", "WTO", "OMC", "Organisation mondiale du commerce",
                                 "Wereldhandelsorganisatie"),
    "OECD": ("OECD", "OCDE", "OESO"),
    "ASEAN": ("ASEAN", "Association of Southeast Asian Nations", "ANASE"),
    "African Union": ("African Union", "Union africaine", "Afrikaanse Unie"),
    "Benelux": ("Benelux",),
    "Eurocities": ("Eurocities", "EUROCITIES"),
    "Métropole Européenne de Lille": ("Métropole Européenne de Lille", "Métropole européenne de Lille", "MEL",
                                      "European Metropolis of Lille", "Europese Metropool Rijsel"),
    "City of Brussels": ("City of Brussels", "Ville de Bruxelles", "Stad Brussel"),
    "Brussels Parliament": ("Brussels Parliament", "Parlement bruxellois", "Brussels Parlement",
                            "Parlement de la Région de Bruxelles-Capitale"),
    "International Brusselers": ("International Brusselers", "Bruxellois internationaux", "internationale Brusselaars"),
}

# Canonical English short names where the gazetteers give another form.
COUNTRY_NAMES = {"NL": "Netherlands", "PS": "Palestine", "TL": "Timor-Leste", "VA": "Vatican City",
                 "CI": "Côte d'Ivoire", "CV": "Cape Verde", "MK": "North Macedonia"}

# Extra spellings the gazetteers lack (key: canonical English name).
EXTRA_ALIASES = {
    "Turkey": ("Türkiye", "Turquie", "Turkije"), "United Kingdom": ("UK", "Great Britain", "Britain", "Grande-Bretagne",
    "Groot-Brittannië"), "United States": ("USA", "United States of America", "Etats-Unis"),
    "United Arab Emirates": ("UAE", "Emirates", "Émirats", "Emiraten"), "Russia": ("Russie", "Rusland"),
    "South Korea": ("Corée du Sud", "Zuid-Korea"), "North Korea": ("Corée du Nord", "Noord-Korea"),
    "Czechia": ("Czech Republic", "République tchèque", "Tsjechische Republiek"), "Vietnam": ("Viêt Nam", "Viêt-nam"),
    "Netherlands": ("Nederland", "Pays-Bas", "The Netherlands"),
    "Ramallah": ("Ramallah",),  # a seat of government below the population threshold
    "Catalonia": ("Catalogne", "Catalonië", "Catalunya", "Cataluña"), "Lombardy": ("Lombardie", "Lombardije"),
    "Bavaria": ("Bavière", "Beieren", "Bayern"), "North Rhine-Westphalia": ("Rhénanie-du-Nord-Westphalie",
    "Noordrijn-Westfalen", "Nordrhein-Westfalen"), "Quebec": ("Québec",), "Hauts-de-France": ("Hauts-de-France",),
    "Île-de-France": ("Ile-de-France",), "Kinshasa": ("Kinshasa",), "Palestine": ("Palestinian territories",),
    "The Hague": ("La Haye", "Den Haag"), "Cologne": ("Keulen", "Köln"), "Aachen": ("Aix-la-Chapelle", "Aken"),
}

# Region types of ISO 3166-2 that name regions a city-region works with (not districts or municipalities).
REGION_TYPES = frozenset({"Metropolitan region", "Autonomous community", "Land", "Region", "Emirate", "Country",
                          "Province", "Canton", "State", "Autonomous region", "Federal district"})

# Words that are place names somewhere but ordinary words (or names of people) in our texts.
COMMON_WORDS = frozenset("""
nice split mobile reading bath orange hope victoria providence concord independence sale male mons
union unity liberty mission progreso esperanza florida central western eastern northern southern capital coast
centre center north south east west nord sud est ouest noord zuid oost upper lower greater grand region district
island islands city town federal national santa san saint sainte president minister house
europe europa africa asia america oceania brussels bruxelles brussel belgium belgique belgie vlaanderen flanders
wallonia wallonie hidalgo astrid
""".split())
