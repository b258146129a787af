"""Pages of the member directory: the directory (with a profile per municipality),
partnerships and registration."""

import uuid
from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from unidecode import unidecode
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from portal.blocks import BodyBlock
from portal.models import BasePage
from portal.pagination import page_from_request

from .base import COUNTRIES, COUNTRY_NAMES
from .municipality import POPULATION_BANDS, Kind, Municipality, SectorNeed, SectorOffer
from .partnership import Partnership, Stage
from .taxonomy import NationalAssociation, PartnerOrganisation, Programme, Sector

CONFIRM_SALT = "community.confirm-profile"
CONFIRM_MAX_AGE = 60 * 24 * 3600  # the link in the confirmation email works for 60 days
CONTACT_LIMIT = (5, 3600)  # messages per address per hour through profile contact forms
REGISTRATION_LIMIT = (5, 3600)  # registration attempts per address per hour
PROFILE_STORIES = 6  # the newest stories shown on a profile


def no_store(response):
    """Form pages carry a CSRF token: never cache one visitor's page for another (PITFALLS)."""
    response["Cache-Control"] = "private, no-store"
    return response


def redirect_303(url):
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def sectors_by_slug(locale):
    """{slug: Sector} in ``locale`` (falling back to the default language): sector links may
    point at the record of another language, the slug is the same in all of them."""
    return {sector.slug: sector for sector in Sector.objects.in_locale(locale)}


def profile_context(municipality, request, locale=None):
    """Everything public about a municipality, for its profile and its admin preview."""
    locale = locale or municipality.locale
    sectors = sectors_by_slug(locale)
    key = municipality.translation_key
    partnerships = (
        Partnership.objects.in_locale(locale)
        .filter(
            Q(ukrainian_municipality__translation_key=key) | Q(eu_municipality__translation_key=key)
        )
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .prefetch_related("projects__sector")
    )
    programmes = {p.slug: p for p in Programme.objects.in_locale(locale)}
    partnerships = list(partnerships)
    for partnership in partnerships:
        programme = partnership.programme
        partnership.programme_display = (
            programmes.get(programme.slug, programme) if programme else None
        )
    return {
        "municipality": municipality,
        "stories": stories_mentioning(municipality, locale),
        "offers": [
            (sectors.get(o.sector.slug, o.sector), o.note) for o in municipality.offers.all()
        ],
        "needs": [(sectors.get(n.sector.slug, n.sector), n.note) for n in municipality.needs.all()],
        "partnerships": partnerships,
        "show_contact": municipality.contact_public,
        "age_days": municipality.age_days(),
        "is_stale": municipality.is_stale(),
    }


def stories_mentioning(municipality, locale):
    """The newest live, public stories of ``locale`` that name the municipality (in any
    language: the relation is synchronised between translations), ready for cards."""
    from stories.models import StoryPage

    return list(
        StoryPage.objects.live()
        .public()
        .filter(locale=locale)
        .mentioning(municipality)
        .for_listing()
        .order_by("-date", "-pk")[:PROFILE_STORIES]
    )


class CommunityPage(BasePage):
    """An introduction editors write above what the page lists."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class DirectoryPage(RoutablePageMixin, CommunityPage):
    """The member directory: a filtered list of municipalities, a profile for each
    (``<slug>/``), the national associations and partner organisations, and the private page
    where a contact confirms a profile. Municipalities are snippets, not pages, so that the
    communications team can filter, export and import them in bulk."""

    subpage_types = []
    template = "pages/directory_page.html"
    per_page = 24

    class Meta:
        verbose_name = _("member directory")

    @classmethod
    def for_language(cls, language):
        locale = Locale.objects.filter(language_code=language).first()
        return cls.objects.live().filter(locale=locale).first() if locale else None

    @classmethod
    def profile_url(cls, slug, language):
        """Absolute address of a profile, for emails (None when there is no directory)."""
        page = cls.for_language(language) or cls.for_language(settings.LANGUAGE_CODE)
        if page is None:
            return None
        # BASE_URL, not the Site's hostname: emails must carry the public address.
        _site_id, _root_url, page_path = page.get_url_parts()
        return (
            settings.BASE_URL + page_path + page.reverse_subpage("profile", kwargs={"slug": slug})
        )

    def municipalities(self):
        return Municipality.objects.live().in_locale(self.locale)

    def link_profiles(self, request, municipalities):
        """Give each municipality the address of its profile here, as ``profile_url``."""
        base = self.get_url(request)
        for municipality in municipalities:
            municipality.profile_url = base + self.reverse_subpage(
                "profile", kwargs={"slug": municipality.slug}
            )

    # The list ---------------------------------------------------------------------------------

    @path("", name="index")
    def index_view(self, request):
        from community.filters import DirectoryFilters

        sectors = sectors_by_slug(self.locale)
        live = self.municipalities()
        regions = sorted(set(live.exclude(region="").values_list("region", flat=True)))
        filters = DirectoryFilters.from_request(
            request, countries=COUNTRY_NAMES, regions=regions, sectors=sectors
        )
        found = with_card_data(filters.apply(live)).order_by("name", "pk")
        page_obj = page_from_request(Paginator(found, self.per_page), request)
        self.prepare_cards(page_obj, request, sectors)
        context = {
            "filters": filters,
            "page_obj": page_obj,
            "choices": {
                "country": COUNTRIES,
                "region": [(r, r) for r in regions],
                "kind": Kind.choices,
                "offers": [(s.slug, s.name) for s in sectors.values()],
                "needs": [(s.slug, s.name) for s in sectors.values()],
                "population": [(key, label) for key, label, *_rest in POPULATION_BANDS],
            },
            "ignored_labels": [FILTER_LABELS[name] for name in filters.ignored],
        }
        return self.render(request, context_overrides=context)

    def prepare_cards(self, municipalities, request, sectors):
        """Give each municipality (loaded ``with_card_data``) what its card shows: the profile
        address and the sectors in this page's language. No query per municipality."""
        self.link_profiles(request, municipalities)
        for municipality in municipalities:
            municipality.offered = [
                sectors.get(o.sector.slug, o.sector) for o in municipality.offers.all()
            ]
            municipality.needed = [
                sectors.get(n.sector.slug, n.sector) for n in municipality.needs.all()
            ]
        return municipalities

    # One profile ------------------------------------------------------------------------------

    @path("associations/", name="associations")
    def associations_view(self, request):
        return self.organisation_list(
            request, NationalAssociation, "national_association", gettext("National associations")
        )

    @path("organisations/", name="organisations")
    def organisations_view(self, request):
        return self.organisation_list(
            request, PartnerOrganisation, "partner_organisations", gettext("Partner organisations")
        )

    def organisation_list(self, request, model, relation, heading):
        organisations = list(model.objects.in_locale(self.locale))
        members = self.members_by_organisation(request, relation)
        for organisation in organisations:
            organisation.member_links = members.get(organisation.slug, [])
        return self.render(
            request,
            template="pages/organisation_list.html",
            context_overrides={"organisations": organisations, "heading": heading},
        )

    def members_by_organisation(self, request, relation):
        """{organisation slug: [municipalities]} for the live municipalities of this language."""
        rows = self.municipalities().filter(**{f"{relation}__isnull": False})
        grouped, base = {}, self.get_url(request)
        for slug, name, municipality_slug in rows.values_list(
            f"{relation}__slug", "name", "slug"
        ).order_by("name"):
            grouped.setdefault(slug, []).append(
                (name, base + self.reverse_subpage("profile", kwargs={"slug": municipality_slug}))
            )
        return grouped

    @path("confirm/", name="confirm")
    def confirm_view(self, request):
        """The private page a contact reaches from the confirmation email. The signed token
        is in the query string: Wagtail's page URLs allow only letters, digits, - and _."""
        token = request.GET.get("token", "")
        from community import emails
        from community.forms import ConfirmForm
        from community.text import without_nul

        try:
            key = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)["m"]
        except (signing.BadSignature, KeyError, TypeError):
            return no_store(
                self.render(
                    request,
                    template="pages/confirm_profile.html",
                    context_overrides={"invalid": True},
                )
            )
        municipality = (
            Municipality.objects.filter(translation_key=key, live=True)
            .in_locale(self.locale)
            .first()
        )
        if municipality is None:
            raise Http404
        form = ConfirmForm(without_nul(request.POST) if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            confirm_profile(municipality)
            if form.cleaned_data["changes"]:
                emails.changes_for_moderators(municipality, form.cleaned_data["changes"])
            messages.success(request, gettext("Thank you: the profile is confirmed."))
            return redirect_303(
                self.get_url(request)
                + self.reverse_subpage("profile", kwargs={"slug": municipality.slug})
            )
        return no_store(
            self.render(
                request,
                template="pages/confirm_profile.html",
                context_overrides={"municipality": municipality, "form": form},
            )
        )

    @path("<slug:slug>/", name="profile")
    def profile_view(self, request, slug):
        from community import emails
        from community.forms import ContactForm
        from community.text import without_nul
        from portal.ratelimit import allow

        municipality = (
            self.municipalities()
            .filter(slug=slug)
            .select_related("logo", "national_association")
            .prefetch_related(
                "offers__sector", "needs__sector", "working_languages", "partner_organisations"
            )
            .first()
        )
        if municipality is None:
            raise Http404
        form = ContactForm(without_nul(request.POST) if request.method == "POST" else None)
        status = 200
        if request.method == "POST":
            if not allow(request, "contact", *CONTACT_LIMIT):
                form.add_error(
                    None, gettext("Too many messages from your address. Please try again later.")
                )
                status = 429
            elif form.is_valid():
                if not form.is_spam():
                    emails.relay_message(municipality, form.cleaned_data, self.locale.language_code)
                messages.success(
                    request,
                    gettext("Your message was sent. The contact person will reply by email."),
                )
                return redirect_303(request.path)
        context = {
            **profile_context(municipality, request, self.locale),
            "form": form,
            "directory": self,
        }
        for partnership in context["partnerships"]:
            self.link_profiles(
                request, (partnership.ukrainian_municipality, partnership.eu_municipality)
            )
        response = self.render(
            request, template="pages/municipality_profile.html", context_overrides=context
        )
        response.status_code = status
        return no_store(response)


def with_card_data(queryset):
    """Municipalities with what their card needs, fetched in a fixed number of queries."""
    return queryset.select_related("logo").prefetch_related(
        Prefetch("offers", queryset=SectorOffer.objects.select_related("sector")),
        Prefetch("needs", queryset=SectorNeed.objects.select_related("sector")),
    )


FILTER_LABELS = {
    "country": _("Country"),
    "region": _("Region"),
    "kind": _("Kind"),
    "offers": _("Offers expertise in"),
    "needs": _("Needs help with"),
    "population": _("Population"),
    "open": _("Open to new partners"),
}


def confirm_profile(municipality, today=None):
    """Record that the contact confirmed the profile, as a published revision (the live record
    and its translations share the date)."""
    today = today or timezone.localdate()
    for record in Municipality.objects.filter(translation_key=municipality.translation_key):
        record.last_confirmed = today
        if record.live and not record.has_unpublished_changes:
            record.save_revision(log_action=False).publish(log_action=False)
        else:
            Municipality.objects.filter(pk=record.pk).update(last_confirmed=today)


def confirmation_token(municipality):
    return signing.dumps({"m": str(municipality.translation_key)}, salt=CONFIRM_SALT)


class PartnershipIndexPage(CommunityPage):
    """Partnerships between Ukrainian and EU municipalities, by programme, with counts by
    country and stage computed from the directory."""

    subpage_types = []
    template = "pages/partnership_index_page.html"

    class Meta:
        verbose_name = _("partnership index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programmes = {p.slug: p for p in Programme.objects.in_locale(self.locale)}
        partnerships = list(
            Partnership.objects.in_locale(self.locale)
            .select_related("ukrainian_municipality", "eu_municipality", "programme")
            .prefetch_related("projects")
            .order_by("programme__starts_on", "-started_on", "pk")
        )
        directory = DirectoryPage.objects.live().filter(locale=self.locale).first()
        groups = {}
        for partnership in partnerships:
            programme = partnership.programme
            programme = programmes.get(programme.slug, programme) if programme else None
            partnership.programme_display = programme
            groups.setdefault(programme.slug if programme else "", (programme, []))[1].append(
                partnership
            )
            if directory:
                directory.link_profiles(
                    request, (partnership.ukrainian_municipality, partnership.eu_municipality)
                )
        countries = Counter(p.eu_municipality.get_country_display() for p in partnerships)
        stages = Counter(p.stage for p in partnerships)
        context.update(
            {
                "groups": list(groups.values()),
                "partnership_count": len(partnerships),
                "by_country": sorted(countries.items(), key=lambda item: (-item[1], str(item[0]))),
                "by_stage": [(label, stages.get(value, 0)) for value, label in Stage.choices],
            }
        )
        return context


class RegistrationPage(RoutablePageMixin, CommunityPage):
    """Where a municipality registers its profile for matchmaking: the profile becomes a draft
    for moderators, the contact and the moderators are told, and a name that matches an
    existing municipality is flagged as a possible duplicate."""

    subpage_types = []
    template = "pages/registration_page.html"

    class Meta:
        verbose_name = _("registration page")

    @path("", name="form")
    def form_view(self, request):
        from community.forms import RegistrationForm
        from community.text import without_nul
        from portal.ratelimit import allow

        status, refused = 200, None
        if request.method == "POST" and _content_length(request) > MAX_REGISTRATION_BYTES:
            # Refused before Django reads the body, so an oversized upload is never stored.
            form = RegistrationForm(locale=self.locale)
            refused = gettext(
                "The form was too large to receive (the logo may be at most 2 MB). "
                "Nothing was stored: please fill it in again with a smaller logo."
            )
            token, status = uuid.uuid4(), 413
        elif request.method == "POST":
            form = RegistrationForm(without_nul(request.POST), request.FILES, locale=self.locale)
            token = _parse_uuid(request.POST.get("token"))
            if not allow(request, "registration", *REGISTRATION_LIMIT):
                form.is_valid()  # keep the values and show the field errors too
                form.add_error(
                    None,
                    gettext("Too many registrations from your address. Please try again later."),
                )
                status = 429
            elif form.is_valid():
                if not form.is_spam():
                    register(form, token, self.locale.language_code)
                return redirect_303(self.get_url(request) + self.reverse_subpage("thanks"))
            else:
                status = 400
        else:
            form = RegistrationForm(locale=self.locale)
            token = uuid.uuid4()
        response = self.render(
            request,
            context_overrides={"form": form, "token": token or uuid.uuid4(), "refused": refused},
        )
        response.status_code = status
        return no_store(response)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        return self.render(request, template="pages/registration_thanks.html")


# The form's text (a few kilobytes) plus the largest logo accepted.
MAX_REGISTRATION_BYTES = 2 * 1024 * 1024 + 256 * 1024


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _parse_uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def unique_slug(name, country, locale):
    base = slugify(unidecode(name))[:140] or "municipality"
    base = f"{base}-{country.lower()}"
    slug, n = base, 1
    while Municipality.objects.filter(slug=slug, locale=locale).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def register(form, token, language):
    """Store a registration as a draft profile (in the default language, where editors
    translate from) and send the emails. A repeated post of the same form (same token) is
    stored once."""
    from community import emails
    from community.logos import stored_name

    data = form.cleaned_data
    locale = Locale.get_default()
    if token and Municipality.objects.filter(registration_token=token).exists():
        return None
    sectors = {s.slug: s for s in Sector.objects.in_locale(locale)}
    description = "".join(
        f"<p>{escape_paragraph(p)}</p>"
        for p in data["description"].replace("\r\n", "\n").split("\n\n")
        if p.strip()
    )
    municipality = Municipality(
        locale=locale,
        name=data["name"],
        local_name=data["local_name"],
        slug=unique_slug(data["name"], data["country"], locale),
        country=data["country"],
        region=data["region"],
        kind=data["kind"],
        population=data["population"],
        website=data["website"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        description=description,
        national_association=data["national_association"],
        open_to_partners=data["open_to_partners"],
        contact_name=data["contact_name"],
        contact_role=data["contact_role"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
        contact_public=data["contact_public"],
        last_confirmed=timezone.localdate(),
        registered_at=timezone.now(),
        registration_token=token,
        live=False,
        has_unpublished_changes=True,
        moderation_note=gettext("Registered in %(language)s.") % {"language": language},
    )
    municipality.offers = [
        SectorOffer(sector=sectors[s], note=n, sort_order=i)
        for i, (s, n) in enumerate(form.sectors("offer"))
        if s in sectors
    ]
    municipality.needs = [
        SectorNeed(sector=sectors[s], note=n, sort_order=i)
        for i, (s, n) in enumerate(form.sectors("need"))
        if s in sectors
    ]
    municipality.working_languages = list(data["working_languages"])
    duplicates = list(
        Municipality.objects.matching_name(
            data["country"], data["name"], data["local_name"]
        ).order_by("-live", "pk")
    )
    seen, unique = set(), []
    for other in duplicates:
        if other.translation_key not in seen:
            seen.add(other.translation_key)
            unique.append(other)
    if unique:
        municipality.possible_duplicate_of = unique[0]
    logo = data.get("logo")
    try:
        with transaction.atomic():
            if logo:
                municipality.submitted_logo.save(stored_name(logo), logo, save=False)
            municipality.save()
            municipality.save_revision(log_action=False)
    except IntegrityError:  # the same form posted twice at once: the first one won
        if municipality.submitted_logo:
            municipality.submitted_logo.delete(save=False)  # no orphan file
        return None
    except BaseException:
        if municipality.submitted_logo:
            municipality.submitted_logo.delete(save=False)
        raise
    emails.registration_received(municipality, language)
    emails.registration_for_moderators(municipality, unique)
    return municipality


def escape_paragraph(text):
    from django.utils.html import escape

    return escape(text.strip()).replace("\n", "<br>")
