"""Demo calls for proposals, in English and Ukrainian, under the directory's programmes and
sectors (community's demo runs first)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from wagtail.models import Locale

from calls.models import CallPage
from community.models import Programme, Sector
from portal.countries import EU_MEMBER_STATES
from portal.demo import upsert_page, upsert_translation

BRUSSELS = ZoneInfo("Europe/Brussels")


def midday(date):
    return datetime.datetime(date.year, date.month, date.day, 12, tzinfo=BRUSSELS)


def seed(tree):
    index = tree.index("calls")
    today = tree.now.astimezone(BRUSSELS).date()
    calls = [
        {
            "slug": "projects-fund-2026",
            "opens_at": midday(today - datetime.timedelta(days=30)),
            "closes_at": midday(today + datetime.timedelta(days=45)),
            "rules": {
                "programme": "european-partnership-hub",
                "sectors": ["water", "energy", "health", "waste"],
                "total_budget": Decimal("600000"),
                "min_grant": Decimal("10000"),
                "max_grant": Decimal("60000"),
                "min_cofinancing_percent": 10,
                "eligible_countries": ["UA"],
                "partner_countries": list(EU_MEMBER_STATES),
                "eligible_kinds": ["city_hromada", "town_hromada", "village_hromada"],
                "min_population": 400,
                "max_population": 50000,
                "partnership_required": True,
                "contact_name": "European Partnership Hub secretariat",
                "contact_email": "hub@bridges-of-trust.example",
                "questions": [
                    (
                        "long_text",
                        {
                            "label": "How does the partnership share the work?",
                            "help_text": "Who does what, on both sides.",
                            "required": True,
                            "max_length": 2000,
                        },
                    ),
                    (
                        "yes_no",
                        {
                            "label": "Have the partners worked together before?",
                            "help_text": "",
                            "required": True,
                        },
                    ),
                ],
            },
            "en": {
                "title": "European Partnership Hub Projects Fund",
                "summary": "Grants for joint projects of a Ukrainian and an EU municipality "
                "that contribute to recovery and EU integration.",
            },
            "uk": {
                "title": "Фонд проєктів Європейського хабу партнерств",
                "summary": "Гранти на спільні проєкти української громади та муніципалітету "
                "ЄС, що сприяють відновленню та європейській інтеграції.",
                "contact_name": "Секретаріат Європейського хабу партнерств",
                # The call's own questions, in the order above (label, help text).
                "questions": [
                    ("Як партнерство розподіляє роботу?", "Хто що робить з обох сторін."),
                    ("Чи працювали партнери разом раніше?", ""),
                ],
            },
        },
        {
            "slug": "bridges-of-trust-call-2025",
            "opens_at": datetime.datetime(2025, 9, 15, 12, tzinfo=BRUSSELS),
            "closes_at": datetime.datetime(2025, 11, 14, 23, 59, tzinfo=BRUSSELS),
            "rules": {
                "programme": "european-partnership-hub",
                "sectors": [],
                "total_budget": Decimal("300000"),
                "max_grant": Decimal("30000"),
                "partnership_required": False,
                "contact_name": "CEMR Bridges of Trust team",
                "contact_email": "bot@bridges-of-trust.example",
            },
            "en": {
                "title": "Bridges of Trust call for proposals 2025",
                "summary": "National associations and partners proposed actions to advance "
                "EU–Ukraine municipal partnerships.",
            },
            "uk": {
                "title": "Конкурс пропозицій «Мости довіри» 2025",
                "summary": "Національні асоціації та партнери пропонували заходи для "
                "розвитку муніципальних партнерств ЄС та України.",
            },
        },
    ]
    en = Locale.objects.get(language_code="en")
    for call in calls:
        # Dates and rules are the same data in both languages (synchronised fields).
        shared = {"opens_at": call["opens_at"], "closes_at": call["closes_at"], **call["rules"]}
        questions = shared.pop("questions", [])
        sectors = list(Sector.objects.filter(locale=en, slug__in=shared.pop("sectors")))
        shared["programme"] = Programme.objects.get(locale=en, slug=shared["programme"])
        page = upsert_page(
            index, CallPage, call["slug"], questions=questions, **shared, **call["en"]
        )
        set_sectors(page, sectors)
        uk = dict(call["uk"])
        if "questions" in uk:
            uk["questions"] = translated_questions(page, uk["questions"])
        translation = upsert_translation(page, "uk", **{**shared, **uk})
        set_sectors(translation, sectors)


def translated_questions(page, texts):
    """The source's questions with their labels and help texts translated; each keeps its block
    id, which ties the answers together across the call's languages."""
    raw = []
    for child, (label, help_text) in zip(page.questions, texts, strict=True):
        value = dict(child.block.get_prep_value(child.value), label=label, help_text=help_text)
        raw.append({"type": child.block_type, "value": value, "id": child.id})
    return raw


def set_sectors(page, sectors):
    """The call's sectors, published again only when they differ (reseeding adds nothing)."""
    if {sector.pk for sector in page.sectors.all()} == {sector.pk for sector in sectors}:
        return
    page.sectors = sectors
    page.save_revision(log_action=False).publish(log_action=False)
