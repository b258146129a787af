"""Events of the network: Solidarity Forums, annual gatherings, study visits.

Each event has an iCalendar file (``<event>/event.ics``) and the index a subscribable calendar of
the upcoming events (``calendar.ics``), both made in ``stories.ical``."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from community.models import Programme
from portal.blocks import BodyBlock
from portal.countries import CountryField, country_name
from portal.models import BasePage

from ..blocks import AgendaDayBlock, AgendaItemBlock, SpeakerBlock
from ..choices import FORMAT_CHOICES
from ..ical import event_component, ical_response, new_calendar, subpage_file_url
from .event_registration import EventRegistrationFields

ATTENDANCE_MODES = {
    "on_site": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


class EventQuerySet(PageQuerySet):
    """Whether an event is upcoming or past is decided here and nowhere else."""

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def for_listing(self):
        return self.select_related("listing_image").prefetch_related("listing_image__renditions")


class EventRelatedStory(Orderable):
    """A story about the event, e.g. the report written afterwards."""

    page = ParentalKey(
        "stories.EventPage", on_delete=models.CASCADE, related_name="related_stories"
    )
    story = models.ForeignKey(
        "stories.StoryPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("story"),
    )

    panels = [PageChooserPanel("story")]

    class Meta(Orderable.Meta):
        verbose_name = _("related story")
        verbose_name_plural = _("related stories")


class EventPage(RoutablePageMixin, EventRegistrationFields, BasePage):
    """One event: when (time-zone aware, or whole days), where (on site, online or both), who
    organises and speaks, in which languages, the agenda and how to register. After it ends the
    page says so and registration disappears. The programme it belongs to is a translatable
    snippet, shown in the visitor's language (``programme_in``)."""

    summary = models.TextField(_("summary"), max_length=600)
    starts_at = models.DateTimeField(
        _("starts at"),
        help_text=_("In your admin time zone; shown to visitors in the portal's (Brussels)."),
    )
    ends_at = models.DateTimeField(_("ends at"))
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Only the dates count: the event lasts whole days from start to end date."),
    )
    format = models.CharField(
        _("format"), max_length=10, choices=FORMAT_CHOICES, default="on_site",
        help_text=_("Hybrid events need both a place and an online link."),
    )  # fmt: skip
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Where participants join online.")
    )
    organisers = models.CharField(
        _("organisers"), max_length=300, blank=True,
        help_text=_("Organisations that organise the event, e.g. CEMR and the Association of "
                    "Ukrainian Cities."),
    )  # fmt: skip
    programme = models.ForeignKey(
        "community.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("programme"),
        help_text=_("The programme the event belongs to; visitors filter events by it."),
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True,
        help_text=_("Languages spoken, e.g. English and Ukrainian."),
    )  # fmt: skip
    interpretation = models.CharField(
        _("interpretation"), max_length=200, blank=True,
        help_text=_("Interpretation offered, e.g. simultaneous English–Ukrainian."),
    )  # fmt: skip
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Where participants register.")
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True,
        help_text=_("After this moment the registration link is no longer shown."),
    )  # fmt: skip
    agenda = StreamField(
        [("day", AgendaDayBlock()), ("session", AgendaItemBlock())],
        blank=True,
        verbose_name=_("agenda"),
    )
    speakers = StreamField([("speaker", SpeakerBlock())], blank=True, verbose_name=_("speakers"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("details"))

    objects = PageManager.from_queryset(EventQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("all_day"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisers"),
                FieldPanel("programme"),
                FieldPanel("languages"),
                FieldPanel("interpretation"),
            ],
            heading=_("Who and in which languages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
                FieldRowPanel([FieldPanel("capacity_on_site"), FieldPanel("capacity_online")]),
                FieldPanel("offer_hours"),
                FieldPanel("registration_questions"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("agenda"),
        FieldPanel("speakers"),
        FieldPanel("body"),
        InlinePanel("related_stories", label=_("Related stories")),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("summary"),
        TranslatableField("venue"),
        TranslatableField("city"),
        TranslatableField("organisers"),
        TranslatableField("languages"),
        TranslatableField("interpretation"),
        TranslatableField("agenda"),
        TranslatableField("speakers"),
        TranslatableField("body"),
        TranslatableField("registration_questions"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("listing_title"),
        TranslatableField("listing_summary"),
        SynchronizedField("slug"),
        SynchronizedField("starts_at"),
        SynchronizedField("ends_at"),
        SynchronizedField("all_day"),
        SynchronizedField("format"),
        SynchronizedField("country"),
        SynchronizedField("online_url"),
        SynchronizedField("registration_url"),
        SynchronizedField("registration_deadline"),
        SynchronizedField("registration_enabled"),
        SynchronizedField("capacity_on_site"),
        SynchronizedField("capacity_online"),
        SynchronizedField("offer_hours"),
        SynchronizedField("listing_image"),
        SynchronizedField("related_stories"),
        SynchronizedField("programme"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("city"),
        index.SearchField("organisers"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
        index.FilterField("country"),
        index.FilterField("format"),
    ]
    parent_page_types = ["stories.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("An event cannot end before it starts.")
        if self.format in ("online", "hybrid") and not self.online_url:
            errors["online_url"] = _("Online and hybrid events need an online link.")
        if self.format in ("on_site", "hybrid") and not self.city:
            errors["city"] = _("Events on site need a city.")
        if errors:
            raise ValidationError(errors)

    # State -------------------------------------------------------------------------------------

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())

    def registration_open(self, now=None):
        now = now or timezone.now()
        if not (self.registration_url or self.registration_enabled) or self.is_past(now):
            return False
        return self.registration_deadline is None or now < self.registration_deadline

    @property
    def start_date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def end_date(self):
        return timezone.localtime(self.ends_at).date()

    @property
    def is_multi_day(self):
        return self.start_date != self.end_date

    @property
    def card_summary(self):
        return self.listing_summary or self.summary

    @property
    def country_name(self):
        return country_name(self.country)

    @property
    def place(self):
        """Venue, city and country as one line ('' for online events)."""
        parts = [self.venue, self.city, str(self.country_name)] if self.format != "online" else []
        return ", ".join(part for part in parts if part)

    def related_story_pages(self):
        """Live related stories, in this event's language where translated."""
        stories = []
        for item in self.related_stories.select_related("story"):
            story = item.story.localized
            if story.live:
                stories.append(story)
        return stories

    def programme_in(self, locale):
        """The programme in ``locale`` (the relation may name another language's record)."""
        programmes = Programme.objects.translations_of([self.programme], locale)
        return programmes[0] if programmes else None

    # Calendar and search engines ----------------------------------------------------------------

    def to_ical_event(self, request=None):
        return event_component(self, request)

    @path("", name="page")
    def page_route(self, request):
        return self.render(request)

    @path("event.ics/", name="ical")
    def ical(self, request):
        calendar = new_calendar(self.title, self.locale.language_code)
        calendar.add_component(self.to_ical_event(request))
        return ical_response(calendar, filename=f"{self.slug}.ics")

    def structured_data(self, request=None):
        """schema.org Event for search engines (rendered as JSON-LD)."""
        if self.all_day:
            start, end = self.start_date.isoformat(), self.end_date.isoformat()
        else:
            # With the local offset, as search engines show the local time of the event.
            start = timezone.localtime(self.starts_at).isoformat()
            end = timezone.localtime(self.ends_at).isoformat()
        locations = []
        if self.format != "online":
            address = {"@type": "PostalAddress", "addressLocality": self.city}
            if self.country:
                address["addressCountry"] = str(self.country)
            locations.append(
                {"@type": "Place", "name": self.venue or self.city, "address": address}
            )
        if self.online_url:
            locations.append({"@type": "VirtualLocation", "url": self.online_url})
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "startDate": start,
            "endDate": end,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": ATTENDANCE_MODES[self.format],
            "location": locations[0] if len(locations) == 1 else locations,
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
        }
        if self.organisers:
            data["organizer"] = {"@type": "Organization", "name": self.organisers}
        if self.registration_enabled:
            register = self.get_full_url(request) + self.reverse_subpage("register")
            data["offers"] = {"@type": "Offer", "url": register}
        elif self.registration_url:
            data["offers"] = {"@type": "Offer", "url": self.registration_url}
        if "offers" in data and self.registration_deadline:
            data["offers"]["validThrough"] = self.registration_deadline.isoformat()
        if self.listing_image:
            data["image"] = [self.listing_image.get_rendition("fill-1200x630|format-jpeg").full_url]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["now"] = timezone.now()
        context["ical_url"] = subpage_file_url(self, "ical")
        context["programme"] = self.programme_in(self.locale)
        parent = self.get_parent()
        context["event_index_url"] = parent.url if parent else ""
        if self.registration_enabled and not self.is_past(context["now"]):
            context["register_url"] = self.url + self.reverse_subpage("register")
            context["seats_left"] = self.seats_left()
        return context
