"""The production configuration that docs/deploy.md documents passes `check --deploy --fail-level WARNING`
as written, works behind the TLS proxy it describes, and serves the static files but not their manifest."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "docs" / "deploy.md"


def documented_environment() -> dict[str, str]:
    """The variables of the `tarikh.env` block in docs/deploy.md; only the secret's placeholder is filled in."""
    block = re.search(r"```sh\n# tarikh\.env\n(.*?)```", DEPLOY.read_text("utf-8"), re.S).group(1)
    variables = {}
    for line in block.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            name, value = line.split("=", 1)
            variables[name] = value
    assert variables["SECRET_KEY"].startswith("<"), "the documented SECRET_KEY must be a placeholder"
    variables["SECRET_KEY"] = secrets.token_urlsafe(50)
    return variables


def run(args: list[str], variables: dict[str, str]) -> subprocess.CompletedProcess:
    # Nothing from the developer's shell that the settings read: only the documented variables.
    environment = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR", "VIRTUAL_ENV"}}
    environment.update(variables, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=120)


def test_the_documented_production_environment_passes_the_deploy_check():
    variables = documented_environment()
    assert variables["DEBUG"] == "false"
    assert {"SECURE_PROXY_SSL_HEADER", "CSRF_TRUSTED_ORIGINS", "TRUSTED_PROXY_HEADER"} <= set(variables)
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], variables)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_turning_off_the_ssl_redirect_fails_the_check():
    """Why the documentation keeps SECURE_SSL_REDIRECT on behind the proxy (Django's W008)."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                 {**documented_environment(), "SECURE_SSL_REDIRECT": "false"})
    assert result.returncode != 0 and "security.W008" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """The documented environment, with collectstatic run into a folder of its own and an empty database."""
    folder = tmp_path_factory.mktemp("production")
    variables = {**documented_environment(), "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
                 "STATIC_BUILD_DIR": str(folder / "static")}
    result = run(["manage.py", "collectstatic", "--no-input", "--verbosity", "0"], variables)
    assert result.returncode == 0, result.stderr[-3000:]
    return variables


@pytest.mark.slow
def test_behind_the_documented_proxy_https_requests_are_served_and_http_is_redirected(production):
    code = (
        "import django; django.setup(); from django.test import Client; client = Client();\n"
        "host = {'HTTP_HOST': 'tarikh.example'}\n"
        "https = client.get('/en/accounts/login/', HTTP_X_FORWARDED_PROTO='https', **host)\n"
        "plain = client.get('/en/accounts/login/', **host)\n"
        "print(https.status_code, plain.status_code, plain.get('Location'))"
    )
    result = run(["-c", code], production)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["200", "301", "https://tarikh.example/en/accounts/login/"]


@pytest.mark.slow
def test_the_static_manifest_is_not_served_in_production(production):
    """whitenoise serves everything under STATIC_ROOT; the manifest (staticfiles.json) is kept outside it."""
    code = (
        "import django; django.setup(); from django.templatetags.static import static; "
        "from django.test import Client; client = Client(HTTP_HOST='tarikh.example', HTTP_X_FORWARDED_PROTO='https'); "
        "css = static('css/tarikh.css'); print(css, client.get(css).status_code); "
        "print('/static/staticfiles.json', client.get('/static/staticfiles.json').status_code)"
    )
    result = run(["-c", code], production)
    assert result.returncode == 0, result.stderr[-3000:]
    css_line, manifest_line = result.stdout.splitlines()[:2]
    assert re.fullmatch(r"/static/css/tarikh\.[0-9a-f]{12}\.css 200", css_line), css_line
    assert manifest_line.endswith(" 404"), manifest_line
    build = Path(production["STATIC_BUILD_DIR"])
    assert (build / "staticfiles.json").exists() and not (build / "public" / "staticfiles.json").exists()
