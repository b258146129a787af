"""Models of calls for proposals: pages (pages.py) and applications (applications.py)."""

from .applications import (
    Application,
    ApplicationAttachment,
    ReferenceCounter,
    hash_access_key,
    new_access_key,
    next_reference,
)
from .pages import CallIndexPage, CallPage
from .querysets import CLOSED, OPEN, UPCOMING, call_state

__all__ = [
    "CLOSED",
    "OPEN",
    "UPCOMING",
    "Application",
    "ApplicationAttachment",
    "CallIndexPage",
    "CallPage",
    "ReferenceCounter",
    "call_state",
    "hash_access_key",
    "new_access_key",
    "next_reference",
]
