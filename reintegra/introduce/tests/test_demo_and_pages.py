"""The demo data loads idempotently and every page of the app renders for it."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.introduce import demo
from reintegra.introduce.models import (
    CommunicationRule,
    DocumentTemplate,
    ImplementationProject,
    KnowledgePage,
    OfficeHourSession,
    RaciRow,
    SoarItem,
    SoarVote,
    TemplateKind,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ImplementationProject,
    RaciRow,
    CommunicationRule,
    DocumentTemplate,
    SoarItem,
    SoarVote,
    OfficeHourSession,
    KnowledgePage,
]


def counts():
    return [model.objects.count() for model in MODELS]


@pytest.fixture
def demo_loaded():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_is_idempotent_and_complete(demo_loaded):
    first = counts()
    assert demo.load()[0].startswith("introduce: Demo AG")
    assert counts() == first
    project = ImplementationProject.objects.get(organisation__name="Demo AG")
    assert project.stakeholders.count() >= 5
    assert 2 <= CommunicationRule.objects.count() <= 5
    assert OfficeHourSession.objects.count() == 2
    invitation = DocumentTemplate.objects.get(kind=TemplateKind.BEM_INVITATION)
    assert invitation.aims and invitation.data_collected and invitation.language == "de"
    assert DocumentTemplate.objects.filter(kind=TemplateKind.CLIENT_INFORMATION).exists()
    for obj in DocumentTemplate.objects.all():
        obj.full_clean()


def test_demo_moves_past_office_hours_into_the_future(demo_loaded):
    from datetime import timedelta

    from django.utils import timezone

    OfficeHourSession.objects.update(starts_at=timezone.now() - timedelta(days=40))
    demo.load()
    assert not OfficeHourSession.objects.filter(starts_at__lte=timezone.now()).exists()


def test_every_page_renders_for_the_demo_admin(client, demo_loaded):
    admin = User.objects.get(username="admin")
    client.force_login(admin)
    project = ImplementationProject.objects.get(organisation=admin.organisation)
    session = OfficeHourSession.objects.filter(organisation=admin.organisation).first()
    template = DocumentTemplate.objects.filter(organisation=admin.organisation).first()
    page = KnowledgePage.objects.get(organisation=admin.organisation)
    interview = project.interviews.first()
    urls = [
        reverse("introduce:index"),
        reverse("introduce:project_new"),
        reverse("introduce:project", args=[project.pk]),
        reverse("introduce:project_edit", args=[project.pk]),
        reverse("introduce:soar", args=[project.pk]),
        reverse("introduce:resources", args=[project.pk]),
        reverse("introduce:inquiry", args=[project.pk]),
        reverse("introduce:interview", args=[interview.pk]),
        reverse("introduce:playbook"),
        reverse("introduce:template", args=[template.pk]),
        reverse("introduce:knowledge"),
        reverse("introduce:knowledge_page", args=[page.pk]),
        reverse("introduce:office_hours"),
        reverse("introduce:session", args=[session.pk]),
        reverse("introduce:public_session", args=[session.pk]),
        reverse("introduce:public_sessions", args=[admin.organisation_id]),
    ]
    from reintegra.introduce.views.crud import ENTITIES

    for key, entity in ENTITIES.items():
        urls.append(reverse(f"introduce:{key}_new", args=[project.pk] if entity.under_project else []))
        obj = entity.model.objects.filter(
            **({"project": project} if entity.under_project else {"organisation": admin.organisation})
        ).first()
        urls.append(reverse(f"introduce:{key}_edit", args=[obj.pk]))
        urls.append(reverse(f"introduce:{key}_delete", args=[obj.pk]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    for url, kind in [
        (reverse("introduce:playbook_pdf"), "application/pdf"),
        (reverse("introduce:template_preview", args=[template.pk]), "application/pdf"),
        (reverse("introduce:soar_pdf", args=[project.pk]), "application/pdf"),
        (reverse("introduce:soar_csv", args=[project.pk]), "text/csv; charset=utf-8"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == kind
