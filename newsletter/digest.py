"""The monthly digest: new stories, open calls and upcoming events per language, sent to the
confirmed subscribers in their language, one delivery row per recipient.

The page models are found by their labels (django.apps), so nothing here is imported by the
feature apps' side. A delivery is marked sent in the transaction that queues its email in the
outbox, so an interrupted sending resumed later writes to each subscriber exactly once."""

import datetime
import time

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from newsletter import tokens
from newsletter.models import SECTOR_PREFIX, Digest, DigestDelivery, Subscriber
from portal.emails import render_email, send_email

PERIOD_DAYS = 31
MAX_ITEMS = 10
TEMPLATE = "newsletter/emails/digest"


def _live(label, language):
    model = apps.get_model(*label.split("."))
    return model.objects.live().public().filter(locale__language_code=language)


def _date(value):
    return formats.date_format(timezone.localtime(value), "j E Y")


def sections(language, since, until):
    """[{key, title, items: [{title, url, note, sectors}]}] of what is new in ``language``;
    ``sectors`` are the slugs of the directory sectors an item is about (none: general)."""
    with translation.override(language):
        stories = _live("stories.StoryPage", language).filter(
            date__gte=timezone.localtime(since).date(), date__lte=timezone.localtime(until).date()
        )
        calls = _live("calls.CallPage", language).filter(opens_at__lte=until, closes_at__gt=until)
        events = _live("stories.EventPage", language).filter(ends_at__gte=until)
        found = [
            (
                "stories",
                _("New stories"),
                [(p, "") for p in _with_sectors(stories.order_by("-date", "pk")[:MAX_ITEMS])],
            ),
            (
                "calls",
                _("Open calls for proposals"),
                [
                    (p, _("closes on %(date)s") % {"date": _date(p.closes_at)})
                    for p in _with_sectors(calls.order_by("closes_at", "pk")[:MAX_ITEMS])
                ],
            ),
            (
                "events",
                _("Upcoming events"),
                [(p, _date(p.starts_at)) for p in events.order_by("starts_at", "pk")[:MAX_ITEMS]],
            ),
        ]
        return [
            {
                "key": key,
                "title": str(title),
                "items": [
                    {
                        "title": page.title,
                        "url": page.get_full_url(),
                        "note": str(note),
                        "sectors": _sector_slugs(page),
                    }
                    for page, note in pages
                ],
            }
            for key, title, pages in found
            if pages
        ]


def _sector_slugs(page):
    related = getattr(page, "sectors", None)  # events name no sector
    return sorted({sector.slug for sector in related.all()}) if related is not None else []


def _with_sectors(pages):
    """The pages with their sectors read in one query (stories and calls name them)."""
    return list(pages.prefetch_related("sectors"))


def for_subscriber(all_sections, subscriber):
    """The sections of the kinds the subscriber chose (all when only sectors were chosen); when
    sectors were chosen, the items about other sectors are left out (general items stay)."""
    topics = subscriber.topic_list
    kinds = {topic for topic in topics if ":" not in topic}
    sectors = {topic.split(":", 1)[1] for topic in topics if topic.startswith(SECTOR_PREFIX)}
    chosen = []
    for section in all_sections:
        if kinds and section["key"] not in kinds:
            continue
        items = [
            item
            for item in section["items"]
            if not sectors or not item["sectors"] or sectors & set(item["sectors"])
        ]
        if items:
            chosen.append({**section, "items": items})
    return chosen


def preview(language, since=None, until=None):
    """(subject, body) of the digest in ``language`` as a subscriber of every topic sees it."""
    until = until or timezone.now()
    since = since or until - datetime.timedelta(days=PERIOD_DAYS)
    context = {
        "sections": sections(language, since, until),
        "preferences_link": "…",
        "unsubscribe_link": "…",
    }
    return render_email(TEMPLATE, context, language)


def recipients():
    return Subscriber.objects.filter(confirmed_at__isnull=False)


@transaction.atomic
def create(user=None, now=None):
    """A digest of the last month with one pending delivery per confirmed subscriber, sent by
    a background task after the commit."""
    now = now or timezone.now()
    digest = Digest.objects.create(
        period_start=now - datetime.timedelta(days=PERIOD_DAYS), period_end=now, created_by=user
    )
    DigestDelivery.objects.bulk_create(
        DigestDelivery(digest=digest, subscriber=subscriber, language=subscriber.edition_language())
        for subscriber in recipients()
    )
    transaction.on_commit(lambda: _enqueue(digest.pk))
    return digest


def _enqueue(pk):
    from newsletter.tasks import send_digest

    send_digest.enqueue(pk)


def _next_pending(digest):
    pending = DigestDelivery.objects.filter(digest=digest, sent_at__isnull=True)
    return pending.select_for_update(skip_locked=True).select_related("subscriber").order_by("pk")


def send_pending(digest, limit=None, pause=None):
    """Send the digest's unsent deliveries, one transaction each, ``pause`` seconds apart
    (NEWSLETTER_SEND_PAUSE: the mail server's rate). Stops after ``limit``. Returns how many
    were sent."""
    pause = getattr(settings, "NEWSLETTER_SEND_PAUSE", 0.5) if pause is None else pause
    cache = {}
    sent = 0
    while limit is None or sent < limit:
        with transaction.atomic():
            delivery = _next_pending(digest).first()
            if delivery is None:
                break
            language = delivery.language
            if language not in cache:
                cache[language] = sections(language, digest.period_start, digest.period_end)
            subscriber = delivery.subscriber
            links = tokens.manage_links(subscriber, language)
            context = {"sections": for_subscriber(cache[language], subscriber), **links}
            send_email(
                TEMPLATE,
                context,
                [subscriber.email],
                language=language,
                headers=tokens.list_unsubscribe_headers(links["unsubscribe_link"]),
            )
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["sent_at"])
        sent += 1
        if pause:
            time.sleep(pause)
    return sent


def resume_all():
    """Every digest with unsent deliveries (a worker stopped mid-way): send the rest."""
    total = 0
    for digest in Digest.objects.filter(deliveries__sent_at__isnull=True).distinct():
        total += send_pending(digest)
    return total
