"""`url_for` (reintegra/core/reversing.py) answers exactly what `reverse()` answers."""

import uuid

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from reintegra.core.reversing import url_for

CASE, OTHER = uuid.uuid4(), uuid.uuid4()


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("core:home", [], {}),
        ("cases:list", [], {}),
        ("cases:detail", [CASE], {}),
        ("cases:participant_edit", [CASE, OTHER], {}),
        ("cases:phase_action", [CASE, "monitoring", "complete"], {}),
        ("cases:phase_action", [OTHER, "intake", "reopen"], {}),
        ("plans:plan", [], {"case_id": CASE}),
        ("inquiries:public", ["demo-ag"], {}),
    ],
)
def test_same_as_reverse(name: str, args: list, kwargs: dict) -> None:
    expected = reverse(name, args=args or None, kwargs=kwargs or None)
    assert url_for(name, *args, **kwargs) == expected
    assert url_for(name, *args, **kwargs) == expected  # the second call from the kept URL


def test_each_id_goes_to_its_place() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    assert url_for("cases:participant_edit", first, second) == reverse("cases:participant_edit", args=[first, second])
    assert url_for("cases:participant_edit", second, first) == reverse("cases:participant_edit", args=[second, first])


def test_script_prefix_is_respected() -> None:
    try:
        set_script_prefix("/reintegra/")
        assert url_for("cases:detail", CASE) == f"/reintegra/cases/{CASE}/"
    finally:
        set_script_prefix("/")
    assert url_for("cases:detail", CASE) == f"/cases/{CASE}/"


def test_unknown_name_raises_like_reverse() -> None:
    with pytest.raises(NoReverseMatch):
        url_for("cases:no_such_page", CASE)
    with pytest.raises(ValueError, match="not both"):
        url_for("cases:detail", CASE, case_id=CASE)


def test_template_tag() -> None:
    template = Template(
        "{% load links %}{% url_for 'cases:detail' case_id %}|{% url_for 'cases:list' as list_url %}{{ list_url }}"
    )
    assert template.render(Context({"case_id": CASE})) == f"/cases/{CASE}/|/cases/"
