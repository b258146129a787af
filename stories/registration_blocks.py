"""The questions an editor adds to the registration form of one event (the blocks are shared
with the calls' application form: portal/question_blocks.py). An answer is stored under the
block's id, so it survives the question's wording being edited or translated. An event's
questions are optional unless the editor ticks "Answer required"."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal.question_blocks import ChoiceQuestionBlock, LongQuestionBlock, QuestionBlock


class RegistrationQuestionBlock(QuestionBlock):
    class Meta:
        label = _("Short answer")


class RegistrationLongQuestionBlock(LongQuestionBlock):
    pass


class RegistrationChoiceQuestionBlock(ChoiceQuestionBlock):
    options = blocks.ListBlock(
        blocks.CharBlock(max_length=120, label=_("Option")), label=_("Options"), min_num=2
    )


QUESTION_BLOCKS = [
    ("question", RegistrationQuestionBlock()),
    ("long_question", RegistrationLongQuestionBlock()),
    ("choice_question", RegistrationChoiceQuestionBlock()),
]
