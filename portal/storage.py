"""Where private uploads live (application attachments, logos awaiting moderation): outside
MEDIA_ROOT, with no URL at all.

Django's FileSystemStorage falls back to MEDIA_URL when it is given no base_url, so a file
stored with it could be linked under /media/. This storage refuses to make URLs; the only way
to a file is a view that checks the user's permission (calls' attachment download, the
directory's submitted-logo view)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT, read at use so tests can point it elsewhere."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; use the permission-checked download view.")


private_storage = PrivateStorage()


def get_private_storage():
    return private_storage
