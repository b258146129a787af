"""The sitemap lists the live pages of every language, not only the site root's language."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap walks the default site's root page only, which misses the other
    languages' trees (each language has its own home page). This walks all of them."""

    def items(self):
        from wagtail.models import Page

        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for home in homes:
            in_a_tree |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree)
            .order_by("path")
            # The specific class of each page without reading its own table: every entry
            # needs only the base fields (address, dates), and one query per page type would
            # grow with the site. A type that computes more (the story index's lastmod) does
            # its own query.
            .specific(defer=True)
        )
