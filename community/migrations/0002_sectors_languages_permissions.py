"""The controlled sector list (in English; other languages are translated by editors or by
seed_demo), the working languages, and what the Moderators and Editors groups may do."""

from django.db import migrations

from community.sectors import LANGUAGES, ensure_sectors

MODELS = [
    "municipality",
    "sector",
    "nationalassociation",
    "partnerorganisation",
    "programme",
    "partnership",
    "language",
]


def forwards(apps, schema_editor):
    Sector = apps.get_model("community", "Sector")
    Locale = apps.get_model("wagtailcore", "Locale")
    Language = apps.get_model("community", "Language")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    from django.conf import settings

    default = settings.LANGUAGE_CODE
    if Locale.objects.filter(language_code=default).exists():
        ensure_sectors(Sector, Locale, languages=(default,))
    for code in LANGUAGES:
        Language.objects.get_or_create(code=code)

    # Moderators approve registrations (publish) and manage everything of the directory;
    # editors keep profiles current but cannot publish or delete.
    for model in MODELS:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="community", model=model
        )
        actions = ("add", "change", "delete") + (("publish",) if model == "municipality" else ())
        for action in actions:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            moderators = Group.objects.filter(name="Moderators").first()
            if moderators:
                moderators.permissions.add(permission)
            editors = Group.objects.filter(name="Editors").first()
            if editors and action in ("add", "change"):
                editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
