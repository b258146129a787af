"""One cleaning step, one honeypot and one minimum fill time for every public form."""

import time

import pytest
from django import forms
from django.core import signing
from django.http import QueryDict

from portal.forms import FORM_STARTED_SALT, PublicFormMixin, clean_text


class ContactForm(PublicFormMixin, forms.Form):
    name = forms.CharField(max_length=50)
    message = forms.CharField(widget=forms.Textarea)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Town\rX", "Town X"),
        ("Eve\r\nBcc: x@y", "Eve  Bcc: x@y"),
        ("Ky\u200biv", "Kyiv"),  # zero-width space
        ("\u202eexe.jpg", "exe.jpg"),  # right-to-left override
        ("Dol\x00yna\x07", "Dolyna"),
        ("a\u2028b", "a b"),
        ("Šiaulių rajonas", "Šiaulių rajonas"),
        ("Чернівці", "Чернівці"),
    ],
)
def test_clean_text_single_line(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_keeps_line_breaks_in_long_text():
    assert clean_text("one\r\ntwo\rthree\u200b", multiline=True) == "one\ntwo\nthree"


def test_posted_values_are_cleaned_before_validation():
    data = QueryDict(mutable=True)
    data.update({"name": "Eve\rBcc: x@y\u202e", "message": "Hello\r\nthere\x00"})
    form = ContactForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "Eve Bcc: x@y",
        "message": "Hello\nthere",
        "website_url": "",
        "form_started": "",
    }
    assert not form.is_spam()


def test_the_honeypot_marks_spam():
    assert ContactForm({"name": "x", "message": "y", "website_url": "http://spam"}).is_spam()


def test_a_form_sent_too_fast_is_asked_again_and_a_forged_one_is_spam(settings):
    """A browser that fills the form for its user can send it within a second: the person is
    asked to send it again (never told it worked when nothing was stored); a missing or
    forged time stamp is a robot's."""
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 3
    shown = ContactForm()
    token = shown.initial["form_started"]
    fast = ContactForm({"name": "x", "message": "y", "form_started": token})
    assert not fast.is_spam() and not fast.is_valid()
    assert "send it again" in " ".join(fast.non_field_errors())
    assert ContactForm({"name": "x", "message": "y"}).is_spam()  # no time stamp at all
    assert ContactForm({"name": "x", "message": "y", "form_started": "forged"}).is_spam()
    earlier = signing.dumps(time.time() - 10, salt=FORM_STARTED_SALT)
    later = ContactForm({"name": "x", "message": "y", "form_started": earlier})
    assert not later.is_spam() and later.is_valid()


def test_the_guard_fields_render_hidden(settings):
    from django.template.loader import render_to_string

    html = render_to_string("components/form_guard.html", {"form": ContactForm()})
    assert 'aria-hidden="true"' in html and 'name="website_url"' in html
    assert 'type="hidden" name="form_started"' in html
