"""The directory's views, reached through the routes of DirectoryPage, RegistrationPage and
PartnershipIndexPage (``community.models.directory``): the list, a profile with its contact
form, the associations and organisations, the confirmation of a profile and registration.

Every page with a form is ``Cache-Control: private, no-store`` (a cached page would hand one
visitor's CSRF token to the next); every successful POST answers 303 See Other, so a refresh
never posts again; a database too busy to write answers 503 and shows the form again."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import OperationalError
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.utils.translation import gettext

from portal.collation import sorted_by_name
from portal.http import busy_response, no_store, redirect_303
from portal.pagination import page_from_request
from portal.ratelimit import allow

from . import registration, services
from .cards import directory_for, prepare_cards, sectors_by_slug, with_card_data
from .filters import FILTER_LABELS, DirectoryFilters
from .forms import ConfirmForm, ContactForm, RegistrationForm
from .models import (
    COUNTRIES,
    POPULATION_BANDS,
    Kind,
    Municipality,
    NationalAssociation,
    PartnerOrganisation,
    Partnership,
    Stage,
    with_sectors,
)
from .models.base import COUNTRY_NAMES
from .partnerships import name_programmes
from .regions import region_name

CONTACT_LIMIT = (5, 3600)  # messages per address per hour through profile contact forms
REGISTRATION_LIMIT = (5, 3600)  # registration attempts per address per hour
PROFILE_STORIES = 6  # the newest stories shown on a profile


def _busy(request, page, template, context):
    """The database refused the write: nothing was stored; the form again, with a notice."""
    return busy_response(request, template, {**page.get_context(request), **context})


# The directory --------------------------------------------------------------------------------


def directory_index(request, page):
    sectors = sectors_by_slug(page.locale)
    live = page.municipalities()
    regions = sorted(set(live.exclude(region="").values_list("region", flat=True)))
    filters = DirectoryFilters.from_request(
        request, countries=COUNTRY_NAMES, regions=regions, sectors=sectors
    )
    found = with_card_data(filters.apply(live)).order_by("name", "pk")
    page_obj = page_from_request(Paginator(found, page.per_page), request)
    prepare_cards(page_obj, request, sectors, page)
    context = {
        "filters": filters,
        "filter_labels": FILTER_LABELS,
        "page_obj": page_obj,
        "choices": {
            "country": COUNTRIES,
            "region": sorted_by_name((r, region_name(r)) for r in regions),
            "kind": Kind.choices,
            "offers": [(s.slug, s.name) for s in sectors.values()],
            "needs": [(s.slug, s.name) for s in sectors.values()],
            "population": [(key, label) for key, label, *_rest in POPULATION_BANDS],
        },
    }
    return page.render(request, context_overrides=context)


def associations(request, page):
    return _organisations(
        request, page, NationalAssociation, "national_association", gettext("National associations")
    )


def organisations(request, page):
    return _organisations(
        request,
        page,
        PartnerOrganisation,
        "partner_organisations",
        gettext("Partner organisations"),
    )


def _organisations(request, page, model, relation, heading):
    """The organisations of this language, each with links to its members' profiles."""
    members = {}
    rows = page.municipalities().filter(**{f"{relation}__isnull": False})
    for slug, name, municipality_slug in rows.values_list(
        f"{relation}__slug", "name", "slug"
    ).order_by("name"):
        members.setdefault(slug, []).append((name, page.profile_path(municipality_slug, request)))
    found = list(model.objects.in_locale(page.locale))
    for organisation in found:
        organisation.member_links = members.get(organisation.slug, [])
    return page.render(
        request,
        template="pages/organisation_list.html",
        context_overrides={"organisations": found, "heading": heading, "meta_title": heading},
    )


# One profile ----------------------------------------------------------------------------------


def stories_about(municipality, locale, limit=PROFILE_STORIES):
    """The newest live, public stories of ``locale`` about the municipality, ready for cards.

    Stories name a municipality's record in any language (the relation is synchronised
    between translations as it is), so every record of it is asked through the reverse
    relation ``stories`` that the stories app declares; the directory never imports it.
    Without that app there are no stories."""
    try:
        relation = Municipality._meta.get_field("stories")
    except FieldDoesNotExist:  # the stories app is not installed
        return []
    records = Municipality.objects.filter(translation_key=municipality.translation_key)
    stories = (
        relation.related_model.objects.live()
        .public()
        .filter(locale=locale, pk__in=records.values("stories"))
    )
    return list(stories.for_listing().order_by("-date", "-pk")[:limit])


def profile_context(municipality, request, locale=None):
    """Everything public about a municipality, for its profile and its admin preview."""
    locale = locale or municipality.locale
    sectors = sectors_by_slug(locale)
    key = municipality.translation_key
    partnerships = list(
        Partnership.objects.in_locale(locale)
        .published()
        .filter(
            Q(ukrainian_municipality__translation_key=key) | Q(eu_municipality__translation_key=key)
        )
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .prefetch_related("projects__sector")
    )
    name_programmes(partnerships, locale)
    return {
        "municipality": municipality,
        "stories": stories_about(municipality, locale),
        "offers": [
            (sectors.get(o.sector.slug, o.sector), o.note) for o in municipality.offers.all()
        ],
        "needs": [
            (sectors.get(n.sector.slug, n.sector), n.note, n.due_date)
            for n in municipality.needs.all()
        ],
        "partnerships": partnerships,
        "show_contact": municipality.contact_public,
        "age_days": municipality.age_days(),
        "is_stale": municipality.is_stale(),
    }


def _published(page, slug):
    municipality = (
        page.municipalities()
        .filter(slug=slug)
        .select_related("logo", "national_association")
        .prefetch_related(*with_sectors(), "working_languages", "partner_organisations")
        .first()
    )
    if municipality is None:
        raise Http404
    return municipality


def profile(request, page, slug):
    """A municipality's public profile. It carries no form (the contact form is a page of its
    own, ``<slug>/contact/``), so the page cache can keep it for every visitor."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    municipality = _published(page, slug)
    context = {
        **profile_context(municipality, request, page.locale),
        "meta_title": municipality.full_display_name,
        "contact_url": page.profile_path(slug, request) + "contact/",
    }
    for partnership in context["partnerships"]:
        page.link_profiles(
            request, (partnership.ukrainian_municipality, partnership.eu_municipality)
        )
    return page.render(
        request, template="pages/municipality_profile.html", context_overrides=context
    )


def contact(request, page, slug):
    """The form that relays a visitor's message to a municipality's contact person, who
    replies by email; the address is never shown (unless the profile makes it public)."""
    municipality = _published(page, slug)
    if not municipality.contact_email:
        raise Http404
    profile_url = page.profile_path(slug, request)
    form = ContactForm(request.POST if request.method == "POST" else None)
    status = 200
    context = {
        "municipality": municipality,
        "profile_url": profile_url,
        "form": form,
        "meta_title": gettext("Write to %(name)s") % {"name": municipality.display_name},
    }
    template = "pages/municipality_contact.html"
    if request.method == "POST":
        if not allow(request, "contact", *CONTACT_LIMIT):
            form.add_error(
                None, gettext("Too many messages from your address. Please try again later.")
            )
            status = 429
        elif form.is_valid():
            if not form.is_spam():
                try:
                    services.relay_message(
                        municipality, form.cleaned_data, page.locale.language_code
                    )
                except OperationalError:
                    return _busy(request, page, template, context)
            messages.success(
                request, gettext("Your message was sent. The contact person will reply by email.")
            )
            return redirect_303(profile_url)
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    return no_store(response)


def confirm(request, page):
    """The private page a contact reaches from the confirmation email. The signed token is in
    the query string: Wagtail's page URLs allow only letters, digits, - and _."""
    template = "pages/confirm_profile.html"
    key = services.confirmed_key(request.GET.get("token", ""))
    if key is None:
        return no_store(
            page.render(request, template=template, context_overrides={"invalid": True})
        )
    municipality = (
        Municipality.objects.filter(translation_key=key, live=True).in_locale(page.locale).first()
    )
    if municipality is None:
        raise Http404
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    context = {"municipality": municipality, "form": form}
    if request.method == "POST" and form.is_valid():
        if not form.is_spam():
            try:
                services.confirm_profile(municipality, form.cleaned_data["changes"])
            except OperationalError:
                return _busy(request, page, template, context)
        messages.success(request, gettext("Thank you: the profile is confirmed."))
        return redirect_303(page.profile_path(municipality.slug, request))
    return no_store(page.render(request, template=template, context_overrides=context))


# Registration ---------------------------------------------------------------------------------


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def register(request, page):
    """The registration form; a valid one is stored by ``registration.register``."""
    status, refused = 200, None
    if request.method == "POST" and _content_length(request) > registration.MAX_REGISTRATION_BYTES:
        # Refused before Django reads the body, so an oversized upload is never stored.
        form = RegistrationForm(locale=page.locale)
        refused = gettext(
            "The form was too large to receive (the logo may be at most 2 MB). "
            "Nothing was stored: please fill it in again with a smaller logo."
        )
        token, status = registration.new_token(), 413
    elif request.method == "POST":
        form = RegistrationForm(request.POST, request.FILES, locale=page.locale)
        token = registration.parse_token(request.POST.get("token"))
        if not allow(request, "registration", *REGISTRATION_LIMIT):
            form.is_valid()  # keep the values and show the field errors too
            form.add_error(
                None, gettext("Too many registrations from your address. Please try again later.")
            )
            status = 429
        elif form.is_valid():
            existing = None
            if not form.is_spam() and not form.cleaned_data["register_anyway"]:
                existing = registration.published_duplicate(form)
            if existing is not None:
                # Ask to join the published profile rather than register a duplicate?
                context = {"form": form, "token": token or registration.new_token()}
                context["existing"] = existing
                response = page.render(request, context_overrides=context)
                return no_store(response)
            if not form.is_spam():
                try:
                    registration.register(form, token, page.locale.language_code)
                except OperationalError:
                    context = {"form": form, "token": token or registration.new_token()}
                    return _busy(request, page, page.get_template(request), context)
            return redirect_303(page.get_url(request) + page.reverse_subpage("thanks"))
        else:
            status = 400
    else:
        form = RegistrationForm(locale=page.locale)
        token = registration.new_token()
    context = {"form": form, "token": token or registration.new_token(), "refused": refused}
    response = page.render(request, context_overrides=context)
    response.status_code = status
    return no_store(response)


def registration_thanks(request, page):
    return page.render(request, template="pages/registration_thanks.html")


# Partnerships ---------------------------------------------------------------------------------


def partnership_index_context(page, request):
    """Partnerships of the page's language grouped by programme, with counts by the EU
    partner's country and by stage, and links to the profiles."""
    partnerships = list(
        Partnership.objects.in_locale(page.locale)
        .published()
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .prefetch_related("projects")
        .order_by("programme__starts_on", "-started_on", "pk")
    )
    name_programmes(partnerships, page.locale)
    directory = directory_for(page.locale)
    groups = {}
    for partnership in partnerships:
        programme = partnership.programme_display
        groups.setdefault(programme.slug if programme else "", (programme, []))[1].append(
            partnership
        )
        if directory:
            directory.link_profiles(
                request, (partnership.ukrainian_municipality, partnership.eu_municipality)
            )
    countries = Counter(p.eu_municipality.get_country_display() for p in partnerships)
    stages = Counter(p.stage for p in partnerships)
    ukrainian = {p.ukrainian_municipality.translation_key for p in partnerships}
    return {
        "ukrainian_with_partner": len(ukrainian),
        "joint_project_count": sum(len(p.projects.all()) for p in partnerships),
        "groups": list(groups.values()),
        "partnership_count": len(partnerships),
        "by_country": sorted(countries.items(), key=lambda item: (-item[1], str(item[0]))),
        "by_stage": [(label, stages.get(value, 0)) for value, label in Stage.choices],
    }
