"""Demo directory: programmes, organisations, municipalities and partnerships, in English and
Ukrainian, built from public reports about the network (see /work/shared/source-facts).

The municipalities and partnerships are data in ``community.demo_data``: 46 real places in
Ukraine and 13 EU countries, with sectors and working languages chosen so that every Ukrainian
municipality's match page has explained suggestions. The only pair the reports name
(Dolyna – Šiauliai district) is the pilot's partnership; the SUN4Ukraine cities are members
without invented partners; the other partnerships are marked as demonstration pairings.
Populations are rounded public estimates; contact persons are roles with example addresses,
not people. Safe to run again."""

import datetime
from decimal import Decimal

from wagtail.models import Locale

from community.demo_data import DEMO_NOTE, MUNICIPALITIES
from community.demo_data.partnerships import PARTNERSHIPS
from community.models import (
    JointProject,
    Language,
    Municipality,
    NationalAssociation,
    PartnerOrganisation,
    Partnership,
    Programme,
    Sector,
    SectorNeed,
    SectorOffer,
)
from community.sectors import ensure_sectors

PROGRAMMES = [
    {
        "slug": "bot-pilot",
        "starts_on": datetime.date(2021, 3, 1),
        "ends_on": datetime.date(2022, 11, 30),
        "en": ("Bridges of Trust pilot", "<p>Ten Ukrainian municipalities in seven regions matched with peers in Estonia, Latvia, Lithuania, Poland and Slovakia, with the support of U-LEAD with Europe. The reports name one of the pairs, Dolyna and Šiauliai district.</p>"),
        "uk": ("Пілотна фаза «Мостів довіри»", "<p>Десять українських громад із семи областей поєднано з партнерами в Естонії, Латвії, Литві, Польщі та Словаччині за підтримки U-LEAD with Europe. Звіти називають одну з пар — Долину та Шяуляйський район.</p>"),
    },
    {
        "slug": "bot-second-phase",
        "starts_on": datetime.date(2022, 11, 1),
        "ends_on": datetime.date(2023, 9, 30),
        "en": ("Bridges of Trust second phase", "<p>Thirty more Ukrainian municipalities paired with peers in ten EU countries for reconstruction; 48 joint project proposals and 30 expert missions.</p>"),
        "uk": ("Друга фаза «Мостів довіри»", "<p>Ще тридцять українських громад у парі з партнерами з десяти країн ЄС заради відбудови; 48 спільних проєктних пропозицій і 30 експертних місій.</p>"),
    },
    {
        "slug": "sun4ukraine",
        "starts_on": datetime.date(2025, 10, 15),
        "ends_on": None,
        "en": ("SUN4Ukraine", "<p>Twelve Ukrainian flagship municipalities prepare Climate Neutrality Plans; its Partnership Programme connects them with European Mission Cities.</p>"),
        "uk": ("SUN4Ukraine", "<p>Дванадцять українських громад-флагманів готують плани кліматичної нейтральності; партнерська програма поєднує їх з європейськими містами Місії.</p>"),
    },
    {
        "slug": "european-partnership-hub",
        "starts_on": datetime.date(2025, 7, 10),
        "ends_on": None,
        "en": ("European Partnership Hub", "<p>The operational secretariat of the Bridges of Trust Community, launched at the Ukraine Recovery Conference in Rome in 2025.</p>"),
        "uk": ("Європейський хаб партнерств", "<p>Операційний секретаріат спільноти «Мости довіри», започаткований на Конференції з відновлення України в Римі 2025 року.</p>"),
    },
]  # fmt: skip

ASSOCIATIONS = [
    {
        "slug": "auc",
        "acronym": "AUC",
        "country": "UA",
        "en": ("Association of Ukrainian Cities", "<p>A national association of Ukrainian local governments and a partner of Bridges of Trust since the pilot.</p>"),
        "uk": ("Асоціація міст України", "<p>Національна асоціація органів місцевого самоврядування України, партнер «Мостів довіри» від пілотної фази.</p>"),
    },
]  # fmt: skip

ORGANISATIONS = [
    {
        "slug": "u-lead",
        "acronym": "",
        "en": ("U-LEAD with Europe", "<p>The programme supporting Ukraine's decentralisation reform that funds Bridges of Trust.</p>"),
        "uk": ("U-LEAD with Europe", "<p>Програма підтримки реформи децентралізації в Україні, що фінансує «Мости довіри».</p>"),
    },
    {
        "slug": "platforma",
        "acronym": "",
        "en": ("PLATFORMA", "<p>The European coalition of towns and regions for development, which ran the pilot with CEMR.</p>"),
        "uk": ("PLATFORMA", "<p>Європейська коаліція міст і регіонів для розвитку, що разом із CEMR реалізувала пілотну фазу.</p>"),
    },
    {
        "slug": "cemr",
        "acronym": "CEMR",
        "en": ("Council of European Municipalities and Regions", "<p>The European association of national associations of local and regional governments, which runs Bridges of Trust, the Matchmaking Platform and the European Partnership Hub.</p>"),
        "uk": ("Рада європейських муніципалітетів і регіонів", "<p>Європейське об'єднання національних асоціацій місцевої та регіональної влади, що реалізує «Мости довіри», платформу пошуку партнерів і Європейський хаб партнерств.</p>"),
    },
    {
        "slug": "city-of-oslo",
        "acronym": "",
        "en": ("City of Oslo", "<p>With Munich, one of the two advisory partners of the SUN4Ukraine Partnership Programme.</p>"),
        "uk": ("Місто Осло", "<p>Разом із Мюнхеном — один із двох радників партнерської програми SUN4Ukraine.</p>"),
    },
]  # fmt: skip


def _update(obj, values):
    changed = False
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if field.many_to_one:  # compare ids: an unsaved record has no related object yet
            if getattr(obj, field.attname) != value.pk:
                setattr(obj, name, value)
                changed = True
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def upsert(model, slug, locale, values, source=None, relations=None):
    """The record with this slug in ``locale`` (a translation of ``source`` when given),
    created or updated; saved only when something changed.

    ``relations(record)`` sets the record's child and many-to-many relations and says whether
    it changed them; it runs before the one save. A translation copied from ``source`` would
    otherwise be saved with copies of the source's children, which the next save replaces:
    each replaced child has queued a reference-index update (wagtail.tasks) that then fails
    in the worker, its row being gone."""
    obj = model.objects.filter(slug=slug, locale=locale).first()
    created = obj is None
    if created:
        obj = source.copy_for_translation(locale) if source else model(slug=slug, locale=locale)
    changed = _update(obj, values)
    if relations is not None:
        changed = relations(obj) or changed
    if created or changed:
        obj.save()
    return obj, created or changed


def publish(municipality):
    if (
        not municipality.live
        or municipality.has_unpublished_changes
        or not municipality.latest_revision_id
    ):
        municipality.save_revision(log_action=False).publish(log_action=False)


def seed(tree):
    en = Locale.objects.get(language_code="en")
    uk = Locale.objects.get(language_code="uk")
    ensure_sectors(Sector, Locale, ("en", "uk"))
    sectors = {s.slug: s for s in Sector.objects.filter(locale=en)}

    programmes = {}
    for row in PROGRAMMES:
        dates = {"starts_on": row["starts_on"], "ends_on": row["ends_on"]}
        source, _ = upsert(
            Programme, row["slug"], en, {"name": row["en"][0], "description": row["en"][1], **dates}
        )
        upsert(
            Programme,
            row["slug"],
            uk,
            {"name": row["uk"][0], "description": row["uk"][1], **dates},
            source,
        )
        programmes[row["slug"]] = source
    # The Ukrainian municipalities of the demo are members of the Association of Ukrainian
    # Cities (its demo member account brokers their profiles: community/demo_members.py).
    associations = {}
    for row in ASSOCIATIONS:
        fixed = {"acronym": row["acronym"], "country": row["country"]}
        source, _ = upsert(
            NationalAssociation,
            row["slug"],
            en,
            {"name": row["en"][0], "description": row["en"][1], **fixed},
        )
        translation, _ = upsert(
            NationalAssociation,
            row["slug"],
            uk,
            {"name": row["uk"][0], "description": row["uk"][1], **fixed},
            source,
        )
        associations[row["slug"]] = {"en": source, "uk": translation}
    organisations = {}
    for row in ORGANISATIONS:
        source, _ = upsert(
            PartnerOrganisation,
            row["slug"],
            en,
            {"name": row["en"][0], "description": row["en"][1], "acronym": row["acronym"]},
        )
        upsert(
            PartnerOrganisation,
            row["slug"],
            uk,
            {"name": row["uk"][0], "description": row["uk"][1], "acronym": row["acronym"]},
            source,
        )
        organisations[row["slug"]] = source

    municipalities = {}
    for row in MUNICIPALITIES:
        municipalities[row["slug"]] = seed_municipality(
            row, tree, {"en": en, "uk": uk}, sectors, associations, organisations
        )

    for row in PARTNERSHIPS:
        ukrainian, eu = municipalities[row["ukrainian"]], municipalities[row["eu"]]
        for locale, language in ((en, "en"), (uk, "uk")):
            partnership = Partnership.objects.filter(
                locale=locale,
                ukrainian_municipality__slug=ukrainian.slug,
                eu_municipality__slug=eu.slug,
            ).first()
            values = {
                "programme": Programme.objects.get(slug=row["programme"], locale=locale),
                "stage": row["stage"],
                "started_on": row["started_on"],
                "activities": row[language],
                "ukrainian_municipality": Municipality.objects.get(
                    slug=ukrainian.slug, locale=locale
                ),
                "eu_municipality": Municipality.objects.get(slug=eu.slug, locale=locale),
            }
            # (English title, Ukrainian title, sector, status): each record its language's.
            title = 0 if language == "en" else 1
            wanted = [(p[title], sectors[p[2]], p[3]) for p in row["projects"]]
            if partnership is None:
                source = Partnership.objects.filter(
                    locale=en, ukrainian_municipality=ukrainian, eu_municipality=eu
                ).first()
                partnership = (
                    source.copy_for_translation(locale) if source else Partnership(locale=locale)
                )
            changed = _update(partnership, values) or partnership.pk is None
            # The projects are set before the one save (see ``upsert``).
            if [(p.title, p.sector, p.status) for p in partnership.projects.all()] != wanted:
                partnership.projects = [
                    JointProject(title=t, sector=s, status=st) for t, s, st in wanted
                ]
                changed = True
            if changed:
                partnership.save()


# The contact of every demo profile, in each language (the role is translated with the
# profile; the name may be overridden in a translation, as a team's name is here).
CONTACT = {
    "en": {"contact_name": "Partnerships team", "contact_role": "International cooperation"},
    "uk": {"contact_name": "Команда партнерств", "contact_role": "Міжнародна співпраця"},
}


def seed_municipality(row, tree, locales, sectors, associations, organisations):
    """The municipality of ``row`` (see ``community.demo_data``) in English and Ukrainian,
    published; returns the English record."""
    slug = row["slug"]
    lat, lon = row["at"]
    common = {
        "name": row["name"], "local_name": row["local"], "country": row["country"],
        "region": row["region"], "kind": row["kind"], "population": row["population"],
        "latitude": Decimal(lat), "longitude": Decimal(lon), "open_to_partners": True,
        "contact_email": f"partnerships@{slug}.example", "contact_public": False,
        # The pilot pair was last confirmed at the 2025 Annual Gathering, so the demo shows
        # how an old profile looks; the others count as confirmed this month.
        "last_confirmed": datetime.date(2025, 10, 16) if slug in ("dolyna-ua", "siauliai-district-lt") else tree.now.date().replace(day=1),
    }  # fmt: skip
    languages = list(Language.objects.filter(code__in=row["languages"]).order_by("code"))
    orgs = sorted(organisations[o].pk for o in row["orgs"])
    source = None
    for language, locale in locales.items():
        values = {**common, **CONTACT[language], "description": row[language] + DEMO_NOTE[language]}
        if row["country"] == "UA":
            values["national_association"] = associations["auc"][language]
        column = 1 if language == "en" else 2
        offers = [(sectors[link[0]].pk, link[column]) for link in row["offers"]]
        needs = [(sectors[link[0]].pk, link[column]) for link in row["needs"]]

        def relations(record, offers=offers, needs=needs):
            if (
                [(o.sector_id, o.note) for o in record.offers.all()] == offers
                and [(n.sector_id, n.note) for n in record.needs.all()] == needs
                and sorted(lang.pk for lang in record.working_languages.all())
                == sorted(lang.pk for lang in languages)
                and sorted(o.pk for o in record.partner_organisations.all()) == orgs
            ):
                return False
            record.offers = [
                SectorOffer(sector_id=pk, note=note, sort_order=i)
                for i, (pk, note) in enumerate(offers)
            ]
            record.needs = [
                SectorNeed(sector_id=pk, note=note, sort_order=i)
                for i, (pk, note) in enumerate(needs)
            ]
            record.working_languages = languages
            record.partner_organisations = [organisations[o] for o in row["orgs"]]
            return True

        record, changed = upsert(Municipality, slug, locale, values, source, relations)
        if changed:
            record.has_unpublished_changes = True
        publish(record)
        source = source or record
    return source
