"""Conversations of matched municipalities (issue 12) through HTTP, as members of two
municipalities: Jonas of Šiauliai district (English) and Olena of Dolyna (Ukrainian, with her
colleague Petro), with Kateryna of Kalush as the third municipality that takes no part."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from calls.factories import docx_bytes, pdf_bytes
from community import interests
from community.models import Conversation, Match, Message, MessageAttachment, ReadState
from tests.community import test_interests
from tests.community.test_interests import answer_url, express_url, sent_to

towns = test_interests.towns  # the fixture: two members of two municipalities, and Kalush


def page_url(mine, conversation, language="en"):
    return f"/{language}/account/municipality/{mine.pk}/conversations/{conversation.pk}/"


def file_url(mine, conversation, attachment):
    return f"{page_url(mine, conversation)}files/{attachment.pk}/"


@pytest.fixture
def talk(towns):
    """The mutual match of Dolyna and Šiauliai district, made through the services."""
    interests.express(towns["siauliai"], towns["dolyna"], towns["jonas"])
    interests.answer(towns["dolyna"], towns["siauliai"], towns["olena"], True)
    mail.outbox.clear()  # the interest's and the match's emails
    return {**towns, "conversation": Conversation.objects.get()}


def send(client, mine, conversation, body="", files=None, capture=None, language="en"):
    data = {"body": body}
    if files:
        data["attachments"] = files
    if capture is None:
        return client.post(page_url(mine, conversation, language), data)
    with capture(execute=True):
        return client.post(page_url(mine, conversation, language), data)


def upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_a_mutual_match_opens_a_conversation_and_messages_go_both_ways_by_email(
    client, towns, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(towns["jonas"])
    with capture(execute=True):
        client.post(express_url(siauliai, dolyna), {})
    client.force_login(towns["olena"])
    with capture(execute=True):
        assert client.post(answer_url(dolyna, siauliai, "yes", "uk")).status_code == 303
    conversation = Match.objects.get().conversation
    dashboard = client.get(f"/uk/account/municipality/{dolyna.pk}/").content.decode()
    assert "Розмови" in dashboard and page_url(dolyna, conversation, "uk") in dashboard
    mail.outbox.clear()

    # Jonas writes: Olena (in Ukrainian) and Petro are emailed, Jonas is not.
    client.force_login(towns["jonas"])
    page = client.get(page_url(siauliai, conversation))
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert "Conversation with Dolyna" in page.content.decode()
    body = "Hello\x00 Dolyna\u202e! <script>alert(1)</script> & pipes\nSecond line"
    response = send(client, siauliai, conversation, body, capture=capture)
    assert response.status_code == 303 and response["Location"] == page_url(siauliai, conversation)
    message = Message.objects.get()
    assert message.body == "Hello Dolyna! <script>alert(1)</script> & pipes\nSecond line"
    assert message.author == towns["jonas"] and message.author_municipality == siauliai
    [told] = sent_to("olena@dolyna.example")
    assert "Šiauliai district" in told.subject and "1 нове повідомлення" in told.subject
    assert "<script>alert(1)</script> & pipes" in told.body  # a text email: not escaped
    assert f"/uk/account/municipality/{dolyna.pk}/conversations/{conversation.pk}/" in told.body
    assert len(sent_to("petro@dolyna.example")) == 1
    assert not sent_to("jonas@siauliai.example")

    # Olena follows the link, sees the message escaped, and replies; Jonas is emailed in English.
    client.force_login(towns["olena"])
    html = client.get(page_url(dolyna, conversation, "uk")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; pipes<br>Second line" in html
    assert "<script>alert(1)" not in html
    mail.outbox.clear()
    response = send(client, dolyna, conversation, "Дякуємо, Šiauliai!", capture=capture)
    assert response.status_code == 303
    [answer] = sent_to("jonas@siauliai.example")
    assert "1 new message in your conversation with Dolyna" in answer.subject
    assert "Дякуємо, Šiauliai!" in answer.body
    assert f"/en/account/municipality/{siauliai.pk}/conversations/{conversation.pk}/" in answer.body
    assert not sent_to("olena@dolyna.example") and not sent_to("petro@dolyna.example")
    assert Message.objects.count() == 2


def test_several_messages_before_the_email_make_one_digest(
    client, talk, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai, conversation = talk["dolyna"], talk["siauliai"], talk["conversation"]
    mail.outbox.clear()
    client.force_login(talk["jonas"])
    for text in ("First point", "Second point", "Third point"):
        # The deferred task has not run yet (its callback is not executed here).
        assert send(client, siauliai, conversation, text).status_code == 303
    assert mail.outbox == []
    with capture(execute=True):
        call_command("send_message_digests", stdout=open("/dev/null", "w"))
    [digest] = sent_to("olena@dolyna.example")
    assert "3 нові повідомлення" in digest.subject
    assert all(text in digest.body for text in ("First point", "Second point", "Third point"))
    with capture(execute=True):
        call_command("send_message_digests", stdout=open("/dev/null", "w"))
    assert len(sent_to("olena@dolyna.example")) == 1  # each message is emailed once
    # A message Olena has read before the digest runs is not emailed to her (Petro gets it).
    send(client, siauliai, conversation, "Fourth point")
    client.force_login(talk["olena"])
    client.get(page_url(dolyna, conversation))
    with capture(execute=True):
        call_command("send_message_digests", stdout=open("/dev/null", "w"))
    assert len(sent_to("olena@dolyna.example")) == 1
    assert "Fourth point" in sent_to("petro@dolyna.example")[-1].body


def test_read_state_and_unread_counts_with_flat_queries(
    client, talk, django_assert_max_num_queries
):
    dolyna, siauliai, conversation = talk["dolyna"], talk["siauliai"], talk["conversation"]
    client.force_login(talk["jonas"])
    send(client, siauliai, conversation, "One")
    send(client, siauliai, conversation, "Two")
    client.force_login(talk["olena"])
    home = client.get(f"/en/account/municipality/{dolyna.pk}/").content.decode()
    assert "2 unread messages" in home
    assert (
        "2 непрочитані повідомлення"
        in client.get(f"/uk/account/municipality/{dolyna.pk}/").content.decode()
    )
    page = client.get(page_url(dolyna, conversation)).content.decode()
    assert page.count('class="badge">new<') == 2
    state = ReadState.objects.get(user=talk["olena"], conversation=conversation)
    assert state.last_read_id == Message.objects.latest("pk").pk and state.last_read_at
    assert "unread" not in client.get(f"/en/account/municipality/{dolyna.pk}/").content.decode()
    # Jonas's own messages are never unread to him.
    client.force_login(talk["jonas"])
    assert "unread" not in client.get(f"/en/account/municipality/{siauliai.pk}/").content.decode()

    # The list of conversations costs the same with four more of them.
    client.force_login(talk["olena"])
    index = f"/en/account/municipality/{dolyna.pk}/conversations/"
    with django_assert_max_num_queries(200) as few:
        client.get(index)
    from community.factories import MunicipalityFactory
    from tests.community.test_member_space import make_member

    for n in range(4):
        town = MunicipalityFactory(name=f"Hromada {n}", slug=f"hromada-{n}", country="PL")
        user = make_member(town, f"m{n}@hromada.example")
        interests.express(town, dolyna, user)
        interests.answer(dolyna, town, talk["olena"], True)
        Message.objects.create(
            conversation=Conversation.objects.get(match__interests__source=town),
            author=user,
            author_municipality=town,
            body="Hi",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(index).content.decode()
    assert html.count("1 unread message<") == 4
    assert html.count("1 unread message<") == client.get(
        f"/en/account/municipality/{dolyna.pk}/"
    ).content.decode().count("1 unread message<")


def test_attachments_are_checked_and_private_to_the_two_sides(
    client, talk, settings, django_capture_on_commit_callbacks
):
    dolyna, siauliai, conversation = talk["dolyna"], talk["siauliai"], talk["conversation"]
    client.force_login(talk["jonas"])
    response = send(
        client,
        siauliai,
        conversation,
        "The plan and the budget",
        files=[upload("plan.pdf", pdf_bytes()), upload("budget.docx", docx_bytes())],
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 303
    pdf, docx = MessageAttachment.objects.order_by("pk")
    assert (pdf.content_type, docx.original_name) == ("application/pdf", "budget.docx")
    assert pdf.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not pdf.file.path.startswith(str(settings.MEDIA_ROOT))
    assert "plan.pdf" in sent_to("olena@dolyna.example")[0].body
    # Refused: a type claimed by its name only, and a file too big; nothing stored.
    fake = send(client, siauliai, conversation, "x", files=[upload("virus.pdf", b"MZ\x90\x00")])
    html = fake.content.decode()
    assert fake.status_code == 400 and "There is a problem" in html
    assert "virus.pdf is not a PDF, DOCX, XLSX or ODT file" in html
    assert 'href="#id_attachments"' in html and 'aria-describedby="id_attachments_helptext' in html
    settings.CONVERSATION_MAX_ATTACHMENT_SIZE = 100
    big = send(client, siauliai, conversation, "x", files=[upload("big.pdf", pdf_bytes() * 3)])
    assert big.status_code == 400 and "big.pdf is larger than 100" in big.content.decode()
    assert Message.objects.count() == 1 and MessageAttachment.objects.count() == 2
    # Downloaded by the other side, as a file, never rendered.
    client.force_login(talk["olena"])
    page = client.get(page_url(dolyna, conversation)).content.decode()
    assert file_url(dolyna, conversation, pdf) in page
    download = client.get(file_url(dolyna, conversation, pdf))
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf_bytes()
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= set(download["Cache-Control"].replace(" ", "").split(","))
    # Not by a third municipality's member, whichever address she tries, nor anonymously.
    client.force_login(talk["kateryna"])
    kalush = talk["kalush"]
    assert client.get(file_url(dolyna, conversation, pdf)).status_code == 404
    assert client.get(file_url(kalush, conversation, pdf)).status_code == 404
    client.logout()
    assert client.get(file_url(dolyna, conversation, pdf)).status_code == 302


def test_a_third_municipality_gets_404_and_changes_nothing(client, talk):
    dolyna, siauliai, conversation = talk["dolyna"], talk["siauliai"], talk["conversation"]
    kalush = talk["kalush"]
    client.force_login(talk["jonas"])
    send(client, siauliai, conversation, "Only for Dolyna")
    message = Message.objects.get()
    client.force_login(talk["kateryna"])
    for mine in (kalush, dolyna, siauliai):
        assert client.get(page_url(mine, conversation)).status_code == 404
        assert send(client, mine, conversation, "Intrusion").status_code == 404
        base = page_url(mine, conversation)
        assert client.post(f"{base}report/{message.pk}/", {}).status_code == 404
        assert client.post(f"{base}block/").status_code == 404
    assert client.get(f"/en/account/conversations/{conversation.pk}/").status_code == 404
    assert (
        "Only for Dolyna"
        not in client.get(f"/en/account/municipality/{kalush.pk}/conversations/").content.decode()
    )
    assert list(Message.objects.values_list("body", flat=True)) == ["Only for Dolyna"]
    assert not conversation.match.interests.filter(source=kalush).exists()


def test_bad_messages_and_the_rate_limit(client, talk, settings):
    siauliai, conversation = talk["siauliai"], talk["conversation"]
    client.force_login(talk["jonas"])
    empty = send(client, siauliai, conversation, "  \x00 ")
    html = empty.content.decode()
    assert empty.status_code == 400 and "Write a message or attach a file." in html
    assert 'href="#id_body"' in html and 'aria-describedby="id_body_helptext id_body_error"' in html
    long_body = "x" * 5001
    too_long = send(client, siauliai, conversation, long_body)
    assert too_long.status_code == 400 and long_body in too_long.content.decode()
    assert not Message.objects.exists()
    settings.CONVERSATION_RATE_LIMIT = (2, 600)
    cache.clear()  # the refused posts above counted too
    assert send(client, siauliai, conversation, "1").status_code == 303
    assert send(client, siauliai, conversation, "2").status_code == 303
    limited = send(client, siauliai, conversation, "3")
    assert limited.status_code == 429 and "Too many attempts" in limited.content.decode()
    assert Message.objects.count() == 2


def test_a_report_is_seen_by_staff_in_the_admin(client, talk):
    dolyna, siauliai, conversation = talk["dolyna"], talk["siauliai"], talk["conversation"]
    client.force_login(talk["jonas"])
    send(client, siauliai, conversation, "Buy cheap watches here")
    message = Message.objects.get()
    # Nobody reports their own side's message.
    assert client.post(f"{page_url(siauliai, conversation)}report/{message.pk}/").status_code == 404
    client.force_login(talk["olena"])
    response = client.post(
        f"{page_url(dolyna, conversation)}report/{message.pk}/", {"reason": "Spam\x00, sadly"}
    )
    assert response.status_code == 303
    assert client.post(f"{page_url(dolyna, conversation)}report/{message.pk}/").status_code == 303
    report = message.reports.get()  # once per municipality
    assert report.reason == "Spam, sadly" and report.reporter == talk["olena"]
    staff = User.objects.create_superuser("hub", "hub@bot.example", "pw")
    client.force_login(staff)
    listing = client.get("/admin/snippets/community/messagereport/").content.decode()
    assert "Buy cheap watches here" in listing and "Spam, sadly" in listing
    # Each row opens: the walk found the lists without a link to a report or a conversation.
    assert f"/admin/snippets/community/messagereport/edit/{report.pk}/" in listing
    conversations = client.get("/admin/snippets/community/conversation/").content.decode()
    assert f"/admin/snippets/community/conversation/edit/{conversation.pk}/" in conversations
    inspect = client.get(f"/admin/snippets/community/messagereport/inspect/{report.pk}/")
    assert "Buy cheap watches here" in inspect.content.decode()
    assert client.get("/admin/snippets/community/messagereport/add/").status_code in (302, 403)
    # A member is not staff.
    client.force_login(talk["olena"])
    assert client.get("/admin/snippets/community/messagereport/").status_code == 302


def test_a_block_closes_the_conversation_and_stops_interests(
    client, talk, django_capture_on_commit_callbacks
):
    dolyna, siauliai, conversation = talk["dolyna"], talk["siauliai"], talk["conversation"]
    client.force_login(talk["olena"])
    response = client.post(f"{page_url(dolyna, conversation)}block/")
    assert response.status_code == 303
    mine = client.get(page_url(dolyna, conversation)).content.decode()
    assert "You blocked Šiauliai district" in mine and "Unblock Šiauliai district" in mine
    assert 'name="body"' not in mine
    client.force_login(talk["jonas"])
    theirs = client.get(page_url(siauliai, conversation)).content.decode()
    assert "This conversation is closed." in theirs
    assert "blocked" not in theirs and "Unblock" not in theirs and "Block Dolyna" not in theirs
    assert 'name="body"' not in theirs
    assert send(client, siauliai, conversation, "Hello?").status_code == 403
    assert not Message.objects.exists() and mail.outbox == []
    # No more interests between the two either: told as "not open", nothing stored.
    client.force_login(talk["kateryna"])
    interests.express(talk["kalush"], siauliai, talk["kateryna"])  # others are not affected
    client.force_login(talk["olena"])
    refused = client.post(express_url(dolyna, siauliai), {})
    assert refused.status_code == 400 and "not open to new partners" in refused.content.decode()
    # Unblocked: messages flow again.
    assert client.post(f"{page_url(dolyna, conversation)}unblock/").status_code == 303
    client.force_login(talk["jonas"])
    assert send(client, siauliai, conversation, "Hello again").status_code == 303


def test_a_staff_proposed_match_opens_a_conversation_staff_can_join(
    client,
    towns,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    hub = User.objects.create_superuser("hub", "hub@bot.example", "pw")
    other_staff = User.objects.create_user("x", "x@bot.example", "pw", is_staff=True)
    client.force_login(hub)
    client.post("/admin/community/propose-match/", {"first": dolyna.pk, "second": siauliai.pk})
    for member, mine, other in (("olena", dolyna, siauliai), ("jonas", siauliai, dolyna)):
        client.force_login(towns[member])
        client.post(answer_url(mine, other, "yes"))
    conversation = Conversation.objects.get()
    assert conversation.match.proposed_by_hub
    # Staff add a colleague of the Hub to the conversation from the admin.
    client.force_login(hub)
    assert client.get("/admin/snippets/community/conversation/").status_code == 200
    assert client.get("/admin/snippets/community/conversation/add/").status_code in (302, 403)
    edit = f"/admin/snippets/community/conversation/edit/{conversation.pk}/"
    edited = client.post(edit, {"staff": [hub.pk]})
    assert edited.status_code == 302, edited.context["form"].errors
    assert list(conversation.staff.all()) == [hub]
    mail.outbox.clear()
    hub_url = f"/en/account/conversations/{conversation.pk}/"
    assert client.get(hub_url).status_code == 200
    with capture(execute=True):
        assert client.post(hub_url, {"body": "The Hub can help with funding."}).status_code == 303
    assert Message.objects.get().from_hub
    assert sent_to("olena@dolyna.example") and sent_to("jonas@siauliai.example")
    assert not sent_to("hub@bot.example")
    client.force_login(towns["jonas"])
    page = client.get(page_url(siauliai, conversation)).content.decode()
    assert "European Partnership Hub" in page and "The Hub can help with funding." in page
    with capture(execute=True):
        send(client, siauliai, conversation, "Thank you!")
    assert "Thank you!" in sent_to("hub@bot.example")[0].body
    # Staff not added to it, and members, do not see the Hub's address of it.
    client.force_login(other_staff)
    assert client.get(hub_url).status_code == 404
    assert client.post(hub_url, {"body": "Intrusion"}).status_code == 404
    client.force_login(towns["olena"])
    assert client.get(hub_url).status_code == 404


def test_export_and_erasure_reach_messages_and_interests(client, talk):
    import json
    from io import StringIO

    dolyna, siauliai, conversation = talk["dolyna"], talk["siauliai"], talk["conversation"]
    client.force_login(talk["jonas"])
    send(client, siauliai, conversation, "My personal words", files=[upload("cv.pdf", pdf_bytes())])
    attachment = MessageAttachment.objects.get()
    path = attachment.file.path
    out = StringIO()
    call_command("member_data", "export", "jonas@siauliai.example", stdout=out)
    [account] = json.loads(out.getvalue())["accounts"]
    [written] = account["messages"]
    assert written["body"] == "My personal words" and written["attachments"] == ["cv.pdf"]
    assert account["interests"][0]["interested_in"] == "Dolyna"
    staff = User.objects.create_superuser("hub", "hub@bot.example", "pw")
    client.force_login(staff)
    response = client.post(
        "/admin/community/member-data/",
        {"email": "jonas@siauliai.example", "action": "export"},
    )
    assert "My personal words" in response.content.decode()

    import os

    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("member_data", "erase", "jonas@siauliai.example", stderr=StringIO())
    message = Message.objects.get()
    assert (message.body, message.erased, message.author) == ("", True, None)
    assert not MessageAttachment.objects.exists() and not os.path.exists(path)
    assert message.conversation.match.interests.get(source=siauliai).created_by is None
    client.force_login(talk["olena"])
    page = client.get(page_url(dolyna, conversation)).content.decode()
    assert "This message was erased at its author" in page and "My personal words" not in page


def test_purge_deletes_messages_past_the_retention_period(client, talk, settings):
    import os
    from datetime import timedelta
    from io import StringIO

    from django.test import TestCase
    from django.utils import timezone

    siauliai, conversation = talk["siauliai"], talk["conversation"]
    client.force_login(talk["jonas"])
    send(client, siauliai, conversation, "Old news", files=[upload("old.pdf", pdf_bytes())])
    send(client, siauliai, conversation, "Fresh news")
    old = Message.objects.get(body="Old news")
    path = old.attachments.get().file.path
    settings.CONVERSATION_RETENTION_DAYS = 730
    Message.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=731))
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("purge_conversations", stdout=out)
    assert "Deleted 1 message(s) and 1 attachment(s)" in out.getvalue()
    assert list(Message.objects.values_list("body", flat=True)) == ["Fresh news"]
    assert not os.path.exists(path) and not MessageAttachment.objects.exists()


def test_the_demo_match_has_a_short_conversation(client, demo_site):
    from community.demo_interests import seed_interests
    from community.demo_members import seed_members
    from community.models import Membership

    seed_members()
    seed_interests()
    seed_interests()  # again: not duplicated
    conversation = Conversation.objects.get()
    thread = list(conversation.messages.all())
    assert len(thread) == 4
    assert len({m.author_municipality_id for m in thread}) == 2
    olena = Membership.objects.get(user__email="olena@dolyna.example")
    jonas = Membership.objects.get(user__email="jonas@siauliai-district.example")
    client.force_login(jonas.user)
    home = client.get(f"/en/account/municipality/{jonas.municipality_id}/").content.decode()
    assert "1 unread message" in home
    client.force_login(olena.user)
    page = client.get(page_url(olena.municipality, conversation, "uk")).content.decode()
    assert "Вівторок об 11:00" in page and "Hello from Šiauliai district" in page


def test_moderators_see_reported_messages_and_editors_do_not(client, talk):
    from django.contrib.auth.models import Group

    client.force_login(talk["jonas"])
    send(client, talk["siauliai"], talk["conversation"], "Visit my shop")
    message = Message.objects.get()
    client.force_login(talk["olena"])
    client.post(f"{page_url(talk['dolyna'], talk['conversation'])}report/{message.pk}/")
    moderator = User.objects.create_user("moderator", "moderator@bot.example", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    editor = User.objects.create_user("editor", "editor@bot.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(moderator)
    listing = client.get("/admin/snippets/community/messagereport/")
    assert listing.status_code == 200 and "Visit my shop" in listing.content.decode()
    client.force_login(editor)
    refused = client.get("/admin/snippets/community/messagereport/")
    assert refused.status_code == 302 or "Visit my shop" not in refused.content.decode()


def test_message_times_name_their_time_zone(client, talk):
    """Ukrainian readers would take a bare "15:53" for Kyiv time: the page says which zone."""
    from django.utils import timezone

    client.force_login(talk["jonas"])
    send(client, talk["siauliai"], talk["conversation"], "See you in Lviv")
    zone = timezone.localtime(Message.objects.get().created_at).strftime("%Z")
    client.force_login(talk["olena"])
    html = client.get(page_url(talk["dolyna"], talk["conversation"], "uk")).content.decode()
    assert f" {zone}</time>" in html


def test_after_a_report_the_page_says_so_and_a_long_reason_is_kept_to_shorten(client, talk):
    dolyna, siauliai, conversation = talk["dolyna"], talk["siauliai"], talk["conversation"]
    client.force_login(talk["jonas"])
    send(client, siauliai, conversation, "Buy cheap watches here")
    send(client, siauliai, conversation, "And cheap shoes")
    watches, shoes = Message.objects.order_by("pk")
    client.force_login(talk["olena"])
    report_url = f"{page_url(dolyna, conversation)}report/{watches.pk}/"
    # A reason longer than 1,000 characters: the page again, the error and the text, no report.
    too_long = "Це спам. " * 120
    response = client.post(report_url, {"reason": too_long})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your report was not sent: please correct it below." in html
    assert "at most 1000 characters" in html and too_long.strip() in html
    assert not watches.reports.exists()
    # Shortened: reported, and the page says so in place of the report button.
    response = client.post(report_url, {"reason": "Spam"}, follow=True)
    html = response.content.decode()
    assert "Thank you: the message was reported" in html
    assert html.count("You reported this message") == 1
    reported = html.split(f'id="message-{watches.pk}"')[1].split("</li>")[0]
    assert "You reported this message" in reported and "Report this message" not in reported
    other = html.split(f'id="message-{shoes.pk}"')[1].split("</li>")[0]
    assert "Report this message" in other
    assert watches.reports.get().reason == "Spam"
    # Jonas (the author's side) is not told; in Ukrainian the page says it in Ukrainian.
    uk = client.get(page_url(dolyna, conversation, "uk")).content.decode()
    assert "Ви поскаржилися на це повідомлення" in uk
    client.force_login(talk["jonas"])
    assert "You reported" not in client.get(page_url(siauliai, conversation)).content.decode()
