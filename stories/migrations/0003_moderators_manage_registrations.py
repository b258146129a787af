"""Moderators organise events: they see registrants, export them, mark attendance, give seats
from the waiting list and erase a registration on request. Editors get nothing here, so they
never see registrants' data."""

from django.db import migrations

from portal.migration_operations import PERMISSION_DEPENDENCIES, grant_to_moderators


class Migration(migrations.Migration):
    dependencies = [("stories", "0002_event_registration"), *PERMISSION_DEPENDENCIES]

    operations = [grant_to_moderators("stories", ["registration"], ["view", "change", "delete"])]
