"""Build the demo site: the page tree in English and Ukrainian, content from public reports
about the network, and demo accounts. Safe to run again: it updates instead of duplicating."""

from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page, Site

from portal.demo import DemoTree
from portal.models import SiteSettings

# Each app that contributes demo content has a seed(tree) function; the setting
# PORTAL_DEMO_SEEDERS names them in the order they run ("home.demo.seed", ...), so the shared
# layer imports no feature app.

DEMO_ACCOUNTS = [
    # username, password, groups, superuser, what the account is for
    ("admin", "bridges-admin", [], True, "administrator: everything, including settings and users"),
    (
        "editor",
        "bridges-editor",
        ["Editors"],
        False,
        "communications editor: writes pages and submits them for moderation",
    ),
    (
        "moderator",
        "bridges-moderator",
        ["Moderators"],
        False,
        "moderator: reviews, publishes and approves registrations",
    ),
]


class Command(BaseCommand):
    help = "Create or update the demo content and demo accounts (local development only)."

    def add_arguments(self, parser):
        parser.add_argument("--no-accounts", action="store_true", help="Skip the demo accounts.")

    def handle(self, *args, no_accounts=False, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("seed_demo creates known passwords; it never runs in production.")
        with transaction.atomic():
            for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
                Locale.objects.get_or_create(language_code=language)
            tree = DemoTree(now=timezone.now())
            for path in settings.PORTAL_DEMO_SEEDERS:
                import_string(path)(tree)
                self.stdout.write(f"  {path.split('.')[0]}: done")
            self.point_site_at(tree.homes["en"])
            members = []
            if not no_accounts:
                self.create_accounts()
                # Feature apps' demo accounts (the member space's, issue 11): each function
                # returns (login, password, role) rows to print.
                for path in settings.PORTAL_DEMO_ACCOUNT_SEEDERS:
                    members += import_string(path)()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if not no_accounts:
            for username, password, _groups, _superuser, role in DEMO_ACCOUNTS:
                self.stdout.write(f"  {username} / {password}  ({role})")
            for email, password, role in members:
                self.stdout.write(f"  {email} / {password}  ({role}, at /en/account/login/)")

    def point_site_at(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(is_default_site=True)
        # Full URLs (sitemap, feeds, emails) name the address the portal is served at.
        base = urlparse(settings.BASE_URL)
        site.hostname = base.hostname or "localhost"
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.root_page = home
        site.site_name = "Bridges of Trust"
        site.save()
        # Wagtail's install creates a "Welcome" page; the demo home replaces it.
        Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
        SiteSettings.objects.update_or_create(
            site=site,
            defaults={
                "contact_email": "partnerships@bridges-of-trust.example",
                "contact_phone": "",
                "postal_address": "European Partnership Hub\nBrussels, Belgium",
                "postal_address_uk": "Європейський партнерський хаб\nБрюссель, Бельгія",
            },
        )

    def create_accounts(self):
        User = get_user_model()
        for username, password, groups, superuser, _role in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@bridges-of-trust.example",
                    "first_name": username.capitalize(),
                },
            )
            if created or not user.check_password(password):
                user.set_password(password)
            user.is_staff = True
            user.is_superuser = superuser
            user.save()
            for name in groups:
                user.groups.add(Group.objects.get(name=name))
