"""The fictional demo directory: providers and offers for the two demo organisations.

Names, people, numbers and web addresses are invented; e-mail and web domains use
the reserved `.example` top-level domain. Prices are in the organisation's currency.
"""

from typing import NamedTuple

from reintegra.network.models import ProviderCategory as C


class DemoOffer(NamedTuple):
    title: str
    price: str | None
    unit: str
    cost_note: str = ""


class DemoProvider(NamedTuple):
    name: str
    category: str
    region: str
    person: str
    phone: str
    domain: str
    address: str
    description: str
    offers: list[DemoOffer]


DEMO_AG = [
    DemoProvider(
        "ErgoPlus Arbeitsplatzberatung GmbH",
        C.ERGONOMICS,
        "Basel-Stadt",
        "Lea Gerber",
        "+41 61 555 10 20",
        "ergoplus-basel.example",
        "Steinenvorstadt 12, 4051 Basel",
        "Ergonomische Abklärung von Büro- und Produktionsarbeitsplätzen, Beratung zu Hilfsmitteln.",
        [
            DemoOffer("Arbeitsplatzabklärung vor Ort", "180.00", "pro Stunde", "Meist durch den Arbeitgeber bezahlt."),
            DemoOffer("Ergonomie-Schulung für Teams", "950.00", "pro Halbtag"),
        ],
    ),
    DemoProvider(
        "Ergonomie Werkstatt Zürich",
        C.ERGONOMICS,
        "Zürich",
        "Marco Lüthi",
        "+41 44 555 21 30",
        "ergowerkstatt.example",
        "Hardturmstrasse 88, 8005 Zürich",
        "Anpassung von Arbeitsplätzen nach Unfall oder Krankheit, auch für Produktion und Logistik.",
        [
            DemoOffer(
                "Ergonomische Arbeitsplatzanalyse",
                "1200.00",
                "pauschal",
                "Kann als IV-Frühinterventionsmassnahme beantragt werden.",
            ),
            DemoOffer("Hilfsmittelberatung", "150.00", "pro Stunde"),
        ],
    ),
    DemoProvider(
        "Rheinknie Physiotherapie",
        C.PHYSIOTHERAPY,
        "Basel-Stadt",
        "Nina Baumann",
        "+41 61 555 33 40",
        "rheinknie-physio.example",
        "Clarastrasse 5, 4058 Basel",
        "Physiotherapie und medizinische Trainingstherapie mit Schwerpunkt Rücken und Schulter.",
        [
            DemoOffer(
                "Physiotherapie nach Verordnung",
                "98.00",
                "pro Sitzung",
                "Über die Grundversicherung mit ärztlicher Verordnung.",
            ),
            DemoOffer("Medizinische Trainingstherapie", "420.00", "pro 12 Einheiten"),
        ],
    ),
    DemoProvider(
        "Physio am Bahnhof Winterthur",
        C.PHYSIOTHERAPY,
        "Zürich",
        "Simon Keller",
        "+41 52 555 44 10",
        "physio-winterthur.example",
        "Stadthausstrasse 20, 8400 Winterthur",
        "Arbeitsbezogene Physiotherapie, Belastungsaufbau vor dem Wiedereinstieg.",
        [DemoOffer("Arbeitsbezogenes Aufbautraining", "110.00", "pro Sitzung")],
    ),
    DemoProvider(
        "JobBrücke Coaching AG",
        C.JOB_COACHING,
        "Zürich",
        "Sandra Frei",
        "+41 44 555 60 70",
        "jobbruecke.example",
        "Badenerstrasse 141, 8004 Zürich",
        "Job Coaching am Arbeitsplatz für Menschen nach längerer Krankheit, Begleitung von Vorgesetzten.",
        [
            DemoOffer("Job Coaching am Arbeitsplatz", "160.00", "pro Stunde", "Häufig durch die IV finanziert."),
            DemoOffer("Bewerbungscoaching", "140.00", "pro Stunde"),
            DemoOffer("Beratung für Vorgesetzte", "160.00", "pro Stunde"),
        ],
    ),
    DemoProvider(
        "Wiedereinstieg Nordwest",
        C.JOB_COACHING,
        "Basel-Landschaft",
        "Thomas Roth",
        "+41 61 555 71 80",
        "wiedereinstieg-nw.example",
        "Rheinstrasse 31, 4410 Liestal",
        "Supported Employment: Suche und Begleitung einer passenden Stelle im ersten Arbeitsmarkt.",
        [
            DemoOffer("Supported Employment", "2400.00", "pro Monat", "Finanzierung meist durch IV oder Sozialhilfe."),
            DemoOffer("Begleitung Arbeitsversuch", "130.00", "pro Stunde"),
        ],
    ),
    DemoProvider(
        "Laufbahnzentrum Bern-Mittelland",
        C.JOB_COACHING,
        "Bern",
        "Andrea Zbinden",
        "+41 31 555 12 12",
        "laufbahn-bm.example",
        "Laupenstrasse 10, 3008 Bern",
        "Laufbahnberatung und Potenzialabklärung für Erwachsene in beruflicher Neuorientierung.",
        [DemoOffer("Potenzialabklärung", "850.00", "pauschal"), DemoOffer("Laufbahnberatung", "150.00", "pro Sitzung")],
    ),
    DemoProvider(
        "Praxis für Psychotherapie Brändli",
        C.PSYCHOTHERAPY,
        "Bern",
        "Dr. Martina Brändli",
        "+41 31 555 80 90",
        "praxis-braendli.example",
        "Marktgasse 44, 3011 Bern",
        "Psychologische Psychotherapie für Erwachsene, Schwerpunkte Erschöpfung, Angst und Depression.",
        [
            DemoOffer(
                "Einzeltherapie (60 Minuten)", "154.80", "pro Sitzung", "Grundversicherung auf ärztliche Anordnung."
            ),
            DemoOffer("Kurzintervention in Krisen", None, "", "Termine innert einer Woche."),
        ],
    ),
    DemoProvider(
        "Psychologische Beratungsstelle Limmat",
        C.PSYCHOTHERAPY,
        "Zürich",
        "Lukas Weber",
        "+41 44 555 90 10",
        "beratung-limmat.example",
        "Limmatquai 70, 8001 Zürich",
        "Beratung und Gruppenangebote bei Stress, Erschöpfung und Konflikten am Arbeitsplatz.",
        [
            DemoOffer("Gruppe Stressbewältigung", "480.00", "pro 8 Abende"),
            DemoOffer("Kurzberatung bei Erschöpfung", "120.00", "pro Sitzung"),
        ],
    ),
    DemoProvider(
        "Fachstelle Schuldenberatung Dreiland",
        C.DEBT_COUNSELLING,
        "Basel-Stadt",
        "Petra Vogt",
        "+41 61 555 14 15",
        "schulden-dreiland.example",
        "Gerbergasse 30, 4001 Basel",
        "Kostenlose Budget- und Schuldenberatung für Einwohnerinnen und Einwohner der Region Basel.",
        [
            DemoOffer("Budgetberatung", "0.00", "", "Kostenlos, von Kanton und Gemeinden finanziert."),
            DemoOffer("Begleitung Schuldensanierung", "0.00", "", "Kostenlos; Wartezeit etwa drei Wochen."),
        ],
    ),
    DemoProvider(
        "Budget- und Schuldenberatung Zürcher Oberland",
        C.DEBT_COUNSELLING,
        "Zürich",
        "Reto Hess",
        "+41 44 555 16 17",
        "schulden-oberland.example",
        "Bahnhofstrasse 3, 8620 Wetzikon",
        "Beratung bei Schulden, Betreibungen und Lohnpfändungen, Erstgespräch innert zwei Wochen.",
        [DemoOffer("Erstberatung Schulden", "0.00", "", "Kostenlos.")],
    ),
    DemoProvider(
        "Suchtberatung Aare",
        C.ADDICTION_COUNSELLING,
        "Bern",
        "Eva Schär",
        "+41 31 555 18 19",
        "sucht-aare.example",
        "Effingerstrasse 4, 3011 Bern",
        "Ambulante Beratung bei Alkohol, Medikamenten und Glücksspiel; auch für Angehörige und Arbeitgeber.",
        [
            DemoOffer("Ambulante Alkoholberatung", "0.00", "", "Für Wohnhafte im Kanton Bern kostenlos."),
            DemoOffer("Beratung für Arbeitgeber", "150.00", "pro Stunde"),
        ],
    ),
    DemoProvider(
        "Fachstelle Sucht und Arbeit Luzern",
        C.ADDICTION_COUNSELLING,
        "Luzern",
        "Daniel Amrein",
        "+41 41 555 20 21",
        "sucht-arbeit-lu.example",
        "Pilatusstrasse 15, 6003 Luzern",
        "Suchtberatung mit Blick auf den Arbeitsplatz, Begleitung nach stationärer Therapie.",
        [DemoOffer("Nachsorge nach Entzug", None, "", "Kosten nach Absprache, oft über die Krankenversicherung.")],
    ),
    DemoProvider(
        "Bildungszentrum Nordwest",
        C.VOCATIONAL_TRAINING,
        "Basel-Stadt",
        "Monika Stebler",
        "+41 61 555 22 23",
        "bz-nordwest.example",
        "Kohlenberg 17, 4051 Basel",
        "Kurse in Grundkompetenzen, Informatik und Deutsch für den Arbeitsalltag.",
        [
            DemoOffer("Deutsch am Arbeitsplatz", "640.00", "pro Kurs (16 Lektionen)"),
            DemoOffer("Informatik-Grundlagen", "520.00", "pro Kurs"),
            DemoOffer("Rechnen im Alltag", "0.00", "", "Gratis dank Förderung von Bund und Kanton."),
        ],
    ),
    DemoProvider(
        "Weiterbildung Ostschweiz AG",
        C.VOCATIONAL_TRAINING,
        "St. Gallen",
        "Fabian Näf",
        "+41 71 555 24 25",
        "wb-ostschweiz.example",
        "Rosenbergstrasse 22, 9000 St. Gallen",
        "Umschulungen und Teilqualifikationen für Logistik, Detailhandel und Büro.",
        [
            DemoOffer("Umschulung Logistik", "6800.00", "pro Lehrgang", "Als IV-Umschulung anrechenbar."),
            DemoOffer("Kaufmännischer Wiedereinstieg", "3900.00", "pro Lehrgang"),
        ],
    ),
    DemoProvider(
        "Integrationswerkstatt Birs",
        C.VOCATIONAL_TRAINING,
        "Basel-Landschaft",
        "Karin Müller",
        "+41 61 555 26 27",
        "werkstatt-birs.example",
        "Hauptstrasse 60, 4153 Reinach",
        "Belastbarkeits- und Aufbautraining in Werkstatt, Küche und Büro.",
        [
            DemoOffer("Belastbarkeitstraining", "190.00", "pro Tag", "IV-Integrationsmassnahme."),
            DemoOffer("Aufbautraining", "210.00", "pro Tag"),
        ],
    ),
    DemoProvider(
        "Arbeitsmedizin Mittelland AG",
        C.OCCUPATIONAL_MEDICINE,
        "Bern",
        "Dr. Urs Gfeller",
        "+41 31 555 28 29",
        "arbeitsmedizin-ml.example",
        "Bubenbergplatz 8, 3011 Bern",
        "Arbeitsmedizinische Abklärungen, Eignungsbeurteilungen und Beratung von Betrieben.",
        [
            DemoOffer("Arbeitsmedizinische Abklärung", "350.00", "pauschal"),
            DemoOffer("Zumutbarkeitsbeurteilung", "900.00", "pauschal"),
        ],
    ),
    DemoProvider(
        "Zentrum für Arbeitsfähigkeit Basel",
        C.OCCUPATIONAL_MEDICINE,
        "Basel-Stadt",
        "Dr. Claudia Iselin",
        "+41 61 555 30 31",
        "zaf-basel.example",
        "Petersgraben 9, 4051 Basel",
        "Evaluation der funktionellen Leistungsfähigkeit (EFL) und Empfehlungen für den Arbeitsplatz.",
        [
            DemoOffer(
                "Evaluation der funktionellen Leistungsfähigkeit (EFL)",
                "1850.00",
                "pauschal",
                "Oft durch Taggeld- oder Unfallversicherung bezahlt.",
            )
        ],
    ),
    DemoProvider(
        "Sozialberatung Reuss",
        C.SOCIAL_COUNSELLING,
        "Luzern",
        "Priska Bucher",
        "+41 41 555 32 33",
        "sozialberatung-reuss.example",
        "Baselstrasse 21, 6003 Luzern",
        "Beratung zu Sozialversicherungen, Krankentaggeld und finanzieller Überbrückung.",
        [
            DemoOffer("Beratung Sozialversicherungen", "0.00", "", "Kostenlos."),
            DemoOffer("Unterstützung bei Anträgen", "0.00", "", "Kostenlos."),
        ],
    ),
    DemoProvider(
        "Mediation und Konfliktberatung Aarau",
        C.OTHER,
        "Aargau",
        "Stefan Wyss",
        "+41 62 555 34 35",
        "mediation-aarau.example",
        "Bahnhofstrasse 50, 5000 Aarau",
        "Mediation bei Konflikten am Arbeitsplatz, Moderation von Rückkehrgesprächen.",
        [
            DemoOffer("Konfliktmediation am Arbeitsplatz", "220.00", "pro Stunde"),
            DemoOffer("Moderation Rückkehrgespräch", "440.00", "pauschal"),
        ],
    ),
]

MUSTERSTADT = [
    DemoProvider(
        "Schuldner- und Insolvenzberatung Spree",
        C.DEBT_COUNSELLING,
        "Berlin",
        "Jana Wolff",
        "+49 30 5550 1201",
        "schuldnerberatung-spree.example",
        "Karl-Marx-Straße 101, 12043 Berlin",
        "Anerkannte Schuldnerberatung, Begleitung im Verbraucherinsolvenzverfahren.",
        [
            DemoOffer("Schuldnerberatung", "0.00", "", "Kostenfrei für Leistungsbeziehende."),
            DemoOffer("P-Konto-Bescheinigung", "0.00", ""),
        ],
    ),
    DemoProvider(
        "Suchtberatung Rheinland gGmbH",
        C.ADDICTION_COUNSELLING,
        "Köln",
        "Tobias Krämer",
        "+49 221 5550 3402",
        "suchtberatung-rheinland.example",
        "Venloer Straße 200, 50823 Köln",
        "Beratung und ambulante Rehabilitation bei Alkohol- und Medikamentenabhängigkeit.",
        [DemoOffer("Ambulante Rehabilitation Sucht", None, "", "Kostenträger Rentenversicherung oder Krankenkasse.")],
    ),
    DemoProvider(
        "Jobcoaching Elbe",
        C.JOB_COACHING,
        "Hamburg",
        "Miriam Peters",
        "+49 40 5550 7703",
        "jobcoaching-elbe.example",
        "Holstenstraße 12, 22767 Hamburg",
        "Coaching nach § 45 SGB III (AVGS) und Begleitung bei der stufenweisen Wiedereingliederung.",
        [
            DemoOffer("Einzelcoaching mit AVGS", "0.00", "", "Über den Aktivierungs- und Vermittlungsgutschein."),
            DemoOffer("Begleitung stufenweise Wiedereingliederung", "95.00", "pro Stunde"),
        ],
    ),
    DemoProvider(
        "Psychotherapeutische Praxis am Markt",
        C.PSYCHOTHERAPY,
        "Leipzig",
        "Dipl.-Psych. Katrin Lange",
        "+49 341 5550 4404",
        "praxis-am-markt.example",
        "Markt 4, 04109 Leipzig",
        "Verhaltenstherapie für Erwachsene, Sprechstunde und Akutbehandlung.",
        [DemoOffer("Psychotherapeutische Sprechstunde", "0.00", "", "Über die gesetzliche Krankenversicherung.")],
    ),
    DemoProvider(
        "Bildungswerk Mitte",
        C.VOCATIONAL_TRAINING,
        "Berlin",
        "Ali Yilmaz",
        "+49 30 5550 5505",
        "bildungswerk-mitte.example",
        "Invalidenstraße 50, 10115 Berlin",
        "Zertifizierte Weiterbildungen (AZAV), Teilqualifizierungen und berufsbezogenes Deutsch.",
        [
            DemoOffer("Teilqualifizierung Lagerlogistik", "3200.00", "pro Modul", "Förderung mit Bildungsgutschein."),
            DemoOffer("Berufsbezogenes Deutsch B2", "0.00", "", "Vom BAMF gefördert."),
        ],
    ),
]

DIRECTORIES = {"Demo AG": DEMO_AG, "Sozialdienst Musterstadt": MUSTERSTADT}
