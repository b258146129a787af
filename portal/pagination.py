"""One forgiving way to read ``?page=`` for every listing."""

from django.core.paginator import Page, Paginator

# Elasticsearch/OpenSearch refuse from + size > 10,000; no listing pages that deep.
MAX_PAGE = 500


def page_number(request, name: str = "page") -> int:
    """The requested page number; anything that is not a positive whole number means page 1."""
    raw = request.GET.get(name, "1")
    if not raw.isascii() or not raw.isdigit():
        return 1
    return max(1, min(int(raw[:6]), MAX_PAGE))


def page_from_request(paginator: Paginator, request, name: str = "page") -> Page:
    """The requested page, clamped to the pages that exist (an empty list still has page 1)."""
    number = min(page_number(request, name), paginator.num_pages)
    return paginator.page(number)
