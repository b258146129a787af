"""Demo page tree: the home page and every section page, in English and Ukrainian."""

from PIL import ImageDraw
from wagtail.models import Page

from calls.models import CallIndexPage
from community.models import DirectoryPage, PartnershipIndexPage, RegistrationPage
from home.models import HomePage
from portal.demo import ensure_image, upsert_page, upsert_translation
from portal.models import ContentPage
from search.models import PartnerSearchPage, SearchPage
from stories.models import EventIndexPage, StoryIndexPage

KEY_FIGURES = {
    "en": [
        ("500+", "Ukrainian municipalities registered on the Matchmaking Platform"),
        ("40", "partnerships formed in the pilot and the second phase"),
        ("48", "joint project proposals designed together"),
        ("7", "Solidarity Forums held in the second phase"),
    ],
    "uk": [
        ("500+", "українських громад зареєстровано на платформі пошуку партнерів"),
        ("40", "партнерств створено в пілотній і другій фазах"),
        ("48", "спільних проєктних пропозицій розроблено разом"),
        ("7", "форумів солідарності проведено в другій фазі"),
    ],
}

# name, model, slug, in menu, {language: (title, introduction)}
SECTIONS = [
    (
        "directory",
        DirectoryPage,
        "directory",
        True,
        {
            "en": (
                "Member directory",
                "Ukrainian and EU municipalities of the network, what they "
                "offer and what they need.",
            ),
            "uk": (
                "Каталог учасників",
                "Українські громади та муніципалітети ЄС у мережі: що вони "
                "пропонують і чого потребують.",
            ),
        },
    ),
    (
        "partnerships",
        PartnershipIndexPage,
        "partnerships",
        True,
        {
            "en": (
                "Partnerships",
                "Pairs of Ukrainian and EU municipalities working together, by programme.",
            ),
            "uk": (
                "Партнерства",
                "Пари українських громад і муніципалітетів ЄС, що працюють разом, за програмами.",
            ),
        },
    ),
    (
        "partners",
        PartnerSearchPage,
        "partners",
        True,
        {
            "en": (
                "Find a partner",
                "Search the municipalities of the network by name, country and sector.",
            ),
            "uk": ("Знайти партнера", "Шукайте громади мережі за назвою, країною та сектором."),
        },
    ),
    (
        "calls",
        CallIndexPage,
        "calls",
        True,
        {
            "en": ("Calls for proposals", "Funding for joint projects of partner municipalities."),
            "uk": ("Конкурси пропозицій", "Фінансування спільних проєктів громад-партнерів."),
        },
    ),
    (
        "stories",
        StoryIndexPage,
        "stories",
        True,
        {
            "en": ("Stories", "Success stories and news from the partnerships."),
            "uk": ("Історії", "Історії успіху та новини партнерств."),
        },
    ),
    (
        "events",
        EventIndexPage,
        "events",
        True,
        {
            "en": ("Events", "Solidarity Forums, annual gatherings and study visits."),
            "uk": ("Події", "Форуми солідарності, щорічні зустрічі та навчальні візити."),
        },
    ),
    (
        "register",
        RegistrationPage,
        "register",
        False,
        {
            "en": (
                "Register your municipality",
                "Join the Matchmaking Platform: tell peers what "
                "your municipality offers and what it needs.",
            ),
            "uk": (
                "Зареєструвати громаду",
                "Приєднуйтеся до платформи пошуку партнерів: розкажіть, "
                "що ваша громада пропонує і чого потребує.",
            ),
        },
    ),
    (
        "search",
        SearchPage,
        "search",
        False,
        {
            "en": ("Search", ""),
            "uk": ("Пошук", ""),
        },
    ),
]

ABOUT = {
    "en": {
        "title": "About the European Partnership Hub",
        "introduction": "The operational secretariat of the Bridges of Trust Community, launched "
        "at the Ukraine Recovery Conference in Rome in 2025.",
        "body": [
            (
                "paragraph",
                "<p>The European Partnership Hub coordinates a pan-European network of "
                "local and regional governments and their partners. It helps Ukrainian and EU "
                "municipalities find each other, design joint projects and reach funding, and it "
                "keeps the many programmes that support Ukraine's recovery from working in "
                "isolation.</p>",
            ),
            ("heading", {"text": "What the Hub does", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Expands and connects the network through the Matchmaking "
                "Platform, sectoral networks and national associations.</li><li>Builds capacity "
                "with targeted funding, project guidance and mentoring.</li><li>Aligns the support "
                "of programmes and donors so that it adds up.</li></ul>",
            ),
            ("heading", {"text": "How the network grew", "level": "h2"}),
            (
                "paragraph",
                "<p>The Bridges of Trust pilot (2021–2022) paired ten Ukrainian "
                "municipalities with peers in Estonia, Latvia, Lithuania, Poland and Slovakia. The "
                "second phase (2022–2023) added thirty partnerships with municipalities in ten EU "
                "countries, which together drafted 48 joint project proposals for water supply, "
                "renewable energy, hospitals and waste management.</p>",
            ),
        ],
    },
    "uk": {
        "title": "Про Європейський хаб партнерств",
        "introduction": "Операційний секретаріат спільноти «Мости довіри», започаткований на "
        "Конференції з відновлення України в Римі у 2025 році.",
        "body": [
            (
                "paragraph",
                "<p>Європейський хаб партнерств координує загальноєвропейську мережу "
                "місцевих і регіональних органів влади та їхніх партнерів. Він допомагає громадам "
                "України та ЄС знаходити одна одну, розробляти спільні проєкти й отримувати "
                "фінансування, а також узгоджує роботу програм підтримки відновлення України.</p>",
            ),
            ("heading", {"text": "Що робить хаб", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Розширює та поєднує мережу через платформу пошуку партнерів, "
                "галузеві мережі та національні асоціації.</li><li>Розвиває спроможність через "
                "цільове фінансування, супровід проєктів і наставництво.</li><li>Узгоджує підтримку "
                "програм і донорів, щоб вона давала більший результат.</li></ul>",
            ),
            ("heading", {"text": "Як зростала мережа", "level": "h2"}),
            (
                "paragraph",
                "<p>Пілотна фаза «Мостів довіри» (2021–2022) поєднала десять "
                "українських громад з партнерами в Естонії, Латвії, Литві, Польщі та Словаччині. "
                "Друга фаза (2022–2023) додала тридцять партнерств із муніципалітетами десяти країн "
                "ЄС, які разом підготували 48 спільних проєктних пропозицій щодо водопостачання, "
                "відновлюваної енергетики, лікарень і поводження з відходами.</p>",
            ),
        ],
    },
}

HOME = {
    "en": {
        "title": "Bridges of Trust",
        "hero_title": "Ukrainian and EU municipalities rebuilding together",
        "hero_text": "Bridges of Trust pairs Ukrainian municipalities with peers across the "
        "European Union for recovery, reconstruction and the road to EU membership.",
        "hero_link_text": "Find a partner",
        "hero_alt_text": "Illustration of a yellow bridge spanning a blue river",
    },
    "uk": {
        "title": "Мости довіри",
        "hero_title": "Громади України та ЄС відбудовують разом",
        "hero_text": "«Мости довіри» поєднують українські громади з партнерами в Європейському "
        "Союзі заради відновлення, відбудови та шляху до членства в ЄС.",
        "hero_link_text": "Знайти партнера",
        "hero_alt_text": "Ілюстрація: жовтий міст над синьою річкою",
    },
}


def paint_bridge(canvas):
    draw = ImageDraw.Draw(canvas)
    width, height = canvas.size
    draw.rectangle([0, height * 0.62, width, height], fill="#072a66")
    draw.arc(
        [width * 0.08, height * 0.25, width * 0.92, height * 1.0],
        180,
        360,
        fill="#ffd500",
        width=18,
    )
    for i in range(1, 10):
        x = width * (0.08 + 0.084 * i)
        draw.line([x, height * 0.62, x, height * 0.40 + abs(5 - i) * 14], fill="#ffd500", width=6)
    draw.rectangle([0, height * 0.62, width, height * 0.65], fill="#ffd500")


def seed(tree):
    hero = ensure_image(
        "Bridge between two river banks (illustration)",
        "Illustration of a yellow bridge spanning a blue river",
        paint_bridge,
    )
    tree.images["hero"] = hero
    root = Page.get_first_root_node()
    figures = {
        lang: [("figure", {"figure": f, "label": label}) for f, label in rows]
        for lang, rows in KEY_FIGURES.items()
    }
    home = upsert_page(
        root, HomePage, "home-en", hero_image=hero, key_figures=figures["en"], **HOME["en"]
    )
    tree.homes["en"] = home
    for name, model, slug, in_menu, texts in SECTIONS:
        title, intro = texts["en"]
        page = (
            upsert_page(home, model, slug, title=title, introduction=intro, show_in_menus=in_menu)
            if hasattr(model, "introduction")
            else upsert_page(home, model, slug, title=title, show_in_menus=in_menu)
        )
        tree.indexes[(name, "en")] = page
    about = upsert_page(
        home, ContentPage, "about", show_in_menus=True, **{k: v for k, v in ABOUT["en"].items()}
    )
    tree.indexes[("about", "en")] = about
    partners = tree.index("partners")
    if home.hero_link_id != partners.pk:
        upsert_page(root, HomePage, "home-en", hero_link=partners)

    # Ukrainian: the same tree, translated.
    uk_home = upsert_translation(
        home, "uk", hero_image=hero, key_figures=figures["uk"], slug="home-uk", **HOME["uk"]
    )
    tree.homes["uk"] = uk_home
    for name, model, _slug, _in_menu, texts in SECTIONS:
        title, intro = texts["uk"]
        values = {"title": title}
        if hasattr(model, "introduction"):
            values["introduction"] = intro
        tree.indexes[(name, "uk")] = upsert_translation(tree.index(name), "uk", **values)
    tree.indexes[("about", "uk")] = upsert_translation(about, "uk", **ABOUT["uk"])
