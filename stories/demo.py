"""Demo stories and events from public reports of the network, in English and Ukrainian."""

import datetime

from PIL import ImageDraw
from taggit.models import Tag
from wagtail.models import Locale

from community.models import Municipality, Partnership, Programme, Sector
from portal.demo import ensure_image, upsert_page, upsert_translation
from stories import demo_events
from stories.models import EventRelatedStory, StoryCountry, StoryPage, TagName

CONTACT = {
    "en": {"contact_role": "Communications team, European Partnership Hub"},
    "uk": {"contact_role": "Команда комунікацій, Європейський хаб партнерств"},
}
CONTACT_EMAIL = "communications@bridges-of-trust.example"

STORIES = [
    {
        "slug": "siauliai-district-dolyna-aid",
        "date": datetime.date(2022, 11, 30),
        "kind": "success",
        "countries": ["LT", "UA"],
        "tags": {
            "en": ["humanitarian aid", "summer school"],
            "uk": ["гуманітарна допомога", "літня школа"],
        },
        "image": (
            "Aid convoy between two towns (illustration)",
            "Illustration of a lorry driving along a road between two towns",
            "Ілюстрація: вантажівка їде дорогою між двома містами",
            "#1b5e20",
        ),
        "en": {
            "title": "Eleven tons of aid from Šiauliai district to Dolyna",
            "standfirst": "Paired in the Bridges of Trust pilot, the Lithuanian district answered "
            "its Ukrainian partner's call within weeks of the full-scale invasion.",
            "body": [
                (
                    "paragraph",
                    "<p>Šiauliai district municipality in Lithuania and the Dolyna "
                    "community in Ivano-Frankivsk region were matched in the pilot phase to learn "
                    "from each other's local self-government. When the full-scale war began, the "
                    "partnership turned into a lifeline: Šiauliai district sent eleven tons of "
                    "humanitarian aid, worth about 100,000 euros.</p>",
                ),
                (
                    "key_figures",
                    {
                        "heading": "The partnership in numbers",
                        "figures": [
                            {"figure": "11 t", "label": "of humanitarian aid"},
                            {"figure": "€100,000", "label": "approximate value"},
                            {"figure": "36", "label": "children at the summer school"},
                        ],
                    },
                ),
                (
                    "paragraph",
                    "<p>The same partner organised a summer school for 36 children "
                    "from Dolyna, giving them weeks of rest and friendship away from the war.</p>",
                ),
            ],
        },
        "uk": {
            "title": "Одинадцять тонн допомоги від Шяуляйського району для Долини",
            "standfirst": "Партнер за пілотною фазою «Мостів довіри» відгукнувся на прохання "
            "української громади в перші тижні повномасштабного вторгнення.",
            "body": [
                (
                    "paragraph",
                    "<p>Шяуляйський район у Литві та Долинську громаду "
                    "Івано-Франківської області поєднали в пілотній фазі для обміну досвідом "
                    "місцевого самоврядування. Коли почалася повномасштабна війна, партнерство "
                    "стало опорою: Шяуляйський район надіслав одинадцять тонн гуманітарної "
                    "допомоги вартістю близько 100 000 євро.</p>",
                ),
                (
                    "key_figures",
                    {
                        "heading": "Партнерство в цифрах",
                        "figures": [
                            {"figure": "11 т", "label": "гуманітарної допомоги"},
                            {"figure": "€100 000", "label": "орієнтовна вартість"},
                            {"figure": "36", "label": "дітей у літній школі"},
                        ],
                    },
                ),
                (
                    "paragraph",
                    "<p>Той самий партнер організував літню школу для 36 дітей із "
                    "Долини — тижні відпочинку та дружби далеко від війни.</p>",
                ),
            ],
        },
    },
    {
        "slug": "european-partnership-hub-launched-rome",
        "date": datetime.date(2025, 7, 11),
        "kind": "news",
        "countries": ["IT", "UA"],
        "tags": {
            "en": ["European Partnership Hub", "Ukraine Recovery Conference"],
            "uk": ["Європейський хаб партнерств", "Конференція з відновлення України"],
        },
        "image": (
            "Conference stage (illustration)",
            "Illustration of a conference stage with a lectern and flags",
            "Ілюстрація: сцена конференції з трибуною та прапорами",
            "#4a148c",
        ),
        "en": {
            "title": "European Partnership Hub launched at the Ukraine Recovery Conference",
            "standfirst": "In Rome, the network announced the secretariat that will coordinate "
            "the Bridges of Trust Community.",
            "body": [
                (
                    "paragraph",
                    "<p>At the Ukraine Recovery Conference 2025 in Rome, the launch of "
                    "the European Partnership Hub was announced as a practical answer to the Berlin "
                    "Call to Action. The Hub links local and regional governments through the "
                    "Matchmaking Platform, supports joint projects with funding and mentoring, and "
                    "brings the programmes that help Ukrainian municipalities into one "
                    "conversation.</p>",
                ),
                (
                    "quote",
                    {
                        "quote": "Partnerships don't work on their own: they need "
                        "coordination, shared purpose and long-term support.",
                        "attribution": "Opening of the European Partnership Hub, Rome 2025",
                    },
                ),
            ],
        },
        "uk": {
            "title": "Європейський хаб партнерств започатковано на Конференції з відновлення "
            "України",
            "standfirst": "У Римі мережа оголосила про секретаріат, що координуватиме спільноту "
            "«Мости довіри».",
            "body": [
                (
                    "paragraph",
                    "<p>На Конференції з відновлення України 2025 року в Римі "
                    "оголосили про створення Європейського хабу партнерств як практичну відповідь "
                    "на Берлінський заклик до дій. Хаб поєднує місцеві та регіональні органи влади "
                    "через платформу пошуку партнерів, підтримує спільні проєкти фінансуванням і "
                    "наставництвом та об'єднує програми допомоги українським громадам.</p>",
                ),
                (
                    "quote",
                    {
                        "quote": "Партнерства не працюють самі по собі: їм потрібні "
                        "координація, спільна мета й довгострокова підтримка.",
                        "attribution": "Відкриття Європейського хабу партнерств, Рим 2025",
                    },
                ),
            ],
        },
    },
    {
        "slug": "annual-gathering-2025",
        "date": datetime.date(2025, 10, 17),
        "kind": "news",
        "countries": ["BE", "UA"],
        "tags": {
            "en": ["annual gathering", "national associations"],
            "uk": ["щорічна зустріч", "національні асоціації"],
        },
        "image": (
            "Round table meeting (illustration)",
            "Illustration of people seated around a round table",
            "Ілюстрація: люди сидять за круглим столом",
            "#0b3d91",
        ),
        "en": {
            "title": "Over thirty organisations at the Community Annual Gathering in Brussels",
            "standfirst": "All four national associations of Ukrainian cities joined the first "
            "annual gathering of the Bridges of Trust Community.",
            "body": [
                (
                    "paragraph",
                    "<p>On 16 October 2025 the European Partnership Hub convened the "
                    "Bridges of Trust Community Annual Gathering in Brussels. More than thirty "
                    "organisations engaged in municipal cooperation between the EU and Ukraine "
                    "compared notes to unite their efforts and avoid fragmentation.</p>",
                ),
                (
                    "paragraph",
                    "<p>Earlier that week, a delegation of 23 Ukrainian mayors met "
                    "European partners in Brussels to discuss international partnerships, climate "
                    "and smart cities.</p>",
                ),
            ],
        },
        "uk": {
            "title": "Понад тридцять організацій на щорічній зустрічі спільноти в Брюсселі",
            "standfirst": "Усі чотири національні асоціації міст України долучилися до першої "
            "щорічної зустрічі спільноти «Мости довіри».",
            "body": [
                (
                    "paragraph",
                    "<p>16 жовтня 2025 року Європейський хаб партнерств зібрав у "
                    "Брюсселі щорічну зустріч спільноти «Мости довіри». Понад тридцять організацій, "
                    "що розвивають муніципальну співпрацю між ЄС та Україною, обговорили, як "
                    "об'єднати зусилля й уникнути розпорошення.</p>",
                ),
                (
                    "paragraph",
                    "<p>На початку того ж тижня делегація з 23 українських міських "
                    "голів зустрілася з європейськими партнерами в Брюсселі, щоб обговорити "
                    "міжнародні партнерства, клімат і розумні міста.</p>",
                ),
            ],
        },
    },
    {
        "slug": "solidarity-forums-400-participants",
        "date": datetime.date(2022, 11, 15),
        "kind": "success",
        "countries": ["PL", "SK", "FR", "UA"],
        "tags": {
            "en": ["solidarity forum", "national associations"],
            "uk": ["форум солідарності", "національні асоціації"],
        },
        "image": (
            "Forum hall full of participants (illustration)",
            "Illustration of a hall with rows of participants facing a stage",
            "Ілюстрація: зала з рядами учасників перед сценою",
            "#b71c1c",
        ),
        "en": {
            "title": "Solidarity Forums bring 400 participants together for Ukrainian municipalities",
            "standfirst": "Poland, Slovakia and France each hosted a forum where Ukrainian mayors described wartime realities and EU municipalities committed to concrete support.",
            "body": [
                (
                    "paragraph",
                    "<p>After the full-scale invasion, the pilot of Bridges of Trust added a new task: telling European municipalities what Ukrainian communities were living through, and inviting them to become partners. With the national associations of local governments, the project organised Solidarity Forums between Poland and Ukraine, Slovakia and Ukraine, and France and Ukraine.</p>",
                ),
                (
                    "key_figures",
                    {
                        "heading": "The forums in numbers",
                        "figures": [
                            {"figure": "3", "label": "bilateral Solidarity Forums in the pilot"},
                            {"figure": "400", "label": "participants"},
                            {"figure": "7", "label": "forums in the second phase"},
                        ],
                    },
                ),
                (
                    "paragraph",
                    "<p>Mayors spoke about municipalities that had been destroyed or occupied and about those that took in displaced people without damage to their own infrastructure. EU municipalities, for their part, presented the help they were already giving.</p>",
                ),
                (
                    "call_to_action",
                    {
                        "title": "Looking for a partner municipality?",
                        "text": "Over 500 Ukrainian municipalities are registered on the Matchmaking Platform.",
                        "link_text": "Read about the Hub",
                        "page": None,
                        "external_url": "https://bridges-of-trust.example/matchmaking",
                    },
                ),
            ],
        },
        "uk": {
            "title": "Форуми солідарності зібрали 400 учасників заради українських громад",
            "standfirst": "Польща, Словаччина та Франція провели форуми, на яких українські міські голови розповіли про реалії війни, а громади ЄС узялися за конкретну підтримку.",
            "body": [
                (
                    "paragraph",
                    "<p>Після повномасштабного вторгнення пілотна фаза «Мостів довіри» отримала нове завдання: розповісти європейським громадам, що переживають українські міста й села, і запросити їх до партнерства. Разом із національними асоціаціями місцевого самоврядування проєкт провів форуми солідарності Польща–Україна, Словаччина–Україна та Франція–Україна.</p>",
                ),
                (
                    "key_figures",
                    {
                        "heading": "Форуми в цифрах",
                        "figures": [
                            {
                                "figure": "3",
                                "label": "двосторонні форуми солідарності в пілотній фазі",
                            },
                            {"figure": "400", "label": "учасників"},
                            {"figure": "7", "label": "форумів у другій фазі"},
                        ],
                    },
                ),
                (
                    "paragraph",
                    "<p>Міські голови говорили про зруйновані та колись окуповані громади, а також про ті, що прийняли внутрішньо переміщених осіб, не зазнавши руйнувань. Громади ЄС представили допомогу, яку вже надавали.</p>",
                ),
                (
                    "call_to_action",
                    {
                        "title": "Шукаєте громаду-партнера?",
                        "text": "Понад 500 українських громад зареєстровані на платформі пошуку партнерів.",
                        "link_text": "Дізнатися про хаб",
                        "page": None,
                        "external_url": "https://bridges-of-trust.example/matchmaking",
                    },
                ),
            ],
        },
    },
    {
        "slug": "ukrainian-mayors-delegation-brussels",
        "date": datetime.date(2025, 10, 13),
        "kind": "news",
        "countries": ["BE", "UA"],
        "tags": {
            "en": ["mayors", "climate", "smart cities"],
            "uk": ["міські голови", "клімат", "розумні міста"],
        },
        "image": (
            "Mayors' delegation (illustration)",
            "Illustration of a row of figures in front of a European building",
            "Ілюстрація: ряд постатей перед європейською будівлею",
            "#e65100",
        ),
        "en": {
            "title": "23 Ukrainian mayors meet European partners in Brussels",
            "standfirst": "The delegation opened a week of meetings on partnerships, climate and smart cities, and on how to make local voices heard in the EU.",
            "body": [
                (
                    "paragraph",
                    "<p>On 13 October 2025 a delegation of 23 Ukrainian mayors began its Brussels visit with a round table. Each mayor presented their municipality and heard about international partnership initiatives, among them PLATFORMA, SUN4Ukraine, the Bridges of Trust Community and the Matchmaking Platform.</p>",
                ),
                ("heading", {"text": "Learning how the EU works", "level": "h2"}),
                (
                    "paragraph",
                    "<p>The visit also served to understand the EU's institutions and how municipalities can advocate for their needs in the accession process.</p>",
                ),
            ],
        },
        "uk": {
            "title": "23 українські міські голови зустрілися з європейськими партнерами в Брюсселі",
            "standfirst": "Делегація розпочала тиждень зустрічей про партнерства, клімат і розумні міста та про те, як голос громад почути в ЄС.",
            "body": [
                (
                    "paragraph",
                    "<p>13 жовтня 2025 року делегація з 23 українських міських голів розпочала візит до Брюсселя круглим столом. Кожен голова представив свою громаду й дізнався про ініціативи міжнародних партнерств, зокрема PLATFORMA, SUN4Ukraine, спільноту «Мости довіри» та платформу пошуку партнерів.</p>",
                ),
                ("heading", {"text": "Як працює ЄС", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Візит також допоміг краще зрозуміти інституції ЄС і те, як громади можуть відстоювати свої потреби в процесі вступу.</p>",
                ),
            ],
        },
    },
]


def painter(colour):
    """A simple illustration: a coloured sky, a horizon and a yellow sun (drawn, not fetched)."""

    def paint(canvas):
        draw = ImageDraw.Draw(canvas)
        width, height = canvas.size
        draw.rectangle([0, 0, width, height], fill=colour)
        draw.rectangle([0, height * 0.68, width, height], fill="#072a66")
        draw.ellipse([width * 0.68, height * 0.14, width * 0.86, height * 0.43], fill="#ffd500")

    return paint


# What each story is about in the directory (seeded before the stories): municipality slugs,
# the partnership as (Ukrainian, EU) municipality slugs, programme and sector slugs. Both
# languages name the English records, as wagtail-localize synchronises them.
DIRECTORY_RELATIONS = {
    "siauliai-district-dolyna-aid": {
        "municipalities": ["dolyna-ua", "siauliai-district-lt"],
        "partnership": ("dolyna-ua", "siauliai-district-lt"),
        "programme": "bot-pilot",
        "sectors": ["social", "culture"],
    },
    "european-partnership-hub-launched-rome": {"programme": "european-partnership-hub"},
    "annual-gathering-2025": {"programme": "european-partnership-hub"},
}


def directory_relations(slug):
    """The directory records a demo story relates to (English ones), by field name."""
    wanted = DIRECTORY_RELATIONS.get(slug, {})
    en = Locale.objects.get(language_code="en")
    partnership = None
    if "partnership" in wanted:
        ukrainian, eu = wanted["partnership"]
        partnership = Partnership.objects.get(
            locale=en, ukrainian_municipality__slug=ukrainian, eu_municipality__slug=eu
        )
    return {
        "municipalities": list(
            Municipality.objects.filter(locale=en, slug__in=wanted.get("municipalities", []))
        ),
        "partnership": partnership,
        "programme": Programme.objects.filter(locale=en, slug=wanted.get("programme")).first(),
        "sectors": list(Sector.objects.filter(locale=en, slug__in=wanted.get("sectors", []))),
    }


def name_tags_in_ukrainian(tags):
    """Each English demo tag named in Ukrainian (TagName), as an editor does for a story
    translated with wagtail-localize, which keeps the English story's tags."""
    uk = Locale.objects.get(language_code="uk")
    for english, ukrainian in zip(tags["en"], tags["uk"], strict=True):
        tag = Tag.objects.filter(name=english).first()
        if tag is not None:
            TagName.objects.update_or_create(tag=tag, locale=uk, defaults={"name": ukrainian})


def set_relations(page, tags, countries, directory):
    """Tags, countries and directory records, published again only when they differ (so
    reseeding adds nothing)."""
    current_tags = sorted(tag.name for tag in page.tags.all())
    current_countries = [item.country for item in page.countries.all()]
    current = {
        "municipalities": {m.pk for m in page.municipalities.all()},
        "sectors": {s.pk for s in page.sectors.all()},
        "partnership": page.partnership_id,
        "programme": page.programme_id,
    }
    wanted = {
        "municipalities": {m.pk for m in directory["municipalities"]},
        "sectors": {s.pk for s in directory["sectors"]},
        "partnership": directory["partnership"].pk if directory["partnership"] else None,
        "programme": directory["programme"].pk if directory["programme"] else None,
    }
    if current_tags == sorted(tags) and current_countries == countries and current == wanted:
        return page
    page.tags.set(tags, clear=True)
    page.countries = [StoryCountry(country=code) for code in countries]
    for name, value in directory.items():
        setattr(page, name, value)
    revision = page.save_revision(log_action=False)
    revision.publish(log_action=False)
    page.refresh_from_db()
    return page


def link_event_report(tree):
    """The gathering's event page links to the story written about it (events are seeded first)."""
    event = tree.indexes.get(("event:community-annual-gathering-2025", "en"))
    story = tree.indexes[("story:annual-gathering-2025", "en")]
    if event is None or [item.story_id for item in event.related_stories.all()] == [story.pk]:
        return
    event.related_stories = [EventRelatedStory(story=story)]
    event.save_revision(log_action=False).publish(log_action=False)


def seed(tree):
    demo_events.seed(tree)
    index = tree.index("stories")
    for story in STORIES:
        title, description, uk_alt, colour = story["image"]
        image = ensure_image(title, description, painter(colour))
        # The alternative text is the page's, in each language (the image is shared).
        alts = {"en": {"hero_alt_text": description}, "uk": {"hero_alt_text": uk_alt}}
        shared = {
            "date": story["date"],
            "kind": story["kind"],
            "hero_image": image,
            "contact_email": CONTACT_EMAIL,
        }
        page = upsert_page(
            index, StoryPage, story["slug"], **shared, **CONTACT["en"], **alts["en"], **story["en"]
        )
        directory = directory_relations(story["slug"])
        set_relations(page, story["tags"]["en"], story["countries"], directory)
        translation = upsert_translation(
            page, "uk", **shared, **CONTACT["uk"], **alts["uk"], **story["uk"]
        )
        set_relations(translation, story["tags"]["uk"], story["countries"], directory)
        name_tags_in_ukrainian(story["tags"])
        tree.indexes[("story:" + story["slug"], "en")] = page
    link_event_report(tree)
    # The story of the pilot is the one the index features.
    featured = tree.indexes[("story:siauliai-district-dolyna-aid", "en")]
    if index.specific.featured_story_id != featured.pk:
        upsert_page(index.get_parent(), type(index.specific), index.slug, featured_story=featured)
