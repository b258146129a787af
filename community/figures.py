"""Key figures of the network, computed from the directory and the published partnership
records (never typed in by hand). A partnership counts once staff publish it
(``community.partnerships.publish``, which also forgets the cached figures)."""

from django.core.cache import cache
from django.db.models import Count
from wagtail.models import Locale

from .models import JointProject, Municipality, Partnership, Stage
from .models.base import COUNTRY_NAMES

# Counting a directory of 100,000 takes a second on SQLite; the home page can be a few
# minutes behind.
FIGURES_CACHE_SECONDS = 300


def network_figures():
    """Registered municipalities by country, partnerships, joint projects and countries.

    A municipality and its translations count once (by translation key)."""
    figures = cache.get_or_set("community:network-figures", _count, FIGURES_CACHE_SECONDS)
    # Cached as stage values: the labels are named in the visitor's language.
    labels = dict(Stage.choices)
    return {**figures, "by_stage": [(labels[value], n) for value, n in figures["stage_counts"]]}


def _count():
    default = Locale.get_default()
    by_country = list(
        Municipality.objects.live()
        .values("country")
        .annotate(count=Count("translation_key", distinct=True))
        .order_by("-count", "country")
    )
    partnerships = Partnership.objects.in_locale(default).published()
    stages = dict(partnerships.values_list("stage").annotate(count=Count("pk")).order_by())
    return {
        "municipalities": sum(row["count"] for row in by_country),
        "by_country": [
            (COUNTRY_NAMES.get(r["country"], r["country"]), r["count"]) for r in by_country
        ],
        "countries": len(by_country),
        "partnerships": partnerships.count(),
        "ukrainian_with_partner": partnerships.order_by()
        .values("ukrainian_municipality__translation_key")
        .distinct()
        .count(),
        "stage_counts": [(value, stages.get(value, 0)) for value in Stage.values],
        "joint_projects": JointProject.objects.filter(partnership__in=partnerships).count(),
    }


def recent_partnerships(locale, limit):
    return list(
        Partnership.objects.in_locale(locale)
        .published()
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .order_by("-started_on", "-pk")[:limit]
    )
