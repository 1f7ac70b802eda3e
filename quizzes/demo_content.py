"""Demo question banks: The Second French intervention in Mexico, in Arabic and English.

The main bank has questions of every automatically graded type (the seven first types, cloze, select missing
words and drag and drop into text); the second, "sources and essays", holds the source excerpts (description)
and the essays a teacher grades, so that the random draws of the practice quizzes never meet an essay.

Every question links to events of `history.demo_content.EVENTS` by slug, and every date agrees with
that file. Texts a learner reads are written in both languages.
"""

from decimal import Decimal
from fractions import Fraction

from quizzes.definitions import (
    AcceptedAnswerDef,
    ChoiceDef,
    GapChoiceDef,
    MatchingPairDef,
    NumericalAnswerDef,
    OrderingItemDef,
    QuestionDef,
)
from quizzes.question_types.cloze import gap_json, read_texts
from quizzes.question_types.true_false import FALSE_TEXT, TRUE_TEXT

BANK = {
    "title": {"ar": "التدخل الفرنسي الثاني في المكسيك", "en": "The Second French intervention in Mexico"},
    "description": {
        "ar": "أسئلة تجريبية بأنواع الأسئلة المصحَّحة آليًّا عن التدخل الفرنسي الثاني في المكسيك (1861–1867): من تعليق سداد "
        "الديون واتفاقية لندن، مرورًا بمعركة بويبلا وإمبراطورية ماكسيميليان الأول، حتى إعدامه واستعادة الجمهورية.",
        "en": "Demo questions of every automatically graded type on the Second French intervention in Mexico (1861–1867): from the "
        "suspension of debt payments and the Convention of London, through the Battle of Puebla and the empire of "
        "Maximilian I, to his execution and the restoration of the Republic.",
    },
}

QUESTIONS = [
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
    QuestionDef(
        qtype="matching",
        name="French commanders",
        text={
            "ar": "<p>طابق كل قائد فرنسي مع دوره في الحملة على المكسيك.</p>",
            "en": "<p>Match each French commander with his part in the Mexican campaign.</p>",
        },
        general_feedback={
            "ar": "هُزم لورنسيز أمام بويبلا عام 1862، فخلفه فوري في القيادة واستولى على بويبلا ومدينة مكسيكو عام 1863، "
            "وقاد بازين القوات الفرنسية من أواخر 1863 حتى الجلاء عام 1867.",
            "en": "Lorencez was beaten at Puebla in 1862, so Forey succeeded him and took Puebla and Mexico City in "
            "1863, and Bazaine commanded the French forces from late 1863 until the withdrawal of 1867.",
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
                    "ar": "خلف لورنسيز في قيادة الحملة عام 1862",
                    "en": "Succeeded Lorencez in command of the expedition in 1862",
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
            OrderingItemDef({
                "ar": "الكونغرس المكسيكي يعلّق سداد الديون الخارجية",
                "en": "Mexico's Congress suspends foreign-debt payments",
            }),
            OrderingItemDef({
                "ar": "فرنسا وبريطانيا وإسبانيا توقّع اتفاقية لندن",
                "en": "France, Britain and Spain sign the Convention of London",
            }),
            OrderingItemDef({"ar": "السفن الإسبانية تصل إلى فيراكروز", "en": "Spanish ships arrive off Veracruz"}),
            OrderingItemDef({"ar": "الفرنسيون يُهزمون أمام بويبلا", "en": "The French are defeated before Puebla"}),
        ],
        events=["suspension-of-debt-payments", "convention-of-london", "landing-at-veracruz", "battle-of-puebla"],
        difficulty="medium",
        tags=["chronology"],
    ),
    QuestionDef(
        qtype="single_choice",
        name="Who accepted the Mexican crown",
        text={
            "ar": "<p>مَن قبِل تاج المكسيك رسميًّا في قصر ميرامار قرب تريستي في 10 أبريل 1864؟</p>",
            "en": "<p>Who formally accepted the crown of Mexico at Miramare Castle near Trieste on 10 April 1864?</p>",
        },
        general_feedback={
            "ar": "قبِل الأرشيدوق ماكسيميليان التاج، فصار الإمبراطور ماكسيميليان الأول.",
            "en": "Archduke Maximilian accepted the crown and became Emperor Maximilian I.",
        },
        explanation={
            "ar": "كان الأرشيدوق ماكسيميليان من آل هابسبورغ الشقيق الأصغر لإمبراطور النمسا فرانتس يوزف، وقد عرض عليه "
            "مجلس الأعيان المحافظين التاج في يوليو 1863.",
            "en": "Archduke Maximilian von Habsburg was the younger brother of Emperor Franz Joseph of Austria; the "
            "Conservative Assembly of Notables had offered him the crown in July 1863.",
        },
        choices=[
            ChoiceDef({"ar": "ماكسيميليان الأول", "en": "Maximilian I"}, Fraction(1)),
            ChoiceDef(
                {"ar": "فرانتس يوزف", "en": "Franz Joseph"},
                Fraction(0),
                {
                    "ar": "فرانتس يوزف هو شقيقه الأكبر، وقد بقي إمبراطورًا على النمسا.",
                    "en": "Franz Joseph was his elder brother, and remained Emperor of Austria.",
                },
            ),
            ChoiceDef(
                {"ar": "نابليون الثالث", "en": "Napoleon III"},
                Fraction(0),
                {
                    "ar": "دعم نابليون الثالث المشروع وصادق على معاهدة ميرامار، لكنه ظلّ إمبراطورًا للفرنسيين.",
                    "en": "Napoleon III backed the scheme and ratified the Treaty of Miramare, but remained Emperor "
                    "of the French.",
                },
            ),
            ChoiceDef(
                {"ar": "ليوبولد الأول", "en": "Leopold I"},
                Fraction(0),
                {
                    "ar": "ليوبولد الأول ملك بلجيكا هو والد الإمبراطورة كارلوتا.",
                    "en": "Leopold I, King of the Belgians, was Empress Carlota's father.",
                },
            ),
        ],
        events=["treaty-of-miramare", "second-mexican-empire"],
        difficulty="easy",
        tags=["empire", "people"],
    ),
    QuestionDef(
        qtype="multiple_response",
        name="Reasons for the French withdrawal",
        text={
            "ar": "<p>أيّ العوامل الآتية دفعت نابليون الثالث إلى سحب جيشه من المكسيك أو عجّلت بسحبه؟ اختر كل الإجابات "
            "الصحيحة.</p>",
            "en": "<p>Which of these led Napoleon III to pull his army out of Mexico, or hastened it? Select all that "
            "apply.</p>",
        },
        general_feedback={
            "ar": "دفع الضغط الأمريكي بعد نهاية الحرب الأهلية، وكلفة الحرب الباهظة وسخط الرأي العام الفرنسي، نابليون "
            "الثالث إلى إعلان الانسحاب في يناير 1866، ثم عجّل به صعود بروسيا بعد انتصارها على النمسا صيف ذلك العام.",
            "en": "American pressure after the Civil War, and the heavy cost of the war and French public anger, led "
            "Napoleon III to announce the withdrawal in January 1866; the rise of Prussia after its victory over "
            "Austria that summer hastened it.",
        },
        explanation={
            "ar": "أعلن نابليون الثالث في مطلع 1866 عزمه على الانسحاب، فأبحر آخر الجنود الفرنسيين من فيراكروز في مارس "
            "1867، في حين رفض ماكسيميليان التنازل عن العرش.",
            "en": "Napoleon III announced early in 1866 that he would withdraw, and the last French soldiers sailed "
            "from Veracruz in March 1867, while Maximilian refused to abdicate.",
        },
        choices=[
            ChoiceDef(
                {
                    "ar": "ضغط الولايات المتحدة بعد نهاية حربها الأهلية",
                    "en": "Pressure from the United States once its civil war was over",
                },
                Fraction(1, 3),
            ),
            ChoiceDef(
                {
                    "ar": "خطر بروسيا بعد انتصارها على النمسا عام 1866، الذي عجّل بالانسحاب المعلَن قبله",
                    "en": "The threat from Prussia after its victory over Austria in 1866, which hastened the "
                    "withdrawal already announced",
                },
                Fraction(1, 3),
            ),
            ChoiceDef(
                {
                    "ar": "كلفة الحرب وسخط الرأي العام في فرنسا",
                    "en": "The cost of the war and public anger in France",
                },
                Fraction(1, 3),
            ),
            ChoiceDef(
                {"ar": "تنازل ماكسيميليان عن العرش", "en": "Maximilian's abdication"},
                Fraction(-1, 3),
                {
                    "ar": "لم يتنازل ماكسيميليان، بل آثر البقاء في المكسيك حتى النهاية.",
                    "en": "Maximilian never abdicated; he chose to stay in Mexico to the end.",
                },
            ),
            ChoiceDef(
                {"ar": "انتصار ساراغوسا في معركة بويبلا عام 1862", "en": "Zaragoza's victory at Puebla in 1862"},
                Fraction(0),
                {
                    "ar": "أخّرت بويبلا الزحف الفرنسي عامًا، لكن الفرنسيين عادوا فاستولوا على المدينة والعاصمة عام 1863.",
                    "en": "Puebla delayed the French by a year, but they went on to take the city and the capital "
                    "in 1863.",
                },
            ),
        ],
        events=["french-withdrawal", "end-of-the-us-civil-war", "austro-prussian-war"],
        difficulty="medium",
        tags=["diplomacy", "causes"],
    ),
    QuestionDef(
        qtype="true_false",
        name="Juarez pardoned Maximilian",
        text={
            "ar": "<p>استجاب بينيتو خواريز لمناشدات العفو، فخفّف حكم الإعدام الصادر على ماكسيميليان إلى النفي إلى أوروبا.</p>",
            "en": "<p>Benito Juárez gave in to the pleas for clemency and commuted Maximilian's death sentence to exile "
            "in Europe.</p>",
        },
        general_feedback={
            "ar": "العبارة خاطئة: رفض خواريز كل مناشدات العفو، وأُعدم ماكسيميليان في 19 يونيو 1867.",
            "en": "False: Juárez rejected every plea for clemency, and Maximilian was shot on 19 June 1867.",
        },
        explanation={
            "ar": "أراد خواريز أن يُثبت أن أيّ عدوان أجنبي على سيادة المكسيك لن يمرّ بلا عقاب، فنُفّذ الحكم في "
            "ماكسيميليان والقائدين ميرامون وميخيا معًا.",
            "en": "Juárez wanted to show that no foreign attack on Mexican sovereignty would go unpunished, and "
            "Maximilian was shot together with the generals Miramón and Mejía.",
        },
        choices=[
            ChoiceDef(TRUE_TEXT, Fraction(0)),
            ChoiceDef(FALSE_TEXT, Fraction(1)),
        ],
        events=["execution-of-maximilian"],
        difficulty="easy",
        tags=["people"],
    ),
    QuestionDef(
        qtype="true_false",
        name="Cinco de Mayo",
        text={
            "ar": "<p>يحتفي عيد «سينكو دي مايو» (Cinco de Mayo) بانتصار المكسيكيين على الفرنسيين في بويبلا يوم 5 مايو "
            "1862.</p>",
            "en": "<p>The Cinco de Mayo holiday celebrates the Mexican victory over the French at Puebla on 5 May "
            "1862.</p>",
        },
        general_feedback={
            "ar": "العبارة صحيحة: «سينكو دي مايو» تعني «الخامس من مايو»، وهو يوم معركة بويبلا.",
            "en": "True: Cinco de Mayo means \"the fifth of May\", the day of the Battle of Puebla.",
        },
        explanation={
            "ar": "لم يُنهِ النصر الحرب، إذ عاد الفرنسيون فاستولوا على بويبلا عام 1863، لكنه صار رمزًا للمقاومة "
            "المكسيكية.",
            "en": "The victory did not end the war, since the French took Puebla in 1863, but it became a symbol of "
            "Mexican resistance.",
        },
        choices=[
            ChoiceDef(TRUE_TEXT, Fraction(1)),
            ChoiceDef(FALSE_TEXT, Fraction(0)),
        ],
        events=["battle-of-puebla"],
        difficulty="easy",
        tags=["battles", "memory"],
    ),
    QuestionDef(
        qtype="short_answer",
        name="City of Maximilian's last stand",
        text={
            "ar": "<p>في أيّ مدينة حاصر الجمهوريون ماكسيميليان وآخر جيوشه عام 1867، وفيها أُعدم؟</p>",
            "en": "<p>In which city, where he was later executed, did the Republicans besiege Maximilian and his last "
            "army in 1867?</p>",
        },
        general_feedback={
            "ar": "المدينة هي كيريتارو: حوصرت من 6 مارس حتى 15 مايو 1867، وأُعدم ماكسيميليان على تل الأجراس فيها.",
            "en": "The city is Querétaro: besieged from 6 March to 15 May 1867, and Maximilian was shot on its Cerro "
            "de las Campanas.",
        },
        explanation={
            "ar": "صمدت المدينة أكثر من شهرين أمام جيوش الجنرال ماريانو إسكوبيدو، حتى فتح العقيد ميغيل لوبيز أحد "
            "مداخلها فجر 15 مايو.",
            "en": "The city held out for over two months against General Mariano Escobedo's armies, until Colonel "
            "Miguel López let the Republicans in at dawn on 15 May.",
        },
        accepted_answers=[
            AcceptedAnswerDef({"ar": "كيريتارو", "en": "Querétaro"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "كويريتارو"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "مدينة كيريتارو", "en": "Santiago de Querétaro"}, Fraction(1)),
        ],
        events=["siege-of-queretaro", "execution-of-maximilian"],
        difficulty="medium",
        tags=["places"],
    ),
    QuestionDef(
        qtype="numerical",
        name="Year of the Battle of Puebla",
        text={
            "ar": "<p>في أيّ عام وقعت معركة بويبلا التي هزم فيها إغناسيو ساراغوسا الفرنسيين؟</p>",
            "en": "<p>In what year was the Battle of Puebla, in which Ignacio Zaragoza defeated the French?</p>",
        },
        general_feedback={
            "ar": "وقعت المعركة في 5 مايو 1862.",
            "en": "The battle was fought on 5 May 1862.",
        },
        explanation={
            "ar": "لا تخلط بين المعركة عام 1862 وحصار بويبلا عام 1863 الذي انتهى باستسلام حاميتها للجنرال فوري.",
            "en": "Do not confuse the battle of 1862 with the Siege of Puebla in 1863, which ended with the garrison's "
            "surrender to General Forey.",
        },
        numerical_answers=[
            NumericalAnswerDef(Decimal(1862), Decimal(0), Fraction(1)),
            NumericalAnswerDef(
                Decimal(1862),
                Decimal(1),
                Fraction(1, 2),
                {
                    "ar": "قريب: لعلك تقصد حصار بويبلا عام 1863، أما المعركة فكانت عام 1862.",
                    "en": "Close: you may be thinking of the siege of 1863; the battle was in 1862.",
                },
            ),
        ],
        events=["battle-of-puebla"],
        difficulty="easy",
        tags=["battles", "dates"],
    ),
    QuestionDef(
        qtype="matching",
        name="Fates of the protagonists",
        text={
            "ar": "<p>طابق كل شخصية مع مصيرها.</p>",
            "en": "<p>Match each person with their fate.</p>",
        },
        general_feedback={
            "ar": "أُعدم ماكسيميليان في كيريتارو عام 1867، وتوفيت كارلوتا في بلجيكا عام 1927، وتوفي ساراغوسا بالتيفوئيد "
            "عام 1862، وأعدم الجمهوريون فيداوري في مدينة مكسيكو عام 1867.",
            "en": "Maximilian was shot at Querétaro in 1867, Carlota died in Belgium in 1927, Zaragoza died of "
            "typhoid in 1862, and the Republicans shot Vidaurri in Mexico City in 1867.",
        },
        explanation={
            "ar": "عاشت كارلوتا بعد زوجها ستين عامًا في عزلة ببلجيكا، بعد انهيارها العقلي في أثناء رحلتها إلى أوروبا عام "
            "1866.",
            "en": "Carlota outlived her husband by sixty years, living in seclusion in Belgium after her mental "
            "breakdown during her mission to Europe in 1866.",
        },
        pairs=[
            MatchingPairDef(
                prompt={"ar": "ماكسيميليان الأول", "en": "Maximilian I"},
                answer={
                    "ar": "أُعدم رميًا بالرصاص على تل الأجراس في كيريتارو",
                    "en": "Shot by firing squad on the Cerro de las Campanas at Querétaro",
                },
            ),
            MatchingPairDef(
                prompt={"ar": "الإمبراطورة كارلوتا", "en": "Empress Carlota"},
                answer={
                    "ar": "عاشت في عزلة ببلجيكا حتى وفاتها عام 1927",
                    "en": "Lived in seclusion in Belgium until her death in 1927",
                },
            ),
            MatchingPairDef(
                prompt={"ar": "إغناسيو ساراغوسا", "en": "Ignacio Zaragoza"},
                answer={
                    "ar": "توفي بالتيفوئيد بعد أشهر من انتصاره عام 1862",
                    "en": "Died of typhoid a few months after his victory in 1862",
                },
            ),
            MatchingPairDef(
                prompt={"ar": "سانتياغو فيداوري", "en": "Santiago Vidaurri"},
                answer={
                    "ar": "أعدمه الجمهوريون في مدينة مكسيكو عام 1867",
                    "en": "Shot by the Republicans in Mexico City in 1867",
                },
            ),
        ],
        events=["execution-of-maximilian", "carlotas-mission-to-europe", "battle-of-puebla", "second-mexican-empire"],
        difficulty="hard",
        tags=["people"],
    ),
    QuestionDef(
        qtype="ordering",
        name="The fall of the Empire",
        text={
            "ar": "<p>رتّب هذه الأحداث التي أدّت إلى سقوط الإمبراطورية ترتيبًا زمنيًّا من الأقدم إلى الأحدث.</p>",
            "en": "<p>Put these events leading to the fall of the Empire in chronological order, earliest first.</p>",
        },
        general_feedback={
            "ar": "الترتيب الصحيح: استسلام لي في أبوماتوكس (أبريل 1865)، ثم معركة كونيغراتس (يوليو 1866)، ثم مغادرة آخر "
            "الجنود الفرنسيين (مارس 1867)، ثم سقوط كيريتارو (مايو 1867)، ثم عودة خواريز إلى العاصمة (يوليو 1867).",
            "en": "The right order: Lee's surrender at Appomattox (April 1865), the Battle of Königgrätz (July 1866), "
            "the departure of the last French troops (March 1867), the fall of Querétaro (May 1867), then Juárez's "
            "return to the capital (July 1867).",
        },
        explanation={
            "ar": "حين تفرّغت الولايات المتحدة وظهر خطر بروسيا، لم يعد نابليون الثالث قادرًا على إبقاء جيشه في المكسيك، "
            "فلم تصمد الإمبراطورية بعد رحيله إلا أشهرًا.",
            "en": "Once the United States was free to act and Prussia had become a threat, Napoleon III could no longer "
            "keep his army in Mexico, and the Empire survived its departure by only a few months.",
        },
        items=[
            OrderingItemDef(
                {"ar": "الجنرال لي يستسلم في أبوماتوكس", "en": "General Lee surrenders at Appomattox"}
            ),
            OrderingItemDef(
                {
                    "ar": "بروسيا تهزم النمسا في كونيغراتس (سادوفا)",
                    "en": "Prussia defeats Austria at Königgrätz (Sadowa)",
                }
            ),
            OrderingItemDef(
                {"ar": "آخر الجنود الفرنسيين يُبحرون من فيراكروز", "en": "The last French soldiers sail from Veracruz"}
            ),
            OrderingItemDef(
                {"ar": "كيريتارو تسقط ويقع ماكسيميليان في الأسر", "en": "Querétaro falls and Maximilian is captured"}
            ),
            OrderingItemDef(
                {"ar": "خواريز يعود منتصرًا إلى مدينة مكسيكو", "en": "Juárez returns in triumph to Mexico City"}
            ),
        ],
        events=[
            "end-of-the-us-civil-war",
            "austro-prussian-war",
            "french-withdrawal",
            "siege-of-queretaro",
            "restoration-of-the-republic",
        ],
        difficulty="medium",
        tags=["chronology"],
    ),
    QuestionDef(
        qtype="single_choice",
        name="Who paid for the French expedition",
        text={
            "ar": "<p>بموجب معاهدة ميرامار (1864)، مَن كان عليه أن يتحمّل نفقات الحملة الفرنسية في المكسيك؟</p>",
            "en": "<p>Under the Treaty of Miramare (1864), who was to bear the cost of the French expedition to "
            "Mexico?</p>",
        },
        general_feedback={
            "ar": "التزمت المكسيك، أي الإمبراطورية الجديدة، بتحمّل نفقات الحملة الفرنسية كلها.",
            "en": "Mexico, that is the new Empire, undertook to bear the whole cost of the French expedition.",
        },
        explanation={
            "ar": "التزمت فرنسا في المقابل بإبقاء قواتها في المكسيك مع تقليصها تدريجيًّا، وأرهق هذا العبء خزينة "
            "الإمبراطورية منذ قيامها.",
            "en": "In return France undertook to keep its troops in Mexico while gradually reducing them; the burden "
            "strained the imperial treasury from the start.",
        },
        choices=[
            ChoiceDef({"ar": "المكسيك (الإمبراطورية الجديدة)", "en": "Mexico (the new Empire)"}, Fraction(1)),
            ChoiceDef(
                {"ar": "فرنسا", "en": "France"},
                Fraction(0),
                {
                    "ar": "قدّمت فرنسا الجنود، لكن المعاهدة ألقت النفقات على عاتق المكسيك.",
                    "en": "France supplied the soldiers, but the treaty put the cost on Mexico.",
                },
            ),
            ChoiceDef(
                {"ar": "النمسا", "en": "Austria"},
                Fraction(0),
                {
                    "ar": "لم تكن النمسا طرفًا في المعاهدة، وإن كان ماكسيميليان أرشيدوقًا نمساويًّا.",
                    "en": "Austria was not a party to the treaty, although Maximilian was an Austrian archduke.",
                },
            ),
            ChoiceDef({"ar": "بريطانيا وإسبانيا", "en": "Britain and Spain"}, Fraction(0)),
        ],
        events=["treaty-of-miramare"],
        difficulty="medium",
        tags=["diplomacy", "empire"],
    ),
    QuestionDef(
        qtype="multiple_response",
        name="Executed with Maximilian",
        text={
            "ar": "<p>مَن أُعدم مع ماكسيميليان الأول على تل الأجراس في 19 يونيو 1867؟ اختر كل الإجابات الصحيحة.</p>",
            "en": "<p>Who was executed with Maximilian I on the Cerro de las Campanas on 19 June 1867? Select all that "
            "apply.</p>",
        },
        general_feedback={
            "ar": "أُعدم مع الإمبراطور القائدان المحافظان ميغيل ميرامون وتوماس ميخيا.",
            "en": "The emperor was shot with the Conservative generals Miguel Miramón and Tomás Mejía.",
        },
        explanation={
            "ar": "كان ميخيا في كيريتارو منذ أواخر ديسمبر 1866، واستقبل ميرامون ماكسيميليان لدى وصوله إليها في 19 فبراير "
            "1867، فقادوا معًا آخر جيوش الإمبراطورية.",
            "en": "Mejía had been at Querétaro since late December 1866, and Miramón welcomed Maximilian when he "
            "arrived there on 19 February 1867; together they led the Empire's last army.",
        },
        choices=[
            ChoiceDef({"ar": "ميغيل ميرامون", "en": "Miguel Miramón"}, Fraction(1, 2)),
            ChoiceDef({"ar": "توماس ميخيا", "en": "Tomás Mejía"}, Fraction(1, 2)),
            ChoiceDef(
                {"ar": "سانتياغو فيداوري", "en": "Santiago Vidaurri"},
                Fraction(0),
                {
                    "ar": "أُعدم فيداوري أيضًا، لكن في مدينة مكسيكو بعد أسابيع.",
                    "en": "Vidaurri was shot too, but in Mexico City some weeks later.",
                },
            ),
            ChoiceDef(
                {"ar": "فرانسوا أشيل بازين", "en": "François Achille Bazaine"},
                Fraction(-1, 2),
                {
                    "ar": "كان بازين قد غادر المكسيك مع آخر الجنود الفرنسيين في مارس 1867.",
                    "en": "Bazaine had left Mexico with the last French troops in March 1867.",
                },
            ),
            ChoiceDef({"ar": "بورفيريو دياز", "en": "Porfirio Díaz"}, Fraction(-1, 2)),
        ],
        events=["execution-of-maximilian", "siege-of-queretaro"],
        difficulty="medium",
        tags=["people"],
    ),
    QuestionDef(
        qtype="true_false",
        name="US recognition of the Empire",
        text={
            "ar": "<p>اعترفت الولايات المتحدة بإمبراطورية ماكسيميليان حكومةً شرعية للمكسيك.</p>",
            "en": "<p>The United States recognised Maximilian's empire as the lawful government of Mexico.</p>",
        },
        general_feedback={
            "ar": "العبارة خاطئة: رفضت الولايات المتحدة الاعتراف بالإمبراطورية، وظلّت تعترف بحكومة خواريز وحدها.",
            "en": "False: the United States refused to recognise the Empire and recognised only Juárez's government.",
        },
        explanation={
            "ar": "بعد نهاية الحرب الأهلية عام 1865 طالبت واشنطن فرنسا بالجلاء استنادًا إلى مبدأ مونرو، وحشدت قواتها على "
            "نهر ريو غراندي.",
            "en": "After the Civil War ended in 1865, Washington demanded a French withdrawal under the Monroe "
            "Doctrine and massed troops on the Rio Grande.",
        },
        choices=[
            ChoiceDef(TRUE_TEXT, Fraction(0)),
            ChoiceDef(FALSE_TEXT, Fraction(1)),
        ],
        events=["second-mexican-empire", "end-of-the-us-civil-war"],
        difficulty="easy",
        tags=["diplomacy"],
    ),
    QuestionDef(
        qtype="true_false",
        name="Reform Laws and Church property",
        text={
            "ar": "<p>أصدر بينيتو خواريز في أثناء حرب الإصلاح قوانين أممت أملاك الكنيسة وفصلت بينها وبين الدولة.</p>",
            "en": "<p>During the Reform War, Benito Juárez issued laws that nationalised Church property and separated "
            "Church and State.</p>",
        },
        general_feedback={
            "ar": "العبارة صحيحة: تلك هي قوانين الإصلاح التي أصدرها خواريز من مقرّ حكومته في فيراكروز.",
            "en": "True: these were the Reform Laws, issued by Juárez from his government's base in Veracruz.",
        },
        explanation={
            "ar": "خرج المحافظون من الحرب ناقمين، فطلبوا العون من أوروبا، ثم خاب أملهم حين أبقى ماكسيميليان على كثير "
            "من هذه الإصلاحات.",
            "en": "The Conservatives came out of the war embittered and looked to Europe for help, only to be "
            "disappointed when Maximilian kept many of these reforms.",
        },
        choices=[
            ChoiceDef(TRUE_TEXT, Fraction(1)),
            ChoiceDef(FALSE_TEXT, Fraction(0)),
        ],
        events=["reform-war"],
        difficulty="medium",
        tags=["politics"],
    ),
    QuestionDef(
        qtype="short_answer",
        name="Imperial residence",
        text={
            "ar": "<p>ما اسم القلعة في مدينة مكسيكو التي اتخذها ماكسيميليان وكارلوتا مقرًّا لهما عام 1864؟</p>",
            "en": "<p>What is the name of the castle in Mexico City that Maximilian and Carlota made their residence "
            "in 1864?</p>",
        },
        general_feedback={
            "ar": "اتخذ الزوجان الإمبراطوريان قلعة تشابولتبيك مقرًّا لهما.",
            "en": "The imperial couple made Chapultepec Castle their residence.",
        },
        explanation={
            "ar": "دخل ماكسيميليان وكارلوتا العاصمة في 12 يونيو 1864 وسط احتفالات حاشدة، بعد أن لقيا استقبالًا فاترًا "
            "في فيراكروز.",
            "en": "Maximilian and Carlota entered the capital on 12 June 1864 amid lavish celebrations, after a cool "
            "welcome at Veracruz.",
        },
        accepted_answers=[
            AcceptedAnswerDef({"ar": "تشابولتبيك", "en": "Chapultepec"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "قلعة تشابولتبيك", "en": "Chapultepec Castle"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "شابولتبيك", "en": "Castillo de Chapultepec"}, Fraction(1)),
        ],
        events=["maximilians-entry-into-mexico-city"],
        difficulty="hard",
        tags=["places", "empire"],
    ),
    QuestionDef(
        qtype="numerical",
        name="Year of the Convention of London",
        text={
            "ar": "<p>في أيّ عام وقّعت فرنسا وبريطانيا وإسبانيا اتفاقية لندن؟</p>",
            "en": "<p>In what year did France, Britain and Spain sign the Convention of London?</p>",
        },
        general_feedback={
            "ar": "وُقّعت الاتفاقية في 31 أكتوبر 1861.",
            "en": "The convention was signed on 31 October 1861.",
        },
        explanation={
            "ar": "جاءت الاتفاقية ردًّا على تعليق المكسيك سداد ديونها الخارجية في يوليو من العام نفسه.",
            "en": "The convention answered Mexico's suspension of its foreign-debt payments in July of the same year.",
        },
        numerical_answers=[
            NumericalAnswerDef(Decimal(1861), Decimal(0), Fraction(1)),
        ],
        events=["convention-of-london", "suspension-of-debt-payments"],
        difficulty="medium",
        tags=["diplomacy", "dates"],
    ),
    QuestionDef(
        qtype="matching",
        name="Events and places",
        text={
            "ar": "<p>طابق كل حدث مع المكان الذي وقع فيه.</p>",
            "en": "<p>Match each event with the place where it happened.</p>",
        },
        general_feedback={
            "ar": "افترق الحلفاء في أوريزابا، ووُقّعت معاهدة ميرامار قرب تريستي، واستسلم الجنرال لي في أبوماتوكس، "
            "وأُعدم ماكسيميليان على تل الأجراس في كيريتارو.",
            "en": "The allies split at Orizaba, the Treaty of Miramare was signed near Trieste, General Lee "
            "surrendered at Appomattox, and Maximilian was shot on the Cerro de las Campanas at Querétaro.",
        },
        explanation={
            "ar": "امتدّت أحداث التدخل بين أوروبا والمكسيك والولايات المتحدة، فقد تأثّر مصير الإمبراطورية بما جرى "
            "خارج حدودها بقدر ما تأثّر بالحرب داخلها.",
            "en": "The intervention played out across Europe, Mexico and the United States: the Empire's fate was "
            "shaped as much by events abroad as by the war at home.",
        },
        pairs=[
            MatchingPairDef(
                prompt={
                    "ar": "افتراق الحلفاء وانسحاب بريطانيا وإسبانيا",
                    "en": "The allies split and Britain and Spain withdraw",
                },
                answer={"ar": "أوريزابا", "en": "Orizaba"},
            ),
            MatchingPairDef(
                prompt={"ar": "توقيع معاهدة ميرامار", "en": "The signing of the Treaty of Miramare"},
                answer={"ar": "قرب تريستي", "en": "Near Trieste"},
            ),
            MatchingPairDef(
                prompt={"ar": "استسلام الجنرال لي", "en": "General Lee's surrender"},
                answer={"ar": "أبوماتوكس، فرجينيا", "en": "Appomattox, Virginia"},
            ),
            MatchingPairDef(
                prompt={"ar": "إعدام ماكسيميليان", "en": "Maximilian's execution"},
                answer={"ar": "تل الأجراس، كيريتارو", "en": "Cerro de las Campanas, Querétaro"},
            ),
            MatchingPairDef(prompt={}, answer={"ar": "سان لويس بوتوسي", "en": "San Luis Potosí"}),
        ],
        events=[
            "british-and-spanish-withdrawal",
            "treaty-of-miramare",
            "end-of-the-us-civil-war",
            "execution-of-maximilian",
        ],
        difficulty="medium",
        tags=["places"],
    ),
    QuestionDef(
        qtype="ordering",
        name="From Puebla to Mexico City",
        text={
            "ar": "<p>رتّب هذه الأحداث ترتيبًا زمنيًّا من الأقدم إلى الأحدث.</p>",
            "en": "<p>Put these events in chronological order, earliest first.</p>",
        },
        general_feedback={
            "ar": "الترتيب الصحيح: معركة بويبلا (5 مايو 1862)، ثم تطويق بويبلا (16 مارس 1863)، ثم معركة سان لورينزو "
            "(8 مايو 1863)، ثم استسلام الحامية (17 مايو 1863)، ثم دخول فوري مدينة مكسيكو (10 يونيو 1863).",
            "en": "The right order: the Battle of Puebla (5 May 1862), the investment of Puebla (16 March 1863), the "
            "Battle of San Lorenzo (8 May 1863), the garrison's surrender (17 May 1863), then Forey's entry into "
            "Mexico City (10 June 1863).",
        },
        explanation={
            "ar": "بعد هزيمة 1862 أرسل نابليون الثالث نحو ثلاثين ألف جندي، فسقطت بويبلا بعد حصار دام شهرين، وغادر "
            "خواريز العاصمة إلى سان لويس بوتوسي.",
            "en": "After the defeat of 1862 Napoleon III sent some 30,000 men; Puebla fell after a two-month siege, and "
            "Juárez left the capital for San Luis Potosí.",
        },
        items=[
            OrderingItemDef(
                {
                    "ar": "ساراغوسا يصدّ هجوم لورنسيز على حصون بويبلا",
                    "en": "Zaragoza repels Lorencez's attack on Puebla's forts",
                }
            ),
            OrderingItemDef(
                {"ar": "جيش فوري يطوّق مدينة بويبلا", "en": "Forey's army surrounds the city of Puebla"}
            ),
            OrderingItemDef(
                {
                    "ar": "بازين يهزم جيش النجدة المكسيكي في سان لورينزو",
                    "en": "Bazaine defeats the Mexican relief army at San Lorenzo",
                }
            ),
            OrderingItemDef(
                {"ar": "حامية بويبلا الجائعة تستسلم", "en": "Puebla's starving garrison surrenders"}
            ),
            OrderingItemDef(
                {"ar": "فوري يدخل مدينة مكسيكو دخولًا رسميًّا", "en": "Forey makes his formal entry into Mexico City"}
            ),
        ],
        events=["battle-of-puebla", "siege-of-puebla", "capture-of-mexico-city"],
        difficulty="hard",
        tags=["chronology", "battles"],
    ),
    QuestionDef(
        qtype="single_choice",
        name="Liberal capital in the Reform War",
        text={
            "ar": "<p>أين اتخذت حكومة بينيتو خواريز الليبرالية مقرًّا لها في أثناء حرب الإصلاح (1858–1861)؟</p>",
            "en": "<p>Where was Benito Juárez's Liberal government based during the Reform War (1858–1861)?</p>",
        },
        general_feedback={
            "ar": "اتخذت الحكومة الليبرالية ميناء فيراكروز مقرًّا لها، في حين سيطر المحافظون على العاصمة.",
            "en": "The Liberal government was based in the port of Veracruz, while the Conservatives held the capital.",
        },
        explanation={
            "ar": "قامت في البلاد حكومتان متنافستان، حتى هُزم المحافظون في كالبولالبان في ديسمبر 1860 ودخل خواريز "
            "العاصمة في يناير 1861.",
            "en": "Mexico had two rival governments until the Conservatives were beaten at Calpulalpan in December "
            "1860 and Juárez entered the capital in January 1861.",
        },
        choices=[
            ChoiceDef({"ar": "فيراكروز", "en": "Veracruz"}, Fraction(1)),
            ChoiceDef(
                {"ar": "مدينة مكسيكو", "en": "Mexico City"},
                Fraction(0),
                {
                    "ar": "كانت العاصمة في يد الحكومة المحافظة التي ترأّسها ميغيل ميرامون منذ 1859.",
                    "en": "The capital was held by the Conservative government, headed from 1859 by Miguel Miramón.",
                },
            ),
            ChoiceDef(
                {"ar": "سان لويس بوتوسي", "en": "San Luis Potosí"},
                Fraction(0),
                {
                    "ar": "انتقل خواريز إلى سان لويس بوتوسي لاحقًا، عام 1863، بعد سقوط بويبلا.",
                    "en": "Juárez moved to San Luis Potosí later, in 1863, after the fall of Puebla.",
                },
            ),
            ChoiceDef({"ar": "كيريتارو", "en": "Querétaro"}, Fraction(0)),
        ],
        events=["reform-war"],
        difficulty="medium",
        tags=["politics", "places"],
    ),
    QuestionDef(
        qtype="single_choice",
        name="Carlota's homeland",
        text={
            "ar": "<p>كانت الإمبراطورة كارلوتا، زوجة ماكسيميليان، أميرةً من أيّ بلد؟</p>",
            "en": "<p>Empress Carlota, Maximilian's wife, was a princess of which country?</p>",
        },
        general_feedback={
            "ar": "كانت كارلوتا أميرة بلجيكية، ابنة الملك ليوبولد الأول.",
            "en": "Carlota was a Belgian princess, the daughter of King Leopold I.",
        },
        explanation={
            "ar": "عُرفت في أوروبا باسم الأميرة شارلوت (Charlotte)، وعادت إلى بلجيكا بعد انهيارها العقلي عام 1866 "
            "فعاشت فيها حتى وفاتها.",
            "en": "Known in Europe as Princess Charlotte, she returned to Belgium after her breakdown in 1866 and "
            "lived there until her death.",
        },
        choices=[
            ChoiceDef({"ar": "بلجيكا", "en": "Belgium"}, Fraction(1)),
            ChoiceDef(
                {"ar": "النمسا", "en": "Austria"},
                Fraction(0),
                {
                    "ar": "النمسا بلد زوجها ماكسيميليان، شقيق الإمبراطور فرانتس يوزف.",
                    "en": "Austria was the homeland of her husband Maximilian, Emperor Franz Joseph's brother.",
                },
            ),
            ChoiceDef({"ar": "فرنسا", "en": "France"}, Fraction(0)),
            ChoiceDef({"ar": "إسبانيا", "en": "Spain"}, Fraction(0)),
        ],
        events=["carlotas-mission-to-europe", "maximilians-entry-into-mexico-city"],
        difficulty="easy",
        tags=["people"],
    ),
    QuestionDef(
        qtype="multiple_response",
        name="Backers of the Second Mexican Empire",
        text={
            "ar": "<p>أيّ هذه الأطراف أيّدت الإمبراطورية المكسيكية الثانية؟ اختر كل الإجابات الصحيحة.</p>",
            "en": "<p>Which of these backed the Second Mexican Empire? Select all that apply.</p>",
        },
        general_feedback={
            "ar": "أيّدت الإمبراطوريةَ الكنيسةُ الكاثوليكية وكبار الملّاك والمحافظون، في حين رفضت الولايات المتحدة "
            "الاعتراف بها.",
            "en": "The Empire was backed by the Catholic Church, the great landowners and the Conservatives, while "
            "the United States refused to recognise it.",
        },
        explanation={
            "ar": "خيّب ماكسيميليان آمال أنصاره المحافظين حين أبقى على كثير من إصلاحات خواريز ولم يردّ إلى الكنيسة "
            "أملاكها.",
            "en": "Maximilian disappointed his Conservative supporters by keeping many of Juárez's reforms and not "
            "restoring Church property.",
        },
        choices=[
            ChoiceDef({"ar": "الكنيسة الكاثوليكية", "en": "The Catholic Church"}, Fraction(1, 3)),
            ChoiceDef({"ar": "كبار الملّاك", "en": "The great landowners"}, Fraction(1, 3)),
            ChoiceDef({"ar": "المحافظون المكسيكيون", "en": "The Mexican Conservatives"}, Fraction(1, 3)),
            ChoiceDef(
                {"ar": "الولايات المتحدة", "en": "The United States"},
                Fraction(-1, 3),
                {
                    "ar": "رفضت الولايات المتحدة الاعتراف بالإمبراطورية وأمدّت الجمهوريين بالسلاح.",
                    "en": "The United States refused to recognise the Empire and let arms reach the Republicans.",
                },
            ),
            ChoiceDef({"ar": "بينيتو خواريز", "en": "Benito Juárez"}, Fraction(-1, 3)),
        ],
        events=["second-mexican-empire"],
        difficulty="easy",
        tags=["empire", "politics"],
    ),
    QuestionDef(
        qtype="multiple_response",
        name="Consequences of the Battle of Puebla",
        text={
            "ar": "<p>أيّ مما يلي كان من نتائج الانتصار المكسيكي في معركة بويبلا عام 1862؟ اختر كل الإجابات الصحيحة.</p>",
            "en": "<p>Which of these followed from the Mexican victory at Puebla in 1862? Select all that apply.</p>",
        },
        general_feedback={
            "ar": "تراجع لورنسيز إلى أوريزابا، وأُعفي من قيادته، وتأخّر الزحف الفرنسي على العاصمة عامًا كاملًا؛ أما فرنسا "
            "فلم تتخلَّ عن التدخل، ولم تسقط العاصمة إلا في يونيو 1863.",
            "en": "Lorencez fell back on Orizaba and was relieved of command, and the French march on the capital was "
            "delayed by a full year; France did not give up, and the capital fell only in June 1863.",
        },
        explanation={
            "ar": "ردّ نابليون الثالث على الهزيمة بإرسال نحو ثلاثين ألف جندي بقيادة فوري، فحوصرت بويبلا مرة أخرى عام 1863.",
            "en": "Napoleon III answered the defeat by sending some 30,000 men under Forey, and Puebla was besieged "
            "again in 1863.",
        },
        choices=[
            ChoiceDef(
                {
                    "ar": "تراجع لورنسيز إلى أوريزابا ينتظر المدد",
                    "en": "Lorencez fell back on Orizaba to await reinforcements",
                },
                Fraction(1, 3),
            ),
            ChoiceDef(
                {
                    "ar": "تأخّر الزحف الفرنسي على العاصمة عامًا كاملًا",
                    "en": "The French march on the capital was delayed by a year",
                },
                Fraction(1, 3),
            ),
            ChoiceDef(
                {"ar": "أُعفي لورنسيز من قيادة الحملة", "en": "Lorencez was relieved of his command"},
                Fraction(1, 3),
            ),
            ChoiceDef(
                {"ar": "تخلّت فرنسا عن التدخل في المكسيك", "en": "France gave up the intervention in Mexico"},
                Fraction(-1, 3),
                {
                    "ar": "بل أرسلت فرنسا جيشًا أكبر بقيادة فوري.",
                    "en": "On the contrary, France sent a larger army under Forey.",
                },
            ),
            ChoiceDef(
                {"ar": "دخل الفرنسيون مدينة مكسيكو بعد شهر واحد", "en": "The French entered Mexico City a month later"},
                Fraction(0),
            ),
        ],
        events=["battle-of-puebla", "siege-of-puebla"],
        difficulty="hard",
        tags=["battles", "causes"],
    ),
    QuestionDef(
        qtype="true_false",
        name="Juarez left the capital",
        text={
            "ar": "<p>كانت حكومة خواريز قد غادرت مدينة مكسيكو قبل أن يدخلها الجيش الفرنسي في يونيو 1863.</p>",
            "en": "<p>Juárez's government had left Mexico City before the French army entered it in June 1863.</p>",
        },
        general_feedback={
            "ar": "العبارة صحيحة: غادر خواريز العاصمة في 31 مايو 1863، ودخلها فوري دون قتال في 10 يونيو.",
            "en": "True: Juárez left the capital on 31 May 1863, and Forey entered it unopposed on 10 June.",
        },
        explanation={
            "ar": "رأى خواريز بعد سقوط بويبلا أن الدفاع عن العاصمة متعذّر، فانتقل إلى سان لويس بوتوسي ليواصل المقاومة.",
            "en": "After the fall of Puebla Juárez judged the capital indefensible and moved to San Luis Potosí to "
            "carry on the resistance.",
        },
        choices=[
            ChoiceDef(TRUE_TEXT, Fraction(1)),
            ChoiceDef(FALSE_TEXT, Fraction(0)),
        ],
        events=["capture-of-mexico-city"],
        difficulty="medium",
        tags=["politics"],
    ),
    QuestionDef(
        qtype="true_false",
        name="First allies at Veracruz",
        text={
            "ar": "<p>كان البريطانيون أول الحلفاء وصولًا إلى فيراكروز.</p>",
            "en": "<p>The British were the first of the allies to reach Veracruz.</p>",
        },
        general_feedback={
            "ar": "العبارة خاطئة: وصل الإسبان أولًا في ديسمبر 1861، ولحق بهم البريطانيون والفرنسيون في يناير 1862.",
            "en": "False: the Spanish arrived first, in December 1861, and the British and French followed in "
            "January 1862.",
        },
        explanation={
            "ar": "أبحرت السفن الإسبانية من كوبا القريبة، فبدأت تصل في 8 ديسمبر 1861 واحتلت المدينة في 17 ديسمبر.",
            "en": "The Spanish ships sailed from nearby Cuba, began arriving on 8 December 1861 and occupied the city "
            "on 17 December.",
        },
        choices=[
            ChoiceDef(TRUE_TEXT, Fraction(0)),
            ChoiceDef(FALSE_TEXT, Fraction(1)),
        ],
        events=["landing-at-veracruz"],
        difficulty="medium",
        tags=["diplomacy"],
    ),
    QuestionDef(
        qtype="short_answer",
        name="Victor of Puebla",
        text={
            "ar": "<p>اكتب اسم عائلة القائد المكسيكي الذي هزم الفرنسيين في بويبلا يوم 5 مايو 1862.</p>",
            "en": "<p>Give the surname of the Mexican general who defeated the French at Puebla on 5 May 1862.</p>",
        },
        general_feedback={
            "ar": "القائد هو إغناسيو ساراغوسا.",
            "en": "The general was Ignacio Zaragoza.",
        },
        explanation={
            "ar": "تحمل مدينة بويبلا اليوم اسمه رسميًّا: «بويبلا دي ساراغوسا» (Puebla de Zaragoza).",
            "en": "The city of Puebla officially bears his name today: Puebla de Zaragoza.",
        },
        accepted_answers=[
            AcceptedAnswerDef({"ar": "ساراغوسا", "en": "Zaragoza"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "إغناسيو ساراغوسا", "en": "Ignacio Zaragoza"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "سراغوسا"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "ساراجوزا"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "زاراغوزا"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "زاراجوزا"}, Fraction(1)),
        ],
        events=["battle-of-puebla"],
        difficulty="medium",
        tags=["people", "battles"],
    ),
    QuestionDef(
        qtype="short_answer",
        name="Doctrine invoked by Washington",
        text={
            "ar": "<p>استند الأمريكيون إلى مبدأ يحمل اسم أحد رؤسائهم ليطالبوا فرنسا بالجلاء عن المكسيك. ما اسم هذا "
            "الرئيس؟</p>",
            "en": "<p>The United States invoked a doctrine named after one of its presidents to demand that France leave "
            "Mexico. What was that president's name?</p>",
        },
        general_feedback={
            "ar": "هو مبدأ مونرو، نسبةً إلى الرئيس جيمس مونرو.",
            "en": "It was the Monroe Doctrine, named after President James Monroe.",
        },
        explanation={
            "ar": "يرفض مبدأ مونرو (1823) أيّ تدخل أوروبي جديد في الأمريكتين، ولم تستطع واشنطن فرضه إلا بعد نهاية "
            "حربها الأهلية عام 1865.",
            "en": "The Monroe Doctrine (1823) rejected any new European intervention in the Americas; Washington "
            "could enforce it only after its civil war ended in 1865.",
        },
        accepted_answers=[
            AcceptedAnswerDef({"ar": "مونرو", "en": "Monroe"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "جيمس مونرو", "en": "James Monroe"}, Fraction(1)),
            AcceptedAnswerDef({"ar": "مبدأ مونرو", "en": "Monroe Doctrine"}, Fraction(1)),
        ],
        events=["end-of-the-us-civil-war", "french-withdrawal"],
        difficulty="medium",
        tags=["diplomacy"],
    ),
    QuestionDef(
        qtype="numerical",
        name="Year Maximilian accepted the crown",
        text={
            "ar": "<p>في أيّ عام قبِل ماكسيميليان تاج المكسيك فقامت الإمبراطورية المكسيكية الثانية؟</p>",
            "en": "<p>In what year did Maximilian accept the Mexican crown, founding the Second Mexican Empire?</p>",
        },
        general_feedback={
            "ar": "قبِل ماكسيميليان التاج في 10 أبريل 1864، يوم توقيع معاهدة ميرامار.",
            "en": "Maximilian accepted the crown on 10 April 1864, the day the Treaty of Miramare was signed.",
        },
        explanation={
            "ar": "عُرض عليه التاج في يوليو 1863 بعد استيلاء الفرنسيين على العاصمة، لكنه لم يقبله رسميًّا إلا في العام "
            "التالي.",
            "en": "The crown had been offered to him in July 1863, after the French took the capital, but he formally "
            "accepted it only the following year.",
        },
        numerical_answers=[
            NumericalAnswerDef(Decimal(1864), Decimal(0), Fraction(1)),
            NumericalAnswerDef(
                Decimal(1864),
                Decimal(1),
                Fraction(1, 2),
                {
                    "ar": "قريب: عُرض عليه التاج عام 1863، لكنه قبله عام 1864.",
                    "en": "Close: the crown was offered in 1863, but he accepted it in 1864.",
                },
            ),
        ],
        events=["second-mexican-empire", "treaty-of-miramare"],
        difficulty="medium",
        tags=["empire", "dates"],
    ),
    QuestionDef(
        qtype="numerical",
        name="Year of Carlota's death",
        text={
            "ar": "<p>عاشت الإمبراطورة كارلوتا بعد زوجها عقودًا في عزلة ببلجيكا. في أيّ عام توفيت؟</p>",
            "en": "<p>Empress Carlota outlived her husband by decades, in seclusion in Belgium. In what year did she "
            "die?</p>",
        },
        general_feedback={
            "ar": "توفيت كارلوتا عام 1927، بعد ستين عامًا من إعدام ماكسيميليان.",
            "en": "Carlota died in 1927, sixty years after Maximilian's execution.",
        },
        explanation={
            "ar": "انهارت صحتها العقلية عام 1866 في أثناء رحلتها إلى أوروبا تلتمس العون من نابليون الثالث والبابا بيوس "
            "التاسع، ولم تعد إلى المكسيك قط.",
            "en": "Her mind gave way in 1866 during her journey to Europe to seek help from Napoleon III and Pope Pius "
            "IX, and she never returned to Mexico.",
        },
        numerical_answers=[
            NumericalAnswerDef(Decimal(1927), Decimal(0), Fraction(1)),
        ],
        events=["carlotas-mission-to-europe"],
        difficulty="hard",
        tags=["people", "dates"],
    ),
    QuestionDef(
        qtype="numerical",
        name="Length of the debt moratorium",
        text={
            "ar": "<p>علّق الكونغرس المكسيكي في 17 يوليو 1861 سداد الديون الخارجية. كم عامًا كانت مدة التعليق؟</p>",
            "en": "<p>On 17 July 1861 the Mexican Congress suspended payments on the foreign debt. For how many years "
            "was the suspension?</p>",
        },
        general_feedback={
            "ar": "عُلّق السداد مدة عامين.",
            "en": "Payments were suspended for two years.",
        },
        explanation={
            "ar": "أفلست الخزينة بعد حرب الإصلاح، فقطعت بريطانيا وفرنسا علاقاتهما الدبلوماسية بالمكسيك احتجاجًا، واتخذت "
            "الدول الدائنة القرار ذريعة للتدخل.",
            "en": "The Reform War had emptied the treasury; Britain and France broke off diplomatic relations in "
            "protest, and the creditor powers used the measure as a pretext to intervene.",
        },
        numerical_answers=[
            NumericalAnswerDef(Decimal(2), Decimal(0), Fraction(1)),
        ],
        events=["suspension-of-debt-payments"],
        difficulty="medium",
        tags=["economy"],
    ),
    QuestionDef(
        qtype="matching",
        name="Leaders and their roles",
        text={
            "ar": "<p>طابق كل شخصية مع الدور الذي أدّته.</p>",
            "en": "<p>Match each person with the part they played.</p>",
        },
        general_feedback={
            "ar": "كان خواريز رئيس الجمهورية، ونابليون الثالث إمبراطور الفرنسيين، وميرامون رئيس الحكومة المحافظة في حرب "
            "الإصلاح، أما دياز فاستعاد بويبلا ومدينة مكسيكو عام 1867.",
            "en": "Juárez was President of the Republic, Napoleon III Emperor of the French, Miramón head of the "
            "Conservative government in the Reform War, and Díaz retook Puebla and Mexico City in 1867.",
        },
        explanation={
            "ar": "حكم بورفيريو دياز المكسيك لاحقًا رئيسًا معظم المدة بين 1876 و1911، في حين توفي خواريز وهو في الرئاسة "
            "عام 1872.",
            "en": "Porfirio Díaz later ruled Mexico as president for most of 1876–1911, while Juárez died in office "
            "in 1872.",
        },
        pairs=[
            MatchingPairDef(
                prompt={"ar": "بينيتو خواريز", "en": "Benito Juárez"},
                answer={
                    "ar": "رئيس الجمهورية الذي قاد المقاومة",
                    "en": "President of the Republic who led the resistance",
                },
            ),
            MatchingPairDef(
                prompt={"ar": "نابليون الثالث", "en": "Napoleon III"},
                answer={
                    "ar": "إمبراطور الفرنسيين وصاحب مشروع الملكية المكسيكية",
                    "en": "Emperor of the French and author of the Mexican monarchy scheme",
                },
            ),
            MatchingPairDef(
                prompt={"ar": "ميغيل ميرامون", "en": "Miguel Miramón"},
                answer={
                    "ar": "رئيس الحكومة المحافظة في أثناء حرب الإصلاح",
                    "en": "Head of the Conservative government during the Reform War",
                },
            ),
            MatchingPairDef(
                prompt={"ar": "بورفيريو دياز", "en": "Porfirio Díaz"},
                answer={
                    "ar": "استعاد بويبلا ومدينة مكسيكو عام 1867",
                    "en": "Retook Puebla and Mexico City in 1867",
                },
            ),
            MatchingPairDef(
                prompt={},
                answer={"ar": "ملك بلجيكا ووالد كارلوتا", "en": "King of the Belgians and Carlota's father"},
            ),
        ],
        events=["reform-war", "convention-of-london", "restoration-of-the-republic"],
        difficulty="easy",
        tags=["people"],
    ),
    QuestionDef(
        qtype="matching",
        name="Events and dates",
        text={
            "ar": "<p>طابق كل حدث مع تاريخه.</p>",
            "en": "<p>Match each event with its date.</p>",
        },
        general_feedback={
            "ar": "عُلّق سداد الديون في 17 يوليو 1861، وقبِل ماكسيميليان التاج في 10 أبريل 1864، واستسلم الجنرال لي في "
            "9 أبريل 1865، وسقطت كيريتارو في 15 مايو 1867.",
            "en": "Debt payments were suspended on 17 July 1861, Maximilian accepted the crown on 10 April 1864, "
            "General Lee surrendered on 9 April 1865, and Querétaro fell on 15 May 1867.",
        },
        explanation={
            "ar": "تمتدّ هذه الأحداث من الذريعة التي فتحت باب التدخل إلى السقوط الفعلي للإمبراطورية، في أقل من ست سنوات.",
            "en": "These events run from the pretext that opened the way to intervention to the Empire's effective "
            "end, in less than six years.",
        },
        pairs=[
            MatchingPairDef(
                prompt={"ar": "تعليق سداد الديون الخارجية", "en": "The suspension of foreign-debt payments"},
                answer={"ar": "17 يوليو 1861", "en": "17 July 1861"},
            ),
            MatchingPairDef(
                prompt={"ar": "قبول ماكسيميليان تاج المكسيك", "en": "Maximilian accepts the Mexican crown"},
                answer={"ar": "10 أبريل 1864", "en": "10 April 1864"},
            ),
            MatchingPairDef(
                prompt={"ar": "استسلام الجنرال لي في أبوماتوكس", "en": "General Lee's surrender at Appomattox"},
                answer={"ar": "9 أبريل 1865", "en": "9 April 1865"},
            ),
            MatchingPairDef(
                prompt={"ar": "سقوط كيريتارو", "en": "The fall of Querétaro"},
                answer={"ar": "15 مايو 1867", "en": "15 May 1867"},
            ),
            MatchingPairDef(prompt={}, answer={"ar": "5 مايو 1863", "en": "5 May 1863"}),
        ],
        events=[
            "suspension-of-debt-payments",
            "second-mexican-empire",
            "end-of-the-us-civil-war",
            "siege-of-queretaro",
        ],
        difficulty="hard",
        tags=["dates"],
    ),
    QuestionDef(
        qtype="ordering",
        name="Maximilian's road to the throne",
        text={
            "ar": "<p>رتّب هذه الأحداث من حياة ماكسيميليان وكارلوتا ترتيبًا زمنيًّا من الأقدم إلى الأحدث.</p>",
            "en": "<p>Put these events in the lives of Maximilian and Carlota in chronological order, earliest "
            "first.</p>",
        },
        general_feedback={
            "ar": "الترتيب الصحيح: عرض التاج (يوليو 1863)، ثم قبوله في ميرامار (10 أبريل 1864)، ثم النزول في فيراكروز "
            "(28 مايو 1864)، ثم دخول العاصمة (12 يونيو 1864)، ثم رحلة كارلوتا إلى أوروبا (يوليو 1866).",
            "en": "The right order: the crown is offered (July 1863), accepted at Miramare (10 April 1864), the landing "
            "at Veracruz (28 May 1864), the entry into the capital (12 June 1864), then Carlota's departure for "
            "Europe (July 1866).",
        },
        explanation={
            "ar": "أبحر الزوجان من ميرامار على متن الفرقاطة «نوفارا» (Novara)، وبعد عامين فقط كانت كارلوتا تعبر المحيط "
            "عائدة تلتمس النجدة لعرش يتداعى.",
            "en": "The couple sailed from Miramare aboard the frigate Novara; only two years later Carlota was "
            "crossing the ocean again to seek help for a crumbling throne.",
        },
        items=[
            OrderingItemDef(
                {
                    "ar": "مجلس الأعيان المحافظين يعرض التاج على ماكسيميليان",
                    "en": "The Assembly of Notables offers the crown to Maximilian",
                }
            ),
            OrderingItemDef(
                {
                    "ar": "ماكسيميليان يقبل التاج في ميرامار، حيث تُوقَّع المعاهدة مع فرنسا",
                    "en": "Maximilian accepts the crown at Miramare, where the treaty with France is signed",
                }
            ),
            OrderingItemDef(
                {
                    "ar": "الفرقاطة «نوفارا» تصل بالزوجين إلى فيراكروز",
                    "en": "The frigate Novara brings the couple to Veracruz",
                }
            ),
            OrderingItemDef(
                {
                    "ar": "ماكسيميليان وكارلوتا يدخلان مدينة مكسيكو",
                    "en": "Maximilian and Carlota enter Mexico City",
                }
            ),
            OrderingItemDef(
                {
                    "ar": "كارلوتا تغادر المكسيك إلى أوروبا",
                    "en": "Carlota leaves Mexico for Europe",
                }
            ),
        ],
        events=[
            "capture-of-mexico-city",
            "treaty-of-miramare",
            "maximilians-entry-into-mexico-city",
            "carlotas-mission-to-europe",
        ],
        difficulty="medium",
        tags=["chronology", "empire"],
    ),
    QuestionDef(
        qtype="ordering",
        name="Juarez's decade",
        text={
            "ar": "<p>رتّب هذه المحطات في مسيرة بينيتو خواريز ترتيبًا زمنيًّا من الأقدم إلى الأحدث.</p>",
            "en": "<p>Put these milestones in Benito Juárez's career in chronological order, earliest first.</p>",
        },
        general_feedback={
            "ar": "الترتيب الصحيح: اندلاع حرب الإصلاح (1858)، ثم دخول العاصمة منتصرًا (يناير 1861)، ثم تعليق سداد "
            "الديون (يوليو 1861)، ثم مغادرة العاصمة إلى سان لويس بوتوسي (مايو 1863)، ثم العودة إليها (يوليو 1867).",
            "en": "The right order: the outbreak of the Reform War (1858), the victorious entry into the capital "
            "(January 1861), the suspension of debt payments (July 1861), the departure for San Luis Potosí (May "
            "1863), then the return to the capital (July 1867).",
        },
        explanation={
            "ar": "أعلن خواريز يوم عودته إلى العاصمة أن «احترام حق الآخرين هو السلام»، وأُعيد انتخابه رئيسًا في العام "
            "نفسه.",
            "en": "On his return to the capital Juárez declared that \"respect for the rights of others is peace\", and "
            "he was re-elected president later that year.",
        },
        items=[
            OrderingItemDef(
                {
                    "ar": "المحافظون ينقلبون على الحكومة الدستورية فتندلع حرب الإصلاح",
                    "en": "The Conservatives overthrow the constitutional government and the Reform War breaks out",
                }
            ),
            OrderingItemDef(
                {
                    "ar": "خواريز يدخل العاصمة بعد انتصار الليبراليين",
                    "en": "Juárez enters the capital after the Liberal victory",
                }
            ),
            OrderingItemDef(
                {
                    "ar": "حكومة خواريز تعلّق سداد الديون الخارجية",
                    "en": "Juárez's government suspends payments on the foreign debt",
                }
            ),
            OrderingItemDef(
                {
                    "ar": "خواريز يغادر العاصمة إلى سان لويس بوتوسي",
                    "en": "Juárez leaves the capital for San Luis Potosí",
                }
            ),
            OrderingItemDef(
                {
                    "ar": "خواريز يعود منتصرًا إلى العاصمة",
                    "en": "Juárez returns in triumph to the capital",
                }
            ),
        ],
        events=["reform-war", "suspension-of-debt-payments", "capture-of-mexico-city", "restoration-of-the-republic"],
        difficulty="hard",
        tags=["chronology", "people"],
    ),
]


def _texts(ar: str, en: str) -> dict:
    return {"ar": ar, "en": en}


def _cloze(*, name: str, ar: str, en: str, points: int, general_feedback: dict, hints: list[dict], events: list[str],
           difficulty: str, tags: list[str]) -> QuestionDef:
    """A cloze question written as authors write it, in Moodle's embedded syntax in each language."""
    texts, gaps, problems = read_texts({"ar": ar, "en": en})
    if problems:
        raise ValueError(f"Demo cloze question {name!r}: {problems}")
    return QuestionDef(qtype="cloze", name=name, text=texts, options={"gaps": [gap_json(gap) for gap in gaps]},
                       points=Decimal(points), general_feedback=general_feedback, hints=hints, events=events,
                       difficulty=difficulty, tags=tags)


# Cloze, select missing words and drag and drop into text (issue 11): two of each. Dates and names agree with
# history.demo_content (Convention of London 31 October 1861; British and Spanish withdrawal April 1862;
# Battle of Puebla 5 May 1862 under Ignacio Zaragoza; Puebla surrendered 17 May 1863; Miramare 10 April 1864;
# Maximilian landed at Veracruz 28 May 1864 and was executed at Querétaro 19 June 1867).
CLOZE_QUESTIONS = [
    _cloze(
        name="Battle of Puebla in embedded answers",
        en="<p>On 5 May 1862 the Mexican army under General {2:SA:=Ignacio Zaragoza#Yes: he commanded the defence "
        "of Puebla~=Zaragoza#Yes: Ignacio Zaragoza~=General Zaragoza#Yes: Ignacio Zaragoza~=Ignacio Zaragoza "
        "Seguín#Yes: his full name} defeated the French army at {1:MC:=Puebla#Right~Veracruz#No: the allies had "
        "landed at Veracruz~Querétaro#No: Querétaro is where the empire ended in 1867~Orizaba#No: the French fell "
        "back to Orizaba after the battle}. Mexicans still celebrate the day as {1:SA:=Cinco de Mayo~=the Fifth of "
        "May}. The French took Puebla after a second siege, in {1:NM:=1863#Right: the city surrendered on 17 May "
        "1863~%0%1862#No: 1862 was the year of the French defeat}.</p>",
        ar="<p>في 5 مايو 1862 هزم الجيش المكسيكي بقيادة الجنرال {2:SA:=إغناسيو ساراغوسا#أحسنت: قاد الدفاع عن "
        "بويبلا~=ساراغوسا#أحسنت: إغناسيو ساراغوسا~=زاراغوزا#أحسنت، ويُكتب أيضًا «ساراغوسا»~=إغناسيو "
        "زاراغوزا#أحسنت، ويُكتب أيضًا «إغناسيو ساراغوسا»} الجيشَ الفرنسي عند {1:MC:=بويبلا#صحيح~فيراكروز#لا: في "
        "فيراكروز نزل الحلفاء~كيريتارو#لا: في كيريتارو انتهت الإمبراطورية عام 1867~أوريزابا#لا: إلى أوريزابا "
        "تراجع الفرنسيون بعد المعركة}. وما زال المكسيكيون يحتفلون بهذا اليوم باسم {1:SA:=سينكو دي مايو~=الخامس من "
        "مايو}. واستولى الفرنسيون على بويبلا بعد حصار ثانٍ عام {1:NM:=1863#صحيح: استسلمت المدينة في 17 مايو "
        "1863~%0%1862#لا: في 1862 هُزم الفرنسيون}.</p>",
        points=5,
        general_feedback=_texts(
            "<p>5 مايو 1862: صدّ ساراغوسا الهجوم الفرنسي على بويبلا؛ وسقطت المدينة في 17 مايو 1863.</p>",
            "<p>5 May 1862: Zaragoza threw back the French attack on Puebla; the city fell on 17 May 1863.</p>",
        ),
        hints=[_texts("<p>قائد الدفاع عن بويبلا جنرال شابّ وُلد في تكساس، والمعركة دارت عند حصنَي لوريتو "
                      "وغوادالوبي.</p>",
                      "<p>Puebla's defender was a young general born in Texas; the battle was fought at the forts of "
                      "Loreto and Guadalupe.</p>")],
        events=["battle-of-puebla", "siege-of-puebla"],
        difficulty="medium",
        tags=["battles"],
    ),
    _cloze(
        name="Maximilian's empire",
        en="<p>By the Convention of London (31 October 1861) {1:MR:~=France~=Spain~=Britain~Prussia#No: Prussia "
        "took no part~Austria#No: Austria did not sign} agreed to press Mexico for its debts. Backed by "
        "{1:MC:=Napoleon III~Napoleon I~Louis-Philippe}, Mexican conservatives offered the crown to the Austrian "
        "archduke {1:SA:=Maximilian~=Ferdinand Maximilian}, who landed at Veracruz in {1:NM:=1864#Right: on 28 May "
        "1864}. President {1:SA:=Benito Juárez~=Juárez} never gave up the republic, and Maximilian was shot at "
        "{1:MCV:=Querétaro#Right: on the Cerro de las Campanas~Puebla~Mexico City} on 19 June 1867.</p>",
        ar="<p>بموجب اتفاقية لندن (31 أكتوبر 1861) اتفقت {1:MR:~=فرنسا~=إسبانيا~=بريطانيا~بروسيا#لا: لم تشارك "
        "بروسيا~النمسا#لا: لم توقّع النمسا} على الضغط على المكسيك لاستيفاء ديونها. وبدعم من {1:MC:=نابليون "
        "الثالث~نابليون الأول~لويس فيليب} عرض المحافظون المكسيكيون التاج على الأرشيدوق النمساوي "
        "{1:SA:=ماكسيميليان~=فرديناند ماكسيميليان}، الذي نزل في فيراكروز عام {1:NM:=1864#صحيح: في 28 مايو 1864}. "
        "ولم يتخلَّ الرئيس {1:SA:=بينيتو خواريز~=خواريز} عن الجمهورية، وأُعدم ماكسيميليان رميًا بالرصاص في "
        "{1:MCV:=كيريتارو#صحيح: على تل الأجراس~بويبلا~مدينة مكسيكو} في 19 يونيو 1867.</p>",
        points=6,
        general_feedback=_texts(
            "<p>انسحبت بريطانيا وإسبانيا عام 1862 حين ظهرت أطماع فرنسا، وبقيت القوات الفرنسية حتى 1867.</p>",
            "<p>Britain and Spain withdrew in 1862 once France's aims were clear; French troops stayed until "
            "1867.</p>",
        ),
        hints=[_texts("<p>وقّعت الاتفاقيةَ ثلاثُ دول دائنة للمكسيك، ولم تكن بينها أيّ دولة ألمانية.</p>",
                      "<p>Three of Mexico's creditors signed the convention; no German state was among them.</p>"),
               _texts("<p>أُعدم ماكسيميليان في المدينة التي حاصره فيها الجمهوريون من مارس إلى مايو 1867.</p>",
                      "<p>Maximilian was executed in the city where the republicans besieged him from March to "
                      "May 1867.</p>")],
        events=["convention-of-london", "treaty-of-miramare", "execution-of-maximilian"],
        difficulty="hard",
        tags=["empire"],
    ),
]

GAP_QUESTIONS = [
    QuestionDef(
        qtype="gapselect",
        name="Battle of Puebla in words",
        text=_texts(
            "<p>في 5 [[1]] 1862 هزم الجيش المكسيكي بقيادة الجنرال [[2]] القواتِ الفرنسية في معركة [[3]].</p>",
            "<p>On 5 [[1]] 1862 the Mexican army under General [[2]] defeated the French at the Battle of [[3]].</p>",
        ),
        general_feedback=_texts(
            "<p>معركة بويبلا في 5 مايو 1862، بقيادة إغناسيو ساراغوسا: يومٌ يُحتفى به في «سينكو دي مايو».</p>",
            "<p>The Battle of Puebla, 5 May 1862, under Ignacio Zaragoza: the day celebrated as Cinco de Mayo.</p>",
        ),
        gap_choices=[
            GapChoiceDef(_texts("مايو", "May"), group=1),
            GapChoiceDef(_texts("إغناسيو ساراغوسا", "Ignacio Zaragoza"), group=2),
            GapChoiceDef(_texts("بويبلا", "Puebla"), group=3),
            GapChoiceDef(_texts("يونيو", "June"), group=1),
            GapChoiceDef(_texts("فرانسوا أشيل بازين", "François Achille Bazaine"), group=2),
            GapChoiceDef(_texts("كيريتارو", "Querétaro"), group=3),
        ],
        options={"shuffle": True},
        hints=[_texts("<p>«سينكو دي مايو» تعني «الخامس من مايو»، والمعركة سُمّيت باسم المدينة التي دارت عندها.</p>",
                      "<p>Cinco de Mayo means “the fifth of May”; the battle is named after the city where it was "
                      "fought.</p>")],
        events=["battle-of-puebla"],
        difficulty="easy",
        tags=["battles"],
    ),
    QuestionDef(
        qtype="gapselect",
        name="Convention of London in words",
        text=_texts(
            "<p>في أكتوبر 1861 وقّعت فرنسا وإسبانيا و[[2]] اتفاقية [[1]] لإرغام المكسيك على سداد ديونها، "
            "ثم انسحبت إسبانيا وبريطانيا في [[3]] 1862.</p>",
            "<p>In October 1861 France, Spain and [[2]] signed the Convention of [[1]] to force Mexico to pay its "
            "debts; Spain and Britain withdrew in [[3]] 1862.</p>",
        ),
        gap_choices=[
            GapChoiceDef(_texts("لندن", "London"), group=1),
            GapChoiceDef(_texts("بريطانيا", "Britain"), group=2),
            GapChoiceDef(_texts("أبريل", "April"), group=3),
            GapChoiceDef(_texts("ميرامار", "Miramare"), group=1),
            GapChoiceDef(_texts("النمسا", "Austria"), group=2),
            GapChoiceDef(_texts("ديسمبر", "December"), group=3),
        ],
        options={"shuffle": True},
        events=["convention-of-london", "british-and-spanish-withdrawal"],
        difficulty="medium",
        tags=["diplomacy"],
    ),
    QuestionDef(
        qtype="ddwtos",
        name="Maximilian's empire in words",
        text=_texts(
            "<p>قبِل الأرشيدوق [[1]] عرش المكسيك وفق معاهدة [[2]] في أبريل 1864، وأُعدم في [[3]] في 19 يونيو "
            "1867.</p>",
            "<p>Archduke [[1]] accepted the Mexican crown under the Treaty of [[2]] in April 1864 and was executed at "
            "[[3]] on 19 June 1867.</p>",
        ),
        gap_choices=[
            GapChoiceDef(_texts("ماكسيميليان", "Maximilian")),
            GapChoiceDef(_texts("ميرامار", "Miramare")),
            GapChoiceDef(_texts("كيريتارو", "Querétaro")),
            GapChoiceDef(_texts("فرانتس يوزف", "Franz Joseph")),
            GapChoiceDef(_texts("لندن", "London")),
            GapChoiceDef(_texts("فيراكروز", "Veracruz")),
        ],
        options={"shuffle": True},
        hints=[_texts("<p>الأرشيدوق شقيق فرانتس يوزف إمبراطور النمسا، والمعاهدة تحمل اسم قصره قرب تريستي.</p>",
                      "<p>The archduke was the brother of Franz Joseph, Emperor of Austria; the treaty bears the name "
                      "of his castle near Trieste.</p>")],
        events=["treaty-of-miramare", "execution-of-maximilian"],
        difficulty="medium",
        tags=["empire"],
    ),
    QuestionDef(
        qtype="ddwtos",
        name="End of the intervention in words",
        text=_texts(
            "<p>أبحر آخر الجنود الفرنسيين من فيراكروز في [[1]] 1867 بعد أن أخلى المارشال [[2]] مدينة مكسيكو، "
            "وعاد الرئيس [[3]] إلى العاصمة في يوليو 1867.</p>",
            "<p>The last French soldiers sailed from Veracruz in [[1]] 1867 after Marshal [[2]] had left Mexico City, "
            "and President [[3]] returned to the capital in July 1867.</p>",
        ),
        gap_choices=[
            GapChoiceDef(_texts("مارس", "March"), group=1),
            GapChoiceDef(_texts("بازين", "Bazaine"), group=2),
            GapChoiceDef(_texts("بينيتو خواريز", "Benito Juárez"), group=2),
            GapChoiceDef(_texts("سبتمبر", "September"), group=1),
            GapChoiceDef(_texts("لورنسيز", "Lorencez"), group=2),
            GapChoiceDef(_texts("ميغيل ميرامون", "Miguel Miramón"), group=2),
        ],
        options={"shuffle": True},
        events=["french-withdrawal", "restoration-of-the-republic"],
        difficulty="hard",
        tags=["withdrawal"],
    ),
]

QUESTIONS += CLOZE_QUESTIONS + GAP_QUESTIONS

ESSAY_BANK = {
    "title": {"ar": "مصادر ومقالات: التدخل الفرنسي الثاني في المكسيك",
              "en": "Sources and essays: the Second French intervention in Mexico"},
    "description": {
        "ar": "نصوص من المصادر وجداول تواريخ للقراءة، وأسئلة مقالية يصحّحها المعلّم.",
        "en": "Source excerpts and timelines to read, and essay questions a teacher grades.",
    },
}

ESSAY_QUESTIONS = [
    QuestionDef(
        qtype="description",
        name="Source: Zaragoza's dispatch from Puebla",
        text={
            "ar": "<p><strong>مصدر:</strong> برقية الجنرال إغناسيو ساراغوسا إلى وزير الحرب مساء 5 مايو 1862، بعد أن "
            "صدّ جيشُه هجومَ الجنرال لورنسيز على حصنَي لوريتو وغوادالوبي:</p>"
            "<blockquote><p>«لقد غطّت الأسلحةُ الوطنية نفسَها بالمجد.»</p></blockquote>"
            "<p>اقرأ المصدر قبل الإجابة عن الأسئلة التالية.</p>",
            "en": "<p><strong>Source:</strong> General Ignacio Zaragoza's dispatch to the Minister of War on the evening "
            "of 5 May 1862, after his army drove back General Lorencez's attack on the forts of Loreto and "
            "Guadalupe:</p>"
            "<blockquote><p>“The national arms have covered themselves in glory.”</p></blockquote>"
            "<p>Read the source before answering the questions that follow.</p>",
        },
        points=Decimal(0),
        events=["battle-of-puebla"],
        tags=["sources"],
    ),
    QuestionDef(
        qtype="essay",
        name="Why Puebla became a national holiday",
        text={
            "ar": "<p>بالاستناد إلى برقية ساراغوسا، اشرح لماذا صار يوم 5 مايو 1862 رمزًا وطنيًّا في المكسيك، مع أنّ "
            "الفرنسيين استولوا على بويبلا في العام التالي.</p>",
            "en": "<p>Using Zaragoza's dispatch, explain why 5 May 1862 became a national symbol in Mexico, even though "
            "the French took Puebla the following year.</p>",
        },
        points=Decimal(5),
        options={
            "min_words": 80,
            "max_words": 300,
            "response_template_ar": "الحدث:\nلماذا كان مفاجئًا:\nما الذي تغيّر بعده:",
            "response_template_en": "The event:\nWhy it was a surprise:\nWhat changed after it:",
            "grader_info_ar": "يذكر أنّ جيشًا مكسيكيًّا أقلّ تجهيزًا هزم جيشًا أوروبيًّا عُدّ من أقوى جيوش عصره؛ وأنّ "
            "النصر أخّر الزحف الفرنسي على العاصمة عامًا كاملًا (سقطت بويبلا في 17 مايو 1863 بعد حصار، ودخل فوري "
            "مدينة مكسيكو في 10 يونيو 1863)؛ وأنّه صار رمزًا للمقاومة الجمهورية بقيادة بينيتو خواريز. "
            "درجة كاملة: الأسباب الثلاثة مع الاستشهاد بالمصدر.",
            "grader_info_en": "Mentions that a less well-equipped Mexican army defeated a European army reckoned among "
            "the strongest of its day; that the victory delayed the French march on the capital by a year (Puebla "
            "fell on 17 May 1863 after a siege, and Forey entered Mexico City on 10 June 1863); and that it became a "
            "symbol of the republican resistance led by Benito Juárez. Full marks: all three, citing the source.",
        },
        events=["battle-of-puebla", "siege-of-puebla", "capture-of-mexico-city"],
        difficulty="medium",
        tags=["battles", "sources"],
    ),
    QuestionDef(
        qtype="description",
        name="Timeline: from London to Querétaro",
        text={
            "ar": "<p><strong>تواريخ للرجوع إليها:</strong></p><ul>"
            "<li>17 يوليو 1861: حكومة خواريز تعلّق سداد الديون الخارجية.</li>"
            "<li>31 أكتوبر 1861: فرنسا وبريطانيا وإسبانيا توقّع اتفاقية لندن.</li>"
            "<li>5 مايو 1862: معركة بويبلا.</li>"
            "<li>10 أبريل 1864: ماكسيميليان يقبل التاج في ميرامار.</li>"
            "<li>19 يونيو 1867: إعدام ماكسيميليان في كيريتارو.</li></ul>",
            "en": "<p><strong>Dates to refer to:</strong></p><ul>"
            "<li>17 July 1861: Juárez's government suspends payments on the foreign debt.</li>"
            "<li>31 October 1861: France, Britain and Spain sign the Convention of London.</li>"
            "<li>5 May 1862: the Battle of Puebla.</li>"
            "<li>10 April 1864: Maximilian accepts the crown at Miramare.</li>"
            "<li>19 June 1867: Maximilian is executed at Querétaro.</li></ul>",
        },
        points=Decimal(0),
        events=["suspension-of-debt-payments", "convention-of-london", "battle-of-puebla", "treaty-of-miramare",
                "execution-of-maximilian"],
        tags=["dates"],
    ),
    QuestionDef(
        qtype="essay",
        name="Why the Second Mexican Empire fell",
        text={
            "ar": "<p>لماذا سقطت الإمبراطورية المكسيكية الثانية عام 1867؟ اذكر سببين من داخل المكسيك وسببين من "
            "خارجها.</p>",
            "en": "<p>Why did the Second Mexican Empire fall in 1867? Give two causes from inside Mexico and two from "
            "outside it.</p>",
        },
        points=Decimal(6),
        options={
            "min_words": 120,
            "max_words": 400,
            "grader_info_ar": "من الداخل: مقاومة الجمهوريين بقيادة خواريز التي لم تتوقّف، وإصلاحات ماكسيميليان "
            "الليبرالية التي أبعدت عنه المحافظين والكنيسة. من الخارج: نهاية الحرب الأهلية الأمريكية عام 1865 وضغط "
            "الولايات المتحدة على فرنسا، وسحب نابليون الثالث قواته (1866–1867) أمام صعود بروسيا بعد الحرب النمساوية "
            "البروسية، وفشل مهمّة الإمبراطورة كارلوتا في أوروبا. النهاية: حصار كيريتارو والقبض على ماكسيميليان في "
            "15 مايو 1867 وإعدامه مع الجنرالين ميرامون وميخيا في 19 يونيو 1867.",
            "grader_info_en": "Inside: the republican resistance under Juárez, which never stopped, and Maximilian's "
            "liberal reforms, which lost him the conservatives and the Church. Outside: the end of the American "
            "Civil War in 1865 and United States pressure on France; Napoleon III withdrawing his troops (1866–1867) "
            "as Prussia rose after the Austro-Prussian War; and the failure of Empress Carlota's mission to Europe. "
            "The end: the siege of Querétaro, Maximilian's capture on 15 May 1867 and his execution with Generals "
            "Miramón and Mejía on 19 June 1867.",
        },
        events=["end-of-the-us-civil-war", "french-withdrawal", "austro-prussian-war", "carlotas-mission-to-europe",
                "siege-of-queretaro", "execution-of-maximilian"],
        difficulty="hard",
        tags=["causes"],
    ),
]
