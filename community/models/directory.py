"""Pages of the member directory: the directory (with a profile per municipality),
partnerships and registration. Their routes hand over to ``community.views``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from portal.blocks import BodyBlock
from portal.models import BasePage

from .municipality import Municipality


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
        """The live municipalities a visitor of this page's language sees."""
        return Municipality.objects.live().in_locale(self.locale)

    def profile_path(self, slug, request=None):
        return self.get_url(request) + self.reverse_subpage("profile", kwargs={"slug": slug})

    def link_profiles(self, request, municipalities):
        """Give each municipality the address of its profile here, as ``profile_url``."""
        base = self.get_url(request)
        for municipality in municipalities:
            municipality.profile_url = base + self.reverse_subpage(
                "profile", kwargs={"slug": municipality.slug}
            )
        return municipalities

    def get_sitemap_urls(self, request=None):
        """The directory and every profile a visitor of its language can open (a profile not
        translated yet is shown in the default language there, under this language's address),
        each with the date its profile was last published."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return urls
        profiles = self.municipalities().order_by("name", "pk")
        for slug, published, confirmed in profiles.values_list(
            "slug", "last_published_at", "last_confirmed"
        ):
            entry = {"location": base + self.reverse_subpage("profile", kwargs={"slug": slug})}
            lastmod = published or confirmed
            if lastmod:
                entry["lastmod"] = lastmod
            urls.append(entry)
        return urls

    # Each route hands over to community.views, which holds the logic.

    @path("", name="index")
    def index_view(self, request):
        from community import views

        return views.directory_index(request, self)

    @path("associations/", name="associations")
    def associations_view(self, request):
        from community import views

        return views.associations(request, self)

    @path("organisations/", name="organisations")
    def organisations_view(self, request):
        from community import views

        return views.organisations(request, self)

    @path("confirm/", name="confirm")
    def confirm_view(self, request):
        from community import views

        return views.confirm(request, self)

    @path("<slug:slug>/", name="profile")
    def profile_view(self, request, slug):
        from community import views

        return views.profile(request, self, slug)

    @path("<slug:slug>/contact/", name="contact")
    def contact_view(self, request, slug):
        from community import views

        return views.contact(request, self, slug)


class PartnershipIndexPage(CommunityPage):
    """Partnerships between Ukrainian and EU municipalities, by programme, with counts by
    country and stage computed from the directory."""

    subpage_types = []
    template = "pages/partnership_index_page.html"

    class Meta:
        verbose_name = _("partnership index")

    def get_context(self, request, *args, **kwargs):
        from community import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.partnership_index_context(self, request))
        return context


class RegistrationPage(RoutablePageMixin, CommunityPage):
    """Where a municipality registers its profile for matchmaking: the profile becomes a draft
    for moderators, the contact and the moderators are told, and a name that matches an
    existing municipality is flagged as a possible duplicate (``community.registration``)."""

    subpage_types = []
    template = "pages/registration_page.html"

    class Meta:
        verbose_name = _("registration page")

    @path("", name="form")
    def form_view(self, request):
        from community import views

        return views.register(request, self)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        from community import views

        return views.registration_thanks(request, self)
