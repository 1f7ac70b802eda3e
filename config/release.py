"""The release the running code belongs to: caches of rendered HTML are keyed on it, so after a deploy no
worker serves what the previous release rendered (Redis outlives deploys).

`TARIKH_RELEASE` names it when the deployment sets it (a tag, a build number). Otherwise it is the git
commit of the checkout, read from `.git` without running git; a copy without `.git` (an unpacked archive)
gets a digest of every source file, template and compiled catalog of the project, so any change counts.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

SOURCE_SUFFIXES = {".py", ".html", ".mo", ".txt"}
SKIPPED_DIRECTORIES = {".git", ".venv", "node_modules", "staticfiles", "artifacts", "__pycache__", "tests", "bench"}


def git_commit(base: Path) -> str | None:
    head = base / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
    except OSError:
        return None
    if not ref.startswith("ref: "):
        return ref or None
    name = ref[5:]
    try:
        return (base / ".git" / name).read_text().strip()
    except OSError:
        pass
    try:  # refs packed by git gc
        for line in (base / ".git" / "packed-refs").read_text().splitlines():
            if line.endswith(" " + name):
                return line.split(" ", 1)[0]
    except OSError:
        pass
    return None


def source_digest(base: Path) -> str:
    digest = hashlib.blake2b(digest_size=10)
    for directory, subdirectories, files in os.walk(base):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_DIRECTORIES)
        for name in sorted(files):
            path = Path(directory) / name
            if path.suffix in SOURCE_SUFFIXES:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def release_version(base: Path) -> str:
    named = os.environ.get("TARIKH_RELEASE", "").strip()
    if named:
        return named
    commit = git_commit(base)
    # A working copy with uncommitted changes is not the commit: development runs never cache (DEBUG).
    return commit[:12] if commit else source_digest(base)
