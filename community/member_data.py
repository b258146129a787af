"""A data subject's request about the member space (issue 11): everything held about the
person who used an email address, exported or erased. ``manage.py member_data``.

Reaches the member accounts of the address (their email addresses, memberships and signed-in
sessions, the messages, interests and reports they wrote: ``conversation_data``), invitations
sent to it, and join requests made with it. Applications to calls are
``applicant_data``'s (the calls app); a profile that names the person as its contact is listed
in the export, and edited by staff in the admin (it is the municipality's public profile)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from . import conversation_data
from .models import Invitation, JoinRequest, Municipality


class StaffAccount(Exception):
    """The address belongs to a staff account: handled in the admin, not here."""


def _when(value):
    return value.isoformat() if value else None


def _accounts(email):
    from allauth.account.models import EmailAddress

    ids = set(get_user_model().objects.filter(email__iexact=email).values_list("pk", flat=True))
    ids |= set(EmailAddress.objects.filter(email__iexact=email).values_list("user_id", flat=True))
    return list(get_user_model().objects.filter(pk__in=ids).order_by("pk"))


def _join_requests(email, accounts):
    return JoinRequest.objects.filter(Q(email__iexact=email) | Q(user__in=accounts)).select_related(
        "municipality"
    )


def holds_anything(email):
    accounts = _accounts(email)
    return bool(
        accounts
        or Invitation.objects.filter(email__iexact=email).exists()
        or _join_requests(email, accounts).exists()
    )


def export(email):
    """A JSON-ready dict of everything the member space holds about ``email``."""
    from allauth.account.models import EmailAddress

    accounts = _accounts(email)
    return {
        "email": email,
        "accounts": [
            {
                "username": user.username,
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "date_joined": _when(user.date_joined),
                "last_login": _when(user.last_login),
                "is_staff": user.is_staff,
                "email_addresses": [
                    {"email": a.email, "verified": a.verified, "primary": a.primary}
                    for a in EmailAddress.objects.filter(user=user)
                ],
                "memberships": [
                    {
                        "municipality": m.municipality.name,
                        "role": m.role,
                        "since": _when(m.created_at),
                    }
                    for m in user.memberships.select_related("municipality")
                ],
                **conversation_data.export(user),
                "invitations_sent": [
                    {
                        "municipality": i.municipality.name,
                        "email": i.email,
                        "sent": _when(i.created_at),
                    }
                    for i in Invitation.objects.filter(invited_by=user).select_related(
                        "municipality"
                    )
                ],
            }
            for user in accounts
        ],
        "invitations": [
            {
                "municipality": i.municipality.name,
                "email": i.email,
                "invited_by": i.invited_by.email if i.invited_by else None,
                "sent": _when(i.created_at),
                "accepted": _when(i.accepted_at),
            }
            for i in Invitation.objects.filter(email__iexact=email).select_related(
                "municipality", "invited_by"
            )
        ],
        "join_requests": [
            {
                "municipality": r.municipality.name,
                "email": r.email,
                "name": r.name,
                "message": r.message,
                "status": r.status,
                "language": r.language,
                "created": _when(r.created_at),
                "confirmed": _when(r.confirmed_at),
                "decided": _when(r.decided_at),
            }
            for r in _join_requests(email, accounts)
        ],
        "contact_person_of_profiles": sorted(
            set(
                Municipality.objects.filter(contact_email__iexact=email).values_list(
                    "name", flat=True
                )
            )
        ),
    }


def erase(email):
    """Deletes the member accounts of ``email`` (with their addresses, memberships and
    sessions: they are signed out), the invitations sent to it and its join requests; the
    invitations an account sent stay, without naming it. Refuses a staff account. Returns
    {what: how many}."""
    from allauth.account.models import EmailAddress

    from .member_sessions import delete_sessions

    accounts = _accounts(email)
    if any(user.is_staff or user.is_superuser for user in accounts):
        raise StaffAccount(email)
    with transaction.atomic():
        counts = {
            **conversation_data.erase(accounts),
            "join_requests": _join_requests(email, accounts).delete()[0],
            "invitations": Invitation.objects.filter(email__iexact=email).delete()[0],
            "memberships": sum(user.memberships.count() for user in accounts),
            "sessions": sum(delete_sessions(user.pk) for user in accounts),
        }
        EmailAddress.objects.filter(email__iexact=email).delete()
        for user in accounts:
            user.delete()
        counts["accounts"] = len(accounts)
        counts["sign_in_records"] = _erase_sign_in_records(email)
    return counts


def _erase_sign_in_records(email):
    """django-axes keeps sign-in attempts under the address they were made with."""
    from django.apps import apps

    if not apps.is_installed("axes"):
        return 0
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return sum(
        model.objects.filter(username__iexact=email).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )
