"""Demo directory: municipalities, organisations, programmes and partnerships named in public
reports about the network (see /work/shared/source-facts), in English and Ukrainian.

Only pairs the reports name are partnerships (Dolyna – Šiauliai district). The SUN4Ukraine
cities are members without invented partners. Populations are rounded public estimates;
contact persons are roles with example addresses, not people. Safe to run again."""

import datetime
from decimal import Decimal

from wagtail.models import Locale

from community.models import (
    JointProject,
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
        "en": ("Bridges of Trust pilot", "<p>Ten Ukrainian municipalities in seven regions matched with peers in Estonia, Latvia, Lithuania, Poland and Slovakia, with the support of U-LEAD with Europe.</p>"),
        "uk": ("Пілотна фаза «Мостів довіри»", "<p>Десять українських громад із семи областей поєднано з партнерами в Естонії, Латвії, Литві, Польщі та Словаччині за підтримки U-LEAD with Europe.</p>"),
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
]  # fmt: skip

# slug, name, local name, country, region, kind, population, (lat, lon), offers, needs,
# organisations, {language: description}
MUNICIPALITIES = [
    ("dolyna-ua", "Dolyna", "Долина", "UA", "Ivano-Frankivsk Oblast", "city_hromada", 20_000, ("48.970600", "23.977000"),
     [("culture", "Carpathian crafts and tourism")], [("social", "Support for displaced families"), ("education", "Summer programmes for children")],
     ["u-lead", "platforma"],
     {"en": "<p>A hromada in the Carpathian foothills and one of the ten municipalities of the Bridges of Trust pilot, partnered with Šiauliai district in Lithuania.</p>",
      "uk": "<p>Громада в передгір'ї Карпат, одна з десяти громад пілотної фази «Мостів довіри», партнерка Шяуляйського району Литви.</p>"}),
    ("siauliai-district-lt", "Šiauliai district", "Šiaulių rajonas", "LT", "Šiauliai County", "district", 38_000, ("55.933300", "23.316700"),
     [("social", "Humanitarian logistics"), ("culture", "Summer schools for children")], [],
     ["u-lead", "platforma"],
     {"en": "<p>A district municipality in northern Lithuania that sent eleven tons of humanitarian aid to its partner Dolyna and hosted a summer school for 36 children from Dolyna.</p>",
      "uk": "<p>Районне самоврядування на півночі Литви, що надіслало партнерській Долині одинадцять тонн гуманітарної допомоги та прийняло в літній школі 36 дітей із Долини.</p>"}),
    ("rivne-ua", "Rivne", "Рівне", "UA", "Rivne Oblast", "city_hromada", 244_000, ("50.619900", "26.251600"),
     [], [("climate", "A Climate Neutrality Plan"), ("energy", "")], [],
     {"en": "<p>A SUN4Ukraine city preparing its Climate Neutrality Plan.</p>", "uk": "<p>Місто програми SUN4Ukraine, що готує план кліматичної нейтральності.</p>"}),
    ("chernivtsi-ua", "Chernivtsi", "Чернівці", "UA", "Chernivtsi Oblast", "city_hromada", 264_000, ("48.292100", "25.935800"),
     [], [("climate", "A Climate Neutrality Plan"), ("energy", "")], [],
     {"en": "<p>A SUN4Ukraine city preparing its Climate Neutrality Plan.</p>", "uk": "<p>Місто програми SUN4Ukraine, що готує план кліматичної нейтральності.</p>"}),
    ("vinnytsia-ua", "Vinnytsia", "Вінниця", "UA", "Vinnytsia Oblast", "city_hromada", 368_000, ("49.233100", "28.468200"),
     [("digital", "")], [("climate", "A Climate Neutrality Plan")], [],
     {"en": "<p>A SUN4Ukraine city preparing its Climate Neutrality Plan.</p>", "uk": "<p>Місто програми SUN4Ukraine, що готує план кліматичної нейтральності.</p>"}),
    ("konotop-ua", "Konotop", "Конотоп", "UA", "Sumy Oblast", "city_hromada", 84_000, ("51.240300", "33.202600"),
     [], [("climate", "A Climate Neutrality Plan"), ("energy", "")], [],
     {"en": "<p>A SUN4Ukraine city preparing its Climate Neutrality Plan.</p>", "uk": "<p>Місто програми SUN4Ukraine, що готує план кліматичної нейтральності.</p>"}),
    ("kalush-ua", "Kalush", "Калуш", "UA", "Ivano-Frankivsk Oblast", "city_hromada", 63_000, ("49.011700", "24.373100"),
     [], [("climate", "A Climate Neutrality Plan"), ("waste", "")], [],
     {"en": "<p>A SUN4Ukraine city preparing its Climate Neutrality Plan.</p>", "uk": "<p>Місто програми SUN4Ukraine, що готує план кліматичної нейтральності.</p>"}),
    ("kyiv-ua", "Kyiv", "Київ", "UA", "Kyiv", "city", 2_950_000, ("50.450100", "30.523400"),
     [("digital", "")], [("climate", "A Climate Neutrality Plan"), ("energy", "")], [],
     {"en": "<p>The capital of Ukraine and a SUN4Ukraine city; host of the SUN4Ukraine events of October 2025.</p>",
      "uk": "<p>Столиця України та місто програми SUN4Ukraine; приймала заходи SUN4Ukraine у жовтні 2025 року.</p>"}),
    ("sumy-region-ua", "Sumy region", "Сумська область", "UA", "Sumy Oblast", "region", 1_035_000, ("50.907700", "34.798100"),
     [], [("climate", "A Climate Neutrality Plan"), ("civil-protection", "")], [],
     {"en": "<p>A region in north-eastern Ukraine taking part in SUN4Ukraine.</p>", "uk": "<p>Область на північному сході України, учасниця SUN4Ukraine.</p>"}),
]  # fmt: skip

# The sector notes in Ukrainian (notes are written per language record).
NOTES_UK = {
    "Carpathian crafts and tourism": "Карпатські ремесла й туризм",
    "Support for displaced families": "Підтримка переселених родин",
    "Summer programmes for children": "Літні програми для дітей",
    "Humanitarian logistics": "Гуманітарна логістика",
    "Summer schools for children": "Літні школи для дітей",
    "A Climate Neutrality Plan": "План кліматичної нейтральності",
}

PARTNERSHIPS = [
    {
        "ukrainian": "dolyna-ua",
        "eu": "siauliai-district-lt",
        "programme": "bot-pilot",
        "stage": "joint_project",
        "en": "<p>After February 2022 Šiauliai district sent eleven tons of humanitarian aid, worth about 100,000 euros, to Dolyna, and organised a summer school for 36 children from Dolyna.</p>",
        "uk": "<p>Після лютого 2022 року Шяуляйський район надіслав Долині одинадцять тонн гуманітарної допомоги (близько 100 тисяч євро) та організував літню школу для 36 дітей із Долини.</p>",
        "projects": [("Summer school for children from Dolyna", "culture", "completed")],
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


def upsert(model, slug, locale, values, source=None):
    """The record with this slug in ``locale`` (a translation of ``source`` when given),
    created or updated; saved only when something changed."""
    obj = model.objects.filter(slug=slug, locale=locale).first()
    if obj is None:
        obj = source.copy_for_translation(locale) if source else model(slug=slug, locale=locale)
        _update(obj, values)
        obj.save()
        return obj, True
    if _update(obj, values):
        obj.save()
        return obj, True
    return obj, False


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
    for slug, name, local, country, region, kind, population, (
        lat,
        lon,
    ), offers, needs, orgs, text in MUNICIPALITIES:
        common = {
            "name": name, "local_name": local, "country": country, "region": region, "kind": kind,
            "population": population, "latitude": Decimal(lat), "longitude": Decimal(lon),
            "open_to_partners": True, "contact_name": "Partnerships team", "contact_role": "International cooperation",
            "contact_email": f"partnerships@{slug}.example", "contact_public": False,
            # The pilot pair was last confirmed at the 2025 Annual Gathering, so the demo shows
            # how an old profile looks; the others count as confirmed this month.
            "last_confirmed": datetime.date(2025, 10, 16) if slug in ("dolyna-ua", "siauliai-district-lt") else tree.now.date().replace(day=1),
        }  # fmt: skip
        record = None
        for locale, language in ((en, "en"), (uk, "uk")):
            record, changed = upsert(
                Municipality,
                slug,
                locale,
                {
                    **common,
                    "description": text[language],
                    **(
                        {"national_association": associations["auc"][language]}
                        if country == "UA"
                        else {}
                    ),
                },
                municipalities.get(slug),
            )

            def note_in(note, language=language):
                return NOTES_UK.get(note, note) if language == "uk" else note

            wanted_offers = [(sectors[s].pk, note_in(note)) for s, note in offers]
            wanted_needs = [(sectors[s].pk, note_in(note)) for s, note in needs]
            if [(o.sector_id, o.note) for o in record.offers.all()] != wanted_offers or [
                (n.sector_id, n.note) for n in record.needs.all()
            ] != wanted_needs:
                record.offers = [
                    SectorOffer(sector_id=pk, note=note, sort_order=i)
                    for i, (pk, note) in enumerate(wanted_offers)
                ]
                record.needs = [
                    SectorNeed(sector_id=pk, note=note, sort_order=i)
                    for i, (pk, note) in enumerate(wanted_needs)
                ]
                record.partner_organisations = [organisations[o] for o in orgs]
                record.save()
                changed = True
            if changed:
                record.has_unpublished_changes = True
            publish(record)
            if language == "en":
                municipalities[slug] = record

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
                "activities": row[language],
                "ukrainian_municipality": Municipality.objects.get(
                    slug=ukrainian.slug, locale=locale
                ),
                "eu_municipality": Municipality.objects.get(slug=eu.slug, locale=locale),
            }
            if partnership is None:
                source = Partnership.objects.filter(
                    locale=en, ukrainian_municipality=ukrainian, eu_municipality=eu
                ).first()
                partnership = (
                    source.copy_for_translation(locale) if source else Partnership(locale=locale)
                )
            if _update(partnership, values) or partnership.pk is None:
                partnership.save()
            wanted = [(title, sectors[sector], status) for title, sector, status in row["projects"]]
            if [(p.title, p.sector, p.status) for p in partnership.projects.all()] != wanted:
                partnership.projects = [
                    JointProject(title=t, sector=s, status=st) for t, s, st in wanted
                ]
                partnership.save()
