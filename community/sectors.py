"""The controlled list of sectors and working languages, shared by the data migration, the
demo content and the tests. Data only: migrations import it."""

# slug, English name, Ukrainian name
SECTORS = [
    ("water", "Water supply and sanitation", "Водопостачання та водовідведення"),
    ("energy", "Energy and energy efficiency", "Енергетика та енергоефективність"),
    ("health", "Healthcare and hospitals", "Охорона здоров'я та лікарні"),
    ("waste", "Waste management", "Поводження з відходами"),
    ("education", "Education", "Освіта"),
    ("housing", "Housing and reconstruction", "Житло та відбудова"),
    ("transport", "Transport", "Транспорт"),
    ("climate", "Climate neutrality", "Кліматична нейтральність"),
    ("digital", "Digital and smart city", "Цифрове та розумне місто"),
    ("economy", "Local economy", "Місцева економіка"),
    ("social", "Social services and IDPs", "Соціальні послуги та ВПО"),
    ("culture", "Culture and youth", "Культура та молодь"),
    ("civil-protection", "Civil protection", "Цивільний захист"),
    (
        "administration",
        "Public administration and decentralisation",
        "Публічне управління та децентралізація",
    ),
    ("eu-integration", "EU integration", "Європейська інтеграція"),
]

# ISO 639-1 codes of the languages offered as working languages.
LANGUAGES = [
    "uk", "en", "de", "fr", "pl", "lt", "lv", "et", "sk", "cs", "hu", "sl", "sv", "es", "it",
    "ro", "bg", "hr", "el", "nl", "pt", "da", "fi",
]  # fmt: skip


def ensure_sectors(sector_model, locale_model, languages=("en",)):
    """The sectors in each of ``languages`` (translations share the English record's key).
    Works with real and with migration-history models."""
    import uuid

    locales = {
        code: locale_model.objects.get_or_create(language_code=code)[0] for code in languages
    }
    column = {"en": 1, "uk": 2}
    for order, row in enumerate(SECTORS):
        slug = row[0]
        source = sector_model.objects.filter(slug=slug, locale=locales.get("en")).first()
        key = source.translation_key if source else uuid.uuid4()
        for code, locale in locales.items():
            sector_model.objects.update_or_create(
                slug=slug,
                locale=locale,
                defaults={
                    "name": row[column.get(code, 1)],
                    "sort_order": order,
                    "translation_key": key,
                },
            )
