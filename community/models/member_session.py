"""Which sessions a member's account signed in (issue 11), so that they can be ended when
the member is removed: Django's sessions are keyed by a random id and do not name the user
in a column, so this row does (``community.member_sessions``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberSession(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("account"),
    )
    session_key = models.CharField(max_length=40, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member session")
        verbose_name_plural = _("member sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session_key"], name="unique_member_session_user_key"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
