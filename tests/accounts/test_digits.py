"""Western (1867) or Arabic-Indic (١٨٦٧) digits on Arabic pages (issue 14, defect 7): a default from the browser's
Arabic region, a setting of the reader's own, and only the text a person reads rewritten."""

import re

import pytest
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.test import RequestFactory

from accounts.models import User
from bilingual import digits
from bilingual.middleware import DigitsMiddleware, arabic_indic_text
from tests import factories

ALM = "\u061c"


# --- the default -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("header", "expected"), [
    ("ar-EG,ar;q=0.9,en;q=0.8", digits.ARABIC_INDIC),
    ("ar-SA", digits.ARABIC_INDIC),
    ("ar-iq", digits.ARABIC_INDIC),  # the header's case does not matter
    ("ar-Arab-SY", digits.ARABIC_INDIC),  # a script before the region
    ("en-GB,ar-JO;q=0.5", digits.ARABIC_INDIC),  # the first Arabic entry counts, wherever it stands
    ("ar-MA", digits.WESTERN),  # the Maghreb writes Western digits
    ("ar-DZ,ar-EG;q=0.5", digits.WESTERN),  # only the first Arabic entry counts
    ("ar-TN", digits.WESTERN),
    ("ar-AE", digits.WESTERN),  # CLDR: Western since version 42
    ("ar", digits.WESTERN),  # CLDR's "ar" with no region: Western
    ("en-US,en;q=0.9", digits.WESTERN),
    ("", digits.WESTERN),
    ("*;q=0.1, garbage", digits.WESTERN),
])
def test_the_default_is_cldrs_for_the_first_arabic_region_the_browser_asks_for(header, expected):
    assert digits.default_for_accept_language(header) == expected


# --- what is rewritten --------------------------------------------------------------------------------------
def test_text_between_tags_is_rewritten_with_arabic_separators_and_percent_sign():
    html = "<p>درجتك 66.7% من 1,867 سؤالًا، 8 ديسمبر 1861، 21:25</p>"
    assert arabic_indic_text(html) == f"<p>درجتك ٦٦٫٧٪{ALM} من ١٬٨٦٧ سؤالًا، ٨ ديسمبر ١٨٦١، ٢١:٢٥</p>"


def test_a_percent_sign_after_a_number_becomes_the_arabic_one_a_space_before_it_goes():
    assert arabic_indic_text("<p>100 % و50%، ونسبة %</p>") == f"<p>١٠٠٪{ALM} و٥٠٪{ALM}، ونسبة %</p>"


def test_attributes_never_change():
    html = ('<span class="bar" data-inline-size="26.7" aria-valuenow="33.3" style="inline-size: 26.7%"></span>'
            '<a href="/ar/quizzes/12/" title="12">12</a><svg viewBox="0 0 640 220"><circle cx="10.5" cy="20"/>'
            '<text x="4" y="36">50%</text></svg>')
    assert arabic_indic_text(html) == (
        '<span class="bar" data-inline-size="26.7" aria-valuenow="33.3" style="inline-size: 26.7%"></span>'
        f'<a href="/ar/quizzes/12/" title="12">١٢</a><svg viewBox="0 0 640 220"><circle cx="10.5" cy="20"/>'
        f'<text x="4" y="36">٥٠٪{ALM}</text></svg>')


@pytest.mark.parametrize("html", [
    "<script>const size = 26.7; if (a < 3) { b = '<p>4</p>'; }</script>",
    '<script type="application/json">{"seconds": 120}</script>',
    "<style>.bar { inline-size: 80% } .x > .y { margin: 0 1px }</style>",
    "<textarea name=answer>1862 <b>5</b></textarea>",
    '<input name="q0" value="1862"><input type="hidden" value="12">',
    "<code>%50%1863</code>", "<pre>1 2 <span>3</span> 4</pre>", "<kbd>Ctrl</kbd><kbd>1</kbd>",
    '<span data-machine>2026-12-02T14:25:00</span>',
    '<div data-machine="true"><div>12</div><div>34</div></div>',
    '<span translate="no">v1.2.3</span>',
    '<bdi dir="ltr" class="sign-in-secret">badr7 · 4829-1173</bdi>',
    "<!-- 12 --><!DOCTYPE html>",
])
def test_machine_read_and_verbatim_text_never_changes(html):
    assert arabic_indic_text(html) == html


def test_text_after_a_skipped_element_is_rewritten_again():
    html = '<div data-machine><div>12</div><p>3</p></div> 45 <script>6</script> 7 <code>8</code> 9'
    assert arabic_indic_text(html) == (
        '<div data-machine><div>12</div><p>3</p></div> ٤٥ <script>6</script> ٧ <code>8</code> ٩')


def test_an_escaped_greater_than_sign_in_an_attribute_does_not_end_the_tag():
    """Django writes ">" in an attribute as "&gt;"; the rewriting counts on it (no template writes a raw one)."""
    assert arabic_indic_text('<a title="a &gt; 3" href="/4">5</a>') == '<a title="a &gt; 3" href="/4">٥</a>'


def test_marker_words_in_text_mark_nothing():
    assert arabic_indic_text("<p>data-machine 12</p><p>sign-in-secret 3</p>") == (
        "<p>data-machine ١٢</p><p>sign-in-secret ٣</p>")


# --- the middleware -----------------------------------------------------------------------------------------
def _through_middleware(response, *, path="/ar/", accept_language="ar-EG", **extra):
    request = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE=accept_language, **extra)
    request.LANGUAGE_CODE = path.split("/")[1]
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return DigitsMiddleware(lambda request: response)(request)


def test_non_html_and_streaming_answers_and_english_pages_are_left_alone():
    json = _through_middleware(JsonResponse({"percent": 66.7}))
    assert json.content == b'{"percent": 66.7}'
    csv = _through_middleware(HttpResponse("name,grade\nBadr,66.7\n", content_type="text/csv"))
    assert csv.content == b"name,grade\nBadr,66.7\n"
    streamed = _through_middleware(StreamingHttpResponse(iter(["<p>12</p>"])))
    assert b"".join(streamed.streaming_content) == b"<p>12</p>"
    english = _through_middleware(HttpResponse("<p>12</p>"), path="/en/")
    assert english.content == b"<p>12</p>"


def test_htmx_fragments_are_rewritten_and_the_length_follows():
    response = HttpResponse("<p>12</p>")
    response["Content-Length"] = "9"
    response = _through_middleware(response, HTTP_HX_REQUEST="true")
    assert response.content.decode() == "<p>١٢</p>"
    assert response["Content-Length"] == str(len("<p>١٢</p>".encode()))
    assert "Accept-Language" in response["Vary"]


def test_a_visitor_with_a_maghreb_browser_keeps_western_digits():
    assert _through_middleware(HttpResponse("<p>12</p>"), accept_language="ar-MA").content == b"<p>12</p>"


# --- on real pages ------------------------------------------------------------------------------------------
@pytest.fixture
def learner_with_mastery(client):
    learner = factories.learner_with_mastery()  # one of three right: 33.3%
    client.force_login(learner)
    return learner


@pytest.mark.django_db
def test_the_progress_page_shows_arabic_indic_digits_and_keeps_machine_numbers_western(client, learner_with_mastery):
    learner_with_mastery.digits = User.Digits.ARABIC_INDIC
    learner_with_mastery.save()
    html = client.get("/ar/progress/", HTTP_ACCEPT_LANGUAGE="ar-MA").content.decode()  # the setting wins
    assert f"٣٣٫٣٪{ALM}" in html  # the grade, through the percent filter
    sizes = re.findall(r'data-inline-size="([^"]*)"', html)
    assert sizes and all(re.fullmatch(r"\d+(\.\d+)?", size) for size in sizes)
    assert re.search(r'<circle cx="\d+(\.\d+)?" cy="\d+(\.\d+)?"', html)  # SVG coordinates
    text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]*>", "", html, flags=re.S)
    assert not re.search(r"[0-9]", text), re.findall(r".{20}[0-9].{20}", text)[:5]


@pytest.mark.django_db
def test_a_visitor_gets_the_default_of_the_browsers_region(client):
    page = factories.event().get_absolute_url().replace("/en/", "/ar/")  # the Battle of Puebla, 5 May 1862
    egypt = client.get(page, HTTP_ACCEPT_LANGUAGE="ar-EG").content.decode()
    morocco = client.get(page, HTTP_ACCEPT_LANGUAGE="ar-MA").content.decode()
    text = [re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]*>", "", page, flags=re.S) for page in (egypt, morocco)]
    assert re.search("[٠-٩]", text[0]) and not re.search("[0-9]", text[0])
    assert re.search("[0-9]", text[1]) and not re.search("[٠-٩]", text[1])


@pytest.mark.django_db
def test_the_settings_page_shows_the_default_in_force_and_saves_the_choice(client):
    learner = factories.learner()
    client.force_login(learner)
    page = client.get("/ar/accounts/settings/", HTTP_ACCEPT_LANGUAGE="ar-SA")
    assert page.status_code == 200
    assert page.context["form"].initial["digits"] == digits.ARABIC_INDIC  # the browser's default, until chosen
    html = page.content.decode()
    assert '<bdi translate="no">1867</bdi>' in html and '<bdi translate="no">١٨٦٧</bdi>' in html  # samples kept
    response = client.post("/ar/accounts/settings/", {"digits": digits.WESTERN}, HTTP_ACCEPT_LANGUAGE="ar-SA")
    assert response.status_code == 302 and response.url == "/ar/accounts/settings/"
    learner.refresh_from_db()
    assert learner.digits == User.Digits.WESTERN
    after = client.get("/ar/accounts/settings/", HTTP_ACCEPT_LANGUAGE="ar-SA").content.decode()
    assert not re.search("[٠-٩]", re.sub(r"<[^>]*>|١٨٦٧", "", after))  # the setting beats the browser


@pytest.mark.django_db
def test_the_settings_page_refuses_an_unknown_choice(client):
    learner = factories.learner()
    client.force_login(learner)
    response = client.post("/en/accounts/settings/", {"digits": "hanidec"})
    assert response.status_code == 200 and response.context["form"].errors["digits"]
    learner.refresh_from_db()
    assert learner.digits == ""


@pytest.mark.django_db
def test_the_progress_page_links_to_the_settings(client, learner_with_mastery):
    assert 'href="/en/accounts/settings/"' in client.get("/en/progress/").content.decode()
