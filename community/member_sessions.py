"""Sessions end when a member is removed (issue 11).

Every sign-in of an account that is not staff is recorded (``MemberSession``: the account and
its session key). When a membership is deleted (a colleague removed or leaving on the
Colleagues page, a membership deleted in the admin) or stops being active (its role changed
to "waiting"), and the account then acts for no organisation any more, its sessions are
deleted after the commit: its next request is an anonymous one. An account that still belongs
to another organisation keeps its sessions; every member view looks the municipality up
through the account's memberships on each request anyway (``members.membership_or_404``), so
the municipality it left answers 404 at once."""

from datetime import timedelta
from functools import partial
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone


def record_login(user, request):
    """Remember the session an account just signed in (staff sign in to /admin/: not
    recorded); rows older than a session can live are dropped on the way."""
    from .models import MemberSession

    session = getattr(request, "session", None)
    if user.is_staff or session is None:
        return
    if not session.session_key:
        session.save()
    cutoff = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    MemberSession.objects.filter(user=user, created_at__lt=cutoff).delete()
    MemberSession.objects.get_or_create(user=user, session_key=session.session_key)


def belongs_anywhere(user_id):
    """True while the account has an active membership of some organisation."""
    from .models import Membership

    return Membership.objects.active().filter(user_id=user_id).exists()


def end_sessions(user_id):
    """Deletes every recorded session of the account, unless it is staff or still belongs
    to an organisation. Returns how many sessions were ended."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or user.is_staff or belongs_anywhere(user_id):
        return 0
    return delete_sessions(user_id)


def delete_sessions(user_id):
    """Deletes every recorded session of the account, whatever it belongs to."""
    from .models import MemberSession

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(MemberSession.objects.filter(user_id=user_id).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    MemberSession.objects.filter(user_id=user_id).delete()
    return len(keys)


def membership_ended(user_id):
    """A membership of the account was deleted or deactivated: its sessions end after the
    commit (nothing happens when the change is rolled back)."""
    transaction.on_commit(partial(end_sessions, user_id))
