"""Registering for an event as a visitor does."""

import re

from django.core import mail

from stories.factories import EventPageFactory


def open_event(parent, **values):
    values.setdefault("registration_enabled", True)
    values.setdefault("title", "Solidarity Forum Lviv")
    values.setdefault("slug", "forum-lviv")
    return EventPageFactory(parent=parent, **values)


def register_url(event):
    return event.url + event.reverse_subpage("register")


def person(number=1, **extra):
    return {
        "name": f"Person {number}",
        "email": f"person{number}@town.example",
        "municipality": "",
        "organisation": f"Town council {number}",
        "role": "Mayor",
        "country": "UA",
        "interpretation": "",
        "accessibility": "",
        "consent": "on",
        "website_url": "",
        **extra,
    }


def private_link_path(message):
    """The path of the private link in an email's body."""
    match = re.search(r"https?://[^/\s]+(/\S+/register/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]
