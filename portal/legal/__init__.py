"""The legal and help pages every visitor may need (issue 15, finding 9): privacy notice,
cookies, accessibility statement, contact and imprint, one ``ContentPage`` each under every
language's home page, found again by a slug that is the same in every language (``privacy``
…). The footer links them (``{% legal_links %}``) and every consent checkbox links the privacy
notice of the visitor's language (``{% field_label %}``), both in
``portal/templatetags/legal_tags.py``. ``seed_demo`` builds them (``portal.legal.seed``)."""

# In the footer's order; each slug is the same in every language.
LEGAL_SLUGS = ("privacy", "cookies", "accessibility", "contact", "imprint")
PRIVACY_SLUG = "privacy"
