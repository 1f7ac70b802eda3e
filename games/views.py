"""Pages of the live game: hosting, the projector, joining with a PIN, and a phone's page.

The projector and the phone pages render their screen (`games.screens`) and a small script
(static/js/game.js) keeps it current over the game's WebSocket; every control is also a plain form, so
a page works (by reloading) without the socket. Who may do what:
- hosting, the projector, its QR code and its controls: the game's host (a superuser too); anyone else
  gets 404, as for every page that is not theirs;
- joining: anyone with the PIN for an open game, or only the class's members (signed in) for a class's
  game. Refused PINs are counted per address (django-ratelimit's counters, as for join codes), so the
  million PINs cannot be tried: past the limit every PIN, the right one too, waits.
"""

from __future__ import annotations

import io
import random

import segno
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views import View

from accounts import throttling
from games import events, reports, screens, services
from games.consumers import player_cookie
from games.forms import HostForm, NicknameForm, PinForm
from games.models import Game, GameState, Player

PIN_REFUSALS = (throttling.RateLimit("game-pin-refusals-address", "ip", "GAME_PIN_REFUSALS_PER_ADDRESS"),)
# A player's cookie outlives a lesson, not a day.
PLAYER_COOKIE_SECONDS = 12 * 3600


def join_url(request, game: Game) -> str:
    return request.build_absolute_uri(screens.join_path(game, get_language()))


def socket_path(name: str, **kwargs) -> str:
    """The WebSocket's path for a page (config/asgi.py routes /ws/, language first)."""
    language = get_language()
    if name == "host":
        return f"/ws/{language}/host/{kwargs['pk']}/"
    return f"/ws/{language}/play/{kwargs['pin']}/"


def qr_svg(url: str) -> bytes:
    """`url` as a QR code: a standalone SVG file (with its namespace, as an <img> needs), black on white."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, dark="#000", light="#fff", xmldecl=False)
    return buffer.getvalue()


# --- hosting -------------------------------------------------------------------------------------
class TeacherMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_teacher:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class GameListView(TeacherMixin, View):
    """The teacher's quizzes to host and their running games."""

    def get(self, request):
        return render(request, "games/game_list.html", {
            "quizzes": services.quizzes_hostable_by(request.user).order_by("-created_at")[:100],
            "running": Game.objects.hosted_by(request.user).running().select_related("quiz")[:20],
            "finished": Game.objects.hosted_by(request.user).filter(state=GameState.FINISHED)
                        .select_related("quiz").order_by("-finished_at")[:20],
        })


class HostSetupView(TeacherMixin, View):
    def get_quiz(self, pk):
        return get_object_or_404(services.quizzes_hostable_by(self.request.user), pk=pk)

    def get(self, request, pk):
        quiz = self.get_quiz(pk)
        return self.show(request, quiz, HostForm(user=request.user))

    def show(self, request, quiz, form, error: str = "", status: int = 200):
        _questions, problems = services.game_questions(quiz=quiz, rng=random.Random(0))
        return render(request, "games/host_setup.html",
                      {"quiz": quiz, "form": form, "problems": problems, "error": error}, status=status)

    def post(self, request, pk):
        quiz = self.get_quiz(pk)
        form = HostForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.show(request, quiz, form, status=400)
        try:
            game = services.game_host(
                quiz=quiz, host=request.user, now=timezone.now(), classroom=form.cleaned_data["classroom"],
                scoring_mode=form.cleaned_data["scoring"], teams=form.cleaned_data["teams"],
                seconds_per_question=form.cleaned_data["seconds_per_question"],
            )
        except services.GameRefused as refused:
            return self.show(request, quiz, form, error=str(refused), status=400)
        return redirect(game)


class HostGameMixin(TeacherMixin):
    def get_game(self, pk) -> Game:
        return get_object_or_404(Game.objects.hosted_by(self.request.user).select_related("quiz"), pk=pk)


class HostView(HostGameMixin, View):
    """The projector: the host's screen, kept current over the host's socket."""

    def get(self, request, pk):
        game = self.get_game(pk)
        return render(request, "games/host.html", {
            "game": game, "socket": socket_path("host", pk=game.pk),
            "screen": screens.host_screen(game, now=timezone.now(), language=get_language(),
                                          join_url=join_url(request, game), request=request),
        })


class HostCommandView(HostGameMixin, View):
    """The host's controls as forms (the socket sends the same commands without a reload)."""

    def post(self, request, pk):
        game = self.get_game(pk)
        try:
            if "player" in request.POST:
                player = get_object_or_404(game.players, pk=request.POST.get("player"))
                if request.POST.get("command") == "remove":
                    services.player_remove(player=player)
                else:
                    team = request.POST.get("team", "")
                    services.player_set_team(player=player, team=int(team) if team.isdigit() and int(team) else None)
            else:
                services.game_command(game=game, command=request.POST.get("command", ""), now=timezone.now())
        except services.GameRefused as refused:
            messages.error(request, str(refused))
        events.game_changed(game.pk)
        return redirect(game)


class ReportView(HostGameMixin, View):
    """The game's report for its host (anyone else: 404): per question and per player, as CSV or XLSX."""

    def get(self, request, pk, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        game = self.get_game(pk)
        language = get_language()
        name = f"game-{game.pin}-{game.created_at:%Y%m%d}.{fmt}"
        if fmt == "csv":
            response = HttpResponse(reports.report_csv(game, language), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                reports.report_xlsx(game, language, rtl=get_language_bidi()),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class QRCodeView(HostGameMixin, View):
    """The join address as a QR code, drawn by the server as SVG (segno writes no localised number)."""

    def get(self, request, pk):
        game = self.get_game(pk)
        return HttpResponse(qr_svg(join_url(request, game)), content_type="image/svg+xml")


# --- playing -------------------------------------------------------------------------------------
def _too_many(request, template: str, context: dict):
    return render(request, template, {**context, "error": throttling.too_many_attempts()},
                  status=throttling.TOO_MANY_REQUESTS)


def _game_for_pin(request, pin: str) -> Game | None:
    """The running game with `pin` (or the finished one its player comes back to), counting a refusal."""
    game = Game.objects.filter(pin=pin).order_by("-created_at").first()
    if game is not None and (not game.is_finished or player_cookie(game) in request.COOKIES):
        return game
    throttling.limit_count(request, PIN_REFUSALS)
    return None


class JoinView(View):
    """/play/: type the PIN (from the projector), then a nickname."""

    template = "games/join.html"

    def get(self, request):
        return render(request, self.template, {"form": PinForm()})

    def post(self, request):
        form = PinForm(request.POST)
        if throttling.limit_reached(request, PIN_REFUSALS):
            return _too_many(request, self.template, {"form": form})
        if not form.is_valid():
            return render(request, self.template, {"form": form}, status=400)
        pin = form.cleaned_data["pin"]
        if _game_for_pin(request, pin) is None:
            form.add_error("pin", _("No game is running with this PIN. Check the number on the projector."))
            return render(request, self.template, {"form": form}, status=404)
        return redirect("games:play", pin=pin)


class PlayView(View):
    """/play/<PIN>/: the phone's page for a player of this game, or the nickname form to join it."""

    template = "games/play.html"
    join_template = "games/join_nickname.html"

    def player(self, request, game: Game) -> Player | None:
        return services.player_for_token(game=game, token=request.COOKIES.get(player_cookie(game), ""))

    def get(self, request, pin):
        if throttling.limit_reached(request, PIN_REFUSALS):
            return _too_many(request, "games/join.html", {"form": PinForm()})
        game = _game_for_pin(request, pin)
        if game is None:
            raise Http404
        player = self.player(request, game)
        if player is None and request.user.is_authenticated and game.players.filter(user=request.user).exists():
            return self.join(request, game)  # a signed-in learner on a new phone: the same player, a new token
        if player is None:
            return self.show_join(request, game, NicknameForm())
        return render(request, self.template, {
            "game": game, "player": player, "socket": socket_path("play", pin=game.pin),
            "screen": screens.player_screen(player, game, now=timezone.now(), language=get_language(),
                                            request=request),
        })

    def show_join(self, request, game, form, error: str = "", status: int = 200):
        if game.is_finished:
            error = error or _("This game has ended.")
        return render(request, self.join_template, {"game": game, "form": form, "error": error}, status=status)

    def post(self, request, pin):
        if throttling.limit_reached(request, PIN_REFUSALS):
            return _too_many(request, "games/join.html", {"form": PinForm()})
        game = _game_for_pin(request, pin)
        if game is None:
            raise Http404
        if request.user.is_authenticated:
            return self.join(request, game)
        form = NicknameForm(request.POST)
        if not form.is_valid():
            return self.show_join(request, game, form, status=400)
        return self.join(request, game, nickname=form.cleaned_data["nickname"], form=form)

    def join(self, request, game: Game, *, nickname: str = "", form=None):
        try:
            _player, token = services.game_join(game=game, now=timezone.now(), nickname=nickname, user=request.user)
        except services.GameRefused as refused:
            return self.show_join(request, game, form or NicknameForm(), error=str(refused), status=400)
        events.host_changed(game.pk)
        response = redirect("games:play", pin=game.pin)
        response.set_cookie(player_cookie(game), token, max_age=PLAYER_COOKIE_SECONDS, httponly=True,
                            samesite="Lax", secure=request.is_secure())
        return response


class AnswerView(View):
    """A player's answer as a posted form (game.js sends it over the socket instead, without a reload)."""

    def post(self, request, pin):
        game = get_object_or_404(Game.objects.running(), pin=pin)
        player = services.player_for_token(game=game, token=request.COOKIES.get(player_cookie(game), ""))
        if player is None:  # no cookie (another browser, or it expired): join first
            return redirect("games:play", pin=pin)
        position = request.POST.get("position", "")
        try:
            if not position.isdigit():
                raise services.GameRefused(_("Time is up: this question is closed."))
            services.game_answer(player=player, position=int(position), form=request.POST, now=timezone.now())
        except services.GameRefused as refused:
            messages.error(request, str(refused))
        else:
            if services.game_close_if_everyone_answered(game=game, now=timezone.now()):
                events.game_changed(game.pk)
            else:
                events.answers_changed(game.pk)
        return redirect(reverse("games:play", kwargs={"pin": pin}))
