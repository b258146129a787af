"""The event index: upcoming events first, then the archive, with filters kept in the URL and a
calendar of the upcoming events (``calendar.ics``) that calendar apps can subscribe to."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from community.models import Programme
from portal.countries import COUNTRY_CHOICES
from portal.models import BasePage
from portal.pagination import page_from_request

from ..choices import FORMAT_CHOICES
from ..filters import EventFilters
from ..ical import ical_response, new_calendar, subpage_file_url
from .events import EventPage


class EventIndexPage(RoutablePageMixin, BasePage):
    """Upcoming events first, then the archive of past ones; filters kept in the URL and a
    calendar of the upcoming events that calendar apps can subscribe to."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.EventPage"]
    max_count_per_parent = 1
    template = "pages/event_index_page.html"
    per_page = 12

    class Meta:
        verbose_name = _("event index")

    def events(self):
        return EventPage.objects.child_of(self).live().public().filter(locale_id=self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        programmes = list(Programme.objects.in_locale(self.locale))
        filters = EventFilters.from_request(
            request, programmes={programme.slug for programme in programmes}
        )
        # A value that was ignored filters nothing: the visitor sees the listing without it.
        events = filters.apply(self.events()).for_listing()
        context.update(
            {
                "filters": filters,
                "filter_labels": EventFilters.labels(),
                "upcoming_events": page_from_request(
                    Paginator(events.upcoming(now).order_by("starts_at", "pk"), self.per_page),
                    request,
                    "upcoming_page",
                ),
                "past_events": page_from_request(
                    Paginator(events.past(now).order_by("-starts_at", "-pk"), self.per_page),
                    request,
                ),
                "countries": COUNTRY_CHOICES,
                "formats": FORMAT_CHOICES,
                "programmes": programmes,
                "calendar_url": subpage_file_url(self, "calendar"),
            }
        )
        return context

    @path("", name="index")
    def index_route(self, request):
        return self.render(request)

    @path("calendar.ics/", name="calendar")
    def calendar(self, request):
        """The upcoming events of this language as an iCalendar feed to subscribe to."""
        calendar = new_calendar(str(self.title), self.locale.language_code)
        for event in self.events().upcoming().order_by("starts_at"):
            calendar.add_component(event.to_ical_event(request))
        return ical_response(calendar)
