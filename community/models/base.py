"""What every translatable record of the directory shares: reading it in the visitor's language."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from portal.countries import NETWORK_CHOICES, NETWORK_COUNTRIES

# ISO 3166-1 codes of the countries whose municipalities take part: Ukraine and the EU.
# COUNTRIES are the choices of forms and filters: Ukraine first, then in the visitor's
# alphabetical order (read at each iteration).
COUNTRIES = NETWORK_CHOICES
COUNTRY_NAMES = dict(NETWORK_COUNTRIES)
EU_COUNTRY_CODES = [code for code, _name in NETWORK_COUNTRIES if code != "UA"]


class LocalizedQuerySet(models.QuerySet):
    """Translatable records read in one language, falling back to the default language.

    A record that editors have not translated yet is still shown (in the default language)
    rather than missing from the other language's listings."""

    def in_locale(self, locale):
        """Records of ``locale``, and of the default language where ``locale`` has no (live)
        translation. Written as ``id__in`` lookups, not a correlated NOT EXISTS, so that a
        search backend can apply it as a filter too (search/partners.py)."""
        # The default language by its code: no query for the default Locale row.
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        if locale.language_code == default:
            return self.filter(locale=locale)
        manager = self.model._default_manager
        translated = manager.filter(locale=locale)
        if any(f.name == "live" for f in self.model._meta.fields):
            translated = translated.filter(live=True)
        shadowed = manager.filter(
            locale__language_code=default,
            translation_key__in=translated.values("translation_key"),
        )
        # As a subquery, not the default Locale's id: one query less on every listing.
        default_locale = Locale.objects.filter(language_code=default).values("pk")
        return self.filter(
            Q(locale=locale) | (Q(locale__in=default_locale) & ~Q(id__in=shadowed.values("id")))
        )

    def translations_of(self, records, locale):
        """The versions in ``locale`` (or the default language) of ``records`` (a list, in its
        order, or a queryset), in one query. Relations to translatable records may name the
        record of another language (wagtail-localize synchronises them as they are); visitors
        read their own."""
        if isinstance(records, models.QuerySet):
            # One query: the keys as a subquery, not fetched first (a story's page reads four
            # such relations). Ordered as the model orders its records in ``locale``.
            return list(
                self.in_locale(locale).filter(
                    translation_key__in=records.order_by().values("translation_key")
                )
            )
        keys = list(dict.fromkeys(record.translation_key for record in records if record))
        if not keys:
            return []
        found = {
            record.translation_key: record
            for record in self.in_locale(locale).filter(translation_key__in=keys)
        }
        return [found[key] for key in keys if key in found]
