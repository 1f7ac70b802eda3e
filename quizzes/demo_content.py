"""Demo question bank: The Second French intervention in Mexico, in Arabic and English (all seven types).

Every question links to events of `history.demo_content.EVENTS` by slug, and every date agrees with
that file. Texts a learner reads are written in both languages.
"""

from decimal import Decimal
from fractions import Fraction

from quizzes.definitions import (
    AcceptedAnswerDef,
    ChoiceDef,
    MatchingPairDef,
    NumericalAnswerDef,
    OrderingItemDef,
    QuestionDef,
)
from quizzes.question_types.true_false import FALSE_TEXT, TRUE_TEXT

BANK = {
    "title": {"ar": "التدخل الفرنسي الثاني في المكسيك", "en": "The Second French intervention in Mexico"},
    "description": {
        "ar": "أسئلة تجريبية بأنواع الأسئلة السبعة عن التدخل الفرنسي الثاني في المكسيك (1861–1867): من تعليق سداد "
        "الديون واتفاقية لندن، مرورًا بمعركة بويبلا وإمبراطورية ماكسيميليان الأول، حتى إعدامه واستعادة الجمهورية.",
        "en": "Demo questions of all seven types on the Second French intervention in Mexico (1861–1867): from the "
        "suspension of debt payments and the Convention of London, through the Battle of Puebla and the empire of "
        "Maximilian I, to his execution and the restoration of the Republic.",
    },
}

QUESTIONS = [
    # --- 1. Single choice -------------------------------------------------------------------------
    QuestionDef(
        qtype="single_choice",
        name="Battle of Puebla date",
        text={
            "ar": "<p>في أيّ تاريخ هزم الجيش المكسيكي القوات الفرنسية في معركة بويبلا؟</p>",
            "en": "<p>On what date did the Mexican army defeat the French at the Battle of Puebla?</p>",
        },
        general_feedback={
            "ar": "وقعت معركة بويبلا في 5 مايو 1862، وهو اليوم الذي يُحتفى به في عيد «سينكو دي مايو» (Cinco de Mayo).",
            "en": "The Battle of Puebla was fought on 5 May 1862, the day celebrated as Cinco de Mayo.",
        },
        explanation={
            "ar": "هاجم الجنرال لورنسيز حصنَي لوريتو وغوادالوبي واثقًا بسقوط المدينة، فصدّه المدافعون بقيادة إغناسيو "
            "ساراغوسا، وتأخّر الزحف الفرنسي على العاصمة عامًا كاملًا.",
            "en": "General Lorencez attacked the forts of Loreto and Guadalupe expecting an easy victory, but the "
            "defenders under Ignacio Zaragoza drove him back, delaying the French march on the capital by a year.",
        },
        choices=[
            ChoiceDef({"ar": "5 مايو 1862", "en": "5 May 1862"}, Fraction(1)),
            ChoiceDef(
                {"ar": "17 مايو 1863", "en": "17 May 1863"},
                Fraction(0),
                {
                    "ar": "في هذا اليوم استسلمت حامية بويبلا للفرنسيين بعد حصار دام شهرين.",
                    "en": "That is when Puebla's garrison surrendered to the French after a two-month siege.",
                },
            ),
            ChoiceDef(
                {"ar": "10 يونيو 1863", "en": "10 June 1863"},
                Fraction(0),
                {
                    "ar": "في هذا اليوم دخل الجنرال فوري مدينة مكسيكو.",
                    "en": "That is when General Forey entered Mexico City.",
                },
            ),
            ChoiceDef(
                {"ar": "19 يونيو 1867", "en": "19 June 1867"},
                Fraction(0),
                {
                    "ar": "في هذا اليوم أُعدم ماكسيميليان الأول في كيريتارو.",
                    "en": "That is when Maximilian I was executed at Querétaro.",
                },
            ),
        ],
        events=["battle-of-puebla"],
        difficulty="easy",
        tags=["battles", "dates"],
    ),
    QuestionDef(
        qtype="single_choice",
        name="Mexican commander at Puebla",
        text={
            "ar": "<p>مَن قاد الجيش المكسيكي في معركة بويبلا عام 1862؟</p>",
            "en": "<p>Who commanded the Mexican army at the Battle of Puebla in 1862?</p>",
        },
        general_feedback={
            "ar": "قاد الجنرال الليبرالي إغناسيو ساراغوسا الجيش المكسيكي في بويبلا.",
            "en": "The Liberal general Ignacio Zaragoza commanded the Mexican army at Puebla.",
        },
        explanation={
            "ar": "وُلد ساراغوسا في تكساس حين كانت أرضًا مكسيكية، وتوفي بالتيفوئيد بعد أشهر قليلة من انتصاره، فلم يشهد "
            "بقية الحرب.",
            "en": "Zaragoza was born in Texas when it was still Mexican and died of typhoid a few months after his "
            "victory, so he did not see the rest of the war.",
        },
        choices=[
            ChoiceDef({"ar": "إغناسيو ساراغوسا", "en": "Ignacio Zaragoza"}, Fraction(1)),
            ChoiceDef(
                {"ar": "بورفيريو دياز", "en": "Porfirio Díaz"},
                Fraction(0),
                {
                    "ar": "قاتل دياز في بويبلا قائدًا للواء، لا قائدًا للجيش كله.",
                    "en": "Díaz fought at Puebla as a brigade commander, not as commander of the whole army.",
                },
            ),
            ChoiceDef(
                {"ar": "ميغيل ميرامون", "en": "Miguel Miramón"},
                Fraction(0),
                {
                    "ar": "كان ميرامون قائدًا محافظًا، وقاتل لاحقًا في صفوف الإمبراطورية.",
                    "en": "Miramón was a Conservative general who later fought for the Empire.",
                },
            ),
            ChoiceDef(
                {"ar": "شارل دو لورنسيز", "en": "Charles de Lorencez"},
                Fraction(0),
                {
                    "ar": "كان لورنسيز قائد القوات الفرنسية المهزومة.",
                    "en": "Lorencez commanded the defeated French force.",
                },
            ),
        ],
        events=["battle-of-puebla"],
        difficulty="easy",
        tags=["battles", "people"],
    ),
    # --- 2. Multiple response ---------------------------------------------------------------------
    QuestionDef(
        qtype="multiple_response",
        name="Signatories of the Convention of London",
        text={
            "ar": "<p>أيّ الدول وقّعت اتفاقية لندن في 31 أكتوبر 1861؟ اختر كل الإجابات الصحيحة.</p>",
            "en": "<p>Which powers signed the Convention of London on 31 October 1861? Select all that apply.</p>",
        },
        general_feedback={
            "ar": "وقّعت الاتفاقيةَ فرنسا وبريطانيا وإسبانيا، وهي كبرى الدول الدائنة للمكسيك.",
            "en": "The convention was signed by France, Britain and Spain, Mexico's main creditors.",
        },
        explanation={
            "ar": "تعهّدت الدول الثلاث باحتلال الموانئ المكسيكية والاستيلاء على عائدات الجمارك حتى تُستوفى الديون، وألّا "
            "تتدخل في حق المكسيكيين في اختيار نظام حكمهم.",
            "en": "The three powers agreed to occupy Mexican ports and seize their customs revenues until the debts "
            "were paid, and not to interfere with the Mexicans' right to choose their own government.",
        },
        choices=[
            ChoiceDef({"ar": "فرنسا", "en": "France"}, Fraction(1, 3)),
            ChoiceDef({"ar": "بريطانيا", "en": "Britain"}, Fraction(1, 3)),
            ChoiceDef({"ar": "إسبانيا", "en": "Spain"}, Fraction(1, 3)),
            ChoiceDef(
                {"ar": "الولايات المتحدة", "en": "The United States"},
                Fraction(-1, 3),
                {
                    "ar": "كانت الولايات المتحدة منشغلة بحربها الأهلية، وظلّت تعترف بحكومة خواريز وحدها.",
                    "en": "The United States was caught up in its civil war and recognised only Juárez's government.",
                },
            ),
            ChoiceDef({"ar": "النمسا", "en": "Austria"}, Fraction(0)),
        ],
        events=["convention-of-london"],
        difficulty="easy",
        tags=["diplomacy"],
    ),
    # --- 3. True/false ----------------------------------------------------------------------------
    QuestionDef(
        qtype="true_false",
        name="Britain and Spain stayed to the end",
        text={
            "ar": "<p>بقيت بريطانيا وإسبانيا إلى جانب فرنسا في الحملة حتى استيلاء الفرنسيين على مدينة مكسيكو عام 1863.</p>",
            "en": "<p>Britain and Spain stayed in the expedition alongside France until the French took Mexico City "
            "in 1863.</p>",
        },
        general_feedback={
            "ar": "العبارة خاطئة: افترق الحلفاء في مؤتمر أوريزابا في 9 أبريل 1862، وانسحبت بريطانيا وإسبانيا قبل معركة "
            "بويبلا.",
            "en": "False: the allies split at the conference of Orizaba on 9 April 1862, and Britain and Spain "
            "withdrew before the Battle of Puebla.",
        },
        explanation={
            "ar": "حين جاءت التعزيزات الفرنسية ومعها محافظون منفيون يدعون إلى الملكية، أدرك البريطانيون والإسبان أن "
            "فرنسا تريد إسقاط حكومة خواريز لا استيفاء الديون فحسب.",
            "en": "When French reinforcements arrived with exiled Conservatives calling for a monarchy, the British "
            "and Spanish saw that France meant to overthrow Juárez, not merely collect debts.",
        },
        choices=[
            ChoiceDef(TRUE_TEXT, Fraction(0)),
            ChoiceDef(FALSE_TEXT, Fraction(1)),
        ],
        events=["british-and-spanish-withdrawal", "capture-of-mexico-city"],
        difficulty="medium",
        tags=["diplomacy"],
    ),
    # --- 4. Short answer --------------------------------------------------------------------------
    QuestionDef(
        qtype="short_answer",
        name="Port of the allied landing",
        text={
            "ar": "<p>في أيّ ميناء على خليج المكسيك نزلت قوات الحلفاء بين ديسمبر 1861 ويناير 1862؟</p>",
            "en": "<p>At which port on the Gulf of Mexico did the allied forces land between December 1861 and "
            "January 1862?</p>",
        },
        general_feedback={
            "ar": "نزلت القوات الإسبانية ثم البريطانية والفرنسية في ميناء فيراكروز.",
            "en": "The Spanish, then the British and French, landed at the port of Veracruz.",
        },
        explanation={
            "ar": "كان الإسبان القادمون من كوبا أول الواصلين، فاحتلوا المدينة في 17 ديسمبر 1861 بعد أن أخلتها الحامية "
            "المكسيكية.",
            "en": "The Spanish, sailing from Cuba, arrived first and occupied the city on 17 December 1861 after the "
            "Mexican garrison had left it.",
        },
        accepted_answers=[
            AcceptedAnswerDef({"ar": "فيراكروز", "en": "Veracruz"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "فيرا كروز", "en": "Vera Cruz"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "ميناء فيراكروز", "en": "Port of Veracruz"}, Fraction(1)),
        ],
        events=["landing-at-veracruz"],
        difficulty="easy",
        tags=["places"],
    ),
    # --- 5. Numerical -----------------------------------------------------------------------------
    QuestionDef(
        qtype="numerical",
        name="Year of Maximilian's execution",
        text={
            "ar": "<p>في أيّ عام أُعدم الإمبراطور ماكسيميليان الأول رميًا بالرصاص في كيريتارو؟</p>",
            "en": "<p>In what year was Emperor Maximilian I shot by firing squad at Querétaro?</p>",
        },
        general_feedback={
            "ar": "أُعدم ماكسيميليان صباح 19 يونيو 1867 على تل الأجراس (Cerro de las Campanas).",
            "en": "Maximilian was shot on the morning of 19 June 1867 on the Cerro de las Campanas.",
        },
        explanation={
            "ar": "رفض بينيتو خواريز مناشدات العفو من ملوك أوروبا ومن فيكتور هوغو وغاريبالدي، ليؤكّد أن العدوان على "
            "سيادة المكسيك لن يمرّ بلا عقاب.",
            "en": "Benito Juárez rejected pleas for clemency from European monarchs, Victor Hugo and Garibaldi, to "
            "show that an attack on Mexican sovereignty would not go unpunished.",
        },
        numerical_answers=[
            NumericalAnswerDef(Decimal(1867), Decimal(0), Fraction(1)),
            NumericalAnswerDef(
                Decimal(1867),
                Decimal(1),
                Fraction(1, 2),
                {"ar": "قريب، لكن الإعدام كان عام 1867.", "en": "Close, but the execution was in 1867."},
            ),
        ],
        events=["execution-of-maximilian"],
        difficulty="easy",
        tags=["dates", "people"],
    ),
    # --- 6. Matching ------------------------------------------------------------------------------
    QuestionDef(
        qtype="matching",
        name="French commanders",
        text={
            "ar": "<p>طابق كل قائد فرنسي مع دوره في الحملة على المكسيك.</p>",
            "en": "<p>Match each French commander with his part in the Mexican campaign.</p>",
        },
        general_feedback={
            "ar": "هُزم لورنسيز أمام بويبلا عام 1862، واستولى فوري على بويبلا ومدينة مكسيكو عام 1863، وقاد بازين القوات "
            "الفرنسية من أواخر 1863 حتى الجلاء عام 1867.",
            "en": "Lorencez was beaten at Puebla in 1862, Forey took Puebla and Mexico City in 1863, and Bazaine "
            "commanded the French forces from late 1863 until the withdrawal of 1867.",
        },
        explanation={
            "ar": "أُعفي لورنسيز من القيادة بعد هزيمته، فأرسل نابليون الثالث فوري مع نحو ثلاثين ألف جندي، ثم خلفه بازين "
            "الذي نال رتبة مارشال فرنسا عام 1864.",
            "en": "Lorencez was relieved after his defeat, so Napoleon III sent Forey with some 30,000 men; Forey "
            "was in turn succeeded by Bazaine, made a Marshal of France in 1864.",
        },
        pairs=[
            MatchingPairDef(
                prompt={"ar": "شارل دو لورنسيز", "en": "Charles de Lorencez"},
                answer={"ar": "هُزم أمام حصون بويبلا في 5 مايو 1862", "en": "Was repulsed before Puebla on 5 May 1862"},
            ),
            MatchingPairDef(
                prompt={"ar": "إيلي فريدريك فوري", "en": "Élie Frédéric Forey"},
                answer={
                    "ar": "حاصر بويبلا ثم دخل مدينة مكسيكو عام 1863",
                    "en": "Besieged Puebla, then entered Mexico City in 1863",
                },
            ),
            MatchingPairDef(
                prompt={"ar": "فرانسوا أشيل بازين", "en": "François Achille Bazaine"},
                answer={
                    "ar": "أشرف على جلاء آخر الجنود الفرنسيين عام 1867",
                    "en": "Oversaw the departure of the last French troops in 1867",
                },
            ),
            MatchingPairDef(
                prompt={},
                answer={
                    "ar": "قاد الحصار الجمهوري لكيريتارو عام 1867",
                    "en": "Led the Republican siege of Querétaro in 1867",
                },
            ),
        ],
        events=["battle-of-puebla", "siege-of-puebla", "capture-of-mexico-city", "french-withdrawal"],
        difficulty="medium",
        tags=["people", "battles"],
    ),
    # --- 7. Ordering ------------------------------------------------------------------------------
    QuestionDef(
        qtype="ordering",
        name="From debts to war",
        text={
            "ar": "<p>رتّب هذه الأحداث ترتيبًا زمنيًّا من الأقدم إلى الأحدث.</p>",
            "en": "<p>Put these events in chronological order, earliest first.</p>",
        },
        general_feedback={
            "ar": "الترتيب الصحيح: تعليق سداد الديون (يوليو 1861)، ثم اتفاقية لندن (أكتوبر 1861)، ثم وصول الإسبان إلى "
            "فيراكروز (ديسمبر 1861)، ثم معركة بويبلا (مايو 1862).",
            "en": "The right order: the suspension of debt payments (July 1861), the Convention of London (October "
            "1861), the Spanish arrival at Veracruz (December 1861), then the Battle of Puebla (May 1862).",
        },
        explanation={
            "ar": "اتخذت الدول الدائنة قرار تعليق السداد ذريعة للتدخل، لكن الحملة المشتركة تحوّلت إلى غزو فرنسي حين "
            "انسحب البريطانيون والإسبان.",
            "en": "The creditor powers used the suspension of payments as a pretext to intervene, but the joint "
            "expedition turned into a French invasion once the British and Spanish withdrew.",
        },
        items=[
            OrderingItemDef({"ar": "الكونغرس المكسيكي يعلّق سداد الديون الخارجية", "en": "Mexico's Congress suspends foreign-debt payments"}),
            OrderingItemDef({"ar": "فرنسا وبريطانيا وإسبانيا توقّع اتفاقية لندن", "en": "France, Britain and Spain sign the Convention of London"}),
            OrderingItemDef({"ar": "السفن الإسبانية تصل إلى فيراكروز", "en": "Spanish ships arrive off Veracruz"}),
            OrderingItemDef({"ar": "الفرنسيون يُهزمون أمام بويبلا", "en": "The French are defeated before Puebla"}),
        ],
        events=["suspension-of-debt-payments", "convention-of-london", "landing-at-veracruz", "battle-of-puebla"],
        difficulty="medium",
        tags=["chronology"],
    ),
]
