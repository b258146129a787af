"""Associations as brokers (issue 11): the accounts staff link to a national association, and
an association's confirmation ("verified by the association") of a member municipality.

An association and a municipality have a record per language sharing a ``translation_key``;
a municipality is in an association when any of its records names any record of it. Links and
verifications match on translation keys, so the language of the records they name does not
matter."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class AssociationMember(models.Model):
    """An account that acts for a national association. Staff create these in the admin
    (Community → Association members); being one gives no admin access."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="association_memberships",
        verbose_name=_("account"),
        limit_choices_to={"is_active": True, "is_staff": False},
        help_text=_("A member account (not a staff account) that signs in at /account/."),
    )
    association = models.ForeignKey(
        "community.NationalAssociation",
        on_delete=models.CASCADE,
        related_name="member_accounts",
        verbose_name=_("national association"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("association")]

    class Meta:
        verbose_name = _("association member")
        verbose_name_plural = _("association members")
        ordering = ["association__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "association"], name="unique_association_member"
            )
        ]

    def __str__(self):
        return f"{self.user.email or self.user} – {self.association}"


class AssociationVerification(models.Model):
    """An association member confirmed that the municipality's profile is right. Names the
    municipality's record in the default language (where members' edits are made); the public
    profile shows it while the municipality is still in that association."""

    municipality = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="association_verifications",
        verbose_name=_("municipality"),
    )
    association = models.ForeignKey(
        "community.NationalAssociation",
        on_delete=models.CASCADE,
        related_name="verifications",
        verbose_name=_("national association"),
    )
    verified_on = models.DateField(_("verified on"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )

    panels = [
        FieldPanel("municipality"),
        FieldPanel("association"),
        FieldPanel("verified_on"),
        FieldPanel("verified_by", read_only=True),
    ]

    class Meta:
        verbose_name = _("verification by an association")
        verbose_name_plural = _("verifications by associations")
        ordering = ["-verified_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "association"], name="unique_association_verification"
            )
        ]

    def __str__(self):
        return f"{self.municipality} – {self.association} ({self.verified_on})"
