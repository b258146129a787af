"""Moderators handle reported messages and add the Hub's staff to conversations (Community →
Conversations / Reported messages). Editors get nothing here: messages are personal data."""

from django.db import migrations

from portal.migration_operations import PERMISSION_DEPENDENCIES, grant_to_moderators


class Migration(migrations.Migration):
    dependencies = [("community", "0010_partnership_lifecycle"), *PERMISSION_DEPENDENCIES]

    operations = [
        grant_to_moderators(
            "community", ["conversation", "messagereport"], ["view", "change", "delete"]
        )
    ]
