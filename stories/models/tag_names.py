"""A story tag's name in another language.

django-taggit tags are one word list for every language, and a story translated with
wagtail-localize keeps the tags of the story it was translated from (the child relation is
copied with the page, and the translation editor does not show it). So that ``/uk/`` never shows
"humanitarian aid", editors give a tag its name per language here; pages show that name and keep
filtering by the tag's slug, which is the same in every language."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TagName(index.Indexed, models.Model):
    tag = models.ForeignKey(
        Tag,
        on_delete=models.CASCADE,
        related_name="localized_names",
        verbose_name=_("tag"),
        help_text=_("The tag as editors typed it on the stories."),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("language"),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The tag in this language, e.g. гуманітарна допомога."),
    )

    panels = [FieldPanel("tag"), FieldPanel("locale"), FieldPanel("name")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("tag name")
        verbose_name_plural = _("tag names")
        ordering = ["tag__name", "locale__language_code"]
        constraints = [
            models.UniqueConstraint(fields=["tag", "locale"], name="unique_tag_name_per_locale")
        ]

    def __str__(self):
        return self.name


def name_tags(tags, locale):
    """``tags`` as a list, each with ``label``: its name in ``locale`` (the tag's own name when
    it has none there), in one query however many tags there are."""
    tags = list(tags)
    names = (
        dict(
            TagName.objects.filter(tag__in=[tag.pk for tag in tags], locale=locale).values_list(
                "tag_id", "name"
            )
        )
        if tags
        else {}
    )
    for tag in tags:
        tag.label = names.get(tag.pk, tag.name)
    return sorted(tags, key=lambda tag: tag.label.casefold())
