# One way to show dates (issue 14, item 7): day first with the month's name, as in most history writing
# ("8 December 1861"), and a 24-hour clock ("8 December 2026, 21:25"). The short formats are the long ones, so no
# page shows Django's American "12/08/2026 9:25 p.m." beside them.
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
