# Short dates as the app has always shown them in English: "7 Dec 2026".
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
