"""The site search, the partner search and the map of the network."""

import logging

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from portal.models import BasePage
from portal.pagination import page_from_request

from .query import MAX_QUERY_LENGTH, clean_query
from .search_errors import SEARCH_ERRORS

logger = logging.getLogger("portal.search")


class SearchPage(BasePage):
    """Searches the live pages of the visitor's language, with editors' promoted results first.

    Query pages are marked noindex; an unusable query or a failing backend shows a message,
    never an error page."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/search_page.html"
    per_page = 10
    profiles_shown = 5  # directory profiles listed above the page results

    class Meta:
        verbose_name = _("search page")

    def search(self, request):
        query = clean_query(request.GET.get("q"))
        result = {"query": query, "max_length": MAX_QUERY_LENGTH, "results": None, "picks": []}
        if not query:
            return result
        pages = Page.objects.live().public().filter(locale=self.locale_id).exclude(pk=self.pk)
        try:
            found = pages.search(word_forms_query(query.text))
            page = page_from_request(Paginator(found, self.per_page), request)
            # Read-only lookup: Query.get() would create a row for every search a visitor makes.
            promoted = (
                SearchPromotion.objects.filter(
                    query__query_string=normalise_query_string(query.text),
                    page__live=True,
                    page__locale=self.locale_id,
                )
                .select_related("page")
                .order_by("sort_order")
            )
            result["picks"] = [pick.page.specific for pick in promoted[:3]]
            result["profiles"], result["profile_count"] = self.profiles(request, query.text)
        except SEARCH_ERRORS:  # the database index or the cluster could not answer
            logger.exception("Site search failed for %r", query.text)
            result["unavailable"] = True
            return result
        specific = Page.objects.filter(pk__in=[p.pk for p in page]).specific().in_bulk()
        page.object_list = [specific[p.pk] for p in page if p.pk in specific]
        result["results"] = page
        # One count for everything the visitor sees below the form: pages and profiles.
        result["total"] = page.paginator.count + result["profile_count"]
        return result

    def profiles(self, request, text):
        """Directory profiles of this language that match, through the search index; the
        folded words are searched as well so that "Siauliai" finds "Šiauliai"."""
        from wagtail.search.backends import get_search_backend
        from wagtail.search.query import Or, PlainText

        from community.cards import directory_for, link_profiles
        from community.models import Municipality
        from community.text import word_keys

        directory = directory_for(self.locale_id)
        if directory is None:
            return [], 0
        query = PlainText(text, operator="and")
        folded = " ".join(word_keys(text))
        if folded and folded != text:
            query = Or([query, PlainText(folded, operator="and")])
        # MunicipalityQuerySet has no .search(): ask the configured backend directly.
        found = get_search_backend().search(
            query, Municipality.objects.filter(live=True, locale_id=self.locale_id)
        )
        shown = link_profiles(list(found[: self.profiles_shown]), request, directory)
        return shown, found.count()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.search(request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.GET.get("q"):
            response["X-Robots-Tag"] = "noindex"
        return response


class PartnerSearchPage(RoutablePageMixin, BasePage):
    """Finds partner municipalities: a text query in any script and spelling, facets with
    counts, sorting and pagination, every state in the URL (``search.partners``); and explained
    suggestions for one municipality at ``match/<slug>/`` (``search.matching``). Query pages
    are marked noindex: they are endless variations of the directory."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/partner_search_page.html"

    class Meta:
        verbose_name = _("partner search page")

    @path("", name="index")
    def index_view(self, request):
        from community.cards import directory_for

        from .partners import FACET_LABELS, SORT_LABELS, run_search
        from .query import MAX_QUERY_LENGTH

        result = run_search(request, self.locale, directory_for(self.locale))
        filters = result.filters
        call = self.call_for_partners(filters)
        if call is not None:  # the profiles found lead to an interest naming the call
            for municipality in result.page.object_list:
                if getattr(municipality, "profile_url", None):
                    municipality.profile_url += f"?call={call.pk}"
        context = {
            "call": call,
            "search": result,
            "filters": filters,
            "page_obj": result.page,
            "max_length": MAX_QUERY_LENGTH,
            "ignored_labels": [str(FACET_LABELS[name]) for name in filters.ignored],
            "sorts": [
                {"value": value, "label": label, "url": filters.with_sort(value).url()}
                for value, label in SORT_LABELS.items()
                if value != "relevance" or filters.q
            ],
            "clear_url": self.get_url(request),
        }
        return noindex_if_query(request, self.render(request, context_overrides=context))

    @staticmethod
    def call_for_partners(filters):
        """The call of ``filters.call`` in the active language when an interest may name it
        (live, open or upcoming), else None."""
        if not filters.call:
            return None
        from community import interest_calls

        call = interest_calls.find(filters.call)
        return interest_calls.in_locale(call) if call else None

    @path("match/<slug:slug>/", name="match")
    def match_view(self, request, slug):
        from community.cards import directory_for, link_profiles, prepare_cards, sectors_by_slug
        from community.models import with_sectors

        from .matching import WEIGHTS, suggestions
        from .partners import live_municipalities

        municipality = (
            live_municipalities(self.locale)
            .filter(slug=slug)
            .prefetch_related(*with_sectors(), "working_languages")
            .first()
        )
        if municipality is None:
            raise Http404
        sectors = sectors_by_slug(self.locale)
        page = suggestions(municipality, self.locale, request, sectors)
        directory = directory_for(self.locale)
        prepare_cards(page, request, sectors, directory)
        link_profiles([municipality], request, directory)
        return self.render(
            request,
            template="pages/partner_match_page.html",
            context_overrides={
                "municipality": municipality,
                "page_obj": page,
                "weights": WEIGHTS,
                "meta_title": gettext("Partners for %(name)s")
                % {"name": municipality.display_name},
            },
        )


def word_forms_query(text):
    """The visitor's words as typed, or each in its dictionary form (portal/lemmas.py, matched
    against the pages' ``search_lemmas`` field): "допомога" finds "допомоги"."""
    from wagtail.search.query import Or, PlainText

    from portal.lemmas import lemmas

    query = PlainText(text, operator="and")
    lemmatised = lemmas(text)
    if lemmatised and lemmatised != text:
        query = Or([query, PlainText(lemmatised, operator="and")])
    return query


def noindex_if_query(request, response):
    """Result pages of a query or filter stay out of search engines; the plain page does not."""
    if request.GET:
        response["X-Robots-Tag"] = "noindex"
    return response


class MapPage(BasePage):
    """The map of the network (``/<lang>/map/``): the published municipalities matching the
    directory's filters as markers that cluster, their partnerships as lines, and the same
    results as a paginated list that works without JavaScript (municipalities without
    coordinates included and said so). The markers come from ``/api/map/`` (``search.map``);
    the map library and the base layer are static files of the portal."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/map_page.html"
    per_page = 24

    class Meta:
        verbose_name = _("map page")

    def get_context(self, request, *args, **kwargs):
        from .map_page import map_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(map_page_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        return noindex_if_query(request, super().serve(request, *args, **kwargs))
