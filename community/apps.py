from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import signals  # noqa: F401  (connects the approval email)
        from .interests import remember_language_on_login

        user_logged_in.connect(remember_language_on_login, dispatch_uid="interest_language")
