"""What every translatable record of the directory shares: reading it in the visitor's language."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

# ISO 3166-1 codes of the countries whose municipalities take part: Ukraine and the EU.
COUNTRIES = [
    ("UA", _("Ukraine")),
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("HR", _("Croatia")),
    ("CY", _("Cyprus")),
    ("CZ", _("Czechia")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("DE", _("Germany")),
    ("GR", _("Greece")),
    ("HU", _("Hungary")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("LV", _("Latvia")),
    ("LT", _("Lithuania")),
    ("LU", _("Luxembourg")),
    ("MT", _("Malta")),
    ("NL", _("Netherlands")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("RO", _("Romania")),
    ("SK", _("Slovakia")),
    ("SI", _("Slovenia")),
    ("ES", _("Spain")),
    ("SE", _("Sweden")),
]
COUNTRY_NAMES = dict(COUNTRIES)
EU_COUNTRY_CODES = [code for code, _name in COUNTRIES if code != "UA"]


class LocalizedQuerySet(models.QuerySet):
    """Translatable records read in one language, falling back to the default language.

    A record that editors have not translated yet is still shown (in the default language)
    rather than missing from the other language's listings."""

    def in_locale(self, locale):
        default = Locale.get_default()
        if locale.pk == default.pk:
            return self.filter(locale=locale)
        translated = self.model._default_manager.filter(
            locale=locale, translation_key=OuterRef("translation_key")
        )
        if any(f.name == "live" for f in self.model._meta.fields):
            translated = translated.filter(live=True)
        return self.filter(Q(locale=locale) | (Q(locale=default) & ~Exists(translated)))

    def translations_of(self, records, locale):
        """The versions in ``locale`` (or the default language) of ``records``, in their order,
        in one query. Relations to translatable records may name the record of another
        language (wagtail-localize synchronises them as they are); visitors read their own."""
        keys = list(dict.fromkeys(record.translation_key for record in records if record))
        if not keys:
            return []
        found = {
            record.translation_key: record
            for record in self.in_locale(locale).filter(translation_key__in=keys)
        }
        return [found[key] for key in keys if key in found]
