"""Partnerships of the demo, by (Ukrainian, EU) municipality slug.

Dolyna – Šiauliai district is the pair the reports name (the pilot). The reports count ten
pilot and thirty second-phase partnerships without naming them, so the demo does not invent
pilot or second-phase pairs: the other partnerships are demonstration pairings under the
European Partnership Hub, at different stages, and say so in their text.

A joint project is (English title, Ukrainian title, sector slug, status): each language's record
of the partnership carries its own titles."""

import datetime

DEMO_PAIRING = {
    "en": "<p><i>Demonstration pairing: the public reports do not name this pair; it shows how a partnership found on the Matchmaking Platform is recorded.</i></p>",
    "uk": "<p><i>Демонстраційна пара: публічні звіти не називають цієї пари; вона показує, як записується партнерство, знайдене на платформі пошуку партнерів.</i></p>",
}  # fmt: skip


def _demo(ukrainian, eu, stage, started_on, en, uk, projects=()):
    return {
        "ukrainian": ukrainian,
        "eu": eu,
        "programme": "european-partnership-hub",
        "stage": stage,
        "started_on": started_on,
        "en": DEMO_PAIRING["en"] + en,
        "uk": DEMO_PAIRING["uk"] + uk,
        "projects": list(projects),
    }


PARTNERSHIPS = [
    {
        "ukrainian": "dolyna-ua",
        "eu": "siauliai-district-lt",
        "programme": "bot-pilot",
        "stage": "joint_project",
        "started_on": None,
        "en": "<p>After February 2022 Šiauliai district sent eleven tons of humanitarian aid, worth about 100,000 euros, to Dolyna, and organised a summer school for 36 children from Dolyna.</p>",
        "uk": "<p>Після лютого 2022 року Шяуляйський район надіслав Долині одинадцять тонн гуманітарної допомоги (близько 100 тисяч євро) та організував літню школу для 36 дітей із Долини.</p>",
        "projects": [("Summer school for children from Dolyna", "Літня школа для дітей із Долини", "culture", "completed")],
    },
    _demo("uzhhorod-ua", "kosice-sk", "agreement", datetime.date(2025, 11, 3),
          "<p>Water engineers from Košice advise Uzhhorod on modernising its water treatment plant.</p>",
          "<p>Інженери-водники з Кошиць радять Ужгороду, як модернізувати очисні споруди.</p>",
          [("Modernising Uzhhorod's water treatment plant", "Модернізація очисних споруд Ужгорода", "water", "proposal")]),
    _demo("chernihiv-ua", "olomouc-cz", "joint_project", datetime.date(2025, 9, 15),
          "<p>Olomouc shares its experience of renovating prefabricated housing with Chernihiv, which is rebuilding homes damaged in 2022.</p>",
          "<p>Оломоуць ділиться досвідом реновації панельного житла з Черніговом, що відбудовує житло, пошкоджене у 2022 році.</p>",
          [("Renovating a damaged apartment block", "Реновація пошкодженого багатоквартирного будинку", "housing", "proposal")]),
    _demo("lviv-ua", "padua-it", "agreement", datetime.date(2026, 2, 10),
          "<p>Hospitals of Padua and Lviv exchange staff on the rehabilitation of people injured in the war.</p>",
          "<p>Лікарні Падуї та Львова обмінюються фахівцями з реабілітації поранених унаслідок війни.</p>",
          [("Equipment for a rehabilitation centre", "Обладнання для реабілітаційного центру", "health", "idea")]),
    _demo("ivano-frankivsk-ua", "presov-sk", "first_contact", datetime.date(2026, 5, 20),
          "<p>A first online meeting on separate collection of waste.</p>",
          "<p>Перша онлайн-зустріч щодо роздільного збору відходів.</p>"),
    _demo("mykolaiv-ua", "valencia-es", "first_contact", datetime.date(2026, 6, 1),
          "<p>A first exchange on drinking water supply in a dry climate.</p>",
          "<p>Перший обмін досвідом щодо постачання питної води в посушливому кліматі.</p>"),
]  # fmt: skip
