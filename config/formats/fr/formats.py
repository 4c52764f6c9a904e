# Short dates as French writes them: "7 déc. 2026" (Django's "M" would give
# "Déc", capitalised).
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y H:i"
