# One way to show dates and numbers on Arabic pages (issue 14, item 7).
# Dates are day first with the month's name, times 24-hour: "8 ديسمبر 1861" and "8 ديسمبر 2026، 21:25". The short
# formats are the same as the long ones, so a page never mixes "12/08/2026 9:25 م" with "8 ديسمبر 2026، 21:25"
# (Django's Arabic locale has no SHORT_DATETIME_FORMAT and falls back to the American "m/d/Y P").
# "E" is Django's "alternative" month name: for Arabic it is the same as "F" except April, «أبريل» (the spelling
# of the questions and most Arabic style guides) where Django's "F" catalog has «إبريل».
DATE_FORMAT = "j E Y"
YEAR_MONTH_FORMAT = "E Y"
MONTH_DAY_FORMAT = "j E"
DATETIME_FORMAT = "j E Y، H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
# Arabic pages show Western digits; with them the decimal point is ".", as in CLDR's "ar-latn" and in school
# mathematics across most of the Arab world. Django's "," would be read as the Latin comma that Arabic text does
# not use, and it made every localised number that reached CSS invalid («inline-size: 80,0%»).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
