"""/<lang>/account/…: the member space (issue 11) and allauth's sign-in pages."""

from allauth.account import urls as allauth_urls
from django.urls import path

from . import join_views, member_views
from .accounts import private_patterns

urlpatterns = [
    path("", member_views.home, name="member_home"),
    path("municipality/<int:pk>/", member_views.municipality, name="member_municipality"),
    path("municipality/<int:pk>/confirm/", member_views.confirm, name="member_confirm"),
    path("municipality/<int:pk>/edit/", member_views.edit, name="member_edit"),
    path(
        "municipality/<int:pk>/applications/",
        member_views.applications,
        name="member_applications",
    ),
    path(
        "municipality/<int:pk>/applications/<int:application_pk>/",
        member_views.open_application,
        name="member_open_application",
    ),
    path(
        "municipality/<int:pk>/applications/<int:application_pk>/delete/",
        member_views.delete_draft,
        name="member_delete_draft",
    ),
    path("municipality/<int:pk>/colleagues/", member_views.colleagues, name="member_colleagues"),
    path(
        "municipality/<int:pk>/colleagues/<int:membership_pk>/admin/",
        member_views.make_admin,
        name="member_make_admin",
    ),
    path(
        "municipality/<int:pk>/colleagues/<int:membership_pk>/remove/",
        member_views.remove,
        name="member_remove",
    ),
    path(
        "municipality/<int:pk>/colleagues/requests/<int:request_pk>/<str:action>/",
        join_views.decide,
        name="member_join_decide",
    ),
    path("invitation/<str:token>/", member_views.invitation, name="member_invitation"),
    path("join/<int:pk>/", join_views.ask, name="member_join"),
    path("join/<int:pk>/sent/", join_views.sent, name="member_join_sent"),
    path("join/confirm/<str:token>/", join_views.confirm, name="member_join_confirm"),
    *private_patterns(allauth_urls.urlpatterns),
]

# Associations as brokers (community/association_views.py).
from . import association_views  # noqa: E402

urlpatterns += [
    path("association/", association_views.index, name="association_index"),
    path("association/<int:pk>/", association_views.home, name="association_home"),
    path(
        "association/<int:pk>/municipality/<int:municipality_pk>/",
        association_views.municipality,
        name="association_municipality",
    ),
    path(
        "association/<int:pk>/municipality/<int:municipality_pk>/confirm/",
        association_views.verify,
        name="association_verify",
    ),
    path(
        "association/<int:pk>/municipality/<int:municipality_pk>/edit/",
        association_views.edit,
        name="association_edit",
    ),
]

# Interest and mutual matches (issue 12, community/interest_views.py).
from . import interest_views  # noqa: E402

urlpatterns += [
    path("municipality/<int:pk>/interests/", interest_views.overview, name="member_interests"),
    path(
        "municipality/<int:pk>/interests/in/<int:target_pk>/",
        interest_views.express,
        name="member_interest_express",
    ),
    path(
        "municipality/<int:pk>/interests/<int:other_pk>/answer/<str:reply>/",
        interest_views.answer,
        name="member_interest_answer",
    ),
    path(
        "municipality/<int:pk>/interests/<int:other_pk>/withdraw/",
        interest_views.withdraw,
        name="member_interest_withdraw",
    ),
]

# Conversations of matched municipalities (issue 12, community/conversation_views.py).
from . import conversation_views  # noqa: E402

urlpatterns += [
    path(
        "municipality/<int:pk>/conversations/",
        conversation_views.index,
        name="member_conversations",
    ),
    path(
        "municipality/<int:pk>/conversations/<int:conversation_pk>/",
        conversation_views.page,
        name="member_conversation",
    ),
    path(
        "municipality/<int:pk>/conversations/<int:conversation_pk>/files/<int:attachment_pk>/",
        conversation_views.attachment,
        name="member_conversation_attachment",
    ),
    path(
        "municipality/<int:pk>/conversations/<int:conversation_pk>/report/<int:message_pk>/",
        conversation_views.report,
        name="member_conversation_report",
    ),
    path(
        "municipality/<int:pk>/conversations/<int:conversation_pk>/block/",
        conversation_views.block,
        name="member_conversation_block",
    ),
    path(
        "municipality/<int:pk>/conversations/<int:conversation_pk>/unblock/",
        conversation_views.unblock,
        name="member_conversation_unblock",
    ),
    path(
        "conversations/<int:conversation_pk>/",
        conversation_views.hub_page,
        name="hub_conversation",
    ),
    path(
        "conversations/<int:conversation_pk>/files/<int:attachment_pk>/",
        conversation_views.hub_attachment,
        name="hub_conversation_attachment",
    ),
]

# The life of a partnership (issue 12, community/partnership_views.py).
from . import partnership_views  # noqa: E402

urlpatterns += [
    path(
        "municipality/<int:pk>/partnerships/",
        partnership_views.overview,
        name="member_partnerships",
    ),
    path(
        "municipality/<int:pk>/partnerships/propose/<int:match_pk>/",
        partnership_views.propose,
        name="member_partnership_propose",
    ),
    path(
        "municipality/<int:pk>/partnerships/<int:partnership_pk>/stage/",
        partnership_views.stage,
        name="member_partnership_stage",
    ),
    path(
        "municipality/<int:pk>/partnerships/<int:partnership_pk>/stage/<int:change_pk>/"
        "<str:reply>/",
        partnership_views.answer_stage,
        name="member_stage_answer",
    ),
    path(
        "municipality/<int:pk>/partnerships/<int:partnership_pk>/<str:reply>/",
        partnership_views.answer,
        name="member_partnership_answer",
    ),
]
