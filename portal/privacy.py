"""Private sections (pages under a view restriction) for listings, read once per content
generation. Wagtail's ``PageQuerySet.public()`` reads every restriction again each time it is
called, and a listing page calls it for its featured item, its count, its page and its filters;
a change of restrictions starts a new generation (portal/cache_generation.py)."""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from portal.generation_cache import shared


def private_sections(request=None):
    """(path, depth) of every page with a view restriction: it and its descendants are
    private. With a request, read once per content generation."""

    def find():
        return sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth")))

    if request is None:
        return find()
    return shared(request, "private-sections", "", find)


def private_q(sections):
    """``PageQuerySet.private_q()`` for the given private sections, without a query of its
    own: matches no page when there are none."""
    private = Q()
    for path, depth in sections:
        private |= Q(path__startswith=path, depth__gte=depth)
    return private if private else Q(pk__in=[])


def public(queryset, sections):
    """``queryset.public()`` for the given private sections, without a query of its own."""
    return queryset.exclude(private_q(sections)) if sections else queryset
