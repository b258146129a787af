"""What the newsletter's views and commands change: sign-up, confirmation, preferences,
unsubscribe, expiry and erasure. Short transactions; emails are queued with the change."""

import datetime

from django.db import transaction
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber, UnsubscribedAddress, address_hash, pack
from portal.emails import send_email


def normalise(email):
    return email.strip().lower()


@transaction.atomic
def sign_up(email, languages, topics, language):
    """Everyone gets the same answer. A new or unconfirmed address gets a confirmation link; a
    confirmed one gets "you are already subscribed" with its private link, and is unchanged."""
    email = normalise(email)
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.confirmed:
        send_email(
            "newsletter/emails/already_subscribed",
            {"subscriber": subscriber, **tokens.manage_links(subscriber)},
            [subscriber.email],
            language=subscriber.language,
        )
        return subscriber
    if subscriber is None:
        subscriber = Subscriber(email=email)
    subscriber.language = language
    subscriber.languages = pack(languages)
    subscriber.topics = pack(topics)
    subscriber.created_at = timezone.now()  # the expiry counts from the latest sign-up
    subscriber.save()
    send_email(
        "newsletter/emails/confirm",
        {
            "subscriber": subscriber,
            "link": tokens.confirm_link(subscriber),
            "days": tokens.confirm_days(),
        },
        [subscriber.email],
        language=subscriber.language,
    )
    return subscriber


def find(pk, key):
    return Subscriber.objects.filter(pk=pk, key=key).first()


@transaction.atomic
def confirm(subscriber):
    """True when this confirmed the subscription, False when it was confirmed before."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.confirmed:
        return False
    subscriber.confirmed_at = timezone.now()
    subscriber.save(update_fields=["confirmed_at"])
    # A new, confirmed consent replaces an earlier unsubscribe.
    UnsubscribedAddress.objects.filter(digest=address_hash(subscriber.email)).delete()
    return True


def update_preferences(subscriber, languages, topics):
    subscriber.languages = pack(languages)
    subscriber.topics = pack(topics)
    subscriber.save(update_fields=["languages", "topics"])


@transaction.atomic
def unsubscribe(subscriber):
    """The address is forgotten; only its hash stays, so that it is never written to again."""
    UnsubscribedAddress.objects.get_or_create(digest=address_hash(subscriber.email))
    Subscriber.objects.filter(pk=subscriber.pk).delete()


def is_unsubscribed(email):
    return UnsubscribedAddress.objects.filter(digest=address_hash(email)).exists()


def expire_unconfirmed(now=None):
    """Delete sign-ups never confirmed within the link's lifetime. Returns how many."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=tokens.confirm_days())
    deleted, _detail = Subscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lt=limit
    ).delete()
    return deleted


def personal_data(email):
    email = normalise(email)
    subscriber = Subscriber.objects.filter(email=email).first()
    data = {"email": email, "subscriber": None, "unsubscribed": is_unsubscribed(email)}
    if subscriber is not None:
        data["subscriber"] = {
            "language": subscriber.language,
            "languages": subscriber.language_list,
            "topics": subscriber.topic_list,
            "signed_up": subscriber.created_at.isoformat(),
            "confirmed": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        }
    return data


@transaction.atomic
def erase(email):
    """Every trace of the address (subscription, deliveries, hash). Returns how many rows."""
    email = normalise(email)
    count, _detail = Subscriber.objects.filter(email=email).delete()
    hashes, _detail = UnsubscribedAddress.objects.filter(digest=address_hash(email)).delete()
    return count + hashes
