"""The call for proposals an interest is about (issue 12: "the sectors or call it is about").

An interest names a ``calls.CallPage`` through a foreign key to its page (``Interest.call``):
the directory does not depend on the calls app, so the model is reached through the app
registry, as ``community.members`` does for applications. Only live, public calls that are
open or upcoming can be chosen; the row keeps the call's page in the default language and
each reader sees the call's translation in their language when it is live."""

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Page


def call_model():
    """calls.CallPage, or None without the calls app."""
    try:
        return apps.get_model("calls", "CallPage")
    except LookupError:
        return None


def choosable():
    """The calls an interest may name: live, public, open or upcoming (any language)."""
    model = call_model()
    if model is None:
        return Page.objects.none()
    now = timezone.now()
    calls = model.objects.live().public()
    return calls.open(now) | calls.upcoming(now)


def find(pk):
    """The choosable call ``pk`` (a page id in any language, as text or number), or None: an
    unknown, closed or unpublished call is no call."""
    if pk in (None, ""):
        return None
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**31:
        return None
    return choosable().filter(pk=pk).first()


def choices(locale=None):
    """[(pk, title)] of the choosable calls in ``locale`` (the active language), a call not
    translated (yet) in the default language's words; the soonest deadline first."""
    locale = locale or Locale.get_active()
    calls = choosable()
    found = list(calls.filter(locale=locale))
    if locale.language_code != settings.LANGUAGE_CODE:
        found += calls.filter(locale__language_code=settings.LANGUAGE_CODE).exclude(
            translation_key__in=[call.translation_key for call in found]
        )
    return [(call.pk, call.title) for call in sorted(found, key=lambda call: call.closes_at)]


def in_locale(call, locale=None):
    """``call``'s live translation in ``locale`` (the active language), else ``call``."""
    if call is None:
        return None
    locale = locale or Locale.get_active()
    if call.locale_id == locale.pk:
        return call
    found = Page.objects.filter(
        translation_key=call.translation_key, locale=locale, live=True
    ).first()
    return found or call


def to_stored(call):
    """The page an interest keeps for ``call``: its record in the default language (where
    translations start from), or the call itself when it has none."""
    if call is None:
        return None
    default = Locale.get_default()
    if call.locale_id == default.pk:
        return Page.objects.get(pk=call.pk)
    found = Page.objects.filter(translation_key=call.translation_key, locale=default).first()
    return found or Page.objects.get(pk=call.pk)


def localize(rows, language=None):
    """Gives each of ``rows`` (interests, their ``call`` selected with them) ``call_shown``:
    its call's live page in ``language`` (the active one), else the stored page, or None.
    One query however many rows, none when no row names a call."""
    rows = [row for row in rows if row is not None]
    keys = {row.call.translation_key for row in rows if row.call_id}
    found = {}
    if keys:
        locale = (
            Locale.objects.filter(language_code=language).first()
            if language
            else Locale.get_active()
        )
        if locale is not None:
            found = {
                page.translation_key: page
                for page in Page.objects.filter(
                    translation_key__in=keys, locale=locale, live=True
                ).select_related("locale")
            }
    for row in rows:
        row.call_shown = found.get(row.call.translation_key, row.call) if row.call_id else None
    return rows


def title_in(interest, language):
    """The title of the call ``interest`` is about, in ``language`` when translated ("")."""
    if not interest.call_id:
        return ""
    return localize([interest], language)[0].call_shown.title
