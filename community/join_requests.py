"""Asking to join a municipality that already has a published profile (issue 11), apart from
HTTP. The registration form offers it instead of a duplicate registration.

- Someone signed in asks with their account: the request waits for the administrators at once.
- Anyone else gives an email address: the request waits until the address is confirmed from a
  signed link (``JOIN_MAX_AGE``, once), which also makes the account (no password: they sign
  in with a code).
- The municipality's administrators approve (the account becomes a colleague) or decline on
  the Colleagues page. Every email is queued in the transaction and leaves after the commit, in
  the requester's language."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from portal.emails import send_email

from .models import JoinRequest, JoinStatus, Membership, Municipality, Role

JOIN_SALT = "community.join-request"
JOIN_MAX_AGE = 7 * 24 * 3600  # the confirmation link works for 7 days
RESEND_AFTER = timedelta(minutes=10)  # the same unconfirmed request is emailed again after this
OPEN = (JoinStatus.UNCONFIRMED, JoinStatus.WAITING)


def joinable(pk):
    """The published municipality (its record in the default language, which memberships
    name) that record ``pk`` belongs to, or None."""
    record = Municipality.objects.filter(pk=pk, live=True).only("translation_key").first()
    if record is None:
        return None
    return Municipality.objects.filter(
        translation_key=record.translation_key, locale=Locale.get_default(), live=True
    ).first()


def is_member(email, municipality):
    return (
        Membership.objects.active()
        .filter(municipality=municipality, user__email__iexact=email)
        .exists()
    )


def _path(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def ask(municipality, email, language, *, user=None, name="", message=""):
    """A request to join ``municipality``; returns it (an open request of the same address is
    reused rather than repeated), or None when the account is a member already."""
    if user is not None:
        email = user.email
    email = email.strip()
    if is_member(email, municipality):
        return None
    with transaction.atomic():
        existing = (
            JoinRequest.objects.select_for_update()
            .filter(municipality=municipality, email__iexact=email, status__in=OPEN)
            .first()
        )
        if existing is not None and user is not None and existing.status == JoinStatus.UNCONFIRMED:
            _mark_confirmed(existing, user)  # signed in: the account proves the address
            tell_administrators(existing)
            return existing
        if existing is not None:
            if existing.status == JoinStatus.UNCONFIRMED and (
                timezone.now() - existing.created_at > RESEND_AFTER
            ):
                send_confirmation(existing)
            return existing
        request = JoinRequest.objects.create(
            municipality=municipality,
            email=email,
            name=name,
            message=message,
            language=language,
            user=user,
        )
        if user is not None:
            _mark_confirmed(request, user)
            tell_administrators(request)
        else:
            send_confirmation(request)
    return request


def _mark_confirmed(request, user):
    request.user = user
    request.status = JoinStatus.WAITING
    request.confirmed_at = timezone.now()
    request.save(update_fields=["user", "status", "confirmed_at"])


def send_confirmation(request):
    token = signing.dumps({"j": request.pk}, salt=JOIN_SALT)
    send_email(
        "emails/community/join_confirm",
        {
            "municipality": request.municipality,
            "link": settings.BASE_URL + _path(request.language, "member_join_confirm", token),
            "days": JOIN_MAX_AGE // 86400,
        },
        [request.email],
        language=request.language,
    )


def open_request(token):
    """The unconfirmed request a confirmation token names, or None (forged, expired, used)."""
    try:
        pk = signing.loads(token, salt=JOIN_SALT, max_age=JOIN_MAX_AGE)["j"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return (
        JoinRequest.objects.filter(pk=pk, status=JoinStatus.UNCONFIRMED, municipality__live=True)
        .select_related("municipality")
        .first()
    )


def confirm(request):
    """The address is confirmed: the account is made (or found) and the administrators are
    told. Returns the request, or None when it was confirmed meanwhile."""
    from .accounts import account_for

    with transaction.atomic():
        claimed = JoinRequest.objects.filter(pk=request.pk, status=JoinStatus.UNCONFIRMED).update(
            status=JoinStatus.WAITING, confirmed_at=timezone.now()
        )
        if not claimed:
            return None
        user, _address = account_for(request.email, verified=True)
        request.refresh_from_db()
        request.user = user
        request.save(update_fields=["user"])
        if is_member(request.email, request.municipality):
            JoinRequest.objects.filter(pk=request.pk).update(
                status=JoinStatus.APPROVED, decided_at=timezone.now()
            )
        else:
            tell_administrators(request)
    return request


def tell_administrators(request):
    """One message per administrator of the municipality, in the requester's language."""
    admins = Membership.objects.active().admins().filter(municipality=request.municipality)
    addresses = {e.lower(): e for e in admins.values_list("user__email", flat=True)}
    link = settings.BASE_URL + _path(request.language, "member_colleagues", request.municipality_id)
    context = {"request": request, "municipality": request.municipality, "link": link}
    return sum(
        send_email(
            "emails/community/join_for_admins", context, [address], language=request.language
        )
        for address in addresses.values()
    )


def waiting_for(municipality):
    return JoinRequest.objects.filter(
        municipality=municipality, status=JoinStatus.WAITING
    ).order_by("created_at")


def decide(request, approve, decided_by):
    """An administrator's decision on a waiting request; an approval makes the account a
    colleague. Returns False when the request was decided meanwhile."""
    with transaction.atomic():
        status = JoinStatus.APPROVED if approve else JoinStatus.DECLINED
        claimed = JoinRequest.objects.filter(pk=request.pk, status=JoinStatus.WAITING).update(
            status=status, decided_at=timezone.now(), decided_by=decided_by
        )
        if not claimed:
            return False
        if approve:
            membership, created = Membership.objects.get_or_create(
                user=request.user,
                municipality=request.municipality,
                defaults={"role": Role.COLLEAGUE},
            )
            if not created and membership.role == Role.REGISTRANT:
                membership.role = Role.COLLEAGUE
                membership.save(update_fields=["role"])
        send_email(
            "emails/community/join_decided",
            {
                "municipality": request.municipality,
                "approved": approve,
                "login_url": settings.BASE_URL + _path(request.language, "account_login"),
            },
            [request.email],
            language=request.language,
        )
    return True
