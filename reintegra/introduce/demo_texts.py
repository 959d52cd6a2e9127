"""German texts of the demo data (kept apart so that demo.py stays readable)."""

UNDERSTANDING = (
    "Case Management heisst bei der Demo AG: Wer länger krank ist oder wiederholt ausfällt, bekommt eine "
    "feste Ansprechperson. Gemeinsam mit der Zielperson klären wir die Situation, vereinbaren Ziele und "
    "Massnahmen und begleiten die Rückkehr an den Arbeitsplatz – freiwillig, vertraulich und getrennt von "
    "der Personalakte."
)

BEM_BODY = "\n\n".join(
    [
        "Guten Tag {{client_name}}",
        "Sie waren in den letzten zwölf Monaten länger als sechs Wochen arbeitsunfähig. Wir möchten Ihnen "
        "deshalb ein Betriebliches Eingliederungsmanagement (BEM) nach § 167 Abs. 2 SGB IX anbieten.",
        "Die Teilnahme ist freiwillig. Wenn Sie nicht teilnehmen möchten, entstehen Ihnen daraus keine "
        "Nachteile. Sie können Ihre Zustimmung jederzeit widerrufen.",
        "Bitte teilen Sie uns bis zum {{reply_by}} mit, ob Sie das Angebot annehmen möchten. Für Fragen steht "
        "Ihnen {{case_manager_name}} ({{case_manager_email}}) gerne zur Verfügung.",
        "Freundliche Grüsse\n{{organisation_name}}",
    ]
)

BEM_AIMS = (
    "Das BEM soll die Arbeitsunfähigkeit überwinden, erneuter Arbeitsunfähigkeit vorbeugen und Ihren "
    "Arbeitsplatz erhalten. Gemeinsam suchen wir nach Hilfen und Massnahmen, die Ihnen die Rückkehr erleichtern."
)

BEM_DATA = (
    "Wir erheben nur Daten, die für das BEM nötig sind: Dauer der Arbeitsunfähigkeit, Ihre Einschätzung der "
    "Arbeitssituation, vereinbarte Ziele und Massnahmen. Diagnosen erfragen wir nicht. Die Daten werden "
    "getrennt von der Personalakte aufbewahrt, nur mit Ihrem Einverständnis weitergegeben und drei Jahre "
    "nach Abschluss gelöscht."
)

INFO_SHEET = """Liebe Klientin, lieber Klient

Case Management begleitet Sie auf dem Weg zurück an die Arbeit. So gehen wir vor:

1. Aufnahme klären: Wir besprechen, ob Case Management für Sie passt.
2. Situation & Bedarf einschätzen: Wir schauen gemeinsam, was gut läuft und wo Unterstützung nötig ist.
3. Ziele & Massnahmen planen: Sie vereinbaren mit uns Ziele und nächste Schritte.
4. Umsetzung & Monitoring: Wir begleiten die Massnahmen und passen den Plan bei Bedarf an.
5. Evaluation & Abschluss: Wir schauen zurück, was erreicht wurde.

Ihre Ansprechperson: {{case_manager_name}}, {{case_manager_email}}
Fallnummer: {{case_reference}}"""

KNOWLEDGE_PAGE = """## Unser Verständnis

Case Management ist bei uns **kein Kontrollinstrument**, sondern ein Angebot. Es verbindet bestehende
Strukturen (Absenzenmanagement, BGM, Führung) mit einer festen Fallführung.

## Grundsätze

- Freiwilligkeit: ohne Einverständnis kein Fall
- Vertraulichkeit: die Fallakte ist getrennt von der Personalakte
- Ressourcenorientierung: wir bauen auf dem auf, was schon funktioniert

## Weiterlesen

- [Netzwerk Case Management Schweiz](https://www.netzwerk-cm.ch/)
"""

# quadrant, text, usernames who voted
SOAR_ITEMS = [
    ("strengths", "Kurze Wege zwischen HR und Teamleitungen", ["anna", "ben", "carla"]),
    ("strengths", "Erfahrene Case Managerinnen an beiden Standorten", ["carla"]),
    ("opportunities", "Neue Software bündelt Fallführung und Kommunikation", ["anna", "admin"]),
    ("opportunities", "Zusammenarbeit mit der IV-Stelle Basel-Stadt ausbauen", []),
    ("aspirations", "Jede Rückkehr an den Arbeitsplatz ist gut vorbereitet", ["ben", "carla", "admin"]),
    ("results", "Rückkehrquote nach 6 Monaten über 80 %", ["admin"]),
    ("results", "Zufriedenheit der Zielpersonen mindestens 3 von 4", []),
]
