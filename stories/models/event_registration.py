"""What an editor sets for registration on the portal itself (issue 16), mixed into EventPage:
registration on or off, capacity on site and online, how long a freed seat stays offered, and
the event's own questions. The closing moment is the event's ``registration_deadline``. The
routes under ``register/`` hand over to ``stories.registration_views``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField

from ..registration_blocks import QUESTION_BLOCKS


class EventRegistrationFields(models.Model):
    registration_enabled = models.BooleanField(
        _("registration on the portal"),
        default=False,
        help_text=_("Visitors register with the portal's form; the registration link is ignored."),
    )
    capacity_on_site = models.PositiveIntegerField(
        _("seats on site"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. When all seats are taken, people join a waiting list."),
    )
    capacity_online = models.PositiveIntegerField(
        _("places online"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a freed seat"),
        default=48,
        help_text=_("How long the next person on the waiting list has to accept a freed seat."),
    )
    registration_questions = StreamField(
        QUESTION_BLOCKS, blank=True, verbose_name=_("questions of the registration form")
    )

    class Meta:
        abstract = True

    # Which ways of attending an event offers, and the seats of each ------------------------

    def attendance_modes(self):
        if self.format == "hybrid":
            return ["on_site", "online"]
        return ["online"] if self.format == "online" else ["on_site"]

    def capacity_for(self, attendance):
        return self.capacity_online if attendance == "online" else self.capacity_on_site

    @property
    def source_event(self):
        """The default-language page, which registrations name in every language."""
        from wagtail.models import Locale

        if self.locale_id == Locale.get_default().pk:
            return self
        return self.get_translation_or_none(Locale.get_default()) or self

    def seats_left(self):
        """{attendance: seats left or None for no limit}, counted from the database."""
        from .registrations import Registration

        source = self.source_event
        held = dict(
            Registration.objects.filter(event=source)
            .holding_seats()
            .values_list("attendance")
            .annotate(count=models.Count("pk"))
            .values_list("attendance", "count")
        )
        left = {}
        for mode in self.attendance_modes():
            capacity = source.capacity_for(mode)
            left[mode] = None if capacity is None else max(capacity - held.get(mode, 0), 0)
        return left

    def agenda_session_choices(self):
        """(block id, "09:00 Title") of each session of the agenda: the ids are the same in
        every language of the event."""
        choices = []
        for child in self.agenda:
            if child.block_type == "session":
                start = child.value.get("start")
                time = start.strftime("%H:%M") + " " if start else ""
                choices.append((child.id, f"{time}{child.value.get('title', '')}"))
        return choices

    def registration_question_blocks(self):
        return [(child.id, child.block, child.value) for child in self.registration_questions]

    # Routes -------------------------------------------------------------------------------

    @path("register/", name="register")
    def register_route(self, request):
        from stories import registration_views

        return registration_views.register(request, self)

    @path("register/done/", name="register_done")
    def register_done_route(self, request):
        from stories import registration_views

        return registration_views.done(request, self)

    @path("register/<str:token>/", name="registration")
    def registration_route(self, request, token):
        from stories import registration_views

        return registration_views.manage(request, self, token)
