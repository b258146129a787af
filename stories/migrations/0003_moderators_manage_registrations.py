"""Moderators organise events: they see registrants, export them, mark attendance, give seats
from the waiting list and erase a registration on request. Editors get nothing here, so they
never see registrants' data."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_ACTIONS = ["view", "change", "delete"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now to grant them.
    app_config = apps.get_app_config("stories")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="stories",
        codename__in=[f"{action}_registration" for action in MODERATOR_ACTIONS],
    )
    moderators.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="stories", codename__endswith="_registration"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_event_registration"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
