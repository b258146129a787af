"""The application form, in four steps a person can complete on a phone.

Each step is a small ModelForm over ``Application`` (a draft is saved after each one); the last
step takes the attachments, the consent and the one-time submission token. Eligibility is
checked at the step where the data is entered, with the failed rule as the field's error."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from calls import eligibility
from calls.models import Application
from community.models import Municipality, Sector
from portal.collation import sort_key
from portal.countries import country_name
from portal.forms import PublicFormMixin, clean_text
from portal.uploads import MultipleFileField

NOT_LISTED = _("Not in the directory: I enter it below")


def choosable():
    """Live municipalities, one record each: those of the default language, where the
    directory creates every profile (translations carry the same synchronised names)."""
    return Municipality.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)


def grouped_choices(countries, empty_label):
    """Options for a <select>: the empty choice, then the municipalities of ``countries``
    grouped by country in the order given."""
    by_country = {code: [] for code in countries}
    for municipality in choosable().filter(country__in=by_country):
        # The name in the page's language first ("Долина" on /uk/), its region translated.
        label = municipality.display_name
        if municipality.region:
            label = f"{label} ({municipality.region_name})"
        by_country[str(municipality.country)].append((municipality.pk, label))
    return [("", empty_label)] + [
        (country_name(code), sorted(options, key=lambda option: sort_key(option[1])))
        for code, options in by_country.items()
        if options
    ]


def snapshot(municipality, prefix):
    """The application's text fields (``applicant_…`` or ``partner_…``) from the directory,
    in its own vocabulary; a value the directory does not have (an unknown population) is left
    out."""
    values = {
        f"{prefix}_name": municipality.name,
        f"{prefix}_country": str(municipality.country),
        f"{prefix}_kind": municipality.kind,
        f"{prefix}_population": municipality.population,
        f"{prefix}_region": municipality.region,
    }
    return {name: value for name, value in values.items() if value not in (None, "")}


class StepForm(PublicFormMixin, forms.ModelForm):
    required_fields = ()

    def __init__(self, *args, call, **kwargs):
        self.call = call
        super().__init__(*args, **kwargs)
        for name in self.required_fields:
            self.fields[name].required = True
        self.order_fields(self._meta.fields)

    def clean(self):
        cleaned = super().clean()
        for field, message in self.rules(cleaned):
            if field in self.fields and field not in self.errors:
                self.add_error(self.error_field(field), message)
        return cleaned

    def rules(self, cleaned):
        return []

    def error_field(self, field):
        """Where a failed rule about ``field`` is shown."""
        return field


class MunicipalityChoiceField(forms.ModelChoiceField):
    """A directory municipality by its id, written in ASCII digits only: Python's int() also
    reads other scripts' digits ("١"), which no option of the form ever sends."""

    def to_python(self, value):
        if value not in self.empty_values and not (
            isinstance(value, str) and value.isascii() and value.isdigit()
        ):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class DirectoryChoiceMixin:
    """A <select> of the directory's live municipalities before the manual fields (it works
    without JavaScript). A chosen municipality fills the manual fields on the server, from the
    directory, whatever was typed in them; the rules are then checked against the directory's
    data and a failed one is shown at the select, where the applicant made the choice."""

    directory_field = ""  # "applicant_municipality"
    prefix_name = ""  # "applicant": the manual fields are "applicant_name", …

    def setup_directory(self, countries, label, help_text):
        field = self.fields[self.directory_field]
        field.label = label
        field.help_text = help_text
        field.required = False
        # Validation against every live record (a forged or unpublished id is an error, never
        # a 500); the options shown are those of the relevant side.
        field.queryset = choosable()
        field.choices = grouped_choices(countries, NOT_LISTED)
        field.error_messages["invalid_choice"] = _(
            "This municipality is not in the member directory (or no longer published). "
            "Choose another one, or choose “Not in the directory” and enter it below."
        )
        # Remembered before the select lifts them: what the directory lacks is still needed.
        self.required_manual = {name for name in self.manual_fields() if self.fields[name].required}
        if self.is_bound and self.data.get(self.add_prefix(self.directory_field)):
            # Filled from the directory in clean(): nothing typed is required.
            for name in self.manual_fields():
                self.fields[name].required = False

    def manual_fields(self):
        return [
            name
            for name in self.fields
            if name.startswith(f"{self.prefix_name}_") and name != self.directory_field
        ]

    def chosen(self):
        return self.cleaned_data.get(self.directory_field)

    def clean(self):
        municipality = self.chosen()
        if municipality is not None:
            values = snapshot(municipality, self.prefix_name)
            for name in self.manual_fields():
                if name in values:
                    self.cleaned_data[name] = values[name]
                    self._errors.pop(name, None)  # an error in what was typed no longer matters
                elif name in self.required_manual and self.cleaned_data.get(name) in (None, ""):
                    self.add_error(
                        name,
                        _("The directory does not give this for %(name)s: please enter it.")
                        % {"name": municipality.name},
                    )
        return super().clean()

    def error_field(self, field):
        if self.chosen() is not None and field in self.manual_fields():
            return self.directory_field
        return super().error_field(field)


class ApplicantForm(DirectoryChoiceMixin, StepForm):
    """Step 1: the applicant municipality and the contact person (whose email receives the
    private link to the draft, which is why it is asked first)."""

    title = _("Applicant")
    directory_field = "applicant_municipality"
    prefix_name = "applicant"
    required_fields = (
        "applicant_name",
        "applicant_country",
        "applicant_kind",
        "applicant_population",
        "contact_name",
        "contact_email",
    )

    class Meta:
        model = Application
        fields = [
            "applicant_municipality",
            "applicant_name",
            "applicant_country",
            "applicant_kind",
            "applicant_population",
            "applicant_region",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
        ]
        field_classes = {"applicant_municipality": MunicipalityChoiceField}
        help_texts = {
            "applicant_population": _("Registered inhabitants, as a whole number."),
            "contact_email": _("We send the private link to your draft and the receipt here."),
        }
        widgets = {"applicant_population": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant_population"].min_value = 1
        self.fields["applicant_population"].max_value = 100_000_000
        self.setup_directory(
            eligibility.applicant_countries(self.call),
            _("Your municipality in the member directory"),
            _(
                "If it is listed, choose it: its name, country, kind and population are taken "
                "from the directory. Otherwise choose “Not in the directory” and fill in the "
                "fields below."
            ),
        )

    def rules(self, cleaned):
        return eligibility.check_applicant(self.call, cleaned)


class PartnerForm(DirectoryChoiceMixin, StepForm):
    """Step 2: the partner municipality (required or optional, as the call says)."""

    title = _("Partner")
    directory_field = "partner_municipality"
    prefix_name = "partner"

    class Meta:
        model = Application
        fields = [
            "partner_municipality",
            "partner_name",
            "partner_country",
            "partner_kind",
            "partner_population",
        ]
        field_classes = {"partner_municipality": MunicipalityChoiceField}
        widgets = {"partner_population": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.call.partnership_required:
            for name in ("partner_name", "partner_country"):
                self.fields[name].required = True
            # The rule itself, rather than a bare "This field is required."
            self.fields["partner_name"].error_messages["required"] = _(
                "This call requires a partner municipality: please name it."
            )
        self.setup_directory(
            eligibility.partner_countries(self.call),
            _("Partner municipality in the member directory"),
            _(
                "If it is listed, choose it: its details are taken from the directory. "
                "Otherwise choose “Not in the directory” and fill in the fields below."
            ),
        )

    def rules(self, cleaned):
        return eligibility.check_partner(self.call, cleaned)


class SectorChoiceField(forms.ModelChoiceField):
    """One of the directory's sectors, posted by its slug (the same in every language) and
    named in the applicant's language; the record stored is the default language's."""

    def __init__(self, *args, **kwargs):
        kwargs["to_field_name"] = "slug"
        kwargs["empty_label"] = "—"
        super().__init__(*args, **kwargs)

    def limit_to(self, call):
        """The sectors the call funds, or every sector when it names none."""
        sectors = Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        if call.sectors.exists():
            sectors = sectors.filter(pk__in=call.sectors.values("pk"))
        self.queryset = sectors
        names = {
            sector.translation_key: sector.name
            for sector in Sector.objects.translations_of(list(sectors), Locale.get_active())
        }
        self.label_from_instance = lambda sector: names.get(sector.translation_key, sector.name)


class ProjectForm(StepForm):
    """Step 3: the project, the money, and the questions editors added to this call."""

    title = _("Project")
    required_fields = ("project_title", "project_summary", "sector", "requested_amount")

    class Meta:
        model = Application
        fields = [
            "project_title",
            "project_summary",
            "sector",
            "requested_amount",
            "co_financing_amount",
        ]
        field_classes = {"sector": SectorChoiceField}
        widgets = {"project_summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].limit_to(self.call)
        for name in ("requested_amount", "co_financing_amount"):
            self.fields[name].min_value = 0
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "min": "0"})
        self.questions = {}
        answers = self.instance.answers or {}
        for block_id, block, value in self.call.question_blocks():
            name = f"question_{block_id}"
            self.fields[name] = block.form_field(value)
            self.fields[name].initial = answers.get(block_id, {}).get("answer", "")
            self.questions[name] = (block_id, str(value["label"]))
        self.order_fields([*self._meta.fields, *self.questions])
        if self.is_bound:
            self._keep_line_breaks(args[0] if args else kwargs.get("data"))

    def _keep_line_breaks(self, posted):
        """The call's long-text answers are fields added after PublicFormMixin cleaned the
        post (it keeps line breaks for the form's own Textarea fields only)."""
        for name in self.questions:
            if isinstance(self.fields[name].widget, forms.Textarea) and name in posted:
                self.data[name] = clean_text(posted[name], multiline=True)

    def rules(self, cleaned):
        return eligibility.check_project(self.call, cleaned)

    def save(self, commit=True):
        self.instance.answers = {
            block_id: {"question": label, "answer": self.cleaned_data.get(name) or ""}
            for name, (block_id, label) in self.questions.items()
        }
        return super().save(commit=commit)


class SubmitForm(PublicFormMixin):
    """Step 4: attachments, consent and the one-time token that makes submission idempotent."""

    title = _("Attachments and submission")

    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "PDF, DOCX, XLSX or ODT; up to 5 files of at most 10 MB each. Files already sent "
            "with your draft are kept."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my data is processed to assess "
            "this application."
        ),
        required=False,
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, call, instance, **kwargs):
        self.call = call
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.order_fields(["attachments", "consent", "submission_token"])
