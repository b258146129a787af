"""Public forms of the directory: registration, contact and profile confirmation.

Each starts with ``portal.forms.PublicFormMixin``: the honeypot, the minimum fill time and the
cleaning of every posted text (NUL, control and invisible characters) before validation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import PublicFormMixin

from .logos import LogoField, validate_logo
from .models import Kind, Language, NationalAssociation, Sector
from .models.base import COUNTRIES
from .profile_fields import (
    SectorRowsMixin,
    check_coordinates,
    latitude_field,
    longitude_field,
    note_field,
)

SECTOR_ROWS = 3
# The working languages shown at once on the registration form; the others are one click away.
COMMON_LANGUAGES = ("uk", "en")


class RegistrationForm(PublicFormMixin, SectorRowsMixin, forms.Form):
    """A municipality's profile as its representative submits it; moderators review it."""

    name = forms.CharField(
        label=_("Name of the municipality (Latin script)"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    local_name = forms.CharField(
        label=_("Name in the local script"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=lambda: [("", "—"), *COUNTRIES],  # sorted in the language of the request
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    region = forms.CharField(
        label=_("Region"),
        max_length=100,
        help_text=_("Oblast in Ukraine, region in the EU."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level1"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    population = forms.IntegerField(label=_("Population"), min_value=0, max_value=50_000_000)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    latitude = latitude_field()
    longitude = longitude_field()
    logo = LogoField(
        label=_("Logo or coat of arms"),
        required=False,
        validators=[validate_logo],
        # A plain file input: nothing is uploaded yet, so there is nothing to clear.
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        help_text=_(
            "PNG, JPEG or WebP, at most 2 MB. It is shown once moderators publish the profile. "
            "If the form comes back with an error, choose the file again."
        ),
    )
    description = forms.CharField(
        label=_("About the municipality"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who you are and what you look for in a partner."),
    )
    working_languages = forms.ModelMultipleChoiceField(
        label=_("Languages your staff work in"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    national_association = forms.ModelChoiceField(
        label=_("National association"), queryset=NationalAssociation.objects.none(), required=False
    )
    open_to_partners = forms.BooleanField(
        label=_("We are looking for new partners"), required=False, initial=True
    )
    # The contact is the person filling in the form: their browser can fill these in.
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_role = forms.CharField(
        label=_("Role"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    contact_email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_public = forms.BooleanField(
        label=_("Show the contact's email and phone on the public profile"), required=False
    )
    # The second post of a form whose municipality has a published profile already: the
    # registrant chose to register anyway rather than ask to join it.
    register_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput)
    privacy_consent = forms.BooleanField(
        label=_(
            "I agree that the portal stores and publishes this profile "
            "as the privacy notice describes"
        )
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        sectors = [(s.slug, s.name) for s in Sector.objects.in_locale(locale)] if locale else []
        self.fields["national_association"].queryset = (
            NationalAssociation.objects.in_locale(locale)
            if locale
            else NationalAssociation.objects.all()
        )
        # Each row's labels name the row, so that a screen reader never hears the same label
        # twice (the fieldsets' legends say "What you offer", "What you need").
        labels = {
            "offer": (_("Sector offered %(number)s"), _("Offer %(number)s in a sentence")),
            "need": (_("Sector needed %(number)s"), _("Need %(number)s in a sentence")),
        }
        for kind, (sector_label, note_label) in labels.items():
            for i in range(1, SECTOR_ROWS + 1):
                self.fields[f"{kind}_{i}_sector"] = forms.ChoiceField(
                    label=sector_label % {"number": i},
                    choices=[("", "—"), *sectors],
                    required=False,
                )
                self.fields[f"{kind}_{i}_note"] = note_field(note_label % {"number": i})

    def row_count(self, kind):
        return SECTOR_ROWS

    def _filled(self, names):
        """Whether any of the fields ``names`` was posted with a value or has an error: a
        disclosure holding them is then shown open."""
        if not self.is_bound:
            return False
        return any(self.data.get(name) or self.errors.get(name) for name in names)

    def more_rows_open(self, kind):
        names = [
            f"{kind}_{i}_{part}" for i in range(2, SECTOR_ROWS + 1) for part in ("sector", "note")
        ]
        return self._filled(names)

    def more_offers_open(self):
        return self.more_rows_open("offer")

    def more_needs_open(self):
        return self.more_rows_open("need")

    def location_open(self):
        return self._filled(["latitude", "longitude"])

    def language_groups(self):
        """(the languages most registrants work in, the others, whether one of the others is
        chosen) as checkbox widgets: the others wait behind a disclosure, so that 21 languages
        are not 21 Tab stops."""
        common, others = [], []
        for choice in self["working_languages"]:
            code = choice.data["value"].instance.code
            (common if code in COMMON_LANGUAGES else others).append(choice)
        return common, others, any(choice.data["selected"] for choice in others)

    def clean(self):
        cleaned = super().clean()
        check_coordinates(self, cleaned)
        self.check_sector_rows(cleaned)
        return cleaned

    def sectors(self, kind):
        """[(sector slug, note)] chosen for ``kind`` ("offer" or "need"), without repeats."""
        seen, rows = set(), []
        for i in range(1, SECTOR_ROWS + 1):
            slug = self.cleaned_data.get(f"{kind}_{i}_sector")
            if slug and slug not in seen:
                seen.add(slug)
                rows.append((slug, self.cleaned_data.get(f"{kind}_{i}_note", "")))
        return rows


class ContactForm(PublicFormMixin, forms.Form):
    """A message to a municipality's contact person, relayed without showing their address."""

    sender_name = forms.CharField(label=_("Your name"), max_length=120)
    sender_email = forms.EmailField(label=_("Your email"))
    sender_organisation = forms.CharField(
        label=_("Your municipality or organisation"), max_length=200
    )
    message = forms.CharField(
        label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ConfirmForm(PublicFormMixin, forms.Form):
    """The contact confirms the profile, or says what has changed."""

    changes = forms.CharField(
        label=_("What has changed?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Leave empty if everything is still correct. The team updates the profile for you."
        ),
    )
