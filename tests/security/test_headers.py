"""Every page carries a Content-Security-Policy (django-csp) with no inline script or style allowed, and a
Permissions-Policy that turns off the devices and sensors Tarikh never uses. The templates hold no inline
script or style attribute, so the policy breaks nothing."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "s" * 20 + "-a-long-random-production-secret-key-0123456789",
              "ALLOWED_HOSTS": "tarikh.example,testserver"}


def policy(response) -> dict[str, list[str]]:
    header = response if isinstance(response, str) else response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "BENCH_BASELINE",
                                "ALLOW_REMOTE_IMAGES", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/", "/ar/accounts/login/", "/en/admin/login/"])
def test_pages_carry_a_strict_content_security_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"][0] == "'self'"
    assert all(source.startswith("'nonce-") for source in directives["script-src"][1:])
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["form-action"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "*" not in header


@pytest.mark.django_db
def test_pages_carry_a_permissions_policy(client):
    header = client.get("/en/")["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture", "browsing-topics"):
        assert features[feature] == "()", feature


def templates():
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*.html") if ".venv" not in path.parts)


def test_no_template_holds_inline_script_or_style():
    """A policy without 'unsafe-inline' would block them: scripts go to static/js, sizes to data attributes."""
    offences = []
    for path in templates():
        html = path.read_text("utf-8")
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I):
            attributes, body = match.groups()
            if body.strip() and "nonce=" not in attributes and "application/json" not in attributes:
                offences.append(f"{path.relative_to(ROOT)}: inline <script>")
        if re.search(r"<style\b", html, re.I):
            offences.append(f"{path.relative_to(ROOT)}: <style>")
        if re.search(r"\sstyle\s*=", html, re.I):
            offences.append(f"{path.relative_to(ROOT)}: style attribute")
        if re.search(r"\son[a-z]+\s*=", html, re.I):
            offences.append(f"{path.relative_to(ROOT)}: event handler attribute")
        if re.search(r"javascript:", html, re.I):
            offences.append(f"{path.relative_to(ROOT)}: javascript: URL")
    assert offences == []


@pytest.mark.django_db
def test_bars_take_their_size_from_a_data_attribute(client, make):
    """The progress bars of the attempt page and the dashboard are sized by static/js/sizes.js."""
    learner = make.learner()
    client.force_login(learner)
    html = client.get("/en/progress/").content.decode()
    assert "js/sizes.js" in html and "style=" not in html


def test_remote_images_setting_opens_the_image_policy_to_https():
    code = ("import django; django.setup(); from django.test import Client; "
            "print(Client().get('/en/accounts/login/')['Content-Security-Policy'])")
    result = run_python(code, ALLOW_REMOTE_IMAGES="true", DATABASE_URL="sqlite:///:memory:")
    assert policy(result.stdout.strip())["img-src"] == ["'self'", "data:", "https:"], result.stderr[-2000:]


@pytest.mark.django_db
def test_the_bench_baseline_page_is_off_unless_the_benchmark_turns_it_on(client, make, settings):
    client.force_login(make.learner())
    assert client.get("/en/bench/baseline/").status_code == 404
    settings.BENCH_BASELINE = True
    assert client.get("/en/bench/baseline/").status_code == 200


@pytest.mark.django_db
def test_bare_django_is_off_unless_the_benchmark_turns_it_on_and_reads_nothing(client, settings,
                                                                              django_assert_num_queries):
    assert client.get("/bench/bare/").status_code == 404
    settings.BENCH_BASELINE = True
    with django_assert_num_queries(0):
        response = client.get("/bench/bare/")
    assert response.status_code == 200 and response.content == b"ok"
    assert "sessionid" not in response.cookies


def test_the_bench_baseline_is_read_from_the_environment():
    code = "import django; django.setup(); from django.conf import settings; print(settings.BENCH_BASELINE)"
    assert run_python(code).stdout.strip() == "False"
    assert run_python(code, BENCH_BASELINE="true").stdout.strip() == "True"
