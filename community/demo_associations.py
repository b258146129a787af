"""The demo's association member (issue 11), for local development only: an account of the
Association of Ukrainian Cities that brokers its member municipalities' profiles. seed_demo
creates it after the directory (PORTAL_DEMO_ACCOUNT_SEEDERS), unless --no-accounts."""

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from .accounts import account_for
from .models import AssociationMember, NationalAssociation

# email, password, slug of the association
DEMO_ASSOCIATION_MEMBERS = [
    ("mariia@auc.example", "bridges-auc", "auc"),
]


def seed_association_members():
    """Creates or updates the demo association members; returns (email, password, role) rows."""
    made = []
    locale = Locale.get_default()
    for email, password, slug in DEMO_ASSOCIATION_MEMBERS:
        association = NationalAssociation.objects.filter(slug=slug, locale=locale).first()
        if association is None:
            continue
        user, _address = account_for(email, verified=True)
        if not user.check_password(password):
            user.set_password(password)
            user.save()
        get_user_model().objects.filter(pk=user.pk).update(is_staff=False, is_superuser=False)
        AssociationMember.objects.get_or_create(user=user, association=association)
        made.append((email, password, f"member of {association.name}"))
    return made
