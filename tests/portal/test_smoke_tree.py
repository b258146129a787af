def test_language_tree_serves_both_home_pages(client, homes):
    assert client.get("/en/").status_code == 200
    response = client.get("/uk/")
    assert response.status_code == 200
    assert "Громади України та ЄС відбудовують разом" in response.content.decode()
