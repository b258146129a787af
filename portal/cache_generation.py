"""The page cache's *generation*: the token under which stored pages are valid, and what
replaces it (portal/pagecache.py stores and answers pages under it).

Any change to what a page may show — a page published, unpublished, moved or deleted; a shown
snippet, a site setting, a redirect, an image saved or deleted — replaces the generation, so the
next request renders again. The generation lives where every worker sees it: in the cache when
the cache is shared (Redis), in a small file when each process has its own local-memory cache.
After the commit, the HTTP cache in front (Varnish, ``FRONTEND_CACHE_URL``) is banned too."""

import logging
import os
import uuid
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

logger = logging.getLogger("portal")

GENERATION_KEY = "pagecache:generation"

# Models whose rows pages show, by label, besides every page type, every snippet and every
# site setting (found at run time). Child rows saved with their parent (sectors offered, joint
# projects) are listed so that a change saved without the parent still counts.
DEFAULT_MODELS = [
    "community.Municipality",
    "community.SectorOffer",
    "community.SectorNeed",
    "community.Partnership",
    "community.JointProject",
    "community.Sector",
    "community.Programme",
    "community.NationalAssociation",
    "community.PartnerOrganisation",
    "community.Language",
    "portal.SiteSettings",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "wagtailsearchpromotions.Query",
    "wagtailsearchpromotions.SearchPromotion",
    "taggit.Tag",
]


def option(name, default):
    return getattr(settings, name, default)


def enabled():
    return option("PAGE_CACHE_ENABLED", True)


# The generation ---------------------------------------------------------------------------------


def _cache_is_per_process():
    return isinstance(caches["default"], LocMemCache | DummyCache)


def _generation_file() -> Path:
    return Path(option("PAGE_CACHE_GENERATION_FILE", settings.BASE_DIR / "var" / "pagecache"))


def current_generation() -> str:
    """The token under which entries are valid now. Shared by every worker: in the cache when
    the cache is shared, else in a file (local memory is one per process)."""
    if not _cache_is_per_process():
        value = cache.get(GENERATION_KEY)
        if value is None:
            # Never fall back to a fixed value: entries of an evicted generation could be old.
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            value = cache.get(GENERATION_KEY)
        return value
    path = _generation_file()
    try:
        return path.read_text()
    except FileNotFoundError:
        return _write_generation(path)


def _write_generation(path: Path) -> str:
    value = uuid.uuid4().hex
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{value}")
    temporary.write_text(value)
    os.replace(temporary, path)  # atomic: a reader sees the old or the new value
    return value


def bump_generation():
    """Make every stored page stale (the next request renders it again). A cache server that
    cannot be reached must not stop an editor's publishing: it is logged, and stored pages
    expire with their lifetime at the latest."""
    try:
        if _cache_is_per_process():
            _write_generation(_generation_file())
        else:
            cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.exception("Could not start a new page cache generation")


def content_changed(**_kwargs):
    """Something a public page may show changed. Bump now (this process and every other stops
    serving what it stored) and again after the commit (a request that read the old rows
    between the two stored them under the first new generation), then ban the front-end cache
    (Varnish) when one is configured."""
    bump_generation()
    transaction.on_commit(_after_commit)


def _after_commit():
    bump_generation()
    ban_frontend_cache()


def ban_frontend_cache():
    """Ask the HTTP cache in front (``FRONTEND_CACHE_URL``, Varnish) to drop every object: a
    snippet shown on many pages changed, and Wagtail's own purge only names the page's URLs.
    deploy/varnish/default.vcl accepts BAN from the local machine only."""
    location = option("FRONTEND_CACHE_URL", "")
    if not location:
        return
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https"):
        logger.error("FRONTEND_CACHE_URL must be an http(s) address, not %s", location)
        return
    request = Request(f"{parts.scheme}://{parts.netloc}/", method="BAN")  # noqa: S310
    try:
        with urlopen(request, timeout=3) as answer:  # noqa: S310 - our own configured address
            answer.read()
    except OSError as error:
        logger.error("Could not ban the front-end cache at %s: %s", location, error)


# What counts as a change ------------------------------------------------------------------------

_watched_labels = None


def watched_labels():
    """Labels of the models whose saves and deletes change public pages: the configured list,
    every snippet and every site setting. Computed once, when the first change arrives (all
    apps and their wagtail_hooks are loaded by then)."""
    global _watched_labels
    if _watched_labels is None:
        from wagtail.contrib.settings.registry import registry as settings_registry
        from wagtail.snippets.models import get_snippet_models

        labels = set(option("PAGE_CACHE_MODELS", DEFAULT_MODELS))
        labels.update(model._meta.label for model in get_snippet_models())
        labels.update(model._meta.label for model in settings_registry)
        _watched_labels = frozenset(labels)
    return _watched_labels


def _model_saved(sender, instance, **kwargs):
    from wagtail.models import Page

    if issubclass(sender, Page):
        # A page that is not live shows nothing (unpublishing sends page_unpublished); a live
        # page saved outside publishing (a script, a factory) may have changed.
        if instance.live:
            content_changed()
    elif sender._meta.label in watched_labels():
        content_changed()


def _model_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if issubclass(sender, Page) or sender._meta.label in watched_labels():
        content_changed()


def _setting_changed(setting, **kwargs):
    global _watched_labels
    if setting == "PAGE_CACHE_MODELS":
        _watched_labels = None


def connect_signals():
    """Called from PortalConfig.ready(): by model labels only, so portal imports no feature
    app."""
    from django.core.signals import setting_changed
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    setting_changed.connect(_setting_changed, dispatch_uid="pagecache-generation-settings")
    post_save.connect(_model_saved, dispatch_uid="pagecache-save")
    post_delete.connect(_model_deleted, dispatch_uid="pagecache-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"pagecache-{id(signal)}")
