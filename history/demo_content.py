"""Demo content: the Second French intervention in Mexico (1861–1867), in Arabic and English.

Written from the Arabic article in shared/seed/, with its machine-translation slips corrected:
the "I" of "Maximilian I", mistranslated as the pronoun "أنا", is rendered "ماكسيميليان الأول";
the misspelt Spanish name is restored to "Segunda intervención francesa en México"; the stray space
before the Arabic comma is removed; the garbled phrase that had the French Empire itself enthroned
is rewritten (France and the Mexican Conservatives installed Maximilian); the Empire's dates, given
as 1862–1867, are 1864–1867; and "فيدوري" is spelled "فيداوري" (Vidaurri).
"""

TOPIC = {
    "slug": "french-intervention-in-mexico",
    "title": {"ar": "التدخل الفرنسي الثاني في المكسيك", "en": "The Second French intervention in Mexico"},
    "summary": {
        "ar": "غزوٌ شنّته الإمبراطورية الفرنسية الثانية في عهد نابليون الثالث بين عامَي 1861 و1867، "
        "سعيًا إلى إسقاط الجمهورية المكسيكية بقيادة بينيتو خواريز وإقامة ملكية موالية لفرنسا على رأسها "
        "ماكسيميليان الأول. وانتهى بانسحاب الفرنسيين وإعدام الإمبراطور وعودة الجمهورية.",
        "en": "An invasion of Mexico by Napoleon III's Second French Empire between 1861 and 1867, aimed at "
        "overthrowing Benito Juárez's republic and installing a monarchy friendly to France under Maximilian I. "
        "It ended with the French withdrawal, the emperor's execution and the restoration of the Republic.",
    },
}

PEOPLE = [
    {
        "slug": "benito-juarez",
        "name": {"ar": "بينيتو خواريز", "en": "Benito Juárez"},
        "description": {
            "ar": "محامٍ من شعب الزابوتيك في ولاية أواخاكا، تزعّم التيار الليبرالي وتولّى رئاسة المكسيك من 1858 "
            "حتى وفاته عام 1872، وقاد المقاومة الجمهورية للتدخل الفرنسي.",
            "en": "A Zapotec lawyer from Oaxaca who led the Liberals and was President of Mexico from 1858 until "
            "his death in 1872, heading the republican resistance to the French intervention.",
        },
        "birth_year": 1806,
        "death_year": 1872,
    },
    {
        "slug": "maximilian-i",
        "name": {"ar": "ماكسيميليان الأول", "en": "Maximilian I"},
        "description": {
            "ar": "أرشيدوق نمساوي من آل هابسبورغ والشقيق الأصغر لإمبراطور النمسا فرانتس يوزف، نصّبه الفرنسيون والمحافظون المكسيكيون "
            "إمبراطورًا على المكسيك عام 1864، وأُعدم رميًا بالرصاص في كيريتارو عام 1867.",
            "en": "A Habsburg archduke and younger brother of Emperor Franz Joseph of Austria, made Emperor of Mexico "
            "by the French and the Mexican Conservatives in 1864 and shot by firing squad at Querétaro in 1867.",
        },
        "birth_year": 1832,
        "death_year": 1867,
    },
    {
        "slug": "napoleon-iii",
        "name": {"ar": "نابليون الثالث", "en": "Napoleon III"},
        "description": {
            "ar": "إمبراطور الفرنسيين من 1852 إلى 1870، وصاحب مشروع إقامة ملكية في المكسيك تحدّ من نفوذ الولايات "
            "المتحدة وتخدم المصالح الفرنسية.",
            "en": "Emperor of the French from 1852 to 1870, whose scheme for a Mexican monarchy was meant to check "
            "the United States and serve French interests.",
        },
        "birth_year": 1808,
        "death_year": 1873,
    },
    {
        "slug": "empress-carlota",
        "name": {"ar": "الإمبراطورة كارلوتا", "en": "Empress Carlota"},
        "description": {
            "ar": "الأميرة شارلوت ابنة ملك بلجيكا ليوبولد الأول وزوجة ماكسيميليان، صارت إمبراطورة المكسيك عام 1864، "
            "وسافرت إلى أوروبا عام 1866 تلتمس العون لعرش زوجها فانهارت صحتها العقلية ولم تعد قط.",
            "en": "Princess Charlotte of Belgium, daughter of King Leopold I and wife of Maximilian, became Empress "
            "of Mexico in 1864; she went to Europe in 1866 to seek help for his throne, suffered a mental collapse "
            "and never returned.",
        },
        "birth_year": 1840,
        "death_year": 1927,
    },
    {
        "slug": "ignacio-zaragoza",
        "name": {"ar": "إغناسيو ساراغوسا", "en": "Ignacio Zaragoza"},
        "description": {
            "ar": "قائد عسكري ليبرالي وُلد في تكساس حين كانت أرضًا مكسيكية، وهزم الفرنسيين في معركة بويبلا في 5 مايو "
            "1862، ثم توفي بالتيفوئيد بعد أشهر قليلة.",
            "en": "A Liberal general, born in Texas when it was still Mexican, who defeated the French at the Battle "
            "of Puebla on 5 May 1862 and died of typhoid a few months later.",
        },
        "birth_year": 1829,
        "death_year": 1862,
    },
    {
        "slug": "miguel-miramon",
        "name": {"ar": "ميغيل ميرامون", "en": "Miguel Miramón"},
        "description": {
            "ar": "قائد عسكري محافظ ترأّس الحكومة المحافظة في أثناء حرب الإصلاح، ثم قاتل في صفوف الإمبراطورية، "
            "وأُعدم مع ماكسيميليان عام 1867.",
            "en": "A Conservative general who headed the Conservative government during the Reform War, later "
            "fought for the Empire and was executed alongside Maximilian in 1867.",
        },
        "birth_year": 1831,
        "death_year": 1867,
    },
    {
        "slug": "tomas-mejia",
        "name": {"ar": "توماس ميخيا", "en": "Tomás Mejía"},
        "description": {
            "ar": "قائد عسكري محافظ من شعب الأوتومي في منطقة سييرا غوردا، ظلّ وفيًّا للإمبراطورية حتى النهاية "
            "وأُعدم مع ماكسيميليان عام 1867.",
            "en": "A Conservative general of Otomí origin from the Sierra Gorda who stayed loyal to the Empire to "
            "the end and was executed alongside Maximilian in 1867.",
        },
        "birth_year": 1820,
        "death_year": 1867,
    },
    {
        "slug": "charles-de-lorencez",
        "name": {"ar": "شارل دو لورنسيز", "en": "Charles de Lorencez"},
        "description": {
            "ar": "جنرال فرنسي قاد الحملة الفرنسية في المكسيك عام 1862، وأُعفي من قيادتها بعد هزيمته أمام بويبلا.",
            "en": "A French general who commanded the expeditionary force in Mexico in 1862 and was relieved of "
            "command after his defeat at Puebla.",
        },
        "birth_year": 1814,
        "death_year": 1892,
    },
    {
        "slug": "francois-achille-bazaine",
        "name": {"ar": "فرانسوا أشيل بازين", "en": "François Achille Bazaine"},
        "description": {
            "ar": "قائد فرنسي تولّى قيادة القوات الفرنسية في المكسيك من أواخر 1863، ونال رتبة مارشال فرنسا عام 1864، "
            "وأشرف على جلاء آخر الجنود الفرنسيين عام 1867.",
            "en": "A French general who commanded the French forces in Mexico from late 1863, was made a Marshal "
            "of France in 1864 and oversaw the departure of the last French troops in 1867.",
        },
        "birth_year": 1811,
        "death_year": 1888,
    },
    {
        "slug": "elie-frederic-forey",
        "name": {"ar": "إيلي فريدريك فوري", "en": "Élie Frédéric Forey"},
        "description": {
            "ar": "جنرال فرنسي خلف لورنسيز في قيادة الحملة، فحاصر بويبلا واستولى عليها ثم دخل مدينة مكسيكو عام 1863، "
            "ونال على إثر ذلك رتبة مارشال فرنسا.",
            "en": "A French general who succeeded Lorencez in command, besieged and took Puebla and entered Mexico "
            "City in 1863, for which he was made a Marshal of France.",
        },
        "birth_year": 1804,
        "death_year": 1872,
    },
    {
        "slug": "porfirio-diaz",
        "name": {"ar": "بورفيريو دياز", "en": "Porfirio Díaz"},
        "description": {
            "ar": "ضابط ليبرالي من أواخاكا برز في معركة بويبلا وفي حرب المقاومة، واستعاد بويبلا ومدينة مكسيكو عام "
            "1867، ثم حكم المكسيك رئيسًا معظم المدة بين 1876 و1911.",
            "en": "A Liberal officer from Oaxaca who distinguished himself at the Battle of Puebla and in the "
            "resistance, retook Puebla and Mexico City in 1867, and later ruled Mexico as president for most of "
            "1876–1911.",
        },
        "birth_year": 1830,
        "death_year": 1915,
    },
    {
        "slug": "santiago-vidaurri",
        "name": {"ar": "سانتياغو فيداوري", "en": "Santiago Vidaurri"},
        "description": {
            "ar": "حاكم نويفو ليون وكواويلا، قاتل في صف خواريز في حرب الإصلاح ثم انحاز إلى الإمبراطورية عام 1864، "
            "فأعدمه الجمهوريون رميًا بالرصاص في مدينة مكسيكو عام 1867.",
            "en": "Governor of Nuevo León and Coahuila who fought on Juárez's side in the Reform War, went over to "
            "the Empire in 1864 and was shot by the Republicans in Mexico City in 1867.",
        },
        "birth_year": 1809,
        "death_year": 1867,
    },
]

EVENTS = [
    {
        "slug": "reform-war",
        "parent": None,
        "title": {"ar": "حرب الإصلاح", "en": "The Reform War"},
        "summary": {
            "ar": "حرب أهلية بين الليبراليين والمحافظين حول دستور 1857 وقوانين الإصلاح، انتهت بانتصار الليبراليين.",
            "en": "A civil war between Liberals and Conservatives over the Constitution of 1857 and the Reform "
            "Laws, ending in a Liberal victory.",
        },
        "description": {
            "ar": "اندلعت الحرب حين انقلب المحافظون على الحكومة الدستورية بخطة تاكوبايا في ديسمبر 1857، وإن كان "
            "أكثر المؤرّخين يؤرّخون بدايتها بيناير 1858، فقامت في البلاد حكومتان متنافستان: حكومة "
            "محافظة في العاصمة تولّى ميغيل ميرامون رئاستها منذ 1859، وحكومة ليبرالية برئاسة بينيتو خواريز اتخذت "
            "فيراكروز مقرًّا لها. وأصدر خواريز في أثنائها قوانين الإصلاح التي أممت أملاك الكنيسة وفصلت بينها وبين "
            "الدولة. وانتهت الحرب بهزيمة المحافظين في كالبولالبان في ديسمبر 1860 ودخول خواريز العاصمة في يناير 1861، "
            "لكنها خلّفت خزينة مفلسة ومحافظين ناقمين سيطلبون العون من أوروبا.",
            "en": "The war began when the Conservatives overthrew the constitutional government under the Plan of "
            "Tacubaya of December 1857 (most historians date it from January 1858), leaving two rival governments: a Conservative one in the capital, headed from 1859 by Miguel Miramón, and a Liberal one "
            "under Benito Juárez based in Veracruz. During the war Juárez issued the Reform Laws, which "
            "nationalised Church property and separated Church and State. It ended with the Conservative defeat at "
            "Calpulalpan in December 1860 and Juárez's entry into the capital in January 1861, but left an empty "
            "treasury and embittered Conservatives who would look to Europe for help.",
        },
        "place": {"ar": "المكسيك", "en": "Mexico"},
        "start": ("1858-01-11", "day"),
        "end": ("1861-01-11", "day"),
        "other_start_years": [1857],
        "participants_complete": True,
        "people": [
            ("benito-juarez", {"ar": "رئيس الحكومة الليبرالية", "en": "Head of the Liberal government"}, "led"),
            ("miguel-miramon", {"ar": "رئيس الحكومة المحافظة وقائد جيشها", "en": "Conservative president and commander"},
             "led"),
            ("tomas-mejia", {"ar": "قائد عسكري محافظ", "en": "Conservative general"}, "took_part"),
            ("santiago-vidaurri", {"ar": "حاكم نويفو ليون في صف الليبراليين", "en": "Liberal governor of Nuevo León"},
             "took_part"),
            ("ignacio-zaragoza", {"ar": "قائد عسكري ليبرالي", "en": "Liberal general"}, "took_part"),
            ("porfirio-diaz", {"ar": "ضابط ليبرالي", "en": "Liberal officer"}, "took_part"),
        ],
    },
    {
        "slug": "suspension-of-debt-payments",
        "parent": None,
        "title": {"ar": "تعليق سداد الديون الخارجية", "en": "Suspension of foreign-debt payments"},
        "summary": {
            "ar": "أوقفت حكومة خواريز سداد الديون الخارجية مدة عامين بسبب إفلاس الخزينة بعد حرب الإصلاح.",
            "en": "Juárez's government suspended payments on the foreign debt for two years, the treasury having "
            "been emptied by the Reform War.",
        },
        "description": {
            "ar": "أقرّ الكونغرس المكسيكي في 17 يوليو 1861 قانونًا يعلّق سداد الديون الخارجية عامين، إذ لم تكن الدولة "
            "قادرة على الوفاء بها بعد سنوات الحرب. وكانت بريطانيا وفرنسا وإسبانيا أكبر الدائنين، فقطعت بريطانيا "
            "وفرنسا علاقاتهما الدبلوماسية بالمكسيك احتجاجًا، واتخذت الدول الثلاث القرار ذريعة للتدخل.",
            "en": "On 17 July 1861 the Mexican Congress passed a law suspending payments on the foreign debt for "
            "two years, as the state could not meet them after years of war. Britain, France and Spain were the "
            "main creditors; Britain and France broke off diplomatic relations in protest, and the three powers "
            "seized on the measure as a pretext for intervention.",
        },
        "place": {"ar": "مدينة مكسيكو", "en": "Mexico City"},
        "start": ("1861-07-17", "day"),
        "end": None,
        "participants_complete": True,
        "people": [
            ("benito-juarez", {"ar": "رئيس الجمهورية", "en": "President of the Republic"}, "led"),
        ],
    },
    {
        "slug": "convention-of-london",
        "parent": None,
        "title": {"ar": "اتفاقية لندن", "en": "The Convention of London"},
        "summary": {
            "ar": "اتفقت فرنسا وبريطانيا وإسبانيا على حملة عسكرية مشتركة لإرغام المكسيك على سداد ديونها.",
            "en": "France, Britain and Spain agreed on a joint military expedition to force Mexico to pay its "
            "debts.",
        },
        "description": {
            "ar": "وقّعت الدول الثلاث الاتفاقية في لندن في 31 أكتوبر 1861، وتعهّدت فيها بإرسال قوات لاحتلال الموانئ "
            "المكسيكية والاستيلاء على عائدات الجمارك حتى تُستوفى الديون. ونصّت الاتفاقية على ألّا تسعى أيٌّ منها إلى "
            "مكاسب إقليمية أو إلى التدخل في حق المكسيكيين في اختيار نظام حكمهم، غير أن نابليون الثالث كان يضمر "
            "منذ البداية إقامة ملكية موالية لفرنسا.",
            "en": "The three powers signed the convention in London on 31 October 1861, undertaking to send forces "
            "to occupy Mexican ports and seize their customs revenues until the debts were paid. It bound them to "
            "seek no territory and not to interfere with the Mexicans' right to choose their own government, but "
            "Napoleon III intended from the outset to set up a monarchy friendly to France.",
        },
        "place": {"ar": "لندن", "en": "London"},
        "start": ("1861-10-31", "day"),
        "end": None,
        "people": [
            ("napoleon-iii", {"ar": "إمبراطور الفرنسيين", "en": "Emperor of the French"}, "concerned"),
        ],
    },
    {
        "slug": "landing-at-veracruz",
        "parent": None,
        "title": {"ar": "إنزال قوات الحلفاء في فيراكروز", "en": "The allied landing at Veracruz"},
        "summary": {
            "ar": "وصلت قوات الدول الثلاث إلى ميناء فيراكروز على خليج المكسيك، وكان الإسبان أول من بلغه.",
            "en": "The forces of the three powers arrived at the port of Veracruz on the Gulf of Mexico, the "
            "Spanish first.",
        },
        "description": {
            "ar": "بدأت السفن الإسبانية القادمة من كوبا تصل إلى فيراكروز في 8 ديسمبر 1861، فأخلت الحامية المكسيكية "
            "المدينة واحتلها الإسبان في 17 ديسمبر، ثم لحقت بهم القوات البريطانية والفرنسية في يناير 1862. وآثرت "
            "حكومة خواريز التفاوض، فوقّعت مع الحلفاء في فبراير 1862 اتفاق لا سوليداد الذي أذن لقواتهم بالانتقال "
            "إلى المرتفعات هربًا من الحمّى الصفراء المتفشية في الساحل.",
            "en": "Spanish ships from Cuba began arriving off Veracruz on 8 December 1861; the Mexican garrison "
            "evacuated the city and the Spanish occupied it on 17 December, followed by the British and French "
            "contingents in January 1862. Juárez's government chose to negotiate, and in February 1862 signed the "
            "preliminaries of La Soledad, which let the allied troops move inland to escape the yellow fever of "
            "the coast.",
        },
        "place": {"ar": "فيراكروز", "en": "Veracruz"},
        "start": ("1861-12-08", "day"),
        "end": None,
        "people": [
            ("benito-juarez", {"ar": "رئيس الجمهورية", "en": "President of the Republic"}, "concerned"),
        ],
    },
    {
        "slug": "british-and-spanish-withdrawal",
        "parent": None,
        "title": {"ar": "انسحاب البريطانيين والإسبان", "en": "The British and Spanish withdrawal"},
        "summary": {
            "ar": "انسحبت بريطانيا وإسبانيا من الحملة حين تبيّن أن فرنسا تسعى إلى إسقاط حكومة خواريز، فبقي الفرنسيون "
            "وحدهم.",
            "en": "Britain and Spain pulled out of the expedition once it became clear that France meant to "
            "overthrow Juárez's government, leaving the French on their own.",
        },
        "description": {
            "ar": "جاءت مع التعزيزات الفرنسية شخصيات من المحافظين المنفيين تدعو إلى إقامة ملكية، فأدرك البريطانيون "
            "والإسبان أن لفرنسا غاية أبعد من استيفاء الديون. وفي مؤتمر أوريزابا في 9 أبريل 1862 افترق الحلفاء، "
            "فسوّت بريطانيا وإسبانيا أمورهما مع المكسيك وسحبتا قواتهما، في حين استأنف الفرنسيون بقيادة الجنرال "
            "لورنسيز العمليات العسكرية وتقدّموا نحو الداخل.",
            "en": "French reinforcements brought exiled Conservatives who campaigned for a monarchy, and the "
            "British and Spanish realised that France wanted far more than the repayment of debts. At the "
            "conference of Orizaba on 9 April 1862 the allies split: Britain and Spain made their own arrangements "
            "with Mexico and withdrew their troops, while the French under General Lorencez resumed hostilities "
            "and advanced inland.",
        },
        "place": {"ar": "أوريزابا", "en": "Orizaba"},
        "start": ("1862-04-01", "month"),
        "end": None,
        "people": [
            ("charles-de-lorencez", {"ar": "قائد الحملة الفرنسية", "en": "Commander of the French expedition"},
             "took_part"),
            ("napoleon-iii", {"ar": "إمبراطور الفرنسيين", "en": "Emperor of the French"}, "concerned"),
        ],
    },
    {
        "slug": "battle-of-puebla",
        "parent": None,
        "title": {"ar": "معركة بويبلا", "en": "The Battle of Puebla"},
        "summary": {
            "ar": "هزم الجيش المكسيكي بقيادة إغناسيو ساراغوسا القوات الفرنسية أمام حصون بويبلا، وهو النصر الذي "
            "يُحتفى به في عيد «سينكو دي مايو».",
            "en": "The Mexican army under Ignacio Zaragoza defeated the French before the forts of Puebla, the "
            "victory celebrated as Cinco de Mayo.",
        },
        "description": {
            "ar": "في 5 مايو 1862 هاجم لورنسيز حصنَي لوريتو وغوادالوبي المشرفين على بويبلا، وهو واثق بأن المدينة "
            "ستسقط بسهولة، فصدّ المدافعون هجماته المتكررة وأنزلوا به خسائر فادحة، وكان للواء بورفيريو دياز دور في "
            "دحر الفرنسيين. فتراجع لورنسيز إلى أوريزابا ينتظر المدد، وأخّرت الهزيمة الزحف الفرنسي على العاصمة عامًا "
            "كاملًا، وصارت رمزًا للمقاومة المكسيكية.",
            "en": "On 5 May 1862 Lorencez attacked the forts of Loreto and Guadalupe above Puebla, confident that "
            "the city would fall easily; the defenders beat back his repeated assaults with heavy losses, Porfirio "
            "Díaz's brigade helping to drive the French off. Lorencez fell back on Orizaba to await reinforcements, "
            "and the defeat delayed the French march on the capital by a full year and became a symbol of Mexican "
            "resistance.",
        },
        "place": {"ar": "بويبلا", "en": "Puebla"},
        "start": ("1862-05-05", "day"),
        "end": None,
        "participants_complete": True,
        "people": [
            ("ignacio-zaragoza", {"ar": "قائد الجيش المكسيكي", "en": "Commander of the Mexican army"}, "led"),
            ("porfirio-diaz", {"ar": "قائد لواء مكسيكي", "en": "Mexican brigade commander"}, "took_part"),
            ("charles-de-lorencez", {"ar": "قائد القوات الفرنسية", "en": "Commander of the French forces"}, "led"),
        ],
    },
    {
        "slug": "siege-of-puebla",
        "parent": None,
        "title": {"ar": "حصار بويبلا", "en": "The Siege of Puebla"},
        "summary": {
            "ar": "حاصر جيش فرنسي معزّز بقيادة الجنرال فوري مدينة بويبلا شهرين حتى استسلمت حاميتها.",
            "en": "A reinforced French army under General Forey besieged Puebla for two months until its garrison "
            "surrendered.",
        },
        "description": {
            "ar": "أرسل نابليون الثالث نحو ثلاثين ألف جندي بقيادة فوري، فطوّقوا بويبلا في 16 مارس 1863 وقد تحصّن فيها "
            "الجنرال خيسوس غونزاليس أورتيغا. وفي 8 مايو هزم بازين في معركة سان لورينزو جيشًا مكسيكيًّا جاء لنجدة "
            "المدينة، فاستسلمت الحامية الجائعة في 17 مايو، ووقع آلاف من جنودها وضباطها في الأسر، ومنهم بورفيريو "
            "دياز الذي تمكّن من الفرار بعد ذلك.",
            "en": "Napoleon III sent some 30,000 men under Forey, who invested Puebla on 16 March 1863, held by "
            "General Jesús González Ortega. On 8 May Bazaine defeated a Mexican relief army at San Lorenzo, and on "
            "17 May the starving garrison surrendered; thousands of its soldiers and officers were taken prisoner, "
            "among them Porfirio Díaz, who later escaped.",
        },
        "place": {"ar": "بويبلا", "en": "Puebla"},
        "start": ("1863-03-16", "day"),
        "end": ("1863-05-17", "day"),
        "people": [
            ("elie-frederic-forey", {"ar": "قائد الجيش الفرنسي", "en": "Commander of the French army"}, "led"),
            ("francois-achille-bazaine", {"ar": "قائد فرقة فرنسية", "en": "French divisional commander"}, "took_part"),
            ("porfirio-diaz", {"ar": "ضابط في الحامية المكسيكية", "en": "Officer in the Mexican garrison"},
             "took_part"),
        ],
    },
    {
        "slug": "capture-of-mexico-city",
        "parent": None,
        "title": {"ar": "استيلاء الفرنسيين على مدينة مكسيكو", "en": "The French capture of Mexico City"},
        "summary": {
            "ar": "دخل الجيش الفرنسي العاصمة المكسيكية دون قتال بعد أن غادرتها حكومة خواريز.",
            "en": "The French army entered the Mexican capital unopposed after Juárez's government had left it.",
        },
        "description": {
            "ar": "بعد سقوط بويبلا رأى خواريز أن الدفاع عن العاصمة متعذّر، فغادرها مع حكومته في 31 مايو 1863 متجهًا "
            "إلى سان لويس بوتوسي ليواصل المقاومة. ودخل فوري المدينة دخولًا رسميًّا في 10 يونيو 1863 يتقدّمه بازين، "
            "ثم شكّل حكومة مؤقتة ومجلسًا من الأعيان المحافظين قرّر في يوليو إقامة ملكية وعرض التاج على الأرشيدوق "
            "ماكسيميليان.",
            "en": "After the fall of Puebla Juárez judged the capital indefensible and left it with his government "
            "on 31 May 1863 for San Luis Potosí, to carry on the resistance. Forey made his formal entry into the "
            "city on 10 June 1863, with Bazaine leading the way, and set up a provisional government and an "
            "Assembly of Notables of Conservatives, which in July voted for a monarchy and offered the crown to "
            "Archduke Maximilian.",
        },
        "place": {"ar": "مدينة مكسيكو", "en": "Mexico City"},
        "start": ("1863-06-10", "day"),
        "end": None,
        "people": [
            ("elie-frederic-forey", {"ar": "قائد الجيش الفرنسي", "en": "Commander of the French army"}, "led"),
            ("francois-achille-bazaine", {"ar": "قائد الطليعة الفرنسية", "en": "Commander of the French vanguard"},
             "took_part"),
            ("benito-juarez", {"ar": "رئيس الجمهورية، وقد غادر العاصمة قبل دخول الفرنسيين",
                               "en": "President of the Republic, who had left the capital before the French came"},
             "concerned"),
        ],
    },
    {
        "slug": "second-mexican-empire",
        "parent": None,
        "title": {"ar": "الإمبراطورية المكسيكية الثانية", "en": "The Second Mexican Empire"},
        "summary": {
            "ar": "ملكية أقامها الفرنسيون والمحافظون المكسيكيون على رأسها ماكسيميليان الأول، وظلّت قائمة على حراب "
            "الجيش الفرنسي.",
            "en": "A monarchy set up by the French and the Mexican Conservatives under Maximilian I, which rested "
            "on French bayonets.",
        },
        "description": {
            "ar": "قامت الإمبراطورية حين قبل ماكسيميليان تاج المكسيك في 10 أبريل 1864، وأيّدتها الكنيسة الكاثوليكية "
            "وكبار الملّاك والمحافظون، وانضم إليها بعض القادة الليبراليين مثل سانتياغو فيداوري، واعترفت بها دول "
            "أوروبية عدة، في حين رفضت الولايات المتحدة الاعتراف بها. غير أن ماكسيميليان خيّب آمال المحافظين حين "
            "أبقى على كثير من إصلاحات خواريز ولم يردّ إلى الكنيسة أملاكها. وظلّت حرب العصابات الجمهورية مستعرة، "
            "فلما انسحب الفرنسيون انهارت الإمبراطورية، وانتهت فعليًّا بسقوط كيريتارو في 15 مايو 1867.",
            "en": "The Empire began when Maximilian accepted the Mexican crown on 10 April 1864. It was backed by "
            "the Catholic Church, the great landowners and the Conservatives, joined by some Liberal leaders such "
            "as Santiago Vidaurri, and recognised by several European states, while the United States refused to "
            "recognise it. Maximilian disappointed the Conservatives by keeping many of Juárez's reforms and not "
            "restoring Church property. Republican guerrilla warfare never died down, and once the French left "
            "the Empire collapsed, effectively ending with the fall of Querétaro on 15 May 1867.",
        },
        "place": {"ar": "المكسيك", "en": "Mexico"},
        "start": ("1864-04-10", "day"),
        "end": ("1867-05-15", "day"),
        "people": [
            ("maximilian-i", {"ar": "إمبراطور المكسيك", "en": "Emperor of Mexico"}, "led"),
            ("empress-carlota", {"ar": "إمبراطورة المكسيك", "en": "Empress of Mexico"}, "took_part"),
            ("napoleon-iii", {"ar": "راعي الإمبراطورية", "en": "Patron of the Empire"}, "took_part"),
            ("santiago-vidaurri", {"ar": "حاكم سابق انضم إلى الإمبراطورية", "en": "Former governor who joined the Empire"},
             "took_part"),
            ("miguel-miramon", {"ar": "قائد إمبراطوري", "en": "Imperial general"}, "took_part"),
            ("tomas-mejia", {"ar": "قائد إمبراطوري", "en": "Imperial general"}, "took_part"),
            ("francois-achille-bazaine", {"ar": "قائد القوات الفرنسية", "en": "Commander of the French forces"},
             "took_part"),
        ],
    },
    {
        "slug": "treaty-of-miramare",
        "parent": None,
        "title": {"ar": "معاهدة ميرامار", "en": "The Treaty of Miramare"},
        "summary": {
            "ar": "معاهدة بين فرنسا وماكسيميليان حدّدت شروط الدعم العسكري الفرنسي للعرش المكسيكي الجديد.",
            "en": "A treaty between France and Maximilian setting out the terms of French military support "
            "for the new Mexican throne.",
        },
        "description": {
            "ar": "وقّع مندوبو الطرفين المعاهدة في قصر ميرامار قرب تريستي في 10 أبريل 1864، يوم قبول ماكسيميليان التاج "
            "رسميًّا، ثم صادق عليها الإمبراطوران. "
            "والتزمت فيها فرنسا بإبقاء قواتها في المكسيك مع تقليصها تدريجيًّا، والتزمت المكسيك بتحمّل نفقات الحملة "
            "الفرنسية كلها، وهو عبء ثقيل أرهق خزينة الإمبراطورية منذ قيامها.",
            "en": "The treaty was signed by envoys of the two sides at Miramare Castle near Trieste on 10 April 1864, "
            "the day Maximilian formally accepted the crown, and ratified by the two emperors. France undertook to keep its troops in Mexico while gradually reducing "
            "them, and Mexico undertook to bear the whole cost of the French expedition, a heavy burden that "
            "strained the imperial treasury from the start.",
        },
        "place": {"ar": "قصر ميرامار، تريستي", "en": "Miramare Castle, Trieste"},
        "start": ("1864-04-10", "day"),
        "end": None,
        "people": [
            ("maximilian-i", {"ar": "إمبراطور المكسيك، صادق على المعاهدة", "en": "Emperor of Mexico, who ratified it"},
             "took_part"),
            ("napoleon-iii", {"ar": "إمبراطور الفرنسيين، صادق على المعاهدة", "en": "Emperor of the French, who ratified it"},
             "took_part"),
        ],
    },
    {
        "slug": "maximilians-entry-into-mexico-city",
        "parent": None,
        "title": {"ar": "دخول ماكسيميليان مدينة مكسيكو", "en": "Maximilian's entry into Mexico City"},
        "summary": {
            "ar": "دخل الإمبراطور ماكسيميليان والإمبراطورة كارلوتا العاصمة في موكب احتفالي نظّمه المحافظون.",
            "en": "Emperor Maximilian and Empress Carlota entered the capital in a ceremonial procession organised "
            "by the Conservatives.",
        },
        "description": {
            "ar": "أبحر الزوجان من ميرامار على متن الفرقاطة «نوفارا» ونزلا في فيراكروز في 28 مايو 1864، حيث لقيا "
            "استقبالًا فاترًا، ثم دخلا مدينة مكسيكو في 12 يونيو وسط احتفالات حاشدة. واتخذا قلعة تشابولتبيك مقرًّا لهما، "
            "وشرع ماكسيميليان في تنظيم بلاطه وحكومته.",
            "en": "The couple sailed from Miramare aboard the frigate Novara and landed at Veracruz on 28 May 1864 "
            "to a cool welcome, then entered Mexico City on 12 June amid lavish celebrations. They made Chapultepec "
            "Castle their residence, and Maximilian set about organising his court and government.",
        },
        "place": {"ar": "مدينة مكسيكو", "en": "Mexico City"},
        "start": ("1864-06-12", "day"),
        "end": None,
        "people": [
            ("maximilian-i", {"ar": "إمبراطور المكسيك", "en": "Emperor of Mexico"}, "led"),
            ("empress-carlota", {"ar": "إمبراطورة المكسيك", "en": "Empress of Mexico"}, "took_part"),
        ],
    },
    {
        "slug": "end-of-the-us-civil-war",
        "parent": None,
        "title": {"ar": "نهاية الحرب الأهلية الأمريكية", "en": "The end of the American Civil War"},
        "summary": {
            "ar": "باستسلام الجنرال لي في أبوماتوكس تفرّغت الولايات المتحدة للضغط على فرنسا كي تنسحب من المكسيك.",
            "en": "With General Lee's surrender at Appomattox, the United States was free to press France to leave "
            "Mexico.",
        },
        "description": {
            "ar": "استغلّ نابليون الثالث انشغال الولايات المتحدة بحربها الأهلية ليتدخّل في المكسيك، فلما استسلم جيش "
            "فرجينيا الشمالية الكونفدرالي في 9 أبريل 1865 تغيّر الموقف. فقد ظلّت واشنطن تعترف بحكومة خواريز وحدها، وطالبت "
            "فرنسا بالجلاء استنادًا إلى مبدأ مونرو، وحشدت قوات على نهر ريو غراندي، ووصلت الأسلحة الأمريكية إلى "
            "الجمهوريين عبر الحدود.",
            "en": "Napoleon III had exploited the United States' preoccupation with its civil war to intervene in "
            "Mexico, and the surrender of the Confederate Army of Northern Virginia on 9 April 1865 changed the "
            "situation. Washington, which recognised only Juárez's government, demanded a French withdrawal under "
            "the Monroe Doctrine, massed troops on the Rio Grande, and let American arms reach the Republicans "
            "across the border.",
        },
        "place": {"ar": "أبوماتوكس، فرجينيا", "en": "Appomattox, Virginia"},
        "start": ("1865-04-09", "day"),
        "end": None,
        "people": [],
    },
    {
        "slug": "french-withdrawal",
        "parent": None,
        "title": {"ar": "انسحاب القوات الفرنسية", "en": "The French withdrawal"},
        "summary": {
            "ar": "قرّر نابليون الثالث سحب جيشه من المكسيك على مراحل، فغادرها آخر الجنود الفرنسيين في مارس 1867.",
            "en": "Napoleon III decided to withdraw his army from Mexico in stages, and the last French troops left "
            "in March 1867.",
        },
        "description": {
            "ar": "أنهكت الحرب الطويلة الخزينة الفرنسية وأثارت سخط الرأي العام في فرنسا، واشتد الضغط الأمريكي، "
            "فأعلن نابليون الثالث في مطلع 1866 عزمه على سحب قواته. وأخلى بازين مدينة مكسيكو في فبراير 1867، وأبحر "
            "آخر الجنود من فيراكروز في مارس، في حين رفض ماكسيميليان التنازل عن العرش وآثر البقاء في المكسيك.",
            "en": "The long war had drained the French treasury and angered French public opinion, and American "
            "pressure was mounting, so early in 1866 Napoleon III announced that he would bring his troops home. "
            "Bazaine evacuated Mexico City in February 1867 and the last soldiers sailed from Veracruz in March, "
            "while Maximilian refused to abdicate and chose to stay in Mexico.",
        },
        "place": {"ar": "المكسيك", "en": "Mexico"},
        "start": ("1866-01-01", "year"),
        "end": ("1867-03-01", "month"),
        "participants_complete": True,
        "people": [
            ("napoleon-iii", {"ar": "إمبراطور الفرنسيين", "en": "Emperor of the French"}, "led"),
            ("francois-achille-bazaine", {"ar": "قائد القوات الفرنسية", "en": "Commander of the French forces"}, "led"),
            ("maximilian-i", {"ar": "إمبراطور المكسيك", "en": "Emperor of Mexico"}, "concerned"),
        ],
    },
    {
        "slug": "austro-prussian-war",
        "parent": None,
        "title": {"ar": "الحرب النمساوية البروسية", "en": "The Austro-Prussian War"},
        "summary": {
            "ar": "حرب خاطفة انتصرت فيها بروسيا على النمسا، فغيّرت ميزان القوى في أوروبا وزادت حاجة فرنسا إلى "
            "جيشها في القارة.",
            "en": "A short war in which Prussia defeated Austria, shifting the balance of power in Europe and "
            "making France need its army at home.",
        },
        "description": {
            "ar": "عُرفت بحرب الأسابيع السبعة، وحسمتها معركة كونيغراتس (سادوفا) في 3 يوليو 1866، وتوقّف القتال بهدنة "
            "26 يوليو، ثم انتهت الحرب بصلح براغ في 23 أغسطس. وقد كشف صعود بروسيا السريع عن خطر يتهدّد فرنسا على حدودها، فلم يعد نابليون الثالث قادرًا "
            "على إبقاء عشرات الآلاف من جنوده في المكسيك، وعجّل ذلك بانسحابه.",
            "en": "Known as the Seven Weeks' War, it was decided at Königgrätz (Sadowa) on 3 July 1866; the fighting "
            "ended with the armistice of 26 July, and the war with the Peace of Prague on 23 August. Prussia's swift rise posed a threat on France's own border, so Napoleon "
            "III could no longer keep tens of thousands of soldiers in Mexico, and the withdrawal was hastened.",
        },
        "place": {"ar": "ألمانيا وبوهيميا", "en": "Germany and Bohemia"},
        "start": ("1866-06-14", "day"),
        "end": ("1866-08-23", "day"),
        "people": [],
    },
    {
        "slug": "carlotas-mission-to-europe",
        "parent": None,
        "title": {"ar": "رحلة الإمبراطورة كارلوتا إلى أوروبا", "en": "Empress Carlota's mission to Europe"},
        "summary": {
            "ar": "سافرت كارلوتا إلى أوروبا لتقنع نابليون الثالث والبابا بإنقاذ عرش زوجها، فأخفقت وانهارت صحتها "
            "العقلية.",
            "en": "Carlota travelled to Europe to persuade Napoleon III and the Pope to save her husband's throne; "
            "she failed and suffered a mental breakdown.",
        },
        "description": {
            "ar": "غادرت كارلوتا المكسيك في يوليو 1866، والتقت نابليون الثالث في قصر سان كلو في أغسطس، فرفض التراجع "
            "عن قرار الانسحاب. ثم توجّهت إلى روما تلتمس عون البابا بيوس التاسع، فظهرت عليها هناك علامات انهيار عقلي "
            "حادّ، ولم تعد إلى المكسيك قط، وعاشت بقية حياتها في عزلة ببلجيكا حتى وفاتها عام 1927.",
            "en": "Carlota left Mexico in July 1866 and met Napoleon III at Saint-Cloud in August, but he refused to "
            "reverse the withdrawal. She then went to Rome to seek the help of Pope Pius IX, where she showed "
            "signs of a severe mental breakdown; she never returned to Mexico and lived out her life in seclusion "
            "in Belgium until her death in 1927.",
        },
        "place": {"ar": "باريس وروما", "en": "Paris and Rome"},
        "start": ("1866-07-01", "month"),
        "end": ("1866-10-01", "month"),
        "participants_complete": True,
        "people": [
            ("empress-carlota", {"ar": "إمبراطورة المكسيك", "en": "Empress of Mexico"}, "led"),
            ("napoleon-iii", {"ar": "إمبراطور الفرنسيين", "en": "Emperor of the French"}, "took_part"),
        ],
    },
    {
        "slug": "siege-of-queretaro",
        "parent": None,
        "title": {"ar": "حصار كيريتارو", "en": "The Siege of Querétaro"},
        "summary": {
            "ar": "حاصر الجمهوريون ماكسيميليان وآخر جيوشه في مدينة كيريتارو حتى سقطت ووقع الإمبراطور في الأسر.",
            "en": "The Republicans besieged Maximilian and his last army in Querétaro until the city fell and the "
            "emperor was captured.",
        },
        "description": {
            "ar": "وصل ماكسيميليان إلى كيريتارو في 19 فبراير 1867 ليقود بنفسه ما بقي من جيشه، وكان توماس ميخيا "
            "يرابط فيها منذ أواخر ديسمبر 1866، واستقبله ميغيل ميرامون لدى وصوله. ثم طوّقتها الجيوش الجمهورية بقيادة "
            "الجنرال ماريانو إسكوبيدو في 6 مارس. وصمدت المدينة "
            "أكثر من شهرين حتى فتح العقيد ميغيل لوبيز أحد مداخلها للجمهوريين فجر 15 مايو، فاستسلم ماكسيميليان على "
            "تل الأجراس.",
            "en": "Maximilian reached Querétaro on 19 February 1867 to lead what remained of his army in person; "
            "General Tomás Mejía had been there since late December 1866, and General Miguel Miramón welcomed the "
            "emperor on his arrival. The Republican armies under General Mariano Escobedo surrounded the city on 6 "
            "March. It held out for more than two months until Colonel Miguel "
            "López let the Republicans in at dawn on 15 May, and Maximilian surrendered on the Cerro de las "
            "Campanas.",
        },
        "place": {"ar": "كيريتارو", "en": "Querétaro"},
        "start": ("1867-03-06", "day"),
        "end": ("1867-05-15", "day"),
        "participants_complete": True,
        "people": [
            ("maximilian-i", {"ar": "إمبراطور المكسيك وقائد المدافعين", "en": "Emperor of Mexico, leading the defence"},
             "led"),
            ("miguel-miramon", {"ar": "قائد إمبراطوري", "en": "Imperial general"}, "took_part"),
            ("tomas-mejia", {"ar": "قائد إمبراطوري", "en": "Imperial general"}, "took_part"),
            ("santiago-vidaurri", {"ar": "وزير إمبراطوري", "en": "Imperial minister"}, "took_part"),
        ],
    },
    {
        "slug": "execution-of-maximilian",
        "parent": "siege-of-queretaro",
        "title": {"ar": "إعدام ماكسيميليان", "en": "The execution of Maximilian"},
        "summary": {
            "ar": "أُعدم الإمبراطور ماكسيميليان الأول رميًا بالرصاص مع القائدين ميرامون وميخيا على تل الأجراس في "
            "كيريتارو.",
            "en": "Emperor Maximilian I was shot by firing squad with the generals Miramón and Mejía on the Cerro "
            "de las Campanas at Querétaro.",
        },
        "description": {
            "ar": "حاكم مجلسٌ عسكري ماكسيميليان وقائديه في كيريتارو، فقضى بإعدامهم في يونيو 1867. وتوالت على خواريز "
            "مناشدات العفو من ملوك أوروبا ومن شخصيات بارزة مثل فيكتور هوغو وغاريبالدي، لكنه رفضها جميعًا ليؤكّد أن "
            "أيّ عدوان أجنبي على سيادة المكسيك لن يمرّ بلا عقاب. ونُفّذ الحكم صباح 19 يونيو 1867 على تل الأجراس.",
            "en": "A court-martial at Querétaro tried Maximilian and his two generals and sentenced them to death "
            "in June 1867. Pleas for clemency reached Juárez from European monarchs and from figures such as Victor "
            "Hugo and Garibaldi, but he rejected them all, to show that no foreign attack on Mexican sovereignty "
            "would go unpunished. The sentence was carried out on the morning of 19 June 1867 on the Cerro de las "
            "Campanas.",
        },
        "place": {"ar": "تل الأجراس، كيريتارو", "en": "Cerro de las Campanas, Querétaro"},
        "start": ("1867-06-19", "day"),
        "end": None,
        "people": [
            ("maximilian-i", {"ar": "الإمبراطور المُعدَم", "en": "The executed emperor"}, "took_part"),
            ("miguel-miramon", {"ar": "أُعدم مع الإمبراطور", "en": "Executed with the emperor"}, "took_part"),
            ("tomas-mejia", {"ar": "أُعدم مع الإمبراطور", "en": "Executed with the emperor"}, "took_part"),
            ("benito-juarez", {"ar": "رئيس الجمهورية الذي رفض العفو", "en": "President who refused clemency"},
             "concerned"),
        ],
    },
    {
        "slug": "restoration-of-the-republic",
        "parent": None,
        "title": {"ar": "استعادة الجمهورية", "en": "The restoration of the Republic"},
        "summary": {
            "ar": "عاد بينيتو خواريز إلى مدينة مكسيكو منتصرًا، فانتهى التدخل الفرنسي وبدأ عهد «الجمهورية المستعادة».",
            "en": "Benito Juárez returned in triumph to Mexico City, ending the French intervention and opening "
            "the period of the Restored Republic.",
        },
        "description": {
            "ar": "استسلمت العاصمة لقوات بورفيريو دياز في 21 يونيو 1867 بعد حصار دام أسابيع، ودخلها خواريز في 15 يوليو "
            "بعد أربع سنوات قضاها متنقّلًا في شمال البلاد. وأعلن في بيانه يومئذ أن «احترام حق الآخرين هو السلام»، "
            "وشرع في إعادة بناء الدولة على أساس دستور 1857، وأُعيد انتخابه رئيسًا في العام نفسه.",
            "en": "The capital surrendered to Porfirio Díaz's forces on 21 June 1867 after a siege of several "
            "weeks, and Juárez entered it on 15 July after four years on the move in the north. In his manifesto "
            "that day he declared that \"respect for the rights of others is peace\", and he set about rebuilding "
            "the state on the Constitution of 1857, being re-elected president later that year.",
        },
        "place": {"ar": "مدينة مكسيكو", "en": "Mexico City"},
        "start": ("1867-07-15", "day"),
        "end": None,
        "participants_complete": True,
        "people": [
            ("benito-juarez", {"ar": "رئيس الجمهورية", "en": "President of the Republic"}, "led"),
            ("porfirio-diaz", {"ar": "القائد الذي استعاد العاصمة", "en": "General who retook the capital"}, "took_part"),
        ],
    },
]
