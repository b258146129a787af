"""The sign-up form (public: honeypot, minimum fill time, cleaned text) and the preferences
form of the private link."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from community.models import Sector
from newsletter.models import SECTOR_PREFIX, TOPICS
from portal.forms import PublicFormMixin


def language_choices():
    return list(settings.LANGUAGES)


def topic_choices(language):
    """The three kinds of news, then one topic per sector, named in ``language``."""
    sectors = Sector.objects.filter(locale__language_code=language)
    if not sectors.exists():
        sectors = Sector.objects.filter(locale=Locale.get_default())
    choices = list(TOPICS)
    choices += [
        (f"{SECTOR_PREFIX}{slug}", _("Sector: %(name)s") % {"name": name})
        for slug, name in sectors.order_by("sort_order", "name").values_list("slug", "name")
    ]
    return choices


class PreferencesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages of the newsletter"),
        help_text=_("You receive the newsletter in each language you choose."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.fields["topics"].choices = topic_choices(language)


class SignupForm(PublicFormMixin, PreferencesForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my email address and choices are "
            "kept to send me the newsletter until I unsubscribe."
        ),
        required=True,
        error_messages={"required": _("Tick the box to agree, or we cannot send you anything.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "languages", "topics", "consent"])
