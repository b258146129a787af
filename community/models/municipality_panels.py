"""How a municipality is edited in the admin (tabs and panels) and indexed for search."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.search import index

MUNICIPALITY_PANELS = [
    TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("name"),
                            FieldPanel("local_name"),
                            FieldPanel("alternate_names"),
                            FieldPanel("slug"),
                        ],
                        heading=_("Name"),
                    ),
                    FieldRowPanel(
                        [FieldPanel("country"), FieldPanel("region"), FieldPanel("kind")]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("population"),
                            FieldPanel("latitude"),
                            FieldPanel("longitude"),
                        ]
                    ),
                    FieldPanel("approximate_location"),
                    FieldPanel("website"),
                    FieldPanel("logo"),
                    FieldPanel("description"),
                    FieldRowPanel(
                        [FieldPanel("katotth_code"), FieldPanel("lau_code")],
                        heading=_("Official codes"),
                    ),
                ],
                heading=_("Profile"),
            ),
            ObjectList(
                [
                    FieldPanel("open_to_partners"),
                    InlinePanel(
                        "offers", heading=_("Offers expertise in"), label=_("Sector offered")
                    ),
                    InlinePanel("needs", heading=_("Needs help with"), label=_("Sector needed")),
                    FieldPanel("working_languages"),
                    FieldPanel("national_association"),
                    FieldPanel("partner_organisations"),
                ],
                heading=_("Matchmaking"),
            ),
            ObjectList(
                [
                    FieldPanel("contact_name"),
                    FieldPanel("contact_role"),
                    FieldPanel("contact_email"),
                    FieldPanel("contact_phone"),
                    FieldPanel("contact_public"),
                    FieldPanel("last_confirmed"),
                ],
                heading=_("Contact"),
            ),
            ObjectList(
                [
                    FieldPanel("possible_duplicate_of"),
                    FieldPanel("moderation_note"),
                    HelpPanel(
                        template="community/admin/submitted_logo_panel.html",
                        heading=_("Logo sent with the registration"),
                    ),
                ],
                heading=_("Moderation"),
            ),
        ]
    )
]

# The partner search (search/partners.py) sends folded query words to the backend's
# autocomplete, which matches them against ``search_names``; its facets filter and count
# on the FilterFields below. The admin's listing search autocompletes the names as typed.
MUNICIPALITY_SEARCH_FIELDS = [
    index.SearchField("name", boost=3),
    index.SearchField("local_name", boost=3),
    index.SearchField("alternate_names", boost=2),
    index.SearchField("search_names", boost=2),
    index.AutocompleteField("name"),
    index.AutocompleteField("local_name"),
    index.AutocompleteField("search_names"),
    index.SearchField("region"),
    index.SearchField("description"),
    index.FilterField("id"),
    index.FilterField("name"),
    index.FilterField("country"),
    index.FilterField("region"),
    index.FilterField("kind"),
    index.FilterField("population"),
    index.FilterField("population_band"),
    index.FilterField("national_association"),
    index.FilterField("open_to_partners"),
    index.FilterField("locale_id"),
    index.FilterField("live"),
]
