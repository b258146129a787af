"""Moderators review applications: they may view and change them (status, notes) and erase
personal data on request. Editors get nothing here, so they never see applicants' data."""

from django.db import migrations

from portal.migration_operations import PERMISSION_DEPENDENCIES, grant_to_moderators


class Migration(migrations.Migration):
    dependencies = [("calls", "0002_initial"), *PERMISSION_DEPENDENCIES]

    operations = [grant_to_moderators("calls", ["application"], ["view", "change", "delete"])]
