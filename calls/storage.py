"""Kept because calls' migrations name ``calls.storage.get_private_storage``; the storage itself
is shared by every app and lives in portal/storage.py."""

from portal.storage import PrivateStorage, get_private_storage, private_storage

__all__ = ["PrivateStorage", "get_private_storage", "private_storage"]
