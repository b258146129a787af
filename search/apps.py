from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with nothing today, but is too generic to own
    verbose_name = "Search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from community.models import (
            Municipality,
            Partnership,
            Programme,
            Sector,
            SectorNeed,
            SectorOffer,
        )

        from .map import forget_cached_maps

        # The map's cached GeoJSON (search/map.py) is stale once any of these changes.
        for model in (Municipality, Partnership, Programme, Sector, SectorNeed, SectorOffer):
            post_save.connect(
                forget_cached_maps, sender=model, dispatch_uid=f"map-{model.__name__}"
            )
            post_delete.connect(
                forget_cached_maps, sender=model, dispatch_uid=f"map-{model.__name__}-delete"
            )
