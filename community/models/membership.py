"""Who acts for a municipality in the member space (issue 11): its administrators and invited
colleagues. A registration makes the registrant's membership ``registrant`` (waiting); when
moderators publish the profile it becomes ``admin``. Memberships name the municipality's
record in the default language (where registrations and members' edits are made); its
translations share the ``translation_key``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COLLEAGUE = "colleague", _("Colleague")
    REGISTRANT = "registrant", _("Registered, waiting for approval")


ACTIVE_ROLES = (Role.ADMIN, Role.COLLEAGUE)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """Memberships that open the member space: of a published profile, not waiting."""
        return self.filter(role__in=ACTIVE_ROLES, municipality__live=True)

    def admins(self):
        return self.filter(role=Role.ADMIN)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("account"),
    )
    municipality = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality", "-role", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="unique_membership_user_municipality"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"

    @property
    def is_admin(self):
        return self.role == Role.ADMIN


class Invitation(models.Model):
    """An administrator's invitation of a colleague by email. The emailed link carries a signed
    token naming this row; it expires (``community.members.INVITATION_MAX_AGE``) and works
    once (``accepted_at``). Deleting the row withdraws it."""

    municipality = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("municipality"),
    )
    email = models.EmailField(_("email"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} – {self.municipality}"
