"""What a municipality offers and what it needs (a sector and a sentence each), and the match
keys of ``Municipality`` kept in step with them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class SectorLink(Orderable):
    """A sector with a short text on what exactly is offered or needed."""

    sector = models.ForeignKey(
        "community.Sector", on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    note = models.CharField(
        _("details"),
        max_length=250,
        blank=True,
        help_text=_("One sentence, e.g. which equipment or know-how."),
    )

    panels = [FieldPanel("sector"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        abstract = True


class SectorOffer(SectorLink):
    """A sector in which the municipality can share expertise."""

    municipality = ParentalKey(
        "community.Municipality", on_delete=models.CASCADE, related_name="offers"
    )

    class Meta(SectorLink.Meta):
        verbose_name = _("sector offered")
        # The partner search's "offers" filter finds the municipalities of a sector from
        # this index alone (an index-only semi-join), without visiting the rows.
        indexes = [
            models.Index(fields=["sector", "municipality"], name="sectoroffer_by_sector"),
        ]


class SectorNeed(SectorLink):
    """A sector in which the municipality looks for help."""

    municipality = ParentalKey(
        "community.Municipality", on_delete=models.CASCADE, related_name="needs"
    )
    due_date = models.DateField(
        _("needed by"),
        null=True,
        blank=True,
        help_text=_("Optional: the date by which the help is needed."),
    )

    panels = [FieldPanel("sector"), FieldPanel("note"), FieldPanel("due_date")]

    class Meta(SectorLink.Meta):
        verbose_name = _("sector needed")
        # The partner search's "needs" filter finds the municipalities of a sector from
        # this index alone (an index-only semi-join), without visiting the rows.
        indexes = [
            models.Index(fields=["sector", "municipality"], name="sectorneed_by_sector"),
        ]


def key_line(keys):
    """ " a b " (sorted, unique), or "" for none: a word is found with contains(" a ")."""
    keys = sorted({key for key in keys if key})
    return f" {' '.join(keys)} " if keys else ""


def refresh_match_keys(ids):
    """Recompute the match keys of the municipalities ``ids`` from their saved links (three
    queries, then one UPDATE per municipality)."""
    ids = list(ids)
    if not ids:
        return
    collected = {pk: {"offer_keys": [], "need_keys": [], "language_keys": []} for pk in ids}
    for model, column in ((SectorOffer, "offer_keys"), (SectorNeed, "need_keys")):
        links = model.objects.filter(municipality_id__in=ids)
        for pk, slug in links.values_list("municipality_id", "sector__slug"):
            collected[pk][column].append(slug)
    municipality_model = SectorOffer._meta.get_field("municipality").related_model
    spoken = municipality_model.working_languages.through.objects.filter(municipality_id__in=ids)
    for pk, code in spoken.values_list("municipality_id", "language__code"):
        collected[pk]["language_keys"].append(code)
    for pk, columns in collected.items():
        municipality_model.objects.filter(pk=pk).update(
            **{column: key_line(keys) for column, keys in columns.items()}
        )


def with_sectors():
    """Prefetches of a municipality's offers and needs with their sectors joined: two queries
    instead of the four that ``prefetch_related("offers__sector", "needs__sector")`` costs."""
    return [
        models.Prefetch("offers", queryset=SectorOffer.objects.select_related("sector")),
        models.Prefetch("needs", queryset=SectorNeed.objects.select_related("sector")),
    ]
