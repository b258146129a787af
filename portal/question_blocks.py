"""Questions an editor adds to a form without a developer: the application form of a call
(calls/blocks.py) and the registration form of an event (stories/registration_blocks.py).

Each question is a StructBlock with its wording, a help text and whether an answer is required,
and gives the form field that asks it (``form_field(value)``). The forms store an answer under
the block's id, so a question keeps its answers when its wording is edited or translated.

The apps subclass these blocks for their own defaults (a call's questions are required unless
the editor says otherwise, an event's are optional) and extra settings. StructBlocks are
frozen into migrations as plain StructBlocks of their children, so where a class lives does not
matter to them; the children and their order do."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class QuestionBlock(blocks.StructBlock):
    """A short answer: one line of at most 250 characters."""

    label = blocks.CharBlock(label=_("Question"), max_length=250)
    help_text = blocks.CharBlock(
        required=False, max_length=300, label=_("Help text"), help_text=_("Shown under the field.")
    )
    required = blocks.BooleanBlock(required=False, default=False, label=_("Answer required"))

    def field_options(self, value):
        """What every question's form field takes from the editor's values."""
        return {
            "label": value["label"],
            "help_text": value.get("help_text", ""),
            "required": value.get("required", False),
        }

    def form_field(self, value):
        return forms.CharField(**self.field_options(value), max_length=250)

    class Meta:
        icon = "form"


class LongQuestionBlock(QuestionBlock):
    """A text of several lines, of at most ``answer_max_length(value)`` characters."""

    rows = 4  # the height of the text area

    def answer_max_length(self, value):
        return 2000

    def form_field(self, value):
        return forms.CharField(
            **self.field_options(value),
            max_length=self.answer_max_length(value),
            widget=forms.Textarea(attrs={"rows": self.rows}),
        )

    class Meta:
        label = _("Long answer")


class ChoiceQuestionBlock(QuestionBlock):
    """One of the options the editor listed. A subclass declares the ListBlock of options and
    names it in ``options_block`` (the name is stored with every question, so it stays)."""

    options_block = "options"

    def form_field(self, value):
        options = [str(option) for option in value.get(self.options_block, []) if option]
        return forms.ChoiceField(
            **self.field_options(value),
            choices=[("", "—"), *((option, option) for option in options)],
        )

    class Meta:
        icon = "list-ul"
        label = _("Choice")
