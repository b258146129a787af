"""The dated history of a partnership's stages (issue 12): each change is proposed by a member
of one side and takes effect only when a member of the other side confirms it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .partnership import Stage


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the partner's confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class StageChange(models.Model):
    """One step of a partnership: the stage it reached and when. The first row of a
    partnership recorded by members is its starting stage; ``from_stage`` is then empty."""

    partnership = models.ForeignKey(
        "community.Partnership",
        on_delete=models.CASCADE,
        related_name="stage_changes",
        verbose_name=_("partnership"),
    )
    from_stage = models.CharField(
        _("previous stage"), max_length=20, choices=Stage.choices, blank=True
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ChangeStatus.choices, default=ChangeStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        "community.Municipality",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by (member)"),
    )
    proposed_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by (member)"),
    )

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["proposed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(status="proposed"),
                name="one_open_stage_change",
            )
        ]

    def __str__(self):
        return f"{self.partnership_id}: {self.get_stage_display()} ({self.get_status_display()})"
