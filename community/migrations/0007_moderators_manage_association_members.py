"""Moderators decide which accounts act for which association, and may withdraw an
association's verification (Community → Association members / Verifications by associations).
Editors get nothing here."""

from django.db import migrations

from portal.migration_operations import PERMISSION_DEPENDENCIES, grant_to_moderators


class Migration(migrations.Migration):
    dependencies = [("community", "0006_association_members"), *PERMISSION_DEPENDENCIES]

    operations = [
        grant_to_moderators(
            "community",
            ["associationmember", "associationverification"],
            ["view", "add", "change", "delete"],
        )
    ]
