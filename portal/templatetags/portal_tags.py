"""Small template helpers shared by every listing."""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag(takes_context=True)
def url_with_params(context, **changes):
    """The current query string with some parameters replaced (None removes one); used by
    pagination and filters so every state stays in the URL."""
    request = context["request"]
    params = request.GET.copy()
    for name, value in changes.items():
        if value is None or value == "":
            params.pop(name, None)
        else:
            params[name] = value
    if "page" not in changes:
        params.pop("page", None)  # a new filter starts again on page 1
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else request.path


_JSON_LD_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A dict as the body of a <script type="application/ld+json">, escaped like Django's
    json_script so that text written by editors cannot close the script element."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.safestring import mark_safe

    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_LD_ESCAPES)
    return mark_safe(text)  # noqa: S308 (escaped above)


@register.simple_tag
def ignored_filter_labels(filters, labels=None):
    """The labels of the filters a listing ignored, in the order they were read; a name
    without a label is shown as it is."""
    labels = labels or {}
    return [str(labels.get(name, name)) for name in filters.ignored]


@register.filter
def slug_choices(items, attribute="name"):
    """Objects with a slug and a name (sectors, programmes; tags by their ``label`` in the
    page's language) as the (value, label) pairs of a filter's select
    (components/filter_select.html)."""
    return [(item.slug, getattr(item, attribute)) for item in items]


@register.simple_tag
def select_options(options, current):
    """The ``<option>`` elements of a listing filter, ``current`` selected: the same markup as
    a template loop, built in Python (a listing's filters hold a hundred options and more: the
    loop cost a fifth of the story index's render)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == current else "", text) for value, text in options),
    )
