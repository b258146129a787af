"""A person's request to join a municipality that already has a published profile (issue 11),
offered by the registration form instead of a duplicate registration. Someone signed in asks
with their account; anyone else with an email address, which they confirm from a link first.
The municipality's administrators approve it (the account becomes a colleague) or decline it
on the Colleagues page (``community.join_requests``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JoinStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Email address not confirmed yet")
    WAITING = "waiting", _("Waiting for the administrators")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class JoinRequest(models.Model):
    municipality = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("municipality"),
    )
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=120, blank=True)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("account"),
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=12, choices=JoinStatus.choices, default=JoinStatus.UNCONFIRMED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} – {self.municipality}"
