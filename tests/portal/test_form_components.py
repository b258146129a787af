"""Forms that speak: each field's error is connected to its input, and a failed form starts
with an error summary that links to every field with a problem."""

import re

from django import forms
from django.template.loader import render_to_string


class SampleForm(forms.Form):
    email = forms.EmailField(label="Email", help_text="We write to this address.")
    kinds = forms.MultipleChoiceField(
        label="Kinds", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )


def render(form):
    fields = "".join(
        render_to_string("components/form_field.html", {"field": field}) for field in form
    )
    summary = render_to_string("components/error_summary.html", {"form": form})
    return summary + fields


def test_each_described_by_id_exists_in_the_page():
    form = SampleForm({"email": "not an email"})
    assert not form.is_valid()
    html = render(form)
    ids = set(re.findall(r'id="([^"]+)"', html))
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    assert described, "inputs with errors must be described"
    for value in described:
        for ref in value.split():
            assert ref in ids, f"aria-describedby points at a missing id: {ref}"
    assert 'id="id_email_error"' in html and 'aria-invalid="true"' in html


def test_the_summary_links_to_each_field_and_takes_the_focus():
    html = render(SampleForm({"email": "x"}))
    assert 'role="alert"' in html and 'tabindex="-1"' in html
    assert 'href="#id_email"' in html and 'href="#id_kinds"' in html
    assert "error-summary.js" in html


def test_no_summary_without_errors():
    assert render_to_string("components/error_summary.html", {"form": SampleForm()}).strip() == ""
