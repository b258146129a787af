"""What every public form shares: one cleaning step for posted text, a honeypot and a minimum
fill time against form-filling robots.

Put ``PublicFormMixin`` first in the bases of each public form (registration, contact relay,
confirmation, application steps, …) and render ``components/form_guard.html`` inside its
``<form>``. Views ask ``form.is_spam()`` and then answer as if the post had worked, storing
nothing, so a robot learns nothing."""

import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

# Characters that must never reach a stored name, a header or a search: bidi embeddings,
# overrides and isolates (they can make "gpj.exe" look like "exe.jpg"), zero-width characters,
# the byte-order mark and the soft hyphen. Other control characters (category Cc) go too.
INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad"
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c",
    )
)
LINE_BREAKS = "\r\n\u2028\u2029\x85\x0b\x0c"


def clean_text(value, *, multiline=False):
    """``value`` without NUL, control, bidi-control and zero-width characters. Line breaks
    become spaces unless ``multiline`` (then every kind of break becomes ``\\n``); tabs become
    spaces. Anything that is not a string is returned as it is."""
    if not isinstance(value, str):
        return value
    value = value.translate(INVISIBLE)
    if multiline:
        value = value.replace("\r\n", "\n")
        value = "".join("\n" if ch in LINE_BREAKS else ch for ch in value)
    else:
        value = "".join(" " if ch in LINE_BREAKS else ch for ch in value)
    value = value.replace("\t", " ")
    return "".join(ch for ch in value if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))


def clean_header(value):
    """A value fit for an email header: one line, no control characters, trimmed."""
    return " ".join(clean_text(str(value)).split())


FORM_STARTED_SALT = "portal.forms.started"


class PublicFormMixin(forms.Form):
    """Honeypot, minimum fill time and text cleaning for a public form.

    ``website_url`` is hidden from people (CSS, ``aria-hidden``, no tab stop) but robots fill
    it; ``form_started`` carries a signed time stamp set when the form was shown. A post is spam
    (answered as if it worked, stored nowhere) when the honeypot is filled, or, with
    ``PUBLIC_FORM_MIN_FILL_SECONDS`` above zero, when the time stamp is missing or forged. A
    post sent sooner than that after the page was shown may be a person whose browser filled
    the form: it is not told it worked, but asked to check the form and send it again (a
    form error; by then its time stamp is old enough)."""

    website_url = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    guard_fields = ("website_url", "form_started")

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = self._cleaned_data_copy(data, kwargs.get("prefix"))
        super().__init__(data, *args, **kwargs)
        self.initial.setdefault("form_started", signing.dumps(time.time(), salt=FORM_STARTED_SALT))

    def _cleaned_data_copy(self, data, prefix):
        """The posted values with every text value cleaned: Textarea fields keep line breaks."""
        multiline = {
            (f"{prefix}-{name}" if prefix else name)
            for name, field in self.base_fields.items()
            if isinstance(field.widget, forms.Textarea)
        }
        copy = data.copy()
        if hasattr(copy, "setlist"):
            for key in list(copy.keys()):
                copy.setlist(
                    key, [clean_text(v, multiline=key in multiline) for v in data.getlist(key)]
                )
        else:
            copy = {key: clean_text(v, multiline=key in multiline) for key, v in copy.items()}
        return copy

    @property
    def visible_fields_without_guard(self):
        return [field for field in self.visible_fields() if field.name not in self.guard_fields]

    def _started(self):
        """When the form was shown (a float), or None when the time stamp is missing or
        forged."""
        token = self.data.get(self.add_prefix("form_started")) or ""
        try:
            return float(signing.loads(token, salt=FORM_STARTED_SALT, max_age=86_400))
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def is_spam(self):
        if (self.data.get(self.add_prefix("website_url")) or "").strip():
            return True
        if getattr(settings, "PUBLIC_FORM_MIN_FILL_SECONDS", 0) <= 0:
            return False
        return self._started() is None

    def sent_too_fast(self):
        minimum = getattr(settings, "PUBLIC_FORM_MIN_FILL_SECONDS", 0)
        started = self._started()
        return minimum > 0 and started is not None and time.time() - started < minimum

    def clean(self):
        cleaned_data = super().clean()
        if self.sent_too_fast():
            raise forms.ValidationError(
                _("That was quicker than we expected. Please check the form and send it again."),
                code="too_fast",
            )
        return cleaned_data
