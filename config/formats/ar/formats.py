# Historical dates read "8 ديسمبر 1861" (Django's default puts a comma after the month).
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
DATETIME_FORMAT = "j F Y، H:i"
