"""Teacher HTML: data: URLs only as image sources, and no remote images unless ALLOW_REMOTE_IMAGES is on
(a remote image tells its host who opened the question, and when)."""

import base64

import pytest

from quizzes.sanitize import clean_html

PNG = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()


@pytest.mark.parametrize("html", [
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
    '<a href=" data:text/html,x">x</a>',
    '<a href="da&#x0A;ta:text/html,x">x</a>',
    '<a href="data:image/png;base64,AAAA">x</a>',
])
def test_data_urls_are_removed_from_links(html):
    assert "data:" not in clean_html(html).lower()
    assert clean_html(html).startswith("<a") and ">x</a>" in clean_html(html)


def test_data_images_are_kept():
    assert clean_html(f'<p><img src="{PNG}" alt="map"></p>') == f'<p><img src="{PNG}" alt="map"></p>'


def test_an_image_src_must_be_an_image_when_it_is_data():
    assert "data:" not in clean_html('<img src="data:text/html;base64,PHNjcmlwdD4=" alt="x">')


@pytest.mark.parametrize("src", [
    "http://tracker.example/pixel.png", "https://tracker.example/pixel.png?learner=1",
    "//tracker.example/pixel.png", "/\\tracker.example/pixel.png", "\\\\tracker.example/pixel.png",
    " https://tracker.example/p.png", "HTTPS://tracker.example/p.png", "ht&#x09;tps://tracker.example/p.png",
    "ftp://tracker.example/p.png",
])
def test_remote_images_are_refused_by_default(src):
    cleaned = clean_html(f'<p>Map: <img src="{src}" alt="map"></p>')
    assert "tracker.example" not in cleaned
    assert "src=" not in cleaned


@pytest.mark.parametrize("src", ["/media/maps/hattin.png", "media/maps/hattin.png", "@@PLUGINFILE@@/map.png"])
def test_our_own_images_are_kept(src):
    assert f'src="{src}"' in clean_html(f'<img src="{src}" alt="map">')


def test_remote_images_can_be_allowed(settings):
    settings.ALLOW_REMOTE_IMAGES = True
    assert 'src="https://maps.example/hattin.png"' in clean_html('<img src="https://maps.example/hattin.png">')
    # Plain http would be mixed content on an https page: still refused.
    assert "maps.example" not in clean_html('<img src="http://maps.example/hattin.png">')
    assert "data:" not in clean_html('<a href="data:text/html,x">x</a>')


def test_links_to_the_web_stay():
    cleaned = clean_html('<a href="https://en.wikipedia.org/wiki/Battle_of_Hattin">Hattin</a>')
    assert 'href="https://en.wikipedia.org/wiki/Battle_of_Hattin"' in cleaned
    assert clean_html('<a href="mailto:t@example.org">t</a>').startswith('<a href="mailto:t@example.org"')


def test_remote_images_setting_is_read_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = "import django; django.setup(); from django.conf import settings; print(settings.ALLOW_REMOTE_IMAGES)"
    env = {k: v for k, v in os.environ.items() if k != "ALLOW_REMOTE_IMAGES"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    out = [subprocess.run([sys.executable, "-c", code], cwd=root, env=extra, capture_output=True, text=True).stdout
           for extra in (env, {**env, "ALLOW_REMOTE_IMAGES": "true"})]
    assert [line.strip() for line in out] == ["False", "True"]


def test_a_path_that_browsers_read_as_another_host_is_no_local_image():
    from quizzes.sanitize import clean_html

    for src in ("///evil.example/x.png", "/\\evil.example/x.png", "\\\\evil.example/x.png"):
        assert "evil" not in clean_html(f'<p><img src="{src}" alt="x"></p>'), src
    assert 'src="/media/map.png"' in clean_html('<p><img src="/media/map.png" alt="map"></p>')
