"""The reply form of a conversation (issue 12): a message of at most MESSAGE_LENGTH characters,
cleaned of control, bidi and zero-width characters, and attachments checked by content with
the checker of the applications (``portal.uploads.check_files``) before anything is stored."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.forms import clean_text
from portal.uploads import MultipleFileField, check_files

from .models.conversation import MESSAGE_LENGTH, REPORT_LENGTH


def max_attachments():
    return settings.CONVERSATION_MAX_ATTACHMENTS


def max_attachment_size():
    return settings.CONVERSATION_MAX_ATTACHMENT_SIZE


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("At most 5,000 characters."),
    )
    attachments = MultipleFileField(label=_("Attachments (optional)"), required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:  # cleaned before validation: a NUL would fail it otherwise
            data = data.copy()
            data["body"] = clean_text(data.get("body", ""), multiline=True)
        super().__init__(data, *args, **kwargs)
        self.fields["attachments"].help_text = _(
            "PDF, DOCX, XLSX or ODT; up to %(count)s files of at most %(size)s each."
        ) % {"count": max_attachments(), "size": filesizeformat(max_attachment_size())}

    def clean_body(self):
        return clean_text(self.cleaned_data["body"], multiline=True).strip()

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        return check_files(files, max_files=max_attachments(), max_size=max_attachment_size())

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("body") and not data.get("attachments"):
            self.add_error("body", _("Write a message or attach a file."))
        return data


class ReportForm(forms.Form):
    """A longer reason than REPORT_LENGTH is an error shown with the text kept: the report is
    not made until the member shortens it (nothing they wrote is dropped or cut)."""

    reason = forms.CharField(
        label=_("What is wrong with it? (optional)"),
        max_length=REPORT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:  # cleaned before validation: a NUL would fail it otherwise
            data = data.copy()
            data["reason"] = clean_text(data.get("reason", ""), multiline=True)
        super().__init__(data, *args, **kwargs)

    def clean_reason(self):
        return clean_text(self.cleaned_data["reason"], multiline=True).strip()
