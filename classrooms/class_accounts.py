"""Class accounts: a teacher makes the accounts of a class from its list of names, and resets their passwords.

Many learners of fourteen have no e-mail address, so their teacher makes their accounts: one name per line
(Arabic or Latin) becomes a learner with a generated username and password, enrolled in the class. One
function, `class_accounts_plan`, decides every row and every problem; the preview shows its plan and
`class_accounts_create` carries out the same plan, so the real run refuses exactly what the preview refused.

Passwords are never stored in clear: they are shown once, on the sign-in cards of the response that made them.
A card lost later means a new password (`class_account_password_reset`).

Each password is hashed with Django's PBKDF2 (1,000,000 iterations), deliberately slow: some 0.2 s on a fast server
core, 0.68 s of CPU measured on the busy 2-core development machine. The batch is hashed on every core at once
(hashlib releases the GIL), so a full batch of MAX_ACCOUNTS takes some 6 s on two quiet cores, inside a request's
time (gunicorn's timeout is 30 s): a task done once a term; the page warns that it can take up to a minute.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from anyascii import anyascii
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _, ngettext

from accounts.roles import TEACHERS, make_learner
from bilingual.folding import normalise
from classrooms.models import Classroom, Membership
from classrooms.services import _require_teacher

# A class list is one class: a longer paste is almost always a mistake (two lists, a whole year group), and
# hashing each password takes a fraction of a second, so a batch must stay well inside a request's time.
MAX_ACCOUNTS = 60
# What fits on a sign-in card on two lines; the longest real names (with a father's and grandfather's) fit.
MAX_NAME_LENGTH = 60
# The first name's part of a username; the whole stays short enough to type.
USERNAME_FIRST_LENGTH = 16

# Easy to read aloud and type for a learner of fourteen: lowercase letters without l, o and i (which look like
# 1 and 0), then digits. 23**5 * 10**4 is about 6 * 10**10 passwords, and django-axes locks an account out
# after a few wrong guesses.
PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz"
PASSWORD_DIGITS = "0123456789"
PASSWORD_SHAPE = (5, 4)
PASSWORD_TRIES = 20

# Arabic compound first names whose first word alone is not a name: "عبد الله", "أبو بكر".
COMPOUND_PREFIXES = {normalise(word) for word in ("عبد", "أبو", "ابو")}
# Bidi controls and zero-width spaces that a copied list carries; ZWNJ and ZWJ stay (they spell Persian names).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                                    "\u2066\u2067\u2068\u2069\ufeff"))
# A number a spreadsheet or a numbered list puts before each name: "1. ", "12) ", "٣- ", "4<tab>".
_LIST_NUMBER = re.compile(r"^\s*[0-9\u0660-\u0669\u06f0-\u06f9]+(?:\s*[.)\-–:]\s*|\s+)")


@dataclass(frozen=True)
class Problem:
    """Why a row or the whole list cannot be made: a `code` for programs, a `message` for the teacher."""

    code: str
    message: str


@dataclass(frozen=True)
class PlannedAccount:
    """One line of the list: the account it becomes, or the problems that stop it."""

    line: int
    name: str
    first_name: str
    last_name: str
    username: str
    password: str
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class AccountsPlan:
    classroom: Classroom
    rows: tuple[PlannedAccount, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def refused(self) -> bool:
        return bool(self.problems) or any(row.problems for row in self.rows)

    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(problem for row in self.rows for problem in row.problems)]


@dataclass(frozen=True)
class SignInCard:
    """What one printed card tells a learner; `password` exists only in the response that shows it."""

    name: str
    username: str
    password: str


# --- names, usernames, passwords ----------------------------------------------------------------------------
def name_clean(line: str) -> str:
    """The name on one line of a list as it is stored: one form of each letter, no invisible controls, no list
    number before it, single spaces."""
    text = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    text = _LIST_NUMBER.sub("", text)
    return " ".join(text.split())


def name_split(name: str) -> tuple[str, str]:
    """(first name, last name) of a full name: the first word, or two for "عبد الله", "أبو بكر"."""
    words = name.split(" ")
    count = 2 if len(words) > 2 and normalise(words[0]) in COMPOUND_PREFIXES else 1
    return " ".join(words[:count]), " ".join(words[count:])


def ascii_letters(text: str) -> str:
    """`text` transliterated to lowercase ASCII letters and digits ("محمد" → "mhmd", "ليلى" → "lyla", "Zoë" → "zoe").

    Marks are dropped first, so that a name written with or without its vowel marks (tashkeel) gives one username.
    """
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]", "", anyascii(bare).lower())


def _surname_initial(last_name: str) -> str:
    word = last_name.split(" ")[-1] if last_name else ""
    # The article of "الزهراني" would give half of an Arabic class the same initial.
    folded = normalise(word)
    if folded.startswith("ال") and len(folded) > 2:
        folded = folded[2:]
    return ascii_letters(folded)[:1]


def username_base(first_name: str, last_name: str) -> str:
    """The username a name asks for: first name and the surname's initial, "mhmd.z" for "محمد الزهراني"."""
    first = ascii_letters(first_name)[:USERNAME_FIRST_LENGTH] or "learner"
    initial = _surname_initial(last_name)
    return f"{first}.{initial}" if initial else first


def username_choose(base: str, taken: set[str]) -> str:
    """`base`, or `base` with the smallest number from 2 that makes it free; `taken` holds lowercase names."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate


def password_generate(*, user) -> str:
    """A new password for `user` that the project's password validators accept."""
    letters, digits = PASSWORD_SHAPE
    for _try in range(PASSWORD_TRIES):
        password = "".join(secrets.choice(PASSWORD_LETTERS) for _ in range(letters)) + "".join(
            secrets.choice(PASSWORD_DIGITS) for _ in range(digits))
        try:
            password_validation.validate_password(password, user=user)
        except ValidationError:
            continue
        return password
    raise RuntimeError(f"No generated password passed the validators in {PASSWORD_TRIES} tries.")


def _taken_usernames(bases) -> set[str]:
    """The lowercase usernames already in use that start with one of `bases` (one query)."""
    starts = Q()
    for base in set(bases):
        starts |= Q(username__istartswith=base)
    if not starts:
        return set()
    return {name.lower() for name in get_user_model().objects.filter(starts).values_list("username", flat=True)}


# --- the plan, the accounts ----------------------------------------------------------------------------------
def class_accounts_plan(*, classroom: Classroom, names: str) -> AccountsPlan:
    """The accounts that the list `names` (one name per line) would make in `classroom`, with every problem.

    Empty lines are ignored. A name is refused when it is too long, has no letter, comes twice in the list or
    belongs to a learner of the class already (which also stops a list sent twice); a list with no name or more
    than MAX_ACCOUNTS is refused as a whole. The plan writes nothing.
    """
    lines = [(number, name_clean(line)) for number, line in enumerate((names or "").splitlines(), start=1)]
    lines = [(number, name) for number, name in lines if name]
    problems = []
    if not lines:
        problems.append(Problem("empty", _("The list has no names: write one name per line.")))
    elif len(lines) > MAX_ACCOUNTS:
        problems.append(Problem("too_many", ngettext(
            "The list has %(count)d names; at most %(max)d accounts can be made at once. Split the list.",
            "The list has %(count)d names; at most %(max)d accounts can be made at once. Split the list.",
            len(lines)) % {"count": len(lines), "max": MAX_ACCOUNTS}))
    members = {normalise(m.learner.get_full_name()): m.learner.get_username()
               for m in classroom.memberships.select_related("learner")}
    splits = [name_split(name) for _number, name in lines]
    taken = _taken_usernames(username_base(*split) for split in splits)
    seen: dict[str, int] = {}
    rows = []
    User = get_user_model()
    for (number, name), (first_name, last_name) in zip(lines, splits):
        row_problems = []
        folded = normalise(name)
        if len(name) > MAX_NAME_LENGTH:
            row_problems.append(Problem("too_long", ngettext(
                "Line %(line)d: the name is longer than %(max)d character. Shorten it.",
                "Line %(line)d: the name is longer than %(max)d characters. Shorten it.",
                MAX_NAME_LENGTH) % {"line": number, "max": MAX_NAME_LENGTH}))
        if not any(character.isalpha() for character in name):
            row_problems.append(Problem("no_letters", _("Line %(line)d: this is not a name, it has no letters.")
                                        % {"line": number}))
        if folded in seen:
            row_problems.append(Problem("duplicate", _(
                "Line %(line)d: the same name is on line %(first)d. Add something to tell the two apart, "
                "such as a father's name.") % {"line": number, "first": seen[folded]}))
        else:
            seen[folded] = number
        if folded in members:
            # The username is isolated (FSI … PDI): Latin inside an Arabic sentence keeps its order.
            row_problems.append(Problem("member", _(
                "Line %(line)d: this learner is in the class already, with the username %(username)s.")
                % {"line": number, "username": f"\u2068{members[folded]}\u2069"}))
        username = username_choose(username_base(first_name, last_name), taken)
        taken.add(username)
        password = password_generate(user=User(username=username, first_name=first_name, last_name=last_name))
        rows.append(PlannedAccount(line=number, name=name, first_name=first_name, last_name=last_name,
                                   username=username, password=password, problems=tuple(row_problems)))
    return AccountsPlan(classroom=classroom, rows=tuple(rows), problems=tuple(problems))


@transaction.atomic
def class_accounts_create(*, classroom: Classroom, teacher, names: str, now) -> list[SignInCard]:
    """Make the accounts that `class_accounts_plan` plans for `names`, all or none, and return their cards.

    Each account is a learner enrolled in the class, marked as made by `teacher`. A refused plan raises
    ValidationError with every problem and writes nothing; so does a username taken since the plan was made
    (IntegrityError, the whole batch rolled back).
    """
    _require_teacher(classroom, teacher)
    plan = class_accounts_plan(classroom=classroom, names=names)
    if plan.refused:
        raise ValidationError([ValidationError(p.message, code=p.code) for p in plan.all_problems()])
    User = get_user_model()
    # PBKDF2 is deliberately slow (a fraction of a second each); hashlib computes it outside the GIL, so the
    # batch is hashed on every core at once.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        hashes = list(pool.map(make_password, [row.password for row in plan.rows]))
    users = [User(username=row.username, first_name=row.first_name, last_name=row.last_name, password=hashed)
             for row, hashed in zip(plan.rows, hashes)]
    User.objects.bulk_create(users)
    # Read back by username: not every database returns the new keys from a bulk insert.
    users = list(User.objects.filter(username__in=[row.username for row in plan.rows]))
    for user in users:
        make_learner(user)
    Membership.objects.bulk_create(
        Membership(classroom=classroom, learner=user, joined_at=now, account_created_by=teacher) for user in users
    )
    return [SignInCard(name=row.name, username=row.username, password=row.password) for row in plan.rows]


def managed_membership(*, classroom: Classroom, learner_pk: int) -> Membership:
    """The membership of a learner whose account was made for `classroom` (404 otherwise): never a teacher's
    or a staff account, never a learner who signed up on their own."""
    memberships = (classroom.memberships.filter(account_created_by__isnull=False, learner__is_staff=False,
                                                learner__is_superuser=False)
                   .exclude(learner__groups__name=TEACHERS).select_related("learner", "classroom"))
    return get_object_or_404(memberships, learner_id=learner_pk)


@transaction.atomic
def class_account_password_reset(*, membership: Membership, teacher) -> SignInCard:
    """Give a class-made account a new generated password and return its card; the old password and every
    session signed in with it stop working, and a lock-out for wrong guesses is lifted."""
    _require_teacher(membership.classroom, teacher)
    learner = membership.learner
    if membership.account_created_by_id is None or learner.is_staff or learner.is_superuser or learner.is_teacher:
        raise ValidationError(_("Only an account made for this class can have its password reset here."),
                              code="not_managed")
    password = password_generate(user=learner)
    learner.set_password(password)
    learner.save(update_fields=["password"])
    axes_reset(username=learner.get_username())
    return SignInCard(name=learner.get_full_name() or learner.get_username(), username=learner.get_username(),
                      password=password)
