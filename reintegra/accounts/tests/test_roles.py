import pytest
from django.core.exceptions import ValidationError

from reintegra.accounts.models import Membership, Role
from reintegra.accounts.selectors import user_has_role, user_is_portal_only, user_is_staff_member, user_roles
from reintegra.accounts.services import membership_grant, user_create
from reintegra.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_grant_is_idempotent_and_roles_are_listed_in_declared_order():
    unit = UnitFactory()
    user = UserFactory(organisation=unit.organisation)
    membership_grant(user=user, role=Role.TEAM_LEAD, unit=unit)
    membership_grant(user=user, role=Role.CASE_MANAGER, unit=unit)
    membership_grant(user=user, role=Role.CASE_MANAGER, unit=unit)
    assert Membership.objects.filter(user=user).count() == 2
    assert user_roles(user) == ["case_manager", "team_lead"]
    assert user_has_role(user, Role.TEAM_LEAD)
    assert user_is_staff_member(user)
    assert not user_is_portal_only(user)


def test_portal_roles_are_not_staff():
    user = UserFactory()
    membership_grant(user=user, role=Role.EMPLOYER_CONTACT)
    assert user_is_portal_only(user)
    assert not user_is_staff_member(user)


def test_unit_of_another_organisation_is_refused_and_nothing_stored():
    user = UserFactory(organisation=OrganisationFactory(name="A"))
    foreign_unit = UnitFactory(organisation=OrganisationFactory(name="B"))
    with pytest.raises(ValidationError) as excinfo:
        membership_grant(user=user, role=Role.CASE_MANAGER, unit=foreign_unit)
    assert "unit" in excinfo.value.message_dict
    assert not Membership.objects.filter(user=user).exists()


def test_unknown_role_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        membership_grant(user=UserFactory(), role="wizard")
    assert "role" in excinfo.value.message_dict


def test_user_create_validates_password():
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError):
        user_create(organisation=organisation, username="weak", password="123")
    user = user_create(organisation=organisation, username="strong", password="a-long-enough-passphrase")
    assert user.check_password("a-long-enough-passphrase")
