"""When moderators approve (publish) a registered profile: its submitted logo becomes the
profile's logo, and the contact is told."""

from django.dispatch import receiver
from wagtail.signals import published

from .models import Municipality


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
