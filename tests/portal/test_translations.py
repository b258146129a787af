"""The Ukrainian interface catalogue is complete and used."""

from pathlib import Path

import polib
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]


def test_every_interface_string_has_a_ukrainian_translation():
    catalogue = polib.pofile(str(ROOT / "locale/uk/LC_MESSAGES/django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy (check and unmark): {fuzzy}"
    assert len(catalogue.translated_entries()) > 100


def test_the_compiled_catalogue_is_loaded():
    with translation.override("uk"):
        assert translation.gettext("Skip to main content") == "Перейти до основного вмісту"
        assert translation.gettext("Bridges of Trust") == "Мости довіри"
