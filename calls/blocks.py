"""Blocks of a call page: documents to download, questions and answers, and the questions an
editor adds to the application form of one call without a developer."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from portal import question_blocks


class CallDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=160,
        label=_("Title"),
        help_text=_("Shown instead of the document's own title, e.g. 'Guidelines for applicants'."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        description = _("A document applicants download: guidelines, budget template")


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("Answer")
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")
        preview_value = {
            "question": "Can an association of municipalities apply?",
            "answer": "<p>Only municipalities can apply; associations can be partners.</p>",
        }


class QuestionBlock(question_blocks.QuestionBlock):
    """One extra field of the application form (the blocks are shared with the events'
    registration form: portal/question_blocks.py). The answer is stored under the block's id,
    so a question keeps its answers when its wording is edited or translated. A call's
    questions are required unless the editor unticks "Answer required"."""

    required = blocks.BooleanBlock(required=False, default=True, label=_("Answer required"))


class LongTextQuestionBlock(QuestionBlock, question_blocks.LongQuestionBlock):
    max_length = blocks.IntegerBlock(
        default=2000,
        min_value=50,
        max_value=10000,
        label=_("Maximum length"),
        help_text=_("In characters, including spaces."),
    )
    rows = 5

    def answer_max_length(self, value):
        return value.get("max_length") or 2000

    class Meta:
        icon = "pilcrow"
        label = _("Long answer")


class ChoiceQuestionBlock(QuestionBlock, question_blocks.ChoiceQuestionBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(max_length=120, label=_("Choice")),
        min_num=2,
        max_num=12,
        label=_("Choices"),
    )
    options_block = "choices"

    def clean(self, value):
        value = super().clean(value)
        choices = [choice.strip() for choice in value.get("choices", [])]
        if len(set(choices)) != len(choices):
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Each choice must be different."))}
            )
        return value

    class Meta:
        icon = "list-ul"
        label = _("Choice")


class YesNoQuestionBlock(QuestionBlock):
    def form_field(self, value):
        return forms.TypedChoiceField(
            **self.field_options(value),
            choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
        )

    class Meta:
        icon = "tick"
        label = _("Yes or no")


class ApplicationQuestionsBlock(blocks.StreamBlock):
    short_text = QuestionBlock(label=_("Short answer"))
    long_text = LongTextQuestionBlock()
    choice = ChoiceQuestionBlock()
    yes_no = YesNoQuestionBlock()

    class Meta:
        max_num = 20
