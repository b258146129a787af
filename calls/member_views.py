"""The application form's member side (issue 11): a signed-in member adds a draft, opened by
its private link, to its municipality's applications ("claim"). The private link is the
proof of access, as for everything else about a draft; the municipality must be one the
member acts for. Refusals answer 404 and change nothing; success answers 303."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.utils.translation import gettext as _

from calls import members, responses, services, views


@views.busy_guard
def claim(request, call, key):
    if request.method != "POST":
        return responses.private(HttpResponseNotAllowed(["POST"]))
    application = services.find_draft(call, key)  # the private link only, never member-<id>
    municipalities = members.municipalities_of(request.user)
    if application is None or not municipalities:
        return views._not_found(request, call)
    if refused := views._not_open(request, call, draft=True):
        return refused
    if refused := views._refused(request, call):
        return refused
    posted = request.POST.get("municipality", "")
    chosen = next((m for m in municipalities if str(m.pk) == posted), None)
    if chosen is None or not members.claimable(application):
        return views._not_found(request, call)
    try:
        members.claim(call, application, chosen)
    except members.NotClaimable:
        return views._not_found(request, call)
    except services.CallNotOpen as error:
        return views._closed(request, call, error)
    messages.success(
        request,
        _("The application was added to the applications of %(name)s.") % {"name": chosen.name},
    )
    return responses.see_other(responses.link(request, call, "apply_resume", key))
