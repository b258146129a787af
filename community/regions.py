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
        gettext_noop("Kyiv"),
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
        # The EU regions of the demo network (community/demo_data/eu.py).
        gettext_noop("Alytus County"),
        gettext_noop("Auvergne-Rhône-Alpes"),
        gettext_noop("Baranya"),
        gettext_noop("Basque Country"),
        gettext_noop("Bavaria"),
        gettext_noop("Drava"),
        gettext_noop("Emilia-Romagna"),
        gettext_noop("Grand Est"),
        gettext_noop("Košice Region"),
        gettext_noop("Kronoberg County"),
        gettext_noop("Lublin Voivodeship"),
        gettext_noop("Olomouc Region"),
        gettext_noop("Prešov Region"),
        gettext_noop("South Moravian Region"),
        gettext_noop("Subcarpathian Voivodeship"),
        gettext_noop("Szabolcs-Szatmár-Bereg"),
        gettext_noop("Tartu County"),
        gettext_noop("Upper Carniola"),
        gettext_noop("Valencian Community"),
        gettext_noop("Veneto"),
        gettext_noop("Vidzeme"),
        gettext_noop("Viljandi County"),
        gettext_noop("Västerbotten County"),
        gettext_noop("Zemgale"),
        gettext_noop("Šiauliai County"),
    )
)


def region_name(region):
    """The region as the current language writes it."""
    return gettext(region) if region in REGIONS else region
