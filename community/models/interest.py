"""Interest between municipalities and the mutual matches it leads to (issue 12).

An ``Interest`` row is one side's stance towards another municipality: ``source`` says what
it thinks of working with ``target``. There is at most one row per ordered pair (a repeated
"We are interested" changes nothing). The other side's answer is *its own* row in the other
direction, so a "Not now" lives only on the answering side's row and is never shown to the
first side. When both rows are ``interested`` the pair becomes a ``Match`` (one per pair),
which the conversations of the next slice attach to.

Rows name the municipalities' records in the default language (like memberships); the pages
of other languages reach them through ``translation_key``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

HUB = _("proposed by the European Partnership Hub")


class Stance(models.TextChoices):
    PROPOSED = "proposed", _("Proposed by the European Partnership Hub, not answered yet")
    INTERESTED = "interested", _("Interested")
    NOT_NOW = "not_now", _("Not now")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Match(models.Model):
    """Two municipalities both interested in working together. ``first`` has the smaller pk,
    so that a pair has one row whichever side said yes last. The conversation between the two
    (the next slice of issue 12) hangs off this row."""

    first = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    second = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partner municipality"),
    )
    proposed_by_hub = models.BooleanField(HUB, default=False)
    created_at = models.DateTimeField(_("matched on"), auto_now_add=True)

    class Meta:
        verbose_name = _("mutual match")
        verbose_name_plural = _("mutual matches")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="unique_match_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="match_pair_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.first} – {self.second}"

    def other(self, municipality_pk):
        return self.second if self.first_id == municipality_pk else self.first


class Interest(models.Model):
    source = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="interests_sent",
        verbose_name=_("municipality"),
    )
    target = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="interests_received",
        verbose_name=_("interested in"),
    )
    stance = models.CharField(_("stance"), max_length=12, choices=Stance.choices)
    note = models.TextField(_("note"), max_length=500, blank=True)
    sectors = models.ManyToManyField(
        "community.Sector", blank=True, related_name="+", verbose_name=_("sectors")
    )
    # The call for proposals the interest is about: a calls.CallPage, stored as its page in
    # the default language (the translations share its translation_key) and shown in the
    # reader's. A page rather than calls.CallPage because the directory does not depend on the
    # calls app (community.interest_calls reaches it through the app registry); the form
    # offers only live calls that are open or upcoming.
    call = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("call"),
    )
    proposed_by_hub = models.BooleanField(HUB, default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    # When the stance last became "interested": the weekly limit counts these.
    expressed_at = models.DateTimeField(_("expressed on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    match = models.ForeignKey(
        Match,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interests",
        verbose_name=_("mutual match"),
    )

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="unique_interest_pair"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="interest_not_in_oneself"
            ),
        ]
        indexes = [models.Index(fields=["source", "stance", "expressed_at"], name="interest_week")]

    def __str__(self):
        return f"{self.source} → {self.target} ({self.get_stance_display()})"


class MemberLanguage(models.Model):
    """The language a member last used on the portal (signing in, the interest pages): the
    language of the emails the interest flow sends them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    language = models.CharField(max_length=8)

    class Meta:
        verbose_name = _("member's language")
        verbose_name_plural = _("members' languages")

    def __str__(self):
        return f"{self.user_id}: {self.language}"
