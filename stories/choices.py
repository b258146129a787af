"""The kinds of story and the formats of event, shared by the models and the filters (which
must not import models)."""

from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [("success", _("Success story")), ("news", _("News"))]
KINDS = tuple(code for code, _label in KIND_CHOICES)

FORMAT_CHOICES = [("on_site", _("On site")), ("online", _("Online")), ("hybrid", _("Hybrid"))]
FORMATS = tuple(code for code, _label in FORMAT_CHOICES)
