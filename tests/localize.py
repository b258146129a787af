"""Translating a page or snippet the way wagtail-localize does, without its editor's UI: the
source's segments, the translator's strings, then the translated object."""

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource


def translate_with_localize(instance, language, strings, publish=True):
    """The ``language`` translation of ``instance``, made by wagtail-localize from its
    ``strings`` ({source text: translated text}); texts not given stay as in the source.
    Returns the translated object, and asserts that every given text was offered to translate
    (so a field wagtail-localize does not translate fails here)."""
    locale = Locale.objects.get(language_code=language)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    source.update_from_db()
    offered = set()
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = segment.string.data
        if text in strings:
            offered.add(text)
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": strings[text], "translation_type": "manual"},
            )
    assert offered == set(strings), f"not translatable: {set(strings) - offered}"
    translation, _created = source.create_or_update_translation(
        locale, publish=publish, fallback=True
    )
    if publish and getattr(translation, "has_unpublished_changes", False):
        # The portal keeps a new page translation a draft until moderators approve it
        # (portal/translation_workflow.py); approving publishes its latest revision.
        translation.get_latest_revision().publish()
        translation.refresh_from_db()
    return translation
