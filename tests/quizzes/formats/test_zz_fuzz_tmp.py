from hypothesis import given, settings, strategies as st, HealthCheck
from tests.quizzes.formats.test_moodlexml import QUESTIONS, PARTS, quiz
from quizzes.formats.moodlexml import parse, export
import collections
stats = collections.Counter()

@settings(max_examples=15000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(QUESTIONS | PARTS, max_size=4))
def test_big(questions):
    r = parse(quiz(*questions))
    stats["q"] += len(r.questions); stats["e"] += len(r.errors); stats["w"] += len(r.warnings); stats["s"] += len(r.skipped)
    for q in r.questions:
        stats["img"] += len(q.images)
        parse(export([q]))

def test_report():
    print(stats)
