"""The registration form of an event: who, from which organisation (a municipality of the
directory or free text), how they attend, what they need, the editor's questions and consent."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from community.models import Municipality
from portal.collation import sort_key
from portal.countries import country_select_choices
from portal.forms import PublicFormMixin
from stories.models import ATTENDANCE_CHOICES, Registration

QUESTION_PREFIX = "question_"


def live_municipalities():
    """Live directory municipalities, one record each (the default language's)."""
    return (
        Municipality.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("name")
    )


class _ByLabel(forms.models.ModelChoiceIterator):
    """The choices in the alphabetical order of their labels in the page's language: the
    database can only order by the Latin name, and on /uk/ the labels start with the
    Ukrainian one (portal.collation)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset]
        yield from sorted(choices, key=lambda choice: sort_key(choice[1]))


class DirectoryMunicipalityField(forms.ModelChoiceField):
    iterator = _ByLabel

    def label_from_instance(self, obj):
        # The name in the page's language first: "Долина (Dolyna)" on /uk/.
        name = obj.full_display_name
        return f"{name} ({obj.country.name})" if obj.country else name

    def to_python(self, value):
        # ASCII digits only: int() would accept other scripts' digits and spaces.
        text = str(value)
        if value not in self.empty_values and not (text.isascii() and text.isdigit()):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class RegistrationForm(PublicFormMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that my data is used to organise this event, as the privacy notice says."),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "municipality",
            "organisation",
            "role",
            "country",
            "attendance",
            "interpretation",
            "accessibility",
        ]
        field_classes = {"municipality": DirectoryMunicipalityField}
        labels = {
            "name": _("Your name"),
            "email": _("Your email"),
            "municipality": _("Your municipality in the member directory"),
            "organisation": _("Organisation"),
            "role": _("Your role"),
            "country": _("Country"),
            "attendance": _("How you will attend"),
            "interpretation": _("Interpretation you need"),
            "accessibility": _("Accessibility needs"),
        }
        help_texts = {
            "email": _("We send the confirmation and your private link here."),
            "municipality": _(
                "If it is listed, choose it; otherwise write your organisation below."
            ),
            "organisation": _("Not needed when you chose a municipality above."),
            "accessibility": _("E.g. step-free access, sign language, dietary needs."),
        }
        widgets = {
            "attendance": forms.RadioSelect,
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, event, questions=True, privacy_url="", **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)
        # The consent's label links the privacy notice (components/form_field.html,
        # legal_tags.field_label); ``privacy_url`` only says whether there is one.
        municipality = self.fields["municipality"]
        municipality.queryset = live_municipalities().select_related(None)
        municipality.empty_label = _("Not in the directory: I write it below")
        self.fields["organisation"].required = False
        self.fields["country"].required = False
        self.fields["country"].choices = [("", "—"), *country_select_choices()]
        self.fields["interpretation"].choices = [
            ("", _("No interpretation needed")),
            *settings.LANGUAGES,
        ]
        modes = event.attendance_modes()
        if len(modes) == 1:
            del self.fields["attendance"]
        else:
            self.fields["attendance"].choices = [
                (code, label) for code, label in ATTENDANCE_CHOICES if code in modes
            ]
        self.question_names = []
        if questions:
            for block_id, block, value in event.registration_question_blocks():
                name = QUESTION_PREFIX + block_id
                self.fields[name] = block.form_field(value)
                self.question_names.append(name)
                if self.instance.pk:
                    self.initial.setdefault(name, self.instance.answers.get(block_id, ""))
        sessions = event.agenda_session_choices()
        if sessions:
            self.fields["sessions"] = forms.MultipleChoiceField(
                label=_("Sessions you will attend"),
                choices=sessions,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            if self.instance.pk:
                self.initial.setdefault("sessions", self.instance.sessions)
        if self.instance.pk:
            # Changing a registration: the consent was given already, and the email is what
            # the registration is known by (one per email and event).
            del self.fields["consent"]
            del self.fields["email"]
        else:
            self.order_fields([*self._meta.fields, "sessions", *self.question_names, "consent"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if municipality is not None:
            cleaned["organisation"] = municipality.name
            if not cleaned.get("country"):
                cleaned["country"] = municipality.country
        if not cleaned.get("country") and "country" not in self.errors:
            self.add_error("country", _("Please choose your country."))
        elif not cleaned.get("organisation") and "organisation" not in self.errors:
            self.add_error(
                "organisation",
                _("Choose your municipality or write the name of your organisation."),
            )
        return cleaned

    def attendance(self):
        if "attendance" in self.fields:
            return self.cleaned_data["attendance"]
        return self.event.attendance_modes()[0]

    def answers(self):
        return {
            name.removeprefix(QUESTION_PREFIX): self.cleaned_data.get(name) or ""
            for name in self.question_names
        }

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.organisation = self.cleaned_data["organisation"]
        instance.attendance = self.attendance()
        instance.country = self.cleaned_data["country"]
        if self.question_names:
            instance.answers = self.answers()
        if "sessions" in self.fields:
            instance.sessions = list(self.cleaned_data.get("sessions") or [])
        if commit:
            instance.save()
        return instance
