"""Walking through the application form as an applicant does."""

import re

from calls.factories import applicant_data, partner_data, project_data


def apply_url(call):
    return call.url + call.reverse_subpage("apply")


def key_from(response):
    """The private link's key, from the redirect after step 1."""
    match = re.search(r"/apply/([^/]+)/step-2/$", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def step_url(call, key, step):
    return call.url + call.reverse_subpage("apply_step", args=[key, step])


def done_url(call, key):
    return call.url + call.reverse_subpage("apply_done", args=[key])


def fill_first_three_steps(client, call):
    response = client.post(apply_url(call), applicant_data())
    assert response.status_code == 303, response.content.decode()[:2000]
    key = key_from(response)
    assert client.post(step_url(call, key, 2), partner_data()).status_code == 303
    assert client.post(step_url(call, key, 3), project_data()).status_code == 303
    return key


def submission_token(client, call, key):
    page = client.get(step_url(call, key, 4)).content.decode()
    return re.search(r'name="submission_token" value="([^"]+)"', page).group(1)


def submit_data(token, **extra):
    return {"submission_token": token, "consent": "on", "submit": "1", "website_url": "", **extra}
