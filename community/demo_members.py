"""Demo member accounts (issue 11) for local development only: seed_demo creates them after the
directory, unless --no-accounts. Known passwords: seed_demo refuses production settings."""

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from .accounts import account_for
from .models import Membership, Municipality, Role

# email, password, slug of the municipality, role
DEMO_MEMBERS = [
    ("olena@dolyna.example", "bridges-dolyna", "dolyna-ua", Role.ADMIN),
    ("petro@dolyna.example", "bridges-dolyna-colleague", "dolyna-ua", Role.COLLEAGUE),
    ("jonas@siauliai-district.example", "bridges-siauliai", "siauliai-district-lt", Role.ADMIN),
    # Alytus and Dolyna have confirmed a partnership that waits for staff to publish it
    # (demo_partnerships): the third account shows that side of the lifecycle.
    ("rasa@alytus.example", "bridges-alytus", "alytus-lt", Role.ADMIN),
]


def seed_members():
    """Creates or updates the demo members; returns the rows made (for the command's output)."""
    made = []
    locale = Locale.get_default()
    for email, password, slug, role in DEMO_MEMBERS:
        municipality = Municipality.objects.filter(slug=slug, locale=locale).first()
        if municipality is None:
            continue
        user, _address = account_for(email, verified=True)
        if not user.check_password(password):
            user.set_password(password)
            user.save()
        get_user_model().objects.filter(pk=user.pk).update(is_staff=False, is_superuser=False)
        Membership.objects.update_or_create(
            user=user, municipality=municipality, defaults={"role": role}
        )
        made.append((email, password, f"{role.label} of {municipality.name}"))
    return made
