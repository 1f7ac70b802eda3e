"""Questions of select missing words and drag and drop into text, shared by their tests (French intervention in
Mexico: Puebla, 5 May 1862; the siege of Puebla ended in May 1863)."""

from quizzes.definitions import GapChoiceDef, QuestionDef


def t(ar: str, en: str) -> dict:
    return {"ar": ar, "en": en}


def puebla(qtype: str, *, shuffle: bool = True) -> QuestionDef:
    """Two gaps in two groups, a distractor in each: [[1]] Puebla (group 1), [[2]] 1862 (group 2)."""
    return QuestionDef(
        qtype=qtype, name="Puebla",
        text=t("<p>هزم المكسيكيون الفرنسيين في [[1]] سنة [[2]].</p>",
               "<p>The Mexicans defeated the French at [[1]] in [[2]].</p>"),
        gap_choices=[
            GapChoiceDef(t("بويبلا", "Puebla"), group=1, key="puebla"),
            GapChoiceDef(t("1862", "1862"), group=2, key="y1862"),
            GapChoiceDef(t("فيراكروز", "Veracruz"), group=1, key="veracruz"),
            GapChoiceDef(t("1867", "1867"), group=2, key="y1867"),
        ],
        options={"shuffle": shuffle},
    )
