"""Reports → Missing translations: per content language, the pages (and translatable snippets)
of the default language that have no live translation, or whose translation was last published
before the source was (issue 15, finding 1). Editors see what to translate next; a row links to
the translation, or to "Translate" with the language chosen when there is none yet.

The list is computed in a handful of queries (one per model and language), not per row."""

from dataclasses import dataclass
from datetime import datetime

import django_filters
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

MISSING = "missing"
ALIAS = "alias"
DRAFT = "draft"
OUTDATED = "outdated"
STATUSES = [
    (MISSING, _("Not translated")),
    (ALIAS, _("Shows the source text (alias)")),
    (DRAFT, _("Translation not published yet")),
    (OUTDATED, _("Out of date")),
]
STATUS_LABELS = dict(STATUSES)


@dataclass
class Row:
    title: str
    kind: str
    language: str
    status: str
    edit_url: str
    source_published_at: datetime | None = None
    translation_published_at: datetime | None = None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def report_locales():
    """The content languages other than the default one that the site publishes in (that have
    at least one live page)."""
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    locales = (
        Locale.objects.filter(language_code__in=languages)
        .exclude(language_code=settings.LANGUAGE_CODE)
        .filter(pk__in=Page.objects.filter(live=True, depth__gt=1).values("locale_id"))
    )
    return sorted(locales, key=lambda locale: languages.index(locale.language_code))


def _status(source_published, translation):
    """The status of a translation row (a dict of values), or None when it is up to date."""
    if translation is None:
        return MISSING
    if translation.get("alias_of_id"):
        return ALIAS
    if not translation.get("live", True):
        return DRAFT
    published = translation.get("last_published_at")
    if source_published and published and published < source_published:
        return OUTDATED
    return None


def _page_rows(locale, language_name):
    default = Locale.get_default()
    sources = (
        Page.objects.filter(locale=default, live=True, depth__gt=1, alias_of__isnull=True)
        .select_related("content_type")
        .order_by("path")
    )
    sources = list(
        sources.only("pk", "title", "translation_key", "last_published_at", "path", "content_type")
    )
    targets = {
        row["translation_key"]: row
        for row in Page.objects.filter(
            locale=locale, translation_key__in=[page.translation_key for page in sources]
        ).values("pk", "translation_key", "live", "last_published_at", "alias_of_id")
    }
    rows = []
    for page in sources:
        target = targets.get(page.translation_key)
        status = _status(page.last_published_at, target)
        if status is None:
            continue
        if target is None:
            url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
            url += f"?select_locale={locale.language_code}"
        else:
            url = reverse("wagtailadmin_pages:edit", args=[target["pk"]])
        model = page.content_type.model_class()
        rows.append(
            Row(
                title=page.title,
                kind=str(model._meta.verbose_name) if model else _("page"),
                language=language_name,
                status=status,
                edit_url=url,
                source_published_at=page.last_published_at,
                translation_published_at=(target or {}).get("last_published_at"),
            )
        )
    return rows


def translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def _snippet_rows(model, locale, language_name):
    default = Locale.get_default()
    draftable = issubclass(model, DraftStateMixin)
    fields = ["pk", "translation_key"] + (["live", "last_published_at"] if draftable else [])
    sources = model._default_manager.filter(locale=default)
    if draftable:
        sources = sources.filter(live=True)
    sources = list(sources)
    keys = [item.translation_key for item in sources]
    targets = {
        row["translation_key"]: row
        for row in model._default_manager.filter(locale=locale, translation_key__in=keys).values(
            *fields
        )
    }
    viewset = getattr(model, "snippet_viewset", None)
    rows = []
    for item in sources:
        target = targets.get(item.translation_key)
        published = getattr(item, "last_published_at", None)
        status = _status(published, target)
        if status is None:
            continue
        url = ""
        if target is None:
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[model._meta.app_label, model._meta.model_name, item.pk],
            )
            url += f"?select_locale={locale.language_code}"
        elif viewset is not None:
            url = reverse(viewset.get_url_name("edit"), args=[target["pk"]])
        rows.append(
            Row(
                title=str(item),
                kind=str(model._meta.verbose_name),
                language=language_name,
                status=status,
                edit_url=url,
                source_published_at=published,
                translation_published_at=(target or {}).get("last_published_at"),
            )
        )
    return rows


def missing_translations(language=None, pages=True, snippets=True):
    """Rows for every language the site publishes in (or just ``language``), pages first."""
    rows = []
    for locale in report_locales():
        if language and locale.language_code != language:
            continue
        name = locale.get_display_name()
        if pages:
            rows += _page_rows(locale, name)
        if snippets:
            for model in translatable_snippet_models():
                rows += _snippet_rows(model, locale, name)
    return rows


def _language_choices():
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    return [
        (code, names[code])
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def _keep(rows, name, value):
    return [row for row in rows if getattr(row, name) == value]


class MissingTranslationsFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=_language_choices, method="filter_language"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUSES, method="filter_status"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Content"),
        choices=[("pages", _("Pages")), ("snippets", _("Snippets"))],
        method="filter_kind",
    )

    class Meta:
        model = Page
        fields = []

    def filter_queryset(self, rows):
        """The rows are a list, not a queryset (django-filter insists on one)."""
        for name, value in self.form.cleaned_data.items():
            rows = self.filters[name].filter(rows, value)
        return rows

    def filter_language(self, rows, name, value):
        return rows  # applied while the rows are computed (one language's queries only)

    def filter_status(self, rows, name, value):
        return _keep(rows, "status", value)

    def filter_kind(self, rows, name, value):
        return rows  # applied while the rows are computed


class MissingTranslationsReportView(ReportView):
    page_title = _("Missing translations")
    header_icon = "globe"
    index_url_name = "portal_missing_translations"
    index_results_url_name = "portal_missing_translations_results"
    filterset_class = MissingTranslationsFilterSet
    model = Page  # the permission check: anyone who may add, edit or publish pages
    any_permission_required = ["add", "change", "publish"]
    columns = [
        TitleColumn("title", label=_("Title"), get_url=lambda row: row.edit_url),
        Column("kind", label=_("Type")),
        Column("language", label=_("Language")),
        Column("status_label", label=_("Status")),
        DateColumn("source_published_at", label=_("Source published")),
        DateColumn("translation_published_at", label=_("Translation published")),
    ]
    list_export = [
        "title",
        "kind",
        "language",
        "status_label",
        "source_published_at",
        "translation_published_at",
    ]
    export_headings = {
        "title": _("Title"),
        "kind": _("Type"),
        "language": _("Language"),
        "status_label": _("Status"),
        "source_published_at": _("Source published"),
        "translation_published_at": _("Translation published"),
    }

    def get_filename(self):
        return "missing-translations"

    def get_base_queryset(self):
        kind = self.request.GET.get("kind")
        return missing_translations(
            self.request.GET.get("language") or None,
            pages=kind != "snippets",
            snippets=kind != "pages",
        )

    def order_queryset(self, queryset):
        return queryset
