"""The body blocks shared by every page type.

Each block describes itself (icon, description, preview value) so editors can pick the right one
from the block chooser, and carries its own template under templates/components/streamfield/blocks/.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
        label=_("Level"),
        help_text=_("Level 2 starts a section; level 3 a part of one."),
    )

    class Meta:
        icon = "title"
        template = "components/streamfield/blocks/heading_block.html"
        description = _("A section heading that appears in the page outline")
        preview_value = {"text": "Reconstruction of the water network", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=120, label=_("Credit"))

    class Meta:
        icon = "image"
        template = "components/streamfield/blocks/image_block.html"
        description = _("A photo with alternative text, caption and credit")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=160, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "components/streamfield/blocks/quote_block.html"
        description = _("A quotation with the name and role of who said it")
        preview_value = {
            "quote": "Partnerships between municipalities bring help where it is needed.",
            "attribution": "A mayor of the network",
        }


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("e.g. 500+ or 30"))
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=8, label=_("Figures"))

    class Meta:
        icon = "table"
        template = "components/streamfield/blocks/key_figures_block.html"
        description = _("A row of two to eight headline numbers")
        preview_value = {
            "heading": "The network in figures",
            "figures": [
                {"figure": "500+", "label": "registered Ukrainian municipalities"},
                {"figure": "40", "label": "partnerships"},
            ],
        }


class LinkStructValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        return page.localized.url if page else self.get("external_url")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(required=False, label=_("Text"), max_length=400)
    link_text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    external_url = blocks.URLBlock(required=False, label=_("Or an address on another site"))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            message = _("Choose either a page or an address, not both and not neither.")
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        return value

    class Meta:
        icon = "pick"
        template = "components/streamfield/blocks/call_to_action_block.html"
        value_class = LinkStructValue
        description = _("A highlighted box that invites the reader to act, with one button")


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        label=_("Paragraph"),
        icon="pilcrow",
        description=_("Text with links and lists"),
        preview_value="<p>Municipalities from Ukraine and the EU work together.</p>",
        template="components/streamfield/blocks/paragraph_block.html",
    )
    heading = HeadingBlock(label=_("Heading"))
    image = CaptionedImageBlock(label=_("Image"))
    quote = QuoteBlock(label=_("Quote"))
    key_figures = KeyFiguresBlock(label=_("Key figures"))
    call_to_action = CallToActionBlock(label=_("Call to action"))
