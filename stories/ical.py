"""iCalendar files of events, made with the ``icalendar`` package: one file per event
(``<event>/event.ics``) and a subscribable calendar of an index's upcoming events
(``calendar.ics``)."""

import datetime

import icalendar
from django.http import HttpResponse
from django.utils import timezone

ICAL_PRODID = "-//Bridges of Trust//Community portal//EN"


def subpage_file_url(page, name):
    """The address of a file-like route of ``page`` (``…/event.ics``): Wagtail routes it with
    a trailing slash, which a file name does not have (see portal/urls.py)."""
    url = page.url
    return url + page.reverse_subpage(name).rstrip("/") if url else ""


def ical_response(calendar, filename=None):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def new_calendar(name, language):
    calendar = icalendar.Calendar()
    calendar.add("prodid", ICAL_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "UTC")
    # Calendar apps that subscribe look again twice a day.
    calendar.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    calendar["language"] = language
    return calendar


def event_component(page, request=None):
    """The VEVENT of an event page, with times in UTC (or whole days as dates)."""
    url = page.get_full_url(request)
    event = icalendar.Event()
    # One UID for the event in every language: a calendar that subscribes to two
    # languages shows it once.
    host = request.get_host().split(":")[0] if request else "bridges-of-trust"
    event.add("uid", f"event-{page.translation_key}@{host}")
    event.add("dtstamp", (page.last_published_at or timezone.now()).astimezone(datetime.UTC))
    if page.all_day:
        # Whole days are DATE values; DTEND is the day after the last day (exclusive).
        event.add("dtstart", page.start_date)
        event.add("dtend", page.end_date + datetime.timedelta(days=1))
    else:
        event.add("dtstart", page.starts_at.astimezone(datetime.UTC))
        event.add("dtend", page.ends_at.astimezone(datetime.UTC))
    event.add("summary", page.title)
    event.add("description", f"{page.summary}\n\n{url}")
    location = page.place
    if page.online_url:
        location = f"{location} / {page.online_url}" if location else page.online_url
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("status", "CONFIRMED")
    if page.last_published_at:
        event.add("last-modified", page.last_published_at.astimezone(datetime.UTC))
    return event
