"""Translations go through moderation like every other page (issue 15, finding 1).

With ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` wagtail-localize creates the
translation of a page as a draft, so the source's text never appears on ``/uk/`` before it is
translated. What wagtail-localize leaves out is the way from there to a published translation
for someone who may not publish: its translation editor offers "Publish" to moderators only.
This module adds

- "Submit for moderation" to the translation editor (a form on the editor's page, handled by a
  ``before_edit_page`` hook that runs before wagtail-localize's): the translated text is saved
  as a draft revision of the translated page and the page's workflow is started, which tells the
  moderators (Wagtail's workflow emails and their dashboard); their approval publishes it;
- a guard on "Sync translated pages": "Publish immediately" there publishes the source's new
  text, untranslated, in every language; only someone who may publish every translated page
  gets that, for the others the translations are updated as drafts;
- a guard on "Convert to alias page": an alias shows the source's text, live, in the other
  language, so only someone who may publish the page may turn a translation into one."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views import convert
from wagtail_localize.views.update_translations import UpdateTranslationsView

SUBMIT_ACTION = "portal-submit-translation"


def enabled_translation(page):
    """The synced translation whose target is ``page``, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def submit_translation_for_moderation(translation, page, user):
    """Save the translated text as the page's latest draft and start (or resume) its workflow.
    Returns the workflow state, or None when the page has no workflow."""
    with transaction.atomic():
        translation.save_target(user=user, publish=False)
        page = Page.objects.get(pk=page.pk).specific
        state = page.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
            return state
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            state.cancel(user=user)  # the moderators review the new text, not the old one
        workflow = page.get_workflow()
        if workflow is None:
            return None
        return workflow.start(page, user)


def handle_translation_submission(request, page):
    """The ``before_edit_page`` hook: answers the translation editor's "Submit for moderation"."""
    if request.method != "POST" or request.POST.get("action") != SUBMIT_ACTION:
        return None
    translation = enabled_translation(page)
    if translation is None:
        return None
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if not page.permissions_for_user(request.user).can_submit_for_moderation():
        messages.error(request, _("You cannot submit this page for moderation."))
        return redirect(edit_url)
    try:
        state = submit_translation_for_moderation(translation, page, request.user)
    except ValidationError:
        messages.error(
            request,
            _("The translation could not be saved; please check the highlighted fields."),
        )
        return redirect(edit_url)
    if state is None:
        messages.warning(
            request,
            _("The translation is saved as a draft; this page has no moderation workflow."),
        )
    else:
        messages.success(
            request,
            _("The translation of '%(title)s' is submitted for moderation.")
            % {"title": page.get_admin_display_title()},
        )
    return redirect(edit_url)


def user_can_publish_all(user, source):
    """True when ``user`` may publish every page this source is translated into."""
    if user.is_superuser:
        return True
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:  # the sync would create and publish it
            return False
        if isinstance(target, Page) and not target.permissions_for_user(user).can_publish():
            return False
    return True


class ModeratedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", where "Publish immediately" is honoured only
    for someone who may publish every translation; for the others the update stays a draft."""

    def get_form(self):
        form = super().get_form()
        if self.request.method == "POST" and form.data.get("publish_translations"):
            instance = self.object.get_source_instance()
            if isinstance(instance, Page) and not user_can_publish_all(
                self.request.user, self.object
            ):
                data = form.data.copy()
                data.pop("publish_translations", None)
                form = type(form)(data)
                messages.warning(
                    self.request,
                    _(
                        "Only moderators publish translations: the translated pages are "
                        "updated as drafts. Submit each for moderation when it is translated."
                    ),
                )
        return form


def moderated_convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page" (which publishes the source's text in the
    page's language at once), for those who may publish the page only."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)
