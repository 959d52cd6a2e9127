import pytest
from django.contrib.auth.models import AnonymousUser

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UserFactory, member
from reintegra.audit.models import AccessLogEntry
from reintegra.audit.services import access_log_write
from reintegra.cases.selectors import case_get
from reintegra.cases.services.case import case_create, case_types_ensure_shipped
from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)


@pytest.fixture
def other_org():
    organisation = OrganisationFactory(name="Charlie GmbH")
    case_types_ensure_shipped(organisation=organisation)
    return organisation


@pytest.fixture
def charlie(other_org):
    """A case manager of another organisation."""
    return member(UserFactory(username="charlie", organisation=other_org), Role.CASE_MANAGER)


@pytest.fixture
def olga(other_org):
    """The data protection officer of the other organisation."""
    return member(UserFactory(username="olga", organisation=other_org), Role.DATA_PROTECTION)


def open_case(actor, *, last_name="Müller", case_type="bem"):
    """A real case through the service; its change entry is written when the transaction commits."""
    case_type = actor.organisation.case_types.get(key=case_type)
    return case_create(actor=actor, case_type=case_type, client={"first_name": "Jürg", "last_name": last_name})


@pytest.fixture
def case(alice, django_capture_on_commit_callbacks):
    """Alice's case, opened (a `change` entry) and read by her (a `read` entry)."""
    with django_capture_on_commit_callbacks(execute=True):
        created = open_case(alice)
    case_get(user=alice, case_id=created.pk)
    return created


@pytest.fixture
def other_case(charlie, django_capture_on_commit_callbacks):
    """Charlie's case in the other organisation, opened and read by him."""
    with django_capture_on_commit_callbacks(execute=True):
        created = open_case(charlie, last_name="Keller", case_type="iv-early")
    case_get(user=charlie, case_id=created.pk)
    return created


def entry_at(at, *, user=None, organisation_id="", action="read", object_type="case", case_id="", **fields):
    """An entry with a chosen time (the writer always stamps `now`); adding is all the model allows."""
    entry = AccessLogEntry(
        at=at,
        user_id=str(user.pk) if user else "",
        username=user.username if user else "",
        organisation_id=str(user.organisation_id) if user else organisation_id,
        action=action,
        object_type=object_type,
        case_id=str(case_id or ""),
        **fields,
    )
    entry.save()
    return entry


def anonymous_read(case, object_type="questionnaire_response"):
    """An access without a signed-in person (e.g. a questionnaire link): no organisation on the entry."""
    access_log_write(user=AnonymousUser(), action="read", object_type=object_type, case_id=case.pk)
