import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "accept, expected",
    [("en-US,en;q=0.9", "/en/"), ("ar-EG,ar;q=0.9", "/ar/"), ("fr-FR", "/ar/"), ("", "/ar/")],
)
def test_root_redirects_by_accept_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("lang, direction", [("ar", "rtl"), ("en", "ltr")])
def test_html_element_carries_language_and_direction(client, lang, direction):
    html = client.get(f"/{lang}/").content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html


def test_switcher_returns_to_the_same_page_in_the_other_language(client, make):
    make.topic(slug="mexico")
    html = client.get("/ar/topics/mexico/").content.decode()
    assert 'href="/en/topics/mexico/" hreflang="en"' in html
    html = client.get("/en/topics/mexico/?x=1").content.decode()
    assert 'href="/ar/topics/mexico/?x=1" hreflang="ar"' in html


@pytest.mark.parametrize(
    "path, phrase",
    [
        ("/en/no-such-page/", "Page not found"),
        ("/ar/no-such-page/", "الصفحة غير موجودة"),
        ("/en/topics/unknown-slug/", "Page not found"),
        ("/ar/topics/unknown-slug/", "الصفحة غير موجودة"),
    ],
)
def test_404_page_is_in_the_active_language(client, path, phrase):
    response = client.get(path)
    assert response.status_code == 404
    assert phrase in response.content.decode()


def test_unknown_language_prefix_gives_a_translated_404(client):
    response = client.get("/fr/topics/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_404_page_switcher_points_to_the_same_path(client):
    html = client.get("/en/no-such-page/").content.decode()
    assert 'href="/ar/no-such-page/"' in html
