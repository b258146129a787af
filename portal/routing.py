"""Wagtail's page routing, remembered once per content generation.

Wagtail finds the page for an address by walking the tree on every request: the site by host
name, the language's home page, then one or two queries per level down to the page, and two more
for the view restrictions of the page and its ancestors. A story costs nine queries before its
own content is read. The answer only changes when pages, sites or restrictions do, and any such
change starts a new content generation (portal/cache_generation.py: publish, unpublish, move,
delete, a view restriction or a site saved). So the route found for an address is kept, per
generation, as ids (the site, the page, the routable page's view and arguments) and the next
request reads the page itself (live, with its locale) in one query.

The page is always read from the database: only where the address leads is shared. Not kept:
addresses that lead nowhere (a scan of random addresses must not fill the cache), pages under a
view restriction (Wagtail checks those on every request as before), routes whose arguments are
not plain values. Wagtail has no setting for this (its site root paths are cached, the rest of
the walk is not), so it is written here; it hands Wagtail's own ``serve`` a route it would have
found (``Page.route_for_request`` keeps its result on the request).
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http.request import split_domain_port
from django.urls import ResolverMatch
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from portal import generation_cache

PLAIN = (str, int, float, bool, type(None))
MAX_PATH = 500  # longer addresses are routed as usual, not kept


def _site_key(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    return f"{hostname}:{request.get_port()}"


def _route_key(site, path):
    digest = hashlib.sha256(f"{site.pk}|{get_language()}|{path}".encode()).hexdigest()[:32]
    return f"route:{digest}"


def _plain(values):
    if isinstance(values, dict):
        return all(isinstance(key, str) and isinstance(v, PLAIN) for key, v in values.items())
    return all(isinstance(value, PLAIN) for value in values)


def describe(page, args, kwargs):
    """The route as plain ids, or None when it cannot be kept."""
    if kwargs or page.get_view_restrictions().exists():
        return None
    entry = {"page": page.pk, "type": page.content_type_id, "view": None, "args": (), "kw": {}}
    if args:
        if not isinstance(page, RoutablePageMixin) or len(args) != 3:
            return None
        view, view_args, view_kwargs = args
        name = getattr(view, "__name__", "")
        function = getattr(view, "__func__", None)
        if function is None or getattr(type(page), name, None) is not function:
            return None
        if not (_plain(view_args) and _plain(view_kwargs)):
            return None
        entry.update(view=name, args=tuple(view_args), kw=dict(view_kwargs))
    return entry


def _specific(pk, content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not issubclass(model, Page):
        return None
    # A page type can name the relations its page always shows (ROUTE_SELECT_RELATED).
    related = ("locale", *getattr(model, "ROUTE_SELECT_RELATED", ()))
    return model.objects.live().select_related(*related).filter(pk=pk).first()


def restore(request, entry):
    """The route a kept entry describes, or None when its page is gone or no longer live
    (the generation changes with it; this is the safety net)."""
    page = _specific(entry["page"], entry["type"])
    if page is None:
        return None
    # Checked when the entry was made, under this generation: no restriction applies
    # (RoutedPageMixin.get_view_restrictions answers without a query).
    page._portal_unrestricted = True
    if entry["view"] is None:
        return page, [], {}
    view = getattr(page, entry["view"])
    args, kwargs = list(entry["args"]), dict(entry["kw"])
    request.routable_resolver_match = ResolverMatch(view, args, kwargs)
    return page, (view, args, kwargs), {}


def prime(request, path):
    """Put the site and the route of ``path`` on the request, from the generation's entries
    when there are some, else as Wagtail finds them (and keep them)."""
    if not generation_cache.sharing_enabled() or len(path) > MAX_PATH:
        return
    site = generation_cache.shared(
        request, "site", _site_key(request), lambda: Site.find_for_request(request)
    )
    if site is None:
        return
    request._wagtail_site = site  # where Site.find_for_request looks first
    route_key = generation_cache.shared_key(request, "route", _route_key(site, path))
    entry = cache.get(route_key)
    if entry is not None:
        found = restore(request, entry)
        if found is not None:
            request._wagtail_route_for_request = found
            return
    found = Page.route_for_request(request, path)
    if found is None:
        return
    page, args, kwargs = found
    entry = describe(page, args, kwargs)
    if entry is not None:
        cache.set(route_key, entry, generation_cache.SHARED_SECONDS)
        page._portal_unrestricted = True


def serve(request, path):
    """Wagtail's ``serve`` with the route primed (portal/urls.py routes page addresses here)."""
    prime(request, path)
    return wagtail_views.serve(request, path)
