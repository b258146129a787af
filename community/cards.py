"""Municipality cards, for the directory and for other apps (the partner search, its match
page, the site search): the public way to list municipalities with their profile links and
their sectors in the visitor's language, in a fixed number of queries however many there are.

Other apps use this module, not the directory's page or view internals."""

from django.db.models import Prefetch

from portal.generation_cache import shared

from .models import DirectoryPage, Sector, SectorNeed, SectorOffer


def directory_for(locale, request=None):
    """The live member directory of ``locale``, or None. With a request, read once per content
    generation (portal/generation_cache.py): every profile link of a page needs it."""

    def find():
        return DirectoryPage.objects.live().filter(locale=locale).first()

    if request is None:
        return find()
    return shared(request, "directory", locale.pk, find)


def sectors_by_slug(locale):
    """{slug: Sector} in ``locale`` (falling back to the default language): sector links may
    point at the record of another language, the slug is the same in all of them."""
    return {sector.slug: sector for sector in Sector.objects.in_locale(locale)}


def with_card_data(queryset):
    """Municipalities with what their card needs, fetched in a fixed number of queries."""
    return queryset.select_related("logo").prefetch_related(
        Prefetch("offers", queryset=SectorOffer.objects.select_related("sector")),
        Prefetch("needs", queryset=SectorNeed.objects.select_related("sector")),
    )


def link_profiles(municipalities, request, directory):
    """Give each municipality the address of its profile in ``directory`` as ``profile_url``
    (None without a directory)."""
    if directory is None:
        for municipality in municipalities:
            municipality.profile_url = None
        return municipalities
    return directory.link_profiles(request, municipalities)


def prepare_cards(municipalities, request, sectors, directory):
    """Give each municipality (loaded ``with_card_data``) what its card shows: ``profile_url``
    and the sectors it offers and needs (``offered``, ``needed``) named as in ``sectors``
    (``sectors_by_slug`` of the visitor's language). No query per municipality."""
    link_profiles(municipalities, request, directory)
    for municipality in municipalities:
        municipality.offered = [
            sectors.get(o.sector.slug, o.sector) for o in municipality.offers.all()
        ]
        municipality.needed = [
            sectors.get(n.sector.slug, n.sector) for n in municipality.needs.all()
        ]
    return municipalities
