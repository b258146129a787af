"""Factories for the directory, shared by the tests and usable by demo seeding."""

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from community.models import (
    DirectoryPage,
    JointProject,
    Municipality,
    NationalAssociation,
    PartnerOrganisation,
    Partnership,
    PartnershipIndexPage,
    Programme,
    RegistrationPage,
    Sector,
)
from community.sectors import ensure_sectors


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Member directory"
    slug = "directory"

    class Meta:
        model = DirectoryPage


class PartnershipIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partnerships"
    slug = "partnerships"

    class Meta:
        model = PartnershipIndexPage


class RegistrationPageFactory(wagtail_factories.PageFactory):
    title = "Register your municipality"
    slug = "register"

    class Meta:
        model = RegistrationPage


def default_locale():
    return Locale.get_default()


class MunicipalityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Town {n}")
    slug = factory.Sequence(lambda n: f"town-{n}")
    country = "UA"
    region = "Ivano-Frankivsk Oblast"
    kind = "city_hromada"
    population = 20_000
    description = "<p>A hromada in the Carpathian foothills.</p>"
    open_to_partners = True
    contact_name = "Partnerships team"
    contact_email = factory.Sequence(lambda n: f"contact{n}@town.example")
    contact_phone = "+380 00 000 00 00"
    last_confirmed = factory.LazyFunction(timezone.localdate)
    live = True
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Municipality
        skip_postgeneration_save = True

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        """sectors={"offers": ["water"], "needs": ["energy"]}: sector links by slug."""
        if not extracted:
            return
        for relation, slugs in extracted.items():
            for order, slug in enumerate(slugs):
                sector = Sector.objects.get(slug=slug, locale=default_locale())
                link_model = getattr(obj, relation).model
                link_model.objects.create(
                    municipality=obj,
                    sector=sector,
                    note=f"{sector.name} know-how",
                    sort_order=order,
                )


class NationalAssociationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Association {n}")
    slug = factory.Sequence(lambda n: f"association-{n}")
    country = "UA"
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = NationalAssociation


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = PartnerOrganisation


class ProgrammeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Programme


class PartnershipFactory(factory.django.DjangoModelFactory):
    ukrainian_municipality = factory.SubFactory(MunicipalityFactory, country="UA")
    eu_municipality = factory.SubFactory(
        MunicipalityFactory, country="LT", region="Šiauliai County", kind="district"
    )
    programme = factory.SubFactory(ProgrammeFactory)
    stage = "joint_project"
    started_on = factory.LazyFunction(timezone.localdate)
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Partnership


class JointProjectFactory(factory.django.DjangoModelFactory):
    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Joint project {n}")
    status = "proposal"

    class Meta:
        model = JointProject


def build_sectors(languages=("en", "uk")):
    """The controlled sectors in English and Ukrainian (the migration creates English only)."""
    ensure_sectors(Sector, Locale, languages)
    return {s.slug: s for s in Sector.objects.filter(locale=default_locale())}
