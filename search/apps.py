from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with nothing today, but is too generic to own
    verbose_name = "Search"
