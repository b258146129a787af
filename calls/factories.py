"""Factories for calls and applications, shared by the tests and the benchmark."""

import datetime
import io
import zipfile
from decimal import Decimal

import factory
import wagtail_factories
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calls.models import Application, CallIndexPage, CallPage, hash_access_key, new_access_key
from community.factories import build_sectors, default_locale
from community.models import Programme, Sector


class CallIndexPageFactory(wagtail_factories.PageFactory):
    title = "Calls for proposals"
    slug = "calls"
    introduction = "Funding for partnerships of Ukrainian and EU municipalities."

    class Meta:
        model = CallIndexPage


def directory_programme(slug="european-partnership-hub", name="European Partnership Hub"):
    """The directory's programme ``slug`` (default language), created when missing."""
    programme, _created = Programme.objects.get_or_create(
        slug=slug, locale=default_locale(), defaults={"name": name}
    )
    return programme


def directory_sectors(*slugs):
    """The directory's sectors ``slugs`` (default language); the controlled list is created
    when the database has none yet."""
    found = Sector.objects.filter(locale=default_locale(), slug__in=slugs)
    if len(found) < len(set(slugs)):
        build_sectors()
    return list(Sector.objects.filter(locale=default_locale(), slug__in=slugs))


class CallPageFactory(wagtail_factories.PageFactory):
    """An open call (opened a week ago, closing in a month) of the European Partnership Hub
    for water and energy, for hromadas of 400 to 50,000 inhabitants in Ukraine, with an EU
    partner. ``sectors=["water"]`` names the directory's sectors by slug."""

    title = factory.Sequence(lambda n: f"Projects Fund call {n}")
    slug = factory.Sequence(lambda n: f"call-{n}")
    summary = "Grants for joint projects of a Ukrainian and an EU municipality."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    programme = factory.LazyFunction(directory_programme)
    total_budget = Decimal("500000")
    min_grant = Decimal("5000")
    max_grant = Decimal("50000")
    eligible_countries = factory.LazyFunction(lambda: ["UA"])
    partner_countries = factory.LazyFunction(lambda: ["PL", "LT", "DE"])
    eligible_kinds = factory.LazyFunction(
        lambda: ["city_hromada", "town_hromada", "village_hromada"]
    )
    min_population = 400
    max_population = 50000
    partnership_required = True
    contact_name = "Olena Kovalenko"
    contact_email = "calls@bridges-of-trust.example"

    class Meta:
        model = CallPage
        skip_postgeneration_save = True

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        slugs = ["water", "energy"] if extracted is None else extracted
        obj.sectors = directory_sectors(*slugs)
        if create:
            obj.save()


def applicant_data(**overrides):
    """POST data of step 1 that passes the CallPageFactory's rules."""
    data = {
        "applicant_name": "Dolyna",
        "applicant_country": "UA",
        "applicant_kind": "town_hromada",
        "applicant_population": "20000",
        "applicant_region": "Ivano-Frankivsk oblast",
        "contact_name": "Iryna Petrenko",
        "contact_role": "Head of international cooperation",
        "contact_email": "iryna@dolyna.example",
        "contact_phone": "+380 00 000 0000",
        "website_url": "",
    }
    data.update(overrides)
    return data


def partner_data(**overrides):
    data = {
        "partner_name": "Šiauliai district",
        "partner_country": "LT",
        "partner_kind": "district",
        "partner_population": "40000",
        "website_url": "",
    }
    data.update(overrides)
    return data


def project_data(**overrides):
    data = {
        "project_title": "Clean water for Dolyna",
        "project_summary": "Renewing the pumping station with our partner's engineers.",
        "sector": "water",
        "requested_amount": "30000",
        "co_financing_amount": "5000",
        "website_url": "",
    }
    data.update(overrides)
    return data


class DraftFactory(factory.django.DjangoModelFactory):
    """A draft with every step but the last completed. ``key`` gives the private link key
    (only its hash is stored)."""

    class Meta:
        model = Application

    class Params:
        key = factory.LazyFunction(new_access_key)

    call = factory.SubFactory(CallPageFactory)
    access_key_hash = factory.LazyAttribute(lambda o: hash_access_key(o.key))
    completed_step = 3
    applicant_name = "Dolyna"
    applicant_country = "UA"
    applicant_kind = "town_hromada"
    applicant_population = 20000
    contact_name = "Iryna Petrenko"
    contact_email = factory.Sequence(lambda n: f"applicant{n}@dolyna.example")
    partner_name = "Šiauliai district"
    partner_country = "LT"
    project_title = factory.Sequence(lambda n: f"Clean water {n}")
    project_summary = "Renewing the pumping station."
    sector = factory.LazyFunction(lambda: directory_sectors("water")[0])
    requested_amount = Decimal("30000")
    co_financing_amount = Decimal("5000")


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def pdf_upload(name="budget.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")
