"""Demo events of the network from its public reports, in English and Ukrainian.

Dates and places come from the reports (/work/shared/source-facts); the two upcoming sessions are
placed relative to the day the demo is seeded so that the site always has upcoming events."""

import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Locale

from community.models import Programme
from portal.demo import upsert_page, upsert_translation
from stories.models import EventPage

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(year, month, day, hour, minute=0, tz=BRUSSELS):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=tz)


def days_ahead(now, days, hour, minutes):
    """A session ``days`` after the seeding day at ``hour`` Brussels time, lasting ``minutes``."""
    day = (now + datetime.timedelta(days=days)).astimezone(BRUSSELS).date()
    start = at(day.year, day.month, day.day, hour)
    return start, start + datetime.timedelta(minutes=minutes)


def agenda(language, *items):
    """Agenda stream data in one language from (start, end, English, Ukrainian) tuples."""
    blocks = []
    for item in items:
        if isinstance(item, dict):  # a day heading {"en": ..., "uk": ...}
            blocks.append(("day", {"title": item[language]}))
        else:
            start, end, en, uk = item
            blocks.append(
                (
                    "session",
                    {
                        # As stored, so that reseeding finds nothing changed.
                        "start": start.isoformat(),
                        "end": end.isoformat(),
                        "title": en if language == "en" else uk,
                        "description": "",
                    },
                )
            )
    return blocks


GATHERING_AGENDA = (
    (
        datetime.time(9),
        datetime.time(9, 30),
        "Welcome and the year of the European Partnership Hub",
        "Вітання та рік Європейського хабу партнерств",
    ),
    (
        datetime.time(9, 30),
        datetime.time(12, 30),
        "How programmes can avoid fragmentation: round table",
        "Як програмам уникнути розпорошення: круглий стіл",
    ),
    (
        datetime.time(14),
        datetime.time(17, 30),
        "Working groups with the national associations of Ukrainian cities",
        "Робочі групи з національними асоціаціями міст України",
    ),
)
MUNICH_AGENDA = (
    {"en": "Day 1 — 17 November", "uk": "День 1 — 17 листопада"},
    (
        datetime.time(9),
        datetime.time(12),
        "Twelve partnerships introduce themselves",
        "Дванадцять партнерств знайомляться",
    ),
    {"en": "Days 2–4 — 18 to 20 November", "uk": "Дні 2–4 — 18–20 листопада"},
    (
        datetime.time(9),
        datetime.time(17),
        "Capacity building on Climate Neutrality Plans, step two",
        "Навчання з планів кліматичної нейтральності, другий етап",
    ),
)


def events(now):
    info_start, info_end = days_ahead(now, 21, 10, 90)
    clinic_start, clinic_end = days_ahead(now, 45, 14, 120)
    return [
        {
            "slug": "ukrainian-mayors-delegation-brussels-2025",
            "fields": {
                "starts_at": at(2025, 10, 13, 10),
                "ends_at": at(2025, 10, 13, 13),
                "format": "on_site",
                "country": "BE",
            },
            "en": {
                "organisers": "CEMR",
                "title": "Round table with a delegation of 23 Ukrainian mayors",
                "summary": "Mayors share their municipalities' experience and explore partnership, climate and smart-city initiatives with European networks.",
                "city": "Brussels",
                "languages": "Ukrainian and English",
                "interpretation": "Consecutive interpretation Ukrainian–English",
            },
            "uk": {
                "organisers": "Рада європейських муніципалітетів і регіонів (CEMR)",
                "title": "Круглий стіл із делегацією 23 українських міських голів",
                "summary": "Міські голови діляться досвідом своїх громад і знайомляться з європейськими ініціативами партнерств, клімату та розумних міст.",
                "city": "Брюссель",
                "languages": "Українська та англійська",
                "interpretation": "Послідовний переклад українська–англійська",
            },
        },
        {
            "slug": "community-annual-gathering-2025",
            "fields": {
                "starts_at": at(2025, 10, 16, 9),
                "ends_at": at(2025, 10, 16, 18),
                "format": "on_site",
                "country": "BE",
            },
            "en": {
                "organisers": "European Partnership Hub (CEMR)",
                "title": "Bridges of Trust Community Annual Gathering 2025",
                "summary": "The European Partnership Hub brings together the organisations that support municipal cooperation between the EU and Ukraine.",
                "city": "Brussels",
                "languages": "English",
                "interpretation": "",
                "agenda": agenda("en", *GATHERING_AGENDA),
            },
            "uk": {
                "organisers": "Європейський хаб партнерств (CEMR)",
                "title": "Щорічна зустріч спільноти «Мости довіри» 2025",
                "summary": "Європейський хаб партнерств збирає організації, що підтримують муніципальну співпрацю між ЄС та Україною.",
                "city": "Брюссель",
                "languages": "Англійська",
                "interpretation": "",
                "agenda": agenda("uk", *GATHERING_AGENDA),
            },
        },
        {
            "slug": "sun4ukraine-partnerships-munich-2025",
            "fields": {
                "starts_at": at(2025, 11, 17, 0),
                "ends_at": at(2025, 11, 20, 23, 59),
                "all_day": True,
                "format": "on_site",
                "country": "DE",
            },
            "en": {
                "organisers": "SUN4Ukraine partners, with Munich as advisory city",
                "title": "SUN4Ukraine partnerships meet in Munich",
                "summary": "Twelve partnerships between Ukrainian cities and European Mission Cities start their work together, with the second step of the capacity building on Climate Neutrality Plans.",
                "city": "Munich",
                "languages": "English and Ukrainian",
                "interpretation": "",
                "agenda": agenda("en", *MUNICH_AGENDA),
            },
            "uk": {
                "organisers": "Партнери SUN4Ukraine, Мюнхен — місто-радник",
                "title": "Партнерства SUN4Ukraine зустрічаються в Мюнхені",
                "summary": "Дванадцять партнерств українських міст із європейськими містами Місії починають спільну роботу; другий етап навчання з планів кліматичної нейтральності.",
                "city": "Мюнхен",
                "languages": "Англійська та українська",
                "interpretation": "",
                "agenda": agenda("uk", *MUNICH_AGENDA),
            },
        },
        {
            "slug": "matchmaking-platform-info-session",
            "fields": {
                "starts_at": info_start,
                "ends_at": info_end,
                "format": "online",
                "country": "",
                "online_url": "https://meet.bridges-of-trust.example/info-session",
                "registration_url": "https://forms.bridges-of-trust.example/info-session",
                "registration_deadline": info_start - datetime.timedelta(days=2),
            },
            "en": {
                "organisers": "European Partnership Hub",
                "title": "Info session: finding a partner on the Matchmaking Platform",
                "summary": "A walk through registering a municipality, describing its needs and offers, and contacting potential partners.",
                "city": "",
                "languages": "English",
                "interpretation": "Simultaneous interpretation into Ukrainian",
            },
            "uk": {
                "organisers": "Європейський хаб партнерств",
                "title": "Інформаційна сесія: як знайти партнера на платформі",
                "summary": "Покроково: реєстрація громади, опис потреб і пропозицій, зв'язок із потенційними партнерами.",
                "city": "",
                "languages": "Англійська",
                "interpretation": "Синхронний переклад українською",
            },
        },
        {
            "slug": "joint-project-clinic",
            "fields": {
                "starts_at": clinic_start,
                "ends_at": clinic_end,
                "format": "hybrid",
                "country": "BE",
                "online_url": "https://meet.bridges-of-trust.example/project-clinic",
            },
            "en": {
                "organisers": "European Partnership Hub",
                "title": "Joint project clinic for partner municipalities",
                "summary": "Partner municipalities bring a project idea — water supply, renewable energy, waste management — and work on it with experts, in Brussels or online.",
                "city": "Brussels",
                "languages": "English and Ukrainian",
                "interpretation": "Simultaneous English–Ukrainian",
            },
            "uk": {
                "organisers": "Європейський хаб партнерств",
                "title": "Консультації зі спільних проєктів для громад-партнерів",
                "summary": "Громади-партнери приносять проєктну ідею — водопостачання, відновлювана енергетика, поводження з відходами — і працюють над нею з експертами в Брюсселі або онлайн.",
                "city": "Брюссель",
                "languages": "Англійська та українська",
                "interpretation": "Синхронний переклад англійська–українська",
            },
        },
    ]


# The programme each event belongs to (seeded by demo_directory before the events).
PROGRAMMES = {
    "community-annual-gathering-2025": "european-partnership-hub",
    "sun4ukraine-partnerships-munich-2025": "sun4ukraine",
}


def seed(tree):
    index = tree.index("events")
    en = Locale.objects.get(language_code="en")
    for event in events(tree.now):
        # Both languages name the English programme, as wagtail-localize synchronises it.
        slug = PROGRAMMES.get(event["slug"])
        programme = Programme.objects.get(slug=slug, locale=en) if slug else None
        fields = {**event["fields"], "programme": programme}
        page = upsert_page(index, EventPage, event["slug"], **fields, **event["en"])
        upsert_translation(page, "uk", **fields, **event["uk"])
        tree.indexes[("event:" + event["slug"], "en")] = page
