"""An interest names the call it is about (a calls.CallPage, kept as its page), and moderators
read the interests (Community → Interests, read only, with export)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from portal.migration_operations import PERMISSION_DEPENDENCIES, grant_to_moderators


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0011_moderators_see_conversations"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
        *PERMISSION_DEPENDENCIES,
    ]

    operations = [
        migrations.AddField(
            model_name="interest",
            name="call",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.WAGTAIL_PAGE_MODEL,
                verbose_name="call",
            ),
        ),
        grant_to_moderators("community", ["interest"], ["view"]),
    ]
