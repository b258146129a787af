"""The background sending of a digest (django-tasks)."""

from django_tasks import task

from newsletter import digest as digests
from newsletter.models import Digest


@task()
def send_digest(digest_pk):
    digest = Digest.objects.filter(pk=digest_pk).first()
    if digest is not None:
        digests.send_pending(digest)
