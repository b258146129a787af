"""After moderators approve (publish) a profile, ``services.profile_published`` adopts the
logo sent with the registration and tells the contact. Wagtail sends ``published`` inside the
admin's transaction, so the handler only schedules the service for after the commit: nothing
is sent for a publication that is rolled back. Sector and language changes refresh the keys
the match page scores with."""

from functools import partial

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published

from .models import Membership, Municipality, SectorNeed, SectorOffer
from .models.membership import ACTIVE_ROLES
from .models.sector_links import refresh_match_keys


@receiver(published, sender=Municipality)
def after_profile_published(sender, instance, **kwargs):
    from .services import profile_published

    transaction.on_commit(partial(profile_published, instance.pk))


# The match page scores candidates from Municipality.offer_keys, need_keys and language_keys;
# links changed outside Municipality.save() (imports, factories, the shell) refresh them here.
@receiver(post_save, sender=SectorOffer)
@receiver(post_delete, sender=SectorOffer)
@receiver(post_save, sender=SectorNeed)
@receiver(post_delete, sender=SectorNeed)
def refresh_keys_after_sector_change(sender, instance, **kwargs):
    if instance.municipality_id:
        refresh_match_keys([instance.municipality_id])


@receiver(m2m_changed, sender=Municipality.working_languages.through)
def refresh_keys_after_language_change(sender, instance, action, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Municipality):
        refresh_match_keys([instance.pk])
    elif pk_set:
        refresh_match_keys(pk_set)  # changed from the language's side


# Sessions end when a member is removed (community/member_sessions.py).
@receiver(user_logged_in)
def remember_member_session(sender, request, user, **kwargs):
    from .member_sessions import record_login

    if request is not None:
        record_login(user, request)


@receiver(post_delete, sender=Membership)
def end_sessions_after_removal(sender, instance, **kwargs):
    from .member_sessions import membership_ended

    membership_ended(instance.user_id)


@receiver(post_save, sender=Membership)
def end_sessions_after_deactivation(sender, instance, created, **kwargs):
    from .member_sessions import membership_ended

    if not created and instance.role not in ACTIVE_ROLES:
        membership_ended(instance.user_id)
