"""Region names in the page's language (issue 15, finding 5). A municipality's region is one
record for all its translations (synchronised by wagtail-localize, searched and filtered on as
typed); these are the names of Ukraine's regions, and of the EU regions of the network, that
the Ukrainian pages show translated. A region not listed here is shown as typed."""

from django.utils.translation import gettext, gettext_noop

REGIONS = frozenset(
    (
        gettext_noop("Autonomous Republic of Crimea"),
        gettext_noop("Cherkasy Oblast"),
        gettext_noop("Chernihiv Oblast"),
        gettext_noop("Chernivtsi Oblast"),
        gettext_noop("Dnipropetrovsk Oblast"),
        gettext_noop("Donetsk Oblast"),
        gettext_noop("Ivano-Frankivsk Oblast"),
        gettext_noop("Kharkiv Oblast"),
        gettext_noop("Kherson Oblast"),
        gettext_noop("Khmelnytskyi Oblast"),
        gettext_noop("Kirovohrad Oblast"),
        gettext_noop("Kyiv City"),
        gettext_noop("Kyiv Oblast"),
        gettext_noop("Luhansk Oblast"),
        gettext_noop("Lviv Oblast"),
        gettext_noop("Mykolaiv Oblast"),
        gettext_noop("Odesa Oblast"),
        gettext_noop("Poltava Oblast"),
        gettext_noop("Rivne Oblast"),
        gettext_noop("Sevastopol City"),
        gettext_noop("Sumy Oblast"),
        gettext_noop("Ternopil Oblast"),
        gettext_noop("Vinnytsia Oblast"),
        gettext_noop("Volyn Oblast"),
        gettext_noop("Zakarpattia Oblast"),
        gettext_noop("Zaporizhzhia Oblast"),
        gettext_noop("Zhytomyr Oblast"),
        gettext_noop("Šiauliai County"),
    )
)


def region_name(region):
    """The region as the current language writes it."""
    return gettext(region) if region in REGIONS else region
