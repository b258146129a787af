"""Shared page mixins, the generic content page and the site-wide settings."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


class RoutedPageMixin:
    """View restrictions found once per content generation by the router (portal/routing.py):
    a page it routed from a kept entry has none, checked when the entry was made."""

    def get_view_restrictions(self):
        if getattr(self, "_portal_unrestricted", False):
            from wagtail.models import PageViewRestriction

            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class BasePage(RoutedPageMixin, Page):
    """Every public page type derives from this, so that any page can be shown as a card
    (listing title, summary and image) and shared on social media the same way.

    See https://docs.wagtail.org/en/stable/topics/pages.html#abstract-page-models"""

    listing_title = models.CharField(
        _("listing title"),
        max_length=120,
        blank=True,
        help_text=_("Shorter title for cards and lists; the page title is used when empty."),
    )
    listing_summary = models.CharField(
        _("listing summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown on cards and in search results."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("listing image"),
        help_text=_("Shown on cards and when the page is shared; its description is the alt text."),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
            ],
            heading=_("Cards and sharing"),
        ),
        *Page.promote_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("listing_summary"),
        # Every indexed text again in dictionary forms (portal/lemmas.py), so that a query
        # lemmatised the same way finds "допомоги" from "допомога" on any database backend.
        index.SearchField("search_lemmas"),
    ]

    class Meta:
        abstract = True

    def search_lemmas(self):
        """The dictionary forms of the words of this page's other search fields."""
        from django.core.exceptions import FieldDoesNotExist
        from django.utils.html import strip_tags

        from .lemmas import lemmas

        texts = []
        for field in type(self).get_search_fields():
            if not isinstance(field, index.SearchField) or field.field_name == "search_lemmas":
                continue
            try:
                model_field = self._meta.get_field(field.field_name)
            except FieldDoesNotExist:
                model_field = None
            value = getattr(self, field.field_name, None)
            if callable(value):
                value = value()
            if value is None:
                continue
            if hasattr(model_field, "get_searchable_content"):
                texts.extend(str(text) for text in model_field.get_searchable_content(value))
            else:
                texts.append(strip_tags(str(value)))
        return lemmas(" ".join(texts))

    @property
    def card_title(self):
        return self.listing_title or self.title

    @property
    def card_summary(self):
        return self.listing_summary or self.search_description

    @property
    def card_image(self):
        return self.listing_image

    @property
    def type_label(self):
        """What a visitor calls this kind of page (shown on cards and search results)."""
        return self._meta.verbose_name


class ContentPage(BasePage):
    """A generic page of text and images, e.g. "About the European Partnership Hub"."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]
    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and the newsletter link shown in every page's footer."""

    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Public address of the communications team.")
    )
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True, max_length=300)
    # The footer speaks the page's language: the address as written in Ukrainian (street and
    # city names, "Belgium") for /uk/; empty falls back to the one above.
    postal_address_uk = models.TextField(
        _("postal address in Ukrainian"),
        blank=True,
        max_length=300,
        help_text=_("Shown on the Ukrainian pages; when empty they show the address above."),
    )
    newsletter_url = models.URLField(
        _("newsletter sign-up address"),
        blank=True,
        help_text=_(
            "Where the footer's newsletter button leads; when empty it opens an email "
            "to the contact address."
        ),
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("postal_address"),
        FieldPanel("postal_address_uk"),
        FieldPanel("newsletter_url"),
    ]

    @property
    def address(self):
        """The postal address in the language of the page being rendered."""
        language = (get_language() or "").split("-")[0]
        translated = getattr(self, f"postal_address_{language}", "") if language else ""
        return translated or self.postal_address

    class Meta:
        verbose_name = _("site settings")


class OutgoingEmail(models.Model):
    """One email the portal sends, stored in the same transaction as what caused it and then
    delivered by a background task (``portal.mail``): nothing is sent for a change that was
    rolled back, and nothing is lost when the mail server refuses or hangs — the task retries
    with backoff, and what finally fails stays here for staff to see and send again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    subject = models.CharField(_("subject"), max_length=998)
    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    message = models.JSONField(
        _("message"), default=dict, help_text=_("Body, copies, reply-to, headers, attachments.")
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    @property
    def recipients(self):
        return ", ".join(self.to)
