"""The kinds of story, shared by the model and the filters (which must not import models)."""

from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [("success", _("Success story")), ("news", _("News"))]
KINDS = tuple(code for code, _label in KIND_CHOICES)
