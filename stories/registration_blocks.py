"""The questions an editor adds to the registration form of one event. An answer is stored under
the block's id, so it survives the question's wording being edited or translated."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class RegistrationQuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Question"), max_length=250)
    help_text = blocks.CharBlock(
        required=False, max_length=300, label=_("Help text"), help_text=_("Shown under the field.")
    )
    required = blocks.BooleanBlock(required=False, default=False, label=_("Answer required"))

    def form_field(self, value):
        return forms.CharField(
            label=value["label"],
            help_text=value.get("help_text", ""),
            required=value.get("required", False),
            max_length=250,
        )

    class Meta:
        icon = "form"
        label = _("Short answer")


class RegistrationLongQuestionBlock(RegistrationQuestionBlock):
    def form_field(self, value):
        return forms.CharField(
            label=value["label"],
            help_text=value.get("help_text", ""),
            required=value.get("required", False),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    class Meta:
        icon = "form"
        label = _("Long answer")


class RegistrationChoiceQuestionBlock(RegistrationQuestionBlock):
    options = blocks.ListBlock(
        blocks.CharBlock(max_length=120, label=_("Option")), label=_("Options"), min_num=2
    )

    def form_field(self, value):
        options = [str(option) for option in value.get("options", []) if option]
        return forms.ChoiceField(
            label=value["label"],
            help_text=value.get("help_text", ""),
            required=value.get("required", False),
            choices=[("", "—"), *((option, option) for option in options)],
        )

    class Meta:
        icon = "list-ul"
        label = _("Choice")


QUESTION_BLOCKS = [
    ("question", RegistrationQuestionBlock()),
    ("long_question", RegistrationLongQuestionBlock()),
    ("choice_question", RegistrationChoiceQuestionBlock()),
]
