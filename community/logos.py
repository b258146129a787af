"""Logos sent with a registration: what is accepted, and how one becomes the profile's logo."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.translation import gettext_lazy as _

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4000 * 4000
LOGO_CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def logo_format(file):
    """The verified Pillow format of an image file (PNG, JPEG or WEBP), or None."""
    from PIL import Image, UnidentifiedImageError

    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(0)
    if image_format not in LOGO_CONTENT_TYPES or width * height > MAX_LOGO_PIXELS:
        return None
    return image_format


def validate_logo(upload):
    """Size first (before Pillow reads anything), then the type by content, not by name."""
    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo is larger than 2 MB."), code="too_large")
    if logo_format(upload) is None:
        raise ValidationError(
            _("The logo must be a PNG, JPEG or WebP image of at most 4000 × 4000 pixels."),
            code="bad_type",
        )


class LogoField(forms.ImageField):
    """An image field that refuses an oversized file before Pillow reads it."""

    def to_python(self, data):
        if data and getattr(data, "size", 0) > MAX_LOGO_BYTES:
            raise ValidationError(_("The logo is larger than 2 MB."), code="too_large")
        return super().to_python(data)


def stored_name(upload):
    """A name of our own: the sender's file name is never used on disk."""
    return f"{uuid.uuid4().hex}.{EXTENSIONS[logo_format(upload)]}"


def adopt_submitted_logo(municipality):
    """Make the logo sent with the registration the profile's Wagtail image (on approval), and
    remove the private copy. A logo an editor chose already is kept."""
    from wagtail.images.models import Image

    from community.models import Municipality

    if not municipality.submitted_logo:
        return None
    logo = None
    if municipality.logo_id is None:
        with municipality.submitted_logo.open("rb") as source:
            title = _("Logo of %(name)s") % {"name": municipality.name}
            logo = Image(title=str(title)[:255], description=str(title)[:255])
            logo.file = ImageFile(source, name=municipality.submitted_logo.name.rsplit("/", 1)[-1])
            logo.save()
        Municipality.objects.filter(pk=municipality.pk).update(logo=logo)
        municipality.logo = logo
    municipality.submitted_logo.delete(save=False)
    Municipality.objects.filter(pk=municipality.pk).update(submitted_logo="")
    _settle_live_revision(municipality)
    return logo


def _settle_live_revision(municipality):
    """The published revision says what the row now holds (the adopted logo, no file
    waiting), so that an edit made on top of it later neither clears the logo nor names a
    file that is gone."""
    revision = municipality.live_revision
    if revision is None or not isinstance(revision.content, dict):
        return
    revision.content["logo"] = municipality.logo_id
    revision.content["submitted_logo"] = ""
    revision.save(update_fields=["content"])
