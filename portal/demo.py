"""Idempotent building blocks for demo content, shared by every app's ``demo.py``.

Pages are found again by their slug under their parent (and by translation key for
translations); a page is only saved and published again when a field has changed, so running
``seed_demo`` twice leaves the same content and no new revisions."""

import io
from dataclasses import dataclass, field

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images.models import Image
from wagtail.models import Locale, Page


@dataclass
class DemoTree:
    """The pages every app's seeder hangs its content under, per language code."""

    homes: dict = field(default_factory=dict)
    indexes: dict = field(default_factory=dict)  # (name, language) -> page
    images: dict = field(default_factory=dict)
    now: object = None

    def index(self, name, language="en"):
        return self.indexes[(name, language)]


def _without_ids(data):
    """Stream data with the block ids left out, which are new each time a value is built."""
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    return data


def _differs(page, values):
    for name, value in values.items():
        current = getattr(page, name)
        if hasattr(current, "raw_data"):  # StreamField: compare the stored JSON, not the ids
            wanted = page._meta.get_field(name).to_python(value)
            if _without_ids(current.get_prep_value()) != _without_ids(wanted.get_prep_value()):
                return True
        elif current != value:
            return True
    return False


def _set(page, values):
    for name, value in values.items():
        setattr(page, name, value)


def _publish(page):
    revision = page.save_revision(log_action=False)
    revision.publish(log_action=False)
    page.refresh_from_db()
    return page


@transaction.atomic
def upsert_page(parent, model, slug, **values):
    """The child of ``parent`` with this slug, created or updated to ``values`` and live."""
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is None:
        page = model(
            slug=slug,
            locale_id=parent.locale_id if parent.depth > 1 else Locale.get_default().pk,
            **values,
        )
        parent.add_child(instance=page)
        return _publish(page)
    page = existing.specific
    if not isinstance(page, model):
        raise TypeError(f"{page.url_path} is a {type(page).__name__}, expected {model.__name__}")
    if _differs(page, values) or not page.live or page.has_unpublished_changes:
        _set(page, values)
        _publish(page)
    return page


@transaction.atomic
def upsert_translation(source, language, **values):
    """The translation of ``source`` into ``language``: created as a copy of the source when
    missing (so it shares the translation key), then given ``values`` and published."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    page = source.get_translation_or_none(locale)
    if page is None:
        page = source.copy_for_translation(locale, copy_parents=False, alias=False)
        _set(page, values)
        return _publish(page)
    page = page.specific
    if _differs(page, values) or not page.live or page.has_unpublished_changes:
        _set(page, values)
        _publish(page)
    return page


def ensure_image(title, description, painter, size=(1200, 750)):
    """A demo image drawn with Pillow (no download), found again by its title."""
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    from PIL import Image as PILImage

    canvas = PILImage.new("RGB", size, "#0b3d91")
    painter(canvas)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    image = Image(title=title, description=description)
    image.file = ImageFile(buffer, name=f"{slug}.jpg")
    image.save()
    return image
