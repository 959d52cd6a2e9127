"""Who may do what: route name → {method: {role: expected}}.

Expected values: OK (2xx, a redirect that is not to the sign-in page, or 400 for the empty body
the test sends), LOGIN (302 to the sign-in page), or a status code (401, 403, 404, 409, 415).
Roles are those of world.ROLES; `unit_cm_on` (a same-unit case manager while the organisation
lets case managers see their unit's cases) is checked on the cases app's own routes only.

Rules this encodes (API.md "Who sees what", issue #6):
- case content: the owning case manager and the unit's team lead (and same-unit case managers
  where the organisation enables it); everyone else 404, the same answer as for a missing case —
  org admins and data protection included; anonymous: sign-in page (UI) or 401 (API);
- portal users reach the case only through the portal: the client their own plan, consents,
  self-ratings and access log; employer contacts with an active consent the disclosed parts
  (and the case's released representation in the API); every other path answers them 403
  before any lookup (the portal gate, applied to all entries at the end of this module);
- data protection: the access log, no case content; org admin: configuration, no case content;
- organisation-wide pages (introduction project, directory, questionnaires): staff of the
  organisation; changes by the roles named below; portal users 403;
- public token routes (survey, office-hour sign-up, portal invitation): anonymous allowed.
Known bugs are in bugs.py: those cells keep the correct value here and run as strict xfails.
"""

from __future__ import annotations

from tests.access_matrix.harness import LOGIN, OK

Cells = dict[str, object]

ROLES = (
    "owner", "unit_cm", "other_unit_cm", "other_org_cm", "team_lead", "org_admin",
    "employer", "employer_withdrawn", "client", "dpo", "anon",
)  # fmt: skip
SIGNED_IN = tuple(r for r in ROLES if r != "anon")
CASE_WORKERS = ("owner", "team_lead")
CASE_MANAGERS = ("owner", "unit_cm", "other_unit_cm", "other_org_cm", "team_lead")  # any organisation
ORG_STAFF = ("owner", "unit_cm", "other_unit_cm", "team_lead", "org_admin", "dpo")  # the case's organisation
STAFF = (*ORG_STAFF, "other_org_cm")
EDITORS = ("team_lead", "org_admin")  # introduction project and playbook
PORTAL = ("employer", "employer_withdrawn", "client")


def only(allowed: tuple[str, ...], others: object = 404, anon: object = LOGIN, **extra: object) -> Cells:
    """`allowed` get OK, every other signed-in role `others`, anonymous `anon`; `extra` overrides one role."""
    cells: Cells = {role: (OK if role in allowed else others) for role in SIGNED_IN}
    cells["anon"] = anon
    if "unit_cm_on" in allowed:
        cells["unit_cm_on"] = OK
    cells.update(extra)
    return cells


def api(allowed: tuple[str, ...], others: object = 404, **extra: object) -> Cells:
    return only(allowed, others, anon=401, **extra)


def public(**extra: object) -> Cells:
    return only(SIGNED_IN, anon=OK, **extra)


CASE_PAGE = only(CASE_WORKERS)
CASE_API = api(CASE_WORKERS)
# The cases app's own routes also check the organisation setting case_managers_see_unit.
CASE_PAGE_ON = only((*CASE_WORKERS, "unit_cm_on"))
CASE_API_ON = api((*CASE_WORKERS, "unit_cm_on"))

# Organisation-wide reading (introduction project, playbook): the organisation's staff; portal 403.
ORG_READ = only(STAFF, others=403)  # lists: another organisation's staff see their own
ORG_OBJECT_READ = only(ORG_STAFF, others=403, other_org_cm=404)  # one object of this organisation
ORG_EDIT = only(EDITORS, others=403)
ORG_OBJECT_EDIT = only(EDITORS, others=403, other_org_cm=404)
ORG_READ_API = api(STAFF, others=403)
ORG_OBJECT_READ_API = api(ORG_STAFF, others=403, other_org_cm=404)
ORG_EDIT_API = api(EDITORS, others=403)
ORG_OBJECT_EDIT_API = api(EDITORS, others=403, other_org_cm=404)
# The service directory (UI): case managers, team leads and org admins of any organisation, their own.
DIRECTORY = only((*CASE_MANAGERS, "org_admin"), others=403)
DIRECTORY_OBJECT = only(("owner", "unit_cm", "other_unit_cm", "team_lead", "org_admin"), others=403, other_org_cm=404)

# Anonymous inquiries: every case manager and team lead of the organisation (not bound to a unit).
INQUIRY_HANDLERS = ("owner", "unit_cm", "other_unit_cm", "team_lead")
INQUIRY_PAGE = only(INQUIRY_HANDLERS, others=403, other_org_cm=404)
INQUIRY_API = api(INQUIRY_HANDLERS, others=403, other_org_cm=404)

MATRIX: dict[str, dict[str, Cells]] = {
    # --- accounts, home -------------------------------------------------------------------
    "accounts:login": {"GET": public(), "POST": public(), "PUT": public()},  # signed in: redirected on
    "accounts:logout": {"POST": only((), others=LOGIN)},  # signs out: to the sign-in page
    "accounts:otp_verify": {"GET": only(SIGNED_IN), "POST": only(SIGNED_IN)},
    "accounts:otp_setup": {"GET": only(SIGNED_IN), "POST": only(SIGNED_IN)},
    "accounts:api_token": {"GET": only(SIGNED_IN), "POST": only(SIGNED_IN)},
    "accounts:password_change": {"GET": only(SIGNED_IN), "POST": only(SIGNED_IN)},
    "core:home": {"GET": only(SIGNED_IN)},
    "core:healthz": {"GET": public()},
    "api:auth-token": {"POST": public()},
    "api:me": {"GET": api(SIGNED_IN)},
    "api:auth-logout": {"POST": api(SIGNED_IN)},
    "api:auth-logout-all": {"POST": api(SIGNED_IN)},
    # --- access log ------------------------------------------------------------------------
    "audit:log": {"GET": only(("dpo",))},
    "audit:log_csv": {"GET": only(("dpo",))},
    "api:access-log-list": {"GET": api(("dpo",), others=403)},
    # --- retention, legal hold, erasure (issue #16): data protection only, others 403 at the door
    # (API) or 404 (pages, as the access log's). An empty body lacks the reason: 400, nothing erased.
    "retention:index": {"GET": only(("dpo",))},
    "retention:run": {"POST": only(("dpo",))},  # the world's case is open: nothing is due
    "retention:hold_set": {"POST": only(("dpo",))},
    "retention:hold_release": {"POST": only(("dpo",))},  # no hold: said on the page it redirects to
    "retention:erase": {"POST": only(("dpo",))},
    "api:retention-due": {"GET": api(("dpo",), others=403)},
    "api:retention-run": {"POST": api(("dpo",), others=403)},
    "api:retention-holds": {"GET": api(("dpo",), others=403)},
    "api:retention-erasures": {"GET": api(("dpo",), others=403)},
    "api:case-legal-hold": {"POST": api(("dpo",), others=403), "DELETE": api(("dpo",), others=403, dpo=409)},
    "api:case-erase": {"POST": api(("dpo",), others=403)},
    # --- cases -----------------------------------------------------------------------------
    "cases:list": {"GET": only((*SIGNED_IN, "unit_cm_on"))},  # each sees the cases visible to them (none for others)
    "cases:new": {
        "GET": only((*CASE_MANAGERS, "unit_cm_on"), others=403),
        "POST": only((*CASE_MANAGERS, "unit_cm_on"), others=403),
    },
    "cases:case_types": {"GET": only(("org_admin",)), "POST": only(("org_admin",))},
    "cases:case_type_new": {"GET": only(("org_admin",)), "POST": only(("org_admin",))},
    "cases:case_type_edit": {"GET": only(("org_admin",)), "POST": only(("org_admin",))},
    "cases:detail": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:edit": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    # Handing over and the deputy (issue #14): see api:case-reassign.
    # (the page: those who see the case; the organisation admin hands over through the API)
    "cases:reassign": {
        "GET": only(("team_lead",), owner=403, unit_cm_on=403),
        "POST": only(("team_lead",), owner=403, unit_cm_on=403),
    },
    "cases:reassign_many": {
        "GET": only(("team_lead", "org_admin"), others=403),
        "POST": only(("team_lead", "org_admin"), others=403),
    },
    "cases:deputy": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:intake": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:information_sheet": {"GET": CASE_PAGE_ON},
    "cases:participant_new": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    # The world's participant is named by a consent: case workers are refused with 409 (the record stays).
    "cases:participant_remove": {"POST": {**CASE_PAGE_ON, "owner": 409, "team_lead": 409, "unit_cm_on": 409}},
    "cases:incapacity_new": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:participant_edit": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:incapacity_edit": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:note_amend": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:phase_action": {"POST": CASE_PAGE_ON},
    "cases:evaluation": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:close": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:close_approve": {"POST": CASE_PAGE_ON},
    "cases:reopen": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "cases:note_new": {"GET": CASE_PAGE_ON, "POST": CASE_PAGE_ON},
    "api:case-type-list": {"GET": api(SIGNED_IN)},
    "api:case-type-detail": {"PATCH": api(("org_admin",), others=403)},  # the retention periods
    "api:case-list": {"GET": api((*SIGNED_IN, "unit_cm_on")), "POST": api((*CASE_MANAGERS, "unit_cm_on"), others=403)},
    # Employer contacts with an active consent get the disclosed view of the case (API.md).
    "api:case-detail": {"GET": api((*CASE_WORKERS, "unit_cm_on", "employer")), "PATCH": CASE_API_ON},
    "api:case-intake": {"GET": CASE_API_ON, "PUT": CASE_API_ON},
    # Handing over (issue #14): the unit's team lead and the organisation admin (who finds the case
    # by id without seeing its content); case managers who see the case 403.
    "api:case-reassign": {"POST": api(("team_lead", "org_admin"), owner=403, unit_cm_on=403)},
    "api:cases-reassign": {"POST": api(("team_lead", "org_admin"), others=403)},
    "api:phase-complete": {"POST": CASE_API_ON},
    "api:phase-reopen": {"POST": CASE_API_ON},
    "api:participant-list": {"GET": CASE_API_ON, "POST": CASE_API_ON},
    "api:participant-detail": {
        "GET": CASE_API_ON,
        "PATCH": CASE_API_ON,
        "DELETE": {**CASE_API_ON, "owner": 409, "team_lead": 409, "unit_cm_on": 409},
    },
    "api:incapacity-list": {"GET": CASE_API_ON, "POST": CASE_API_ON},
    "api:incapacity-detail": {"GET": CASE_API_ON, "PATCH": CASE_API_ON},
    "api:note-detail": {"GET": CASE_API_ON},
    "api:note-amend": {"POST": CASE_API_ON},
    "api:event-list": {"GET": CASE_API_ON},
    "api:note-list": {"GET": CASE_API_ON, "POST": CASE_API_ON},
    "api:case-evaluation": {"GET": CASE_API_ON, "PUT": CASE_API_ON},
    "api:case-close": {"POST": CASE_API_ON},
    # Only the team lead approves a closure (the owner: 403); nothing is waiting for approval: 409.
    "api:case-close-approve": {"POST": api((), owner=403, unit_cm_on=403, team_lead=409)},
    "api:case-reopen": {"POST": CASE_API_ON},
    # --- consents --------------------------------------------------------------------------
    "consents:new": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "consents:withdraw": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "consents:scan": {"GET": CASE_PAGE},
    "api:consent-list": {"GET": CASE_API, "POST": CASE_API},
    "api:consent-withdraw": {"POST": CASE_API},
    # The scan is a multipart upload: the JSON body gets 415 from those who may upload.
    "api:consent-scan": {"GET": CASE_API, "POST": api((), owner=415, team_lead=415)},
    # --- assessments -----------------------------------------------------------------------
    "assessments:list": {"GET": CASE_PAGE},
    "assessments:new": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "assessments:detail": {"GET": CASE_PAGE},
    "assessments:network": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "assessments:network_svg": {"GET": CASE_PAGE},
    "api:assessment-list": {"GET": CASE_API, "POST": CASE_API},
    "api:assessment-detail": {"GET": CASE_API},
    "api:network-map": {"GET": CASE_API, "PUT": CASE_API},
    "api:network-map-svg": {"GET": CASE_API},
    # --- plans, reviews --------------------------------------------------------------------
    "plans:plan": {"GET": CASE_PAGE},
    "plans:pdf": {"GET": CASE_PAGE},
    "plans:timeline": {"GET": CASE_PAGE},
    "plans:agree": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "plans:schedule": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "plans:goal_new": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "plans:goal_edit": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "plans:measure_new": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "plans:measure_edit": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "plans:versions": {"GET": CASE_PAGE},
    "plans:version_detail": {"GET": CASE_PAGE},
    "plans:compare": {"GET": CASE_PAGE},
    "plans:reviews": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "plans:reviews_chart": {"GET": CASE_PAGE},
    "api:goal-list": {"GET": CASE_API, "POST": CASE_API},
    "api:goal-detail": {"GET": CASE_API, "PATCH": CASE_API},
    "api:measure-list": {"GET": CASE_API, "POST": CASE_API},
    "api:measure-detail": {"GET": CASE_API, "PATCH": CASE_API},
    "api:plan": {"GET": CASE_API, "PUT": CASE_API},
    "api:plan-agree": {"POST": CASE_API},
    "api:plan-version-list": {"GET": CASE_API},
    "api:plan-version-detail": {"GET": CASE_API},
    "api:plan-compare": {"GET": CASE_API},
    "api:plan-change-list": {"GET": CASE_API},
    "api:plan-timeline": {"GET": CASE_API},
    "api:plan-pdf": {"GET": CASE_API},
    "api:review-list": {"GET": CASE_API, "POST": CASE_API},
    "api:review-detail": {"GET": CASE_API},
    "api:gas": {"GET": CASE_API},
    # --- questionnaires --------------------------------------------------------------------
    "questionnaires:list": {"GET": only(STAFF)},
    "questionnaires:new": {"GET": only(("org_admin",)), "POST": only(("org_admin",))},
    "questionnaires:detail": {"GET": only(STAFF)},
    # Aggregated answers of the organisation's clients: case managers and leads (and org admin), not data protection.
    "questionnaires:satisfaction_results": {"GET": only(STAFF)},  # a redirect to the aggregate page
    "questionnaires:aggregate": {"GET": only((*CASE_MANAGERS, "org_admin"), dpo=403)},
    "questionnaires:case_responses": {"GET": CASE_PAGE},
    "questionnaires:fill": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "questionnaires:response": {"GET": CASE_PAGE},
    "questionnaires:survey_invite": {"POST": CASE_PAGE},
    "questionnaires:survey_declined": {"POST": CASE_PAGE},
    "questionnaires:survey_done": {"GET": public()},
    "questionnaires:survey": {"GET": public(), "POST": public()},  # the one-time link: no sign-in
    "api:questionnaire-list": {"GET": api(STAFF, others=403), "POST": api(("org_admin",), others=403)},
    "api:questionnaire-detail": {"GET": api(STAFF, others=403)},
    "api:questionnaire-aggregate": {"GET": api((*CASE_MANAGERS, "org_admin"), others=403)},
    "api:questionnaire-response-list": {"GET": CASE_API, "POST": CASE_API},
    "api:survey-invitation-list": {"GET": CASE_API, "POST": CASE_API},
    # --- notifications (one's own) -----------------------------------------------------------
    "notifications:inbox": {"GET": only(SIGNED_IN)},
    "notifications:read_all": {"POST": only(SIGNED_IN)},
    "notifications:badge": {"GET": only(SIGNED_IN)},
    "notifications:read": {"POST": only(("owner",))},  # the owner's notification
    "notifications:open": {"POST": only(("owner",))},
    "api:notification-list": {"GET": api(SIGNED_IN)},
    "api:notification-read-all": {"POST": api(SIGNED_IN)},
    "api:notification-unread-count": {"GET": api(SIGNED_IN)},
    "api:notification-read": {"POST": api(("owner",))},
    # --- service directory, referrals ------------------------------------------------------
    "network:provider_list": {"GET": DIRECTORY},
    "network:provider_create": {"GET": DIRECTORY, "POST": DIRECTORY},
    "network:provider_detail": {"GET": DIRECTORY_OBJECT},
    "network:provider_edit": {"GET": DIRECTORY_OBJECT, "POST": DIRECTORY_OBJECT},
    "network:offer_create": {"GET": DIRECTORY_OBJECT, "POST": DIRECTORY_OBJECT},
    "network:offer_edit": {"GET": DIRECTORY_OBJECT, "POST": DIRECTORY_OBJECT},
    "network:offer_delete": {"GET": DIRECTORY_OBJECT, "POST": DIRECTORY_OBJECT},
    "network:case_referrals": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "network:referral_step": {"POST": CASE_PAGE},
    "network:referral_letter": {"GET": CASE_PAGE},
    "network:referral_cancel": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    # The API lists the directory to every signed-in person of the organisation (portal users see an empty list).
    "api:provider-list": {"GET": api(SIGNED_IN), "POST": api((*CASE_MANAGERS, "org_admin"), others=403)},
    "api:provider-detail": {
        "GET": api(("owner", "unit_cm", "other_unit_cm", "team_lead", "org_admin")),
        "PATCH": api(("owner", "unit_cm", "other_unit_cm", "team_lead", "org_admin")),
    },
    "api:provider-offer-list": {"POST": api(("owner", "unit_cm", "other_unit_cm", "team_lead", "org_admin"))},
    "api:provider-offer-detail": {
        "GET": api(("owner", "unit_cm", "other_unit_cm", "team_lead", "org_admin")),
        "PATCH": api(("owner", "unit_cm", "other_unit_cm", "team_lead", "org_admin")),
        "DELETE": api(("owner", "unit_cm", "other_unit_cm", "team_lead", "org_admin")),
    },
    "api:case-referral-list": {"GET": CASE_API, "POST": CASE_API},
    "api:case-referral-detail": {"GET": CASE_API},
    "api:case-referral-transition": {"POST": CASE_API},
    "api:case-referral-letter": {"GET": CASE_API},
    # --- introduction of case management (organisation-wide) --------------------------------
    "introduce:index": {"GET": ORG_READ},
    "introduce:project_new": {"GET": ORG_EDIT, "POST": ORG_EDIT},
    "introduce:project": {"GET": ORG_OBJECT_READ},
    "introduce:project_edit": {"GET": ORG_OBJECT_EDIT, "POST": ORG_OBJECT_EDIT},
    "introduce:soar": {"GET": ORG_OBJECT_READ},
    "introduce:soar_csv": {"GET": ORG_OBJECT_READ},
    "introduce:soar_pdf": {"GET": ORG_OBJECT_READ},
    "introduce:soar_vote": {"POST": ORG_OBJECT_READ},  # every staff member votes
    "introduce:resources": {"GET": ORG_OBJECT_READ},
    "introduce:inquiry": {"GET": ORG_OBJECT_READ},
    "introduce:interview": {"GET": ORG_OBJECT_READ},
    "introduce:playbook": {"GET": ORG_READ},
    "introduce:playbook_pdf": {"GET": ORG_READ},
    "introduce:template": {"GET": ORG_OBJECT_READ},
    "introduce:template_preview": {"GET": ORG_OBJECT_READ},
    "introduce:case_documents": {"GET": CASE_PAGE},
    "introduce:case_document": {"GET": CASE_PAGE},
    "introduce:knowledge": {"GET": ORG_READ},
    "introduce:knowledge_page": {"GET": ORG_OBJECT_READ},
    "introduce:office_hours": {"GET": ORG_READ},
    "introduce:session": {"GET": ORG_OBJECT_READ},
    "introduce:public_sessions": {"GET": public()},
    "introduce:public_session": {"GET": public(), "POST": public()},
    "introduce:public_signed_up": {"GET": public()},
    "introduce:office_hours_cancel": {"GET": public(), "POST": public()},
    "introduce:office_hours_confirm": {"GET": public(), "POST": public()},
    "introduce:soar-items_new": {"GET": ORG_OBJECT_READ, "POST": ORG_OBJECT_READ},  # every staff member adds items
    "api:introduce-projects": {"GET": ORG_READ_API, "POST": ORG_EDIT_API},
    "api:introduce-project": {"GET": ORG_OBJECT_READ_API, "PATCH": ORG_OBJECT_EDIT_API},
    "api:introduce-soar-items": {"GET": ORG_OBJECT_READ_API, "POST": ORG_OBJECT_READ_API},
    "api:introduce-soar-csv": {"GET": ORG_OBJECT_READ_API},
    "api:introduce-soar-pdf": {"GET": ORG_OBJECT_READ_API},
    "api:introduce-soar-vote": {"POST": ORG_OBJECT_READ_API},
    "api:introduce-template-preview": {"GET": ORG_OBJECT_READ_API},
    "api:introduce-placeholders": {"GET": ORG_READ_API},
    "api:introduce-playbook-pdf": {"GET": ORG_READ_API},
    "api:introduce-signups": {"GET": ORG_OBJECT_EDIT_API},  # names and e-mail addresses: editors only
    "api:introduce-sign-up": {"POST": public()},
    "api:introduce-cancel": {"POST": public()},
    "api:introduce-confirm": {"POST": public()},
    # --- monitoring ------------------------------------------------------------------------
    "monitoring:index": {"GET": only(CASE_MANAGERS, others=403)},
    "monitoring:summary": {"GET": only(CASE_MANAGERS, others=403)},
    "monitoring:case": {"GET": only(CASE_WORKERS, others=403, unit_cm=404, other_unit_cm=404, other_org_cm=404)},
    "api:monitoring-list": {"GET": api(CASE_MANAGERS, others=403)},
    # The team's caseload (issue #14): team leads (their units) and organisation admins; counts only.
    "api:caseload": {"GET": api(("team_lead", "org_admin"), others=403)},
    # The calendar feed (issue #14): every member of staff has one; the feed itself is public by
    # its secret address (the world asks with an unknown one: 404 for everyone).
    "monitoring:calendar": {"GET": only(STAFF, others=403), "POST": only(STAFF, others=403)},
    "monitoring:calendar_feed": {"GET": only((), others=404, anon=404)},
    "api:calendar": {"GET": api(STAFF, others=403)},
    "api:calendar-renew": {"POST": api(STAFF, others=403)},
    "api:case-monitoring": {
        "GET": api((*CASE_WORKERS, "unit_cm_on"), others=403, unit_cm=404, other_unit_cm=404, other_org_cm=404)
    },
    # --- portals -----------------------------------------------------------------------------
    "portal:home": {"GET": only(PORTAL, others=403)},  # employer contacts are sent on to their page
    "portal:withdraw": {"GET": only(("client",), others=403), "POST": only(("client",), others=403)},
    "portal:ratings": {"GET": only(("client",), others=403)},
    "portal:plan_pdf": {"GET": only(("client",), others=403)},
    "portal:survey": {"GET": only(("client",), others=403), "POST": only(("client",), others=403)},
    "portal:rating_save": {"POST": only(("client",), others=403)},
    "portal:employer": {"GET": only(("employer", "employer_withdrawn"), others=403)},  # the list: empty once withdrawn
    "portal:employer_case": {"GET": only(("employer",), others=403, employer_withdrawn=404)},
    "portal:employer_plan_pdf": {"GET": only(("employer",), others=403, employer_withdrawn=404)},
    "portal:measure_done": {
        "GET": only(("employer",), others=403, employer_withdrawn=404),
        "POST": only(("employer",), others=403, employer_withdrawn=404),
    },
    "portal:invite": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    # Inviting a participant / linking their portal account (issue #14): the case's workers.
    "portal:participant_invite": {"GET": CASE_PAGE, "POST": CASE_PAGE},
    "api:participant-invite": {"POST": CASE_API_ON},
    "api:participant-account": {"POST": CASE_API_ON},
    "portal:accept": {"GET": public(), "POST": public()},  # the one-time invitation link
    "api:portal-me": {"GET": api(("client",), others=403)},
    "api:portal-consents": {"GET": api(("client",), others=403)},
    "api:portal-consent-withdraw": {"POST": api(("client",), others=403)},
    "api:portal-access-log": {"GET": api(("client",), others=403)},
    "api:portal-items": {"GET": api(("client",), others=403)},
    "api:portal-item": {"GET": api(("client",), others=403), "PATCH": api(("client",), others=403)},
    "api:portal-measures": {"GET": api(("employer", "employer_withdrawn"), others=403)},
    "api:portal-measure-done": {"POST": api(("employer",), others=403, employer_withdrawn=404)},
    # --- anonymous first contact (issue #18) ---------------------------------------------------
    # Public: anyone, signed in or not. The thread needs code + passphrase, which an empty request
    # lacks: 404 for everyone (the same answer as a wrong passphrase).
    "inquiries:public": {"GET": public(), "POST": public()},
    "inquiries:public_thread": {"GET": public(), "POST": only((), others=404, anon=404)},
    "api:public-inquiry-create": {"POST": public()},
    "api:public-inquiry": {"GET": only((), others=404, anon=404)},
    "api:public-inquiry-messages": {"POST": only((), others=404, anon=404)},
    "api:public-inquiry-identify": {"POST": only((), others=404, anon=404)},
    # Staff: the organisation's case managers and team leads; another organisation's 404 (its own
    # list is empty); org admin and data protection 403. Only case managers open a case.
    "inquiries:inbox": {"GET": only(CASE_MANAGERS, others=403)},
    "inquiries:detail": {"GET": INQUIRY_PAGE},
    "inquiries:reply": {"POST": INQUIRY_PAGE},
    "inquiries:note": {"POST": INQUIRY_PAGE},
    "inquiries:open_case": {"POST": only(("owner", "unit_cm", "other_unit_cm"), others=403, other_org_cm=404)},
    "api:inquiry-list": {"GET": api(CASE_MANAGERS, others=403)},
    "api:inquiry-detail": {"GET": INQUIRY_API, "PATCH": INQUIRY_API},
    "api:inquiry-reply": {"POST": INQUIRY_API},
    "api:inquiry-open-case": {"POST": api(("owner", "unit_cm", "other_unit_cm"), others=403, other_org_cm=404)},
    # --- the person's own record and FHIR (issue #16) ------------------------------------------
    # The record export: the client's case manager and data protection; a team lead who sees the
    # case is refused (403), everyone else does not find the client (404); portal users meet the gate.
    "records:client_export": {"GET": only(("owner", "dpo"), team_lead=403)},
    "records:search": {"GET": only(("dpo",), others=403)},  # data protection finds the person by name
    "api:client-export": {"GET": api(("owner", "dpo"), team_lead=403)},
    "api:case-fhir": {"GET": CASE_API},
}

# The introduction project's parts and the playbook: read by the organisation's staff, changed by editors.
for _part in ("stakeholders", "resources", "questions", "interviews", "statements", "actions"):
    MATRIX[f"introduce:{_part}_new"] = {"GET": ORG_EDIT, "POST": ORG_EDIT}
for _part in ("raci", "rules", "templates", "knowledge", "office-hours"):
    MATRIX[f"introduce:{_part}_new"] = {"GET": ORG_EDIT, "POST": ORG_EDIT}
for _part in (
    "stakeholders", "resources", "soar-items", "questions", "interviews", "statements", "actions",
    "raci", "rules", "templates", "knowledge", "office-hours",
):  # fmt: skip
    MATRIX[f"introduce:{_part}_edit"] = {"GET": ORG_OBJECT_EDIT, "POST": ORG_OBJECT_EDIT}
    if _part == "interviews":  # asks for the role first: 403 without looking the interview up (no existence leak)
        MATRIX[f"introduce:{_part}_edit"] = {"GET": ORG_EDIT, "POST": ORG_EDIT}
    MATRIX[f"introduce:{_part}_delete"] = {"GET": ORG_OBJECT_EDIT, "POST": ORG_OBJECT_EDIT}
for _list, _item in (
    ("stakeholders", "stakeholder"), ("resources", "resource"), ("questions", "question"),
    ("interviews", "interview"), ("statements", "statement"), ("actions", "action"),
):  # fmt: skip
    MATRIX[f"api:introduce-{_list}"] = {"GET": ORG_OBJECT_READ_API, "POST": ORG_OBJECT_EDIT_API}
    MATRIX[f"api:introduce-{_item}"] = {
        "GET": ORG_OBJECT_READ_API,
        "PATCH": ORG_OBJECT_EDIT_API,
        "DELETE": ORG_OBJECT_EDIT_API,
    }
MATRIX["api:introduce-soar-item"] = {
    "GET": ORG_OBJECT_READ_API,
    "PATCH": ORG_OBJECT_EDIT_API,
    "DELETE": ORG_OBJECT_EDIT_API,
}
for _list, _item in (
    ("raci-rows", "raci-row"), ("rules", "rule"), ("templates", "template"),
    ("knowledge-pages", "knowledge-page"), ("office-hours", "session"),
):  # fmt: skip
    MATRIX[f"api:introduce-{'sessions' if _list == 'office-hours' else _list}"] = {
        "GET": ORG_READ_API,
        "POST": ORG_EDIT_API,
    }
    MATRIX[f"api:introduce-{_item}"] = {
        "GET": ORG_OBJECT_READ_API,
        "PATCH": ORG_OBJECT_EDIT_API,
        "DELETE": ORG_OBJECT_EDIT_API,
    }

# Screening (issue #17): HR data of the organisation for its case managers, team leads and admins;
# invitations and answers by case managers and team leads; the works council's list by team leads.
# Another organisation's case manager sees their own (empty) lists and 404 for these objects.
SCREENERS = ("owner", "unit_cm", "other_unit_cm", "team_lead", "org_admin")
INVITERS = ("owner", "unit_cm", "other_unit_cm", "team_lead")
SCREEN_LIST = only((*SCREENERS, "other_org_cm"), others=403)
SCREEN_OBJECT = only(SCREENERS, others=403, other_org_cm=404)
SCREEN_ACT = only(INVITERS, others=403, other_org_cm=404)
MATRIX.update(
    {
        "screening:list": {"GET": SCREEN_LIST},
        "screening:refresh": {"POST": SCREEN_LIST},
        "screening:employee": {"GET": SCREEN_OBJECT},
        "screening:invite": {"POST": SCREEN_ACT},
        "screening:invitations": {"GET": SCREEN_LIST},
        "screening:invitation": {"GET": SCREEN_OBJECT},
        "screening:respond": {"POST": SCREEN_ACT},
        "screening:letter": {"GET": SCREEN_OBJECT},
        "screening:import": {"GET": SCREEN_LIST, "POST": SCREEN_LIST},
        "screening:import_job": {"GET": SCREEN_OBJECT},
        "screening:import_start": {"POST": SCREEN_OBJECT},
        "screening:import_progress": {"GET": SCREEN_OBJECT},
        "screening:mappings": {"GET": SCREEN_LIST, "POST": SCREEN_LIST},
        # The rules' settings are the organisation's configuration: its admins (empty POST: 400).
        "screening:rules": {"GET": only(("org_admin",), others=403)},
        "screening:rule_new": {"GET": only(("org_admin",), others=403), "POST": only(("org_admin",), others=403)},
        "screening:rule_edit": {"GET": only(("org_admin",), others=403), "POST": only(("org_admin",), others=403)},
        "screening:works_council_csv": {"GET": only(("team_lead",), others=403)},
        "screening:works_council_pdf": {"GET": only(("team_lead",), others=403)},
        "api:absences-import": {"POST": api((*SCREENERS, "other_org_cm"), others=403)},
        "api:screening-list": {"GET": api((*SCREENERS, "other_org_cm"), others=403)},
        "api:screening-invitations": {"POST": api((*INVITERS, "other_org_cm"), others=403)},
        "api:screening-invitation-letter": {"GET": api(SCREENERS, others=403, other_org_cm=404)},
        "api:screening-invitation-respond": {"POST": api(INVITERS, others=403, other_org_cm=404)},
    }
)

# Staff administration (issue #14): organisation admins change, team leads read; another organisation's
# case manager is refused at the door (403) like every other role. Password reset and the invitation
# link are public.
STAFF_READERS = ("team_lead", "org_admin")
STAFF_READ = only(STAFF_READERS, others=403)
STAFF_EDIT = only(("org_admin",), others=403)
STAFF_READ_API = api(STAFF_READERS, others=403)
STAFF_EDIT_API = api(("org_admin",), others=403)
MATRIX.update(
    {
        "accounts:password_reset": {"GET": public(), "POST": public()},
        "accounts:password_reset_sent": {"GET": public()},
        "accounts:password_reset_complete": {"GET": public()},
        "accounts:password_reset_confirm": {"GET": public(), "POST": public()},
        "staff:list": {"GET": STAFF_READ},
        "staff:invite": {"GET": STAFF_EDIT, "POST": STAFF_EDIT},
        "staff:detail": {"GET": STAFF_READ, "POST": STAFF_EDIT},
        "staff:deactivate": {"GET": STAFF_EDIT, "POST": STAFF_EDIT},
        "staff:action": {"POST": STAFF_EDIT},
        "staff:unit_new": {"POST": STAFF_EDIT},
        "staff:unit": {"GET": STAFF_EDIT, "POST": STAFF_EDIT},
        "staff:invitation": {"GET": public(), "POST": public()},
        "staff:organisation": {"GET": STAFF_EDIT, "POST": STAFF_EDIT},
        "api:org-settings": {"GET": STAFF_EDIT_API, "PATCH": STAFF_EDIT_API},
        "api:org-users": {"GET": STAFF_READ_API, "POST": STAFF_EDIT_API},
        "api:org-user": {"GET": STAFF_READ_API, "PATCH": STAFF_EDIT_API},
        "api:org-user-deactivate": {"POST": STAFF_EDIT_API},
        "api:org-user-invite": {"POST": STAFF_EDIT_API},
        "api:org-user-second-factor-reset": {"POST": STAFF_EDIT_API},
        "api:org-user-unlock": {"POST": STAFF_EDIT_API},
        "api:org-user-password-reset": {"POST": STAFF_EDIT_API},
        "api:org-units": {"GET": STAFF_READ_API, "POST": STAFF_EDIT_API},
        "api:org-unit": {"GET": STAFF_READ_API, "PATCH": STAFF_EDIT_API},
        "api:org-unit-close": {"POST": STAFF_EDIT_API},
    }
)

# Insights (issue #19): team leads (their units) and organisation admins (all units); 403 for everyone else.
INSIGHTS_READERS = ("team_lead", "org_admin")
MATRIX.update(
    {
        "insights:index": {"GET": only(INSIGHTS_READERS, others=403)},
        "insights:export_csv": {"GET": only(INSIGHTS_READERS, others=403)},
        "insights:export_xlsx": {"GET": only(INSIGHTS_READERS, others=403)},
        "insights:export_pdf": {"GET": only(INSIGHTS_READERS, others=403)},
        "api:insights": {"GET": api(INSIGHTS_READERS, others=403)},
    }
)

# GET routes under a case that are not a read of case content by the person asking (no read entry expected).
NO_READ_LOG: set[str] = set()

# --- The portal gate: portal users (clients, employer contacts) reach only these paths; every other
# page or API answers them 403 before any lookup (and logs the refusal). Public pages stay public:
# what anonymous visitors may open, a signed-in portal user may open too.
PORTAL_PATHS = (
    "portal/", "accounts/login/", "accounts/logout/", "health/", "questionnaires/s/",
    "api/v1/portal/", "api/v1/cases/", "api/v1/me/", "api/v1/auth/",
    "k/", "api/v1/public/",  # anonymous first contact: open to anyone
)  # fmt: skip


def _apply_portal_gate() -> None:
    from tests.access_matrix.routes import all_routes

    patterns = {route.name: route.pattern for route in all_routes()}
    for name, methods in MATRIX.items():
        for method in methods:
            methods[method] = dict(methods[method])  # shared constants (CASE_PAGE, …): edit a copy
        pattern = patterns.get(name)
        if pattern is None or pattern == "" or pattern.startswith(PORTAL_PATHS):
            continue  # "" is the start page: portal users are sent on to their portal
        for cells in methods.values():
            for role in PORTAL:
                if not (cells[role] == OK and cells["anon"] == OK):  # a public page stays open
                    cells[role] = 403


_apply_portal_gate()
