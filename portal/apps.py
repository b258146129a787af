from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.core import checks
        from wagtail import hooks

        from . import (
            pagecache,
            security,  # noqa: F401  (registers the upload-limit system check)
        )

        # The page cache learns about changes by model label, never by importing a feature app.
        pagecache.connect_signals()
        hooks.register("before_serve_page", pagecache.before_serve_page)
        checks.register(pagecache.check_models)
