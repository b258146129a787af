"""A member's edit of every public field of the profile (issue 11): the text fields of
``member_forms.ProfileEditForm`` plus the sectors offered and needed on the shared taxonomy
(each need with an optional date), the working languages and a new logo.

The form only describes and compares; ``members.submit_edit`` stores the edit as a new
revision (the logo in private storage, like a registration's, until a moderator publishes)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .logos import LogoField, validate_logo
from .member_forms import PROFILE_FIELDS, ProfileEditForm, profile_initial
from .models import Language, Sector, SectorNeed, SectorOffer
from .profile_fields import SectorRowsMixin, note_field

# Blank rows shown after the profile's own, and the most rows a post may carry.
SPARE_ROWS = 2
MIN_ROWS = 3
MAX_ROWS = 20
ROW_KEY = re.compile(r"^(offer|need)_(\d{1,2})_sector$")

OFFERS_LABEL = _("Sectors offered")
NEEDS_LABEL = _("Sectors needed")
LANGUAGES_LABEL = _("Working languages")
LOGO_LABEL = _("Logo or coat of arms")


def _rows(links, with_due=False):
    """[(sector id, note[, due date])] of saved or in-memory sector links, in order."""
    rows = []
    for link in sorted(links, key=lambda link: link.sort_order or 0):
        row = (link.sector_id, link.note or "")
        rows.append((*row, link.due_date) if with_due else row)
    return rows


def _language_ids(municipality):
    return sorted(language.pk for language in municipality.working_languages.all())


def changed_fields(published, draft):
    """The labels of the public fields in which ``draft`` (a revision's object) differs from
    ``published``: what a member sees as "waiting for review"."""
    labels = []
    fields = ProfileEditForm.base_fields
    for name in PROFILE_FIELDS:
        if (getattr(published, name) or None) != (getattr(draft, name) or None):
            labels.append(str(fields[name].label))
    if _rows(published.offers.all()) != _rows(draft.offers.all()):
        labels.append(str(OFFERS_LABEL))
    if _rows(published.needs.all(), True) != _rows(draft.needs.all(), True):
        labels.append(str(NEEDS_LABEL))
    if _language_ids(published) != _language_ids(draft):
        labels.append(str(LANGUAGES_LABEL))
    if draft.logo_id != published.logo_id or (draft.submitted_logo and published.submitted_logo):
        labels.append(str(LOGO_LABEL))
    return labels


class MemberProfileForm(SectorRowsMixin, ProfileEditForm):
    working_languages = forms.ModelMultipleChoiceField(
        label=LANGUAGES_LABEL,
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    logo = LogoField(
        label=LOGO_LABEL,
        required=False,
        validators=[validate_logo],
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        help_text=_(
            "Only to replace the current logo: PNG, JPEG or WebP, at most 2 MB. It is shown "
            "once moderators publish your changes. If the form comes back with an error, "
            "choose the file again."
        ),
    )

    def __init__(self, data=None, files=None, *, municipality, **kwargs):
        self.municipality = municipality
        self.offer_links = _rows(municipality.offers.all())
        self.need_links = _rows(municipality.needs.all(), True)
        kwargs.setdefault("initial", {})
        kwargs["initial"]["working_languages"] = _language_ids(municipality)
        super().__init__(data, files, **kwargs)
        sectors = Sector.objects.in_locale(municipality.locale)
        self.sectors_by_pk = {sector.pk: sector for sector in sectors}
        choices = [("", "—"), *((s.pk, s.name) for s in self.sectors_by_pk.values())]
        posted = self._posted_rows(data)
        for kind, links, label in (
            ("offer", self.offer_links, _("Sector you offer")),
            ("need", self.need_links, _("Sector you need help in")),
        ):
            count = min(MAX_ROWS, max(MIN_ROWS, len(links) + SPARE_ROWS, posted.get(kind, 0)))
            for i in range(1, count + 1):
                link = links[i - 1] if i <= len(links) else None
                self.fields[f"{kind}_{i}_sector"] = forms.TypedChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=link[0] if link else None,
                )
                self.fields[f"{kind}_{i}_note"] = note_field(
                    _("In a sentence"), initial=link[1] if link else ""
                )
                if kind == "need":
                    self.fields[f"need_{i}_due"] = forms.DateField(
                        label=_("Needed by (optional)"),
                        required=False,
                        initial=link[2] if link else None,
                        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                    )

    @classmethod
    def for_profile(cls, municipality, data=None, files=None):
        form = cls(data, files, municipality=municipality, initial=profile_initial(municipality))
        form.offer_associations(municipality)
        return form

    @staticmethod
    def _posted_rows(data):
        """How many sector rows of each kind a post carries (bounded)."""
        counts = {}
        for key in data or ():
            match = ROW_KEY.match(key)
            if match:
                kind, number = match.group(1), int(match.group(2))
                counts[kind] = max(counts.get(kind, 0), min(number, MAX_ROWS))
        return counts

    def row_count(self, kind):
        return sum(1 for name in self.fields if ROW_KEY.match(name) and name.startswith(kind))

    def row_parts(self, kind):
        return ("note", "due") if kind == "need" else ("note",)

    def clean(self):
        cleaned = super().clean()
        self.check_sector_rows(cleaned, refuse_repeats=True)
        return cleaned

    def sector_links(self, kind):
        """[(sector id, note[, due date])] chosen for ``kind``, in the order of the form."""
        rows = []
        for i in range(1, self.row_count(kind) + 1):
            sector = self.cleaned_data.get(f"{kind}_{i}_sector")
            if sector is None:
                continue
            row = (sector, self.cleaned_data.get(f"{kind}_{i}_note", ""))
            rows.append((*row, self.cleaned_data.get(f"need_{i}_due")) if kind == "need" else row)
        return rows

    def apply_to(self, municipality):
        """The text fields, then sectors and languages, written onto ``municipality`` (a
        revision's object, unsaved); returns the labels of what changed. A new logo is
        stored by ``members.submit_edit``: here it only counts as a change."""
        changed = super().apply_to(municipality)
        offers = self.sector_links("offer")
        if offers != _rows(municipality.offers.all()):
            municipality.offers = [
                SectorOffer(sector_id=sector, note=note, sort_order=i)
                for i, (sector, note) in enumerate(offers)
            ]
            changed.append(str(OFFERS_LABEL))
        needs = self.sector_links("need")
        if needs != _rows(municipality.needs.all(), True):
            municipality.needs = [
                SectorNeed(sector_id=sector, note=note, due_date=due, sort_order=i)
                for i, (sector, note, due) in enumerate(needs)
            ]
            changed.append(str(NEEDS_LABEL))
        languages = list(self.cleaned_data["working_languages"])
        if sorted(language.pk for language in languages) != _language_ids(municipality):
            municipality.working_languages = languages
            changed.append(str(LANGUAGES_LABEL))
        if self.cleaned_data.get("logo"):
            changed.append(str(LOGO_LABEL))
        return changed
