"""The legal and help pages in English (demonstration content of seed_demo)."""

from .blocks import h2, p

CONTROLLER = (
    "European Partnership Hub — coordination team of the Bridges of Trust Community<br>"
    "Rue de l’Exemple 1, 1000 Brussels, Belgium (demonstration address)"
)

PAGES = {
    "privacy": {
        "title": "Privacy notice",
        "introduction": "What the Bridges of Trust portal collects about you, why, for how long, "
        "who sees it, and the rights you have.",
        "body": [
            h2("Who is responsible"),
            p(
                "<p>The controller of the personal data processed on this portal is the "
                f"{CONTROLLER}. "
                'Write to <a href="mailto:privacy@bridges-of-trust.example">'
                "privacy@bridges-of-trust.example</a> about anything in this notice.</p>"
            ),
            h2("What we collect and why"),
            p(
                "<ul>"
                "<li><b>Registration of a municipality.</b> The municipality’s name, country, "
                "region, population, sectors, what it offers and needs, and its contact person’s "
                "name, role, email address and phone number. We use them to publish the profile "
                "in the directory and to suggest partners. The contact’s email and phone are shown "
                "on the profile only if you tick the box for it; otherwise visitors write through "
                "the profile’s contact form. Basis: your consent, given in the form.</li>"
                "<li><b>Applications to calls for proposals.</b> The applicant and partner "
                "municipalities, the contact persons’ names, roles, email addresses and phone "
                "numbers, the project, the answers to the call’s questions and the attachments. "
                "We use them to check eligibility, assess the application, contact you and "
                "report to the programme’s funders. Basis: steps taken at your request before a "
                "grant agreement, and your consent, given when you submit.</li>"
                "<li><b>Messages through a profile’s contact form.</b> Your name, email address, "
                "organisation and message. The portal forwards them by email to the "
                "municipality’s contact person, who sees your address only then and replies to "
                "you directly. We do not publish them. Basis: your request to send the "
                "message.</li>"
                "<li><b>Member accounts.</b> Your email address and name, the municipality you act "
                "for and your role, your password (stored only as a one-way hash), one-time "
                "sign-in codes and the time of your last sign-in. Failed sign-in attempts are "
                "recorded with the address they came from, to stop password guessing. Basis: "
                "the service you asked for.</li>"
                "<li><b>Event registration and the newsletter (coming soon).</b> Until the "
                "portal offers them, you can ask by email to receive the newsletter: we then keep "
                "your email address only to send it, and delete it when you unsubscribe. This "
                "notice will say what event registration collects before it opens.</li>"
                "</ul>"
            ),
            p(
                "<p>The portal uses no analytics, advertising or tracking, and loads nothing "
                "from other sites unless you ask it to (see the cookie page). We do not sell "
                "personal data or use it for profiling.</p>"
            ),
            h2("How long we keep it"),
            p(
                "<ul>"
                "<li>Profiles: while the municipality takes part in the network. Every twelve "
                "months the contact person is asked to confirm that the profile is still "
                "correct; a profile is removed on request.</li>"
                "<li>Application drafts: deleted with their attachments when the call’s "
                "deadline has passed.</li>"
                "<li>Submitted applications: for the retention period of the call, shown on the "
                "call’s page (five years after the deadline unless the call says otherwise, as "
                "funders require); then the people’s data, texts and files are removed and only "
                "anonymous figures remain.</li>"
                "<li>Emails the portal sends, including forwarded messages: in its outgoing mail "
                "log until they are delivered, and deleted 90 days after sending.</li>"
                "<li>Member accounts: until you, your municipality’s administrator or we remove "
                "them. Invitations expire unused after a few days.</li>"
                "</ul>"
            ),
            h2("Who receives it"),
            p(
                "<p>The coordination team and the moderators of the Hub; the reviewers of a call "
                "(its applications only); the contact person of a municipality you write to. The "
                "portal is hosted in the European Union and the data stays in the European "
                "Economic Area.</p>"
            ),
            h2("Your rights"),
            p(
                "<p>You may ask for a copy of the data we hold about you (we export it in a "
                "machine-readable file), have it corrected, have it erased, restrict or object to "
                "its use, and withdraw a consent at any time without affecting what was done "
                "before. Members can correct their municipality’s profile themselves after "
                "signing in. Send your request to "
                '<a href="mailto:privacy@bridges-of-trust.example">'
                "privacy@bridges-of-trust.example</a>; we answer within one month. You may also "
                "complain to a data protection authority, in Belgium the Data Protection "
                "Authority (Autorité de protection des données).</p>"
            ),
            p("<p>Last updated: December 2026.</p>"),
        ],
    },
    "cookies": {
        "title": "Cookies",
        "introduction": "The portal sets only the cookies it needs to work. There is no "
        "analytics, advertising or tracking cookie, so there is nothing to accept.",
        "body": [
            h2("The cookies the portal sets"),
            p(
                "<ul>"
                "<li><b>csrftoken</b>: protects the forms (registration, applications, contact, "
                "sign-in) against requests forged by other sites. Set when you open a page with a "
                "form; kept for a year.</li>"
                "<li><b>sessionid</b>: keeps you signed in to the member space (and staff in the "
                "admin) and remembers what a form needs between two pages. Set only when you sign "
                "in or a form needs it; deleted when you close the browser, or after two weeks if "
                "you chose to stay signed in.</li>"
                "<li><b>messages</b>: carries a one-time confirmation such as “Your message has "
                "been sent” to the next page; deleted as soon as it is shown.</li>"
                "<li><b>wagtail_sidebar_collapsed</b>: staff only, in the admin: remembers whether "
                "the admin menu is folded.</li>"
                "</ul>"
            ),
            h2("What the portal does not set"),
            p(
                "<p>No language cookie: the language is part of the address (/en/, /uk/). No "
                "cookie from the protection against password guessing: failed sign-ins are "
                "recorded on the server. No analytics, advertising, social media or other "
                "third-party cookies, and no fonts, scripts or maps loaded from other sites.</p>"
            ),
            h2("Videos from other sites"),
            p(
                "<p>A story may show a video hosted elsewhere. It is loaded only when you press "
                "“Play the video here”; from then on the video’s site may set its own "
                "cookies under its own privacy policy.</p>"
            ),
            h2("Why there is no cookie banner"),
            p(
                "<p>Cookies that are strictly necessary for a service you ask for need no "
                "consent, and these are the only ones the portal sets. You can delete them in "
                "your browser at any time; you will then be signed out and an unsent form may "
                "have to be sent again. More in the privacy notice.</p>"
            ),
        ],
    },
    "accessibility": {
        "title": "Accessibility statement",
        "introduction": "We want everyone to be able to use the Bridges of Trust portal, "
        "whatever their device, abilities or assistive technology.",
        "body": [
            h2("Our aim"),
            p(
                "<p>The portal aims to meet the Web Content Accessibility Guidelines 2.1 "
                "(WCAG 2.1) at level AA, the standard of the European accessibility "
                "requirements (EN 301 549). It works with a keyboard, with screen readers, "
                "when zoomed to 400 % and without JavaScript for its forms and listings.</p>"
            ),
            h2("How far we are"),
            p(
                "<p>The portal is <b>partially compliant</b>. These are the known problems we "
                "are fixing:</p>"
                "<ul>"
                "<li>Some forms do not yet put an error summary at the top, and a screen reader "
                "may not read a field’s error message with the field.</li>"
                "<li>On phones the menu can make the page jump while it loads.</li>"
                "<li>The map cannot be used fully with a keyboard or a screen reader; the same "
                "municipalities are listed below it and in the directory.</li>"
                "<li>Some documents attached to calls for proposals are PDF files that are not "
                "accessible; ask us for another format.</li>"
                "<li>On Ukrainian pages some names and labels are still in English.</li>"
                "</ul>"
            ),
            h2("Tell us about a problem"),
            p(
                "<p>If something on the portal is hard to use, or you need a page or document in "
                "another format, write to "
                '<a href="mailto:accessibility@bridges-of-trust.example">'
                "accessibility@bridges-of-trust.example</a>. Say which page and what happened; "
                "we answer within ten working days. If our answer does not satisfy you, you may "
                "turn to the national body that enforces the accessibility of public websites.</p>"
            ),
            h2("How this statement was made"),
            p(
                "<p>The portal was checked by its team with automated tests and by hand, with a "
                "keyboard and a screen reader in English and Ukrainian. This statement was "
                "prepared in December 2026 and is reviewed at least once a year.</p>"
            ),
        ],
    },
    "contact": {
        "title": "Contact",
        "introduction": "How to reach the coordination team of the European Partnership Hub.",
        "body": [
            h2("The coordination team"),
            p(
                f"<p>{CONTROLLER}<br>"
                'Email: <a href="mailto:partnerships@bridges-of-trust.example">'
                "partnerships@bridges-of-trust.example</a></p>"
                "<p>We answer in English or Ukrainian, usually within three working days.</p>"
            ),
            h2("Whom to ask"),
            p(
                "<ul>"
                "<li>Finding a partner, registering your municipality, the directory: the team’s "
                "address above.</li>"
                "<li>A call for proposals: the contact named on the call’s page.</li>"
                "<li>A municipality of the network: the contact form on its profile in the "
                "directory.</li>"
                "<li>Your personal data: "
                '<a href="mailto:privacy@bridges-of-trust.example">'
                "privacy@bridges-of-trust.example</a>.</li>"
                "<li>Accessibility of the portal: "
                '<a href="mailto:accessibility@bridges-of-trust.example">'
                "accessibility@bridges-of-trust.example</a>.</li>"
                "</ul>"
            ),
        ],
    },
    "imprint": {
        "title": "Imprint",
        "introduction": "Who publishes the Bridges of Trust portal.",
        "body": [
            h2("Publisher"),
            p(
                f"<p>{CONTROLLER}<br>"
                'Email: <a href="mailto:partnerships@bridges-of-trust.example">'
                "partnerships@bridges-of-trust.example</a></p>"
                "<p>Responsible for the content: the head of the coordination team, at the "
                "address above.</p>"
            ),
            h2("Demonstration"),
            p(
                "<p>This installation is a demonstration. Addresses, people and figures on it are "
                "examples; the network’s history is taken from public reports about it.</p>"
            ),
            h2("Content and links"),
            p(
                "<p>Stories, profiles and documents are published by the coordination team and "
                "the member municipalities, each responsible for what they provide. We check "
                "links to other sites when we add them but are not responsible for those "
                "sites.</p>"
                "<p>The portal is built with Wagtail and Django, free and open-source "
                "software, and is hosted in the European Union.</p>"
            ),
        ],
    },
}
