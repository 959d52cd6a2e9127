"""The Python widgets write exactly what Django's widget templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from hypothesis import given, settings
from hypothesis import strategies as st

from reintegra.core.forms_renderer import FAST, FormRenderer

TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12) | st.sampled_from(
    ["<script>\"&'", "Müller & Söhne", "", " ", "a\nb"]
)
ATTR_VALUE = st.one_of(TEXT, st.booleans(), st.none(), st.integers(-5, 5))
ATTRS = st.dictionaries(st.sampled_from(["class", "id", "required", "disabled", "placeholder", "data-x"]), ATTR_VALUE)
CHOICES = st.lists(st.tuples(TEXT, TEXT), max_size=5)


def _widgets():
    return st.one_of(
        st.builds(forms.TextInput, attrs=ATTRS),
        st.builds(forms.EmailInput, attrs=ATTRS),
        st.builds(forms.NumberInput, attrs=ATTRS),
        st.builds(forms.DateInput, attrs=ATTRS),
        st.builds(forms.PasswordInput, attrs=ATTRS, render_value=st.booleans()),
        st.builds(forms.HiddenInput, attrs=ATTRS),
        st.builds(forms.CheckboxInput, attrs=ATTRS),
        st.builds(forms.Textarea, attrs=ATTRS),
        st.builds(forms.Select, attrs=ATTRS, choices=CHOICES),
        st.builds(forms.SelectMultiple, attrs=ATTRS, choices=CHOICES),
        st.builds(
            forms.Select,
            attrs=ATTRS,
            choices=st.lists(st.tuples(TEXT, CHOICES), max_size=3),  # option groups
        ),
    )


@settings(max_examples=300)
@given(widget=_widgets(), value=st.one_of(TEXT, st.none(), st.booleans(), st.lists(TEXT, max_size=3)))
def test_fast_widgets_equal_the_templates(widget, value):
    name = "field"
    expected = widget.render(name, value, renderer=DjangoTemplates())
    assert widget.render(name, value, renderer=FormRenderer()) == expected


def test_the_fast_path_is_taken_and_other_templates_still_render(monkeypatch):
    calls = []
    monkeypatch.setattr(DjangoTemplates, "render", lambda self, name, *a, **k: calls.append(name) or "engine")
    renderer = FormRenderer()
    assert forms.Select(choices=[("a", "A")]).render("f", "a", renderer=renderer).startswith('<select name="f">')
    assert forms.TextInput().render("f", "x", renderer=renderer) == '<input type="text" name="f" value="x">'
    assert forms.RadioSelect(choices=[("a", "A")]).render("f", "a", renderer=renderer) == "engine"
    assert calls == ["django/forms/widgets/radio.html"]
    assert set(FAST) >= {"django/forms/widgets/select.html", "django/forms/widgets/text.html"}


@pytest.mark.django_db
def test_forms_use_the_fast_renderer():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)
