"""Forms of the member space (issue 11): a member's edit of the profile. Signed-in members
only, so no honeypot; every text is cleaned like the public forms' (portal.forms.clean_text)."""

import re

from django import forms
from django.db import models
from django.utils.html import linebreaks, strip_tags
from django.utils.translation import gettext_lazy as _

from portal.forms import clean_text

from .models import Kind, NationalAssociation
from .profile_fields import check_coordinates, latitude_field, longitude_field

# The public fields a member edits, in the order of the form.
PROFILE_FIELDS = [
    "name",
    "local_name",
    "region",
    "kind",
    "population",
    "website",
    "latitude",
    "longitude",
    "national_association",
    "description",
    "open_to_partners",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "contact_public",
]


def profile_initial(municipality):
    """The edit form's values for ``municipality`` as it is now."""
    initial = {name: getattr(municipality, name) for name in PROFILE_FIELDS}
    initial["description"] = html_to_text(municipality.description)
    return initial


def html_to_text(html):
    """A profile's rich-text description as the paragraphs a member edits."""
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", html or "")
    text = re.sub(r"<br\s*/?>", "\n", text)
    from html import unescape

    return unescape(strip_tags(text)).strip()


class ProfileEditForm(forms.Form):
    name = forms.CharField(label=_("Name of the municipality (Latin script)"), max_length=150)
    local_name = forms.CharField(
        label=_("Name in the local script"), max_length=150, required=False
    )
    region = forms.CharField(label=_("Region"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    population = forms.IntegerField(
        label=_("Population"), min_value=0, max_value=50_000_000, required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    latitude = latitude_field()
    longitude = longitude_field()
    national_association = forms.ModelChoiceField(
        label=_("National association"),
        queryset=NationalAssociation.objects.none(),
        required=False,
    )
    description = forms.CharField(
        label=_("About the municipality"), max_length=3000, required=False, widget=forms.Textarea
    )
    open_to_partners = forms.BooleanField(label=_("Open to new partners"), required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_role = forms.CharField(label=_("Contact's role"), max_length=120, required=False)
    contact_email = forms.EmailField(label=_("Contact's email"), required=False)
    contact_phone = forms.CharField(label=_("Contact's phone"), max_length=40, required=False)
    contact_public = forms.BooleanField(
        label=_("Show the contact's email and phone publicly"), required=False
    )

    @classmethod
    def for_profile(cls, municipality, data=None):
        form = cls(data, initial=profile_initial(municipality))
        form.offer_associations(municipality)
        return form

    def offer_associations(self, municipality):
        """The associations of the profile's language, and the one it names already."""
        field = self.fields["national_association"]
        field.queryset = NationalAssociation.objects.filter(
            models.Q(pk__in=NationalAssociation.objects.in_locale(municipality.locale))
            | models.Q(pk=municipality.national_association_id)
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        check_coordinates(self, cleaned)
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = clean_text(value, multiline=name == "description").strip()
        return cleaned

    def apply_to(self, municipality):
        """Writes the form's values onto ``municipality`` (unsaved); returns the labels of the
        fields that changed."""
        changed = []
        for name in PROFILE_FIELDS:
            value = self.cleaned_data[name]
            if name == "description":
                if value == html_to_text(municipality.description):
                    continue
                value = linebreaks(value, autoescape=True) if value else ""
            if value in (None, "") and getattr(municipality, name) in (None, ""):
                continue
            if getattr(municipality, name) != value:
                setattr(municipality, name, value)
                changed.append(str(self.fields[name].label))
        return changed


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email address"))


class JoinRequestForm(forms.Form):
    """Asking to join a municipality; the email only when the person is not signed in."""

    email = forms.EmailField(label=_("Your email address"))
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    message = forms.CharField(
        label=_("A word to the administrators"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: your role, so that they recognise you."),
    )

    def __init__(self, *args, signed_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["email"]

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = clean_text(value, multiline=name == "message").strip()
        return cleaned
