"""Operations shared by the apps' data migrations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_to_moderators(app_label, models, actions):
    """A ``RunPython`` giving the Moderators group ``actions`` ("view", "change"…) on ``models``
    (model names in lower case) of ``app_label``; reversed, it takes every permission on those
    models away from the group. Editors get nothing: this is how personal data (applications,
    registrations, association members) stays with moderators."""

    def grant(apps, schema_editor):
        # Permissions are normally created after all migrations; create them now to grant them.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        moderators = apps.get_model("auth", "Group").objects.filter(name="Moderators").first()
        if moderators is None:
            return
        moderators.permissions.add(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for model in models for action in actions],
            )
        )

    def revoke(apps, schema_editor):
        moderators = apps.get_model("auth", "Group").objects.filter(name="Moderators").first()
        if moderators is not None:
            moderators.permissions.remove(
                *apps.get_model("auth", "Permission").objects.filter(
                    content_type__app_label=app_label, content_type__model__in=models
                )
            )

    return migrations.RunPython(grant, revoke)


# What a migration that grants permissions depends on.
PERMISSION_DEPENDENCIES = [
    ("wagtailcore", "0002_initial_data"),
    ("auth", "0012_alter_user_first_name_max_length"),
    ("contenttypes", "0002_remove_content_type_name"),
]
