"""When moderators approve (publish) a registered profile: its submitted logo becomes the
profile's logo, and the contact is told. Sector and language changes refresh the keys the
match page scores with."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published

from .models import Municipality, SectorNeed, SectorOffer
from .models.municipality import refresh_match_keys


@receiver(published, sender=Municipality)
def adopt_logo_on_approval(sender, instance, **kwargs):
    from .logos import adopt_submitted_logo

    adopt_submitted_logo(instance)


@receiver(published, sender=Municipality)
def tell_contact_on_approval(sender, instance, **kwargs):
    from . import emails
    from .models import DirectoryPage

    if not instance.registered_at or instance.approval_notified or not instance.contact_email:
        return
    # Update first, so that a second publish racing this one does not send twice.
    claimed = Municipality.objects.filter(pk=instance.pk, approval_notified=False).update(
        approval_notified=True
    )
    if claimed:
        instance.approval_notified = True
        url = DirectoryPage.profile_url(instance.slug, instance.locale.language_code)
        emails.profile_published(instance, url)


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
