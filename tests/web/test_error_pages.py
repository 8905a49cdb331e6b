"""Error pages speak the page's language, and a failed commit shows the app's own page with nothing written."""

from __future__ import annotations


def test_a_missing_page_is_explained_in_the_ui_language(client):
    assert "Không tìm thấy trang." in client.get("/nothing-here").get_data(as_text=True)
    english = client.get("/nothing-here?lang=en").get_data(as_text=True)
    assert "Page not found." in english
    assert "Không tìm thấy trang." not in english


def test_the_api_answers_a_missing_route_in_json(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["result"] == "error"
