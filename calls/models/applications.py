"""Applications to a call, their attachments and the counter that numbers them."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from community.models import Kind, Sector
from portal.countries import CountryField
from portal.storage import get_private_storage


def hash_access_key(key: str) -> str:
    """Only the hash of a private link's key is stored: a copy of the database does not open
    anyone's draft."""
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def new_access_key() -> str:
    return secrets.token_urlsafe(32)


class ApplicationQuerySet(models.QuerySet):
    def drafts(self):
        return self.filter(status=Application.Status.DRAFT)

    def submitted(self):
        return self.exclude(status=Application.Status.DRAFT)

    def for_email(self, email):
        """Every application whose contact person used ``email``, or that the account with
        this ``email`` started (a data subject's request)."""
        email = (email or "").strip()
        if not email:
            return self.none()
        return self.filter(
            models.Q(contact_email__iexact=email) | models.Q(started_by__email__iexact=email)
        )


class Application(models.Model):
    """An application to a call, from its first saved step (a draft) to the decision.

    The applicant and partner municipalities are structured text, filled from the member
    directory when the applicant chooses a municipality there (``applicant_municipality``,
    ``partner_municipality``) and typed otherwise. The text fields stay as the snapshot of what
    was submitted: a directory profile edited or deleted later does not change an application."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RECEIVED = "received", _("Received")
        ELIGIBLE = "eligible", _("Eligible")
        UNDER_REVIEW = "under_review", _("Under review")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    DECISIONS = (Status.ACCEPTED, Status.REJECTED)

    call = models.ForeignKey(
        "calls.CallPage",
        on_delete=models.PROTECT,  # a call with applications is unpublished, never deleted
        related_name="applications",
        verbose_name=_("call"),
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True)
    access_key_hash = models.CharField(max_length=64, unique=True, editable=False)
    submission_token = models.UUIDField(
        unique=True,
        default=uuid.uuid4,
        editable=False,
        help_text="One-time token the final form carries: a resent form finds this row again.",
    )
    completed_step = models.PositiveSmallIntegerField(default=0, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,  # a deleted account leaves its municipality's application
        related_name="+",
        verbose_name=_("started by (account)"),
        help_text="The member account that started it while signed in (the member space).",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)

    # Applicant municipality: the directory's record when chosen there, and the text snapshot.
    applicant_municipality = models.ForeignKey(
        "community.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # the application keeps its snapshot of the municipality
        related_name="+",
        verbose_name=_("applicant in the directory"),
    )
    applicant_name = models.CharField(_("applicant municipality"), max_length=200, blank=True)
    applicant_country = CountryField(_("country"), blank=True)
    applicant_kind = models.CharField(
        _("kind of municipality"), max_length=20, choices=Kind.choices, blank=True
    )
    applicant_population = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    applicant_region = models.CharField(_("region"), max_length=120, blank=True)

    # Partner municipality: the directory's record when chosen there, and the text snapshot.
    partner_municipality = models.ForeignKey(
        "community.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # as above
        related_name="+",
        verbose_name=_("partner in the directory"),
    )
    partner_name = models.CharField(_("partner municipality"), max_length=200, blank=True)
    partner_country = CountryField(_("partner's country"), blank=True)
    partner_kind = models.CharField(
        _("partner's kind"), max_length=20, choices=Kind.choices, blank=True
    )
    partner_population = models.PositiveIntegerField(
        _("partner's inhabitants"), null=True, blank=True
    )

    project_title = models.CharField(_("project title"), max_length=200, blank=True)
    project_summary = models.TextField(_("project summary"), max_length=3000, blank=True)
    sector = models.ForeignKey(
        "community.Sector",
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # the programme reports on applications by sector
        related_name="+",
        verbose_name=_("sector"),
    )
    requested_amount = models.DecimalField(
        _("requested amount (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    co_financing_amount = models.DecimalField(
        _("co-financing (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    answers = models.JSONField(
        _("answers to the call's questions"),
        default=dict,
        blank=True,
        help_text="{question block id: {'question': label, 'answer': text}}",
    )

    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_role = models.CharField(_("role"), max_length=120, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)

    reviewer_notes = models.TextField(
        _("reviewer notes"),
        blank=True,
        help_text=_("Seen only by staff in the admin; never sent to the applicant."),
    )
    decision_notified = models.CharField(max_length=20, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            # A submitted application always has its reference, and a draft never has one.
            models.CheckConstraint(
                condition=models.Q(status="draft", reference__isnull=True)
                | (~models.Q(status="draft") & models.Q(reference__isnull=False)),
                name="calls_application_reference_iff_submitted",
            ),
        ]

    def __str__(self):
        return self.reference or f"{self.project_title or _('Draft')} ({self.pk})"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def member_handle(self):
        """What opens the application at the call's ``apply/<token>/`` routes for a signed-in
        member of its municipality (calls.members), in place of the private link's key."""
        return f"member-{self.pk}"

    @property
    def applicant_profile_url(self):
        return _profile_url(self.applicant_municipality, self.language)

    @property
    def partner_profile_url(self):
        return _profile_url(self.partner_municipality, self.language)

    @property
    def sector_name(self):
        """The sector in the active language (emails and pages are rendered in the reader's)."""
        found = Sector.objects.translations_of([self.sector], Locale.get_active())
        return found[0].name if found else ""

    @property
    def total_amount(self):
        return (self.requested_amount or 0) + (self.co_financing_amount or 0)

    @property
    def answers_text(self):
        """The call's questions and their answers as text, for the export."""
        return "\n".join(f"{question}: {answer}" for question, answer in self.answer_list())

    def answer_list(self):
        return [
            (item.get("question", ""), item.get("answer", "")) for item in self.answers.values()
        ]

    def personal_data(self, email=None):
        """What this application holds about people, for a data subject's export: the account
        that started it only when that is the person asking (``email``; always without one)."""
        starter = self.started_by.email if self.started_by_id else None
        if starter and email is not None and starter.lower() != email.strip().lower():
            starter = None
        return {
            "reference": self.reference,
            "call": self.call.title,
            "status": self.status,
            "submitted_at": self.submitted_at.isoformat() if self.submitted_at else None,
            "applicant_municipality": self.applicant_name,
            "partner_municipality": self.partner_name,
            "project_title": self.project_title,
            "project_summary": self.project_summary,
            "answers": self.answers,
            "contact_name": self.contact_name,
            "contact_role": self.contact_role,
            "contact_email": self.contact_email,
            "contact_phone": self.contact_phone,
            "consent_at": self.consent_at.isoformat() if self.consent_at else None,
            "started_by_account": starter,
            "attachments": [a.original_name for a in self.attachments.all()],
        }

    def forget_starter(self):
        """The account that started the application is no longer linked to it (that person's
        erasure request, when someone else is the contact: the municipality's data stays)."""
        Application.objects.filter(pk=self.pk).update(started_by=None)
        self.started_by = None

    @transaction.atomic
    def anonymise(self):
        """Removes the people and the files, keeps the figures (call, country, sector, amounts,
        status) that the programme reports on. Drafts are deleted outright."""
        if self.is_draft:
            self.delete()
            return
        for attachment in self.attachments.all():
            attachment.delete()
        self.contact_name = self.contact_role = self.contact_phone = ""
        self.contact_email = ""
        self.project_summary = ""
        self.answers = {}
        self.reviewer_notes = ""
        self.started_by = None
        self.anonymised_at = timezone.now()
        self.save()


def _profile_url(municipality, language):
    """The public profile of a directory municipality, in the applicant's language, while it is
    published (None otherwise, or when the site has no directory page)."""
    if municipality is None or not municipality.live:
        return None
    return municipality.get_url(language)


def attachment_path(instance, filename):
    """A random name in a folder per application: the original name is kept in the database
    only, so nothing the applicant typed reaches the file system."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"applications/{instance.application.submission_token}/{uuid.uuid4().hex}.{extension}"


class ApplicationAttachment(models.Model):
    """A file sent with an application, stored privately (see portal.storage)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, storage=get_private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def delete(self, *args, **kwargs):
        name, storage = self.file.name, self.file.storage
        result = super().delete(*args, **kwargs)
        # The file goes once the row is gone for good; a rollback keeps both.
        transaction.on_commit(lambda: storage.delete(name))
        return result


class ReferenceCounter(models.Model):
    """The last reference number given in a year. Its row is locked (select_for_update) while a
    submission takes the next number, so concurrent submissions get distinct numbers without
    gaps from failed ones."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")

    def __str__(self):
        return f"{self.year}: {self.last}"


def next_reference(now=None) -> str:
    """BOT-YYYY-NNNNN; call inside the submission's transaction."""
    year = timezone.localtime(now or timezone.now()).year
    # Creates the year's row once; ignore_conflicts makes a concurrent creator harmless.
    ReferenceCounter.objects.bulk_create([ReferenceCounter(year=year)], ignore_conflicts=True)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{settings.CALLS_REFERENCE_PREFIX}-{year}-{counter.last:05d}"
