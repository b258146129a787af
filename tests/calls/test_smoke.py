def test_call_page_renders(client, call):
    response = client.get(call.url)
    assert response.status_code == 200, response.content.decode()[:3000]
    assert b"Apply now" in response.content
    response = client.get(call.url + "apply/")
    assert response.status_code == 200, response.content.decode()[:3000]
