"""Word pools for the synthetic data: Swiss and German names (with umlauts), organisations, short texts.

Texts are short on purpose: every free-text field is encrypted through the model
(AES-GCM, about 4.5 µs per value here), and short texts keep a million cases'
worth of ciphertext affordable while still being real, decryptable ciphertext.
"""

FIRST_NAMES = [
    "Jürg", "Jörg", "Märta", "Björn", "Ürsula", "Zoë", "Anaïs", "Chloé", "Léa", "Noël",
    "Özlem", "Gülşen", "Müge", "Sönke", "Käthi", "Rösli", "Vreni", "Ueli", "Reto", "Beat",
    "Andrea", "Daniel", "Sandra", "Thomas", "Monika", "Stefan", "Nicole", "Marco", "Petra", "Lukas",
    "Sabine", "Markus", "Claudia", "Patrick", "Barbara", "Simon", "Nadine", "Fabian", "Corinne", "Adrian",
    "Aylin", "Emre", "Elif", "Dragan", "Jelena", "Luca", "Giulia", "Matteo", "Francesca", "Ana",
    "João", "Inês", "Zoran", "Mirjam", "Häns", "Lötscher", "Anja", "Seraina", "Flurina", "Gian",
]  # fmt: skip

LAST_NAMES = [
    "Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Schneider", "Meyer", "Steiner", "Fischer",
    "Gerber", "Brunner", "Baumann", "Frei", "Zimmermann", "Moser", "Widmer", "Wyss", "Graf", "Roth",
    "Bühler", "Küng", "Schären", "Jäggi", "Zürcher", "Bösch", "Hürlimann", "Nüssli", "Rüegg", "Wüthrich",
    "Lüthi", "Käser", "Stöckli", "Häfliger", "Grüter", "Flückiger", "Kälin", "Hösli", "Schürch", "Ammann",
    "Demir", "Yılmaz", "Kaya", "Öztürk", "Çelik", "Bernasconi", "Rossi", "Ferrari", "Da Silva", "Gonçalves",
    "Petrović", "Jovanović", "Krasniqi", "Berisha", "Nguyen", "Dubois", "Lefèvre", "Gauthier", "Mühlemann",
    "Großmann", "Weiß", "Straße", "Äbi", "Ösch", "Übersax",
]  # fmt: skip

# Generated organisations (besides the demo ones) and their units.
ORGANISATIONS = [
    ("Versicherung Zürichsee AG", "CHF", ["Leistungen Zürich", "Leistungen Winterthur", "Taggeld"]),
    ("Spitalregion Südtal", "CHF", ["Rehabilitation", "Sozialberatung"]),
    ("Gemeinde Küsnacht – Soziale Dienste", "CHF", ["Arbeitsintegration", "Jugend & Familie"]),
    ("Müller & Söhne Logistik GmbH", "EUR", ["Lager Köln", "Fuhrpark Düsseldorf"]),
]
# Extra units for the demo organisations.
DEMO_EXTRA_UNITS = {"Demo AG": ["Bern", "Luzern", "St. Gallen"], "Sozialdienst Musterstadt": ["Schuldenberatung"]}

EMPLOYERS = [
    "Bäckerei Glättli AG", "Hürlimann Bau AG", "Spital Männedorf", "Migros-Genossenschaft Zürich",
    "Stadtwerke Görlitz", "Kühne Logistik AG", "Schürch Gärtnerei", "Café Süsswinkel", "Rüegg Metallbau",
    "Pflegeheim Sonnmatt", "Gemeindeverwaltung Rüti", "Lötschberg Reisen AG",
]  # fmt: skip
INSURERS = [
    "Helvetia Taggeld",
    "SUVA Kreisagentur Luzern",
    "Zürich Versicherung",
    "AXA Krankentaggeld",
    "IV-Stelle Bern",
]
AUTHORITIES = ["RAV Winterthur", "Sozialamt Küsnacht", "Jobcenter Köln", "KESB Zürich"]

NOTE_TEXTS = [
    "Telefonat mit Klient:in, Befinden stabil, nächster Termin vereinbart.",
    "Gespräch am Arbeitsplatz, Vorgesetzte unterstützt die stufenweise Rückkehr.",
    "Fallbesprechung: Schmerzen im Rücken, Physiotherapie läuft weiter.",
    "Rückmeldung Hausärztin: Arbeitsfähigkeit 50 % ab nächstem Monat.",
    "Klientin berichtet über Schlafprobleme; Überweisung an Beratungsstelle besprochen.",
    "Termin abgesagt, neuer Termin in zwei Wochen.",
    "Standortgespräch mit Arbeitgeber und Versicherung; Ziele bestätigt.",
    "Finanzielle Situation angespannt, Schuldenberatung empfohlen.",
]  # fmt: skip
DECISIONS = [
    "Pensum ab 1. des Monats auf 50 % erhöhen.",
    "Arbeitsplatzabklärung durch Ergonomin.",
    "Nächste Sitzung in 4 Wochen.",
]
SUMMARIES = [
    "Rückkehr an den Arbeitsplatz nach längerer Arbeitsunfähigkeit.",
    "Wiedereingliederung nach Rückenoperation, Umschulung prüfen.",
    "Psychische Belastung am Arbeitsplatz, Konflikt mit Team.",
    "Stellensuche nach Kündigung, gesundheitliche Einschränkungen.",
    "Suchtproblematik, Tagesstruktur aufbauen.",
    "Sprachförderung und Qualifizierung für den ersten Arbeitsmarkt.",
]  # fmt: skip
GOAL_TITLES = [
    "Rückkehr ins Pensum 50 %", "Rückkehr ins volle Pensum", "Tagesstruktur aufbauen", "Schulden sanieren",
    "Wohnsituation klären", "Deutschkurs B1 abschliessen", "Bewerbungsdossier erstellen", "Schmerzbewältigung",
    "Arbeitsplatz ergonomisch anpassen", "Soziales Netz stärken", "Umschulung beginnen", "Fahrausweis zurückerhalten",
]  # fmt: skip
GOAL_INDICATORS = ["Arbeitet 3 Wochen im vereinbarten Pensum.", "Hält 4 von 5 Terminen ein.", "Budget liegt vor."]
GAS_TEXTS = ["deutlich schlechter", "etwas schlechter", "wie erwartet", "etwas besser", "deutlich besser"]
MEASURE_TITLES = [
    "Arbeitsversuch mit Job-Coaching", "Physiotherapie 2× pro Woche", "Ergonomische Arbeitsplatzabklärung",
    "Schuldenberatung", "Psychotherapie", "Bewerbungscoaching", "Stufenweise Wiedereingliederung",
    "Sprachkurs", "Gespräch mit Vorgesetzter", "Kostengutsprache IV einholen",
]  # fmt: skip
ASSESSMENT_TEXTS = [
    "Rückenschmerzen beim Heben.", "Motiviert, zurückzukehren.", "Unterstützende Familie.",
    "Schulden ca. CHF 20 000.", "Kein Führerausweis.", "Gute Deutschkenntnisse.", "Schlafstörungen.",
]  # fmt: skip
PARTICIPANT_ORGS = ["Hausarztpraxis Dr. Bühler", "Physio Zürichberg", "Personalabteilung", "Betriebsrat", "Spitex"]
