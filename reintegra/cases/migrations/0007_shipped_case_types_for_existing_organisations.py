"""Every existing organisation gets the shipped case types it lacks. They used to be created by
the first read of the case types (a selector that wrote); now they are created with the
organisation (`case_types_ensure_shipped`). The specs are copied here as they were shipped on
this date: a migration does not import app code."""

from django.db import migrations

SHIPPED = [
    {
        "key": "bem",
        "name": "BEM – Betriebliches Eingliederungsmanagement (§ 167 Abs. 2 SGB IX)",
        "reference_prefix": "BEM",
        "trigger_days": 42,
        "outcomes": ["rtw_full", "rtw_partial", "no_rtw", "other"],
        "criteria": [
            "Mehr als sechs Wochen (42 Kalendertage) Arbeitsunfähigkeit innerhalb von zwölf Monaten, "
            "ununterbrochen oder wiederholt",
            "Die Person hat der Teilnahme am BEM zugestimmt (die Teilnahme ist freiwillig)",
        ],
        "information_text": "Das Betriebliche Eingliederungsmanagement (BEM) hat zum Ziel, Ihre Arbeitsunfähigkeit "
        "zu überwinden, erneuter Arbeitsunfähigkeit vorzubeugen und Ihren Arbeitsplatz zu "
        "erhalten. Die Teilnahme ist freiwillig; Sie können jederzeit ohne Nachteile "
        "aussteigen. Erhoben werden nur die Daten, die für das BEM nötig sind: Angaben zu "
        "Ihrer Arbeitsfähigkeit, zu Belastungen am Arbeitsplatz und zu möglichen Massnahmen. "
        "Diagnosen erfährt Ihr Arbeitgeber nicht. Die BEM-Akte wird getrennt von der "
        "Personalakte geführt. Wenn Sie nicht teilnehmen oder nicht aufgenommen werden, "
        "entstehen Ihnen daraus keine Nachteile; andere Unterstützungsangebote bleiben offen.",
        "checklist": {
            "intake": [
                "decision",
                "case_manager",
                "client_informed",
                "consent_data_collection",
                "commissioning_party_disclosed",
                "cooperation_agreed",
            ],
            "assessment": ["assessment_both_perspectives", "resources_and_problems"],
            "planning": ["goal_complete", "measure_with_owner", "plan_agreed"],
            "monitoring": ["review"],
            "evaluation": ["final_ratings", "outcome", "summary", "aftercare_decision", "satisfaction"],
        },
    },
    {
        "key": "iv-early",
        "name": "IV-Früherfassung (Art. 3a–3c IVG)",
        "reference_prefix": "IV",
        "trigger_days": 30,
        "outcomes": ["rtw_full", "rtw_partial", "no_rtw", "other"],
        "criteria": [
            "30 Tage ununterbrochene Arbeitsunfähigkeit oder wiederholte Kurzabsenzen innerhalb eines Jahres",
            "Die Person wurde vor einer Meldung an die IV-Stelle informiert",
        ],
        "information_text": "Die Früherfassung der Invalidenversicherung soll helfen, Ihre Stelle zu erhalten oder "
        "rasch eine neue Tätigkeit zu finden. Vor einer Meldung an die IV-Stelle werden Sie "
        "informiert. Das Case Management klärt mit Ihnen Ihre Situation, vereinbart Ziele und "
        "koordiniert die Beteiligten. Ohne Aufnahme bleibt die Meldung an die IV-Stelle "
        "möglich; Sie erhalten Hinweise auf andere Beratungsstellen.",
        "checklist": {
            "intake": [
                "decision",
                "case_manager",
                "client_informed",
                "consent_data_collection",
                "commissioning_party_disclosed",
                "cooperation_agreed",
            ],
            "assessment": ["assessment_both_perspectives", "resources_and_problems"],
            "planning": ["goal_complete", "measure_with_owner", "plan_agreed"],
            "monitoring": ["review"],
            "evaluation": ["final_ratings", "outcome", "summary", "aftercare_decision", "satisfaction"],
        },
    },
    {
        "key": "general",
        "name": "Allgemeines Case Management",
        "reference_prefix": "CM",
        "trigger_days": None,
        "outcomes": ["achieved", "partly_achieved", "not_achieved", "other"],
        "criteria": ["Komplexe Situation mit mehreren Beteiligten", "Die Person ist bereit, aktiv mitzuwirken"],
        "information_text": "Case Management unterstützt Sie, wenn mehrere Stellen beteiligt sind. Gemeinsam "
        "klären wir Ihre Situation, legen Ziele fest und planen Massnahmen. Sie entscheiden "
        "mit und können jederzeit aussteigen. Werden Sie nicht aufgenommen, zeigen wir Ihnen "
        "andere passende Angebote.",
        "checklist": {
            "intake": [
                "decision",
                "case_manager",
                "client_informed",
                "consent_data_collection",
                "commissioning_party_disclosed",
                "cooperation_agreed",
            ],
            "assessment": ["assessment_both_perspectives", "resources_and_problems"],
            "planning": ["goal_complete", "measure_with_owner", "plan_agreed"],
            "monitoring": ["review"],
            "evaluation": ["final_ratings", "outcome", "summary", "aftercare_decision", "satisfaction"],
        },
    },
]


def create_shipped(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    CaseType = apps.get_model("cases", "CaseType")
    for organisation in Organisation.objects.all():
        existing = set(CaseType.objects.filter(organisation=organisation).values_list("key", flat=True))
        for spec in SHIPPED:
            if spec["key"] not in existing:
                CaseType.objects.create(organisation=organisation, **spec)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0006_deputy_status_index"),
    ]

    # Reverse: nothing to undo (case types created later cannot be told apart from these).
    operations = [migrations.RunPython(create_shipped, migrations.RunPython.noop)]
