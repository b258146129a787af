"""The blocks of a story's body (the shared body blocks plus a gallery and a video) and of an
event's agenda and speakers.

A video is never loaded from its host until the reader asks for it (see video_block.html and
static/js/video.js): pages of the portal make no request to another site on their own."""

from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from portal.blocks import BodyBlock


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    images = blocks.ListBlock(
        ImageBlock(label=_("Image")),
        min_num=2,
        max_num=12,
        label=_("Images"),
        help_text=_("Two to twelve photos; each needs alternative text."),
    )
    credit = blocks.CharBlock(
        required=False, max_length=120, label=_("Credit"), help_text=_("Who took the photos.")
    )

    class Meta:
        icon = "image"
        template = "components/streamfield/blocks/gallery_block.html"
        description = _("A grid of two to twelve photos")


class VideoValue(blocks.StructValue):
    def host(self):
        """The video site's name for the "watch it on" link, e.g. www.youtube.com."""
        video = self.get("video")
        return urlsplit(video.url).hostname or "" if video else ""


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video address"),
        help_text=_("The address of the video on YouTube, Vimeo or another video site."),
    )
    title = blocks.CharBlock(
        max_length=160,
        label=_("Title"),
        help_text=_("What the video shows; read out by screen readers and shown before it loads."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "media"
        template = "components/streamfield/blocks/video_block.html"
        value_class = VideoValue
        description = _("A video from another site, loaded only when the reader asks for it")


class StoryBodyBlock(BodyBlock):
    """The shared body blocks, then a gallery and a video."""

    gallery = GalleryBlock(label=_("Gallery"))
    video = VideoBlock(label=_("Video"))


# Events: the agenda and the speakers ---------------------------------------------------------


class AgendaDayBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Day"), max_length=120, help_text=_("e.g. Day 1, 17 November"))

    class Meta:
        icon = "date"
        template = "components/streamfield/blocks/agenda_day_block.html"
        description = _("A heading that starts the programme of one day")
        preview_value = {"title": "Day 1 — 17 November"}


class AgendaItemBlock(blocks.StructBlock):
    start = blocks.TimeBlock(label=_("Starts"), format="%H:%M")
    end = blocks.TimeBlock(label=_("Ends"), required=False, format="%H:%M")
    title = blocks.CharBlock(label=_("Session"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=600)

    class Meta:
        icon = "time"
        template = "components/streamfield/blocks/agenda_item_block.html"
        description = _("One session with its time (local time of the event)")


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(
        label=_("Role and organisation"), max_length=200, required=False,
        help_text=_("e.g. Mayor of Dolyna"),
    )  # fmt: skip
    photo = ImageBlock(label=_("Photo"), required=False)

    class Meta:
        icon = "user"
        template = "components/streamfield/blocks/speaker_block.html"
        description = _("A speaker with their role and an optional photo")
