"""Words that calendars show, in English and Russian (other languages fall back to English)."""

from __future__ import annotations

_ROLES: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "facilitator": ("Facilitator", "Facilitators"),
        "speaker": ("Speaker", "Speakers"),
        "jury": ("Jury", "Jury"),
        "coordinator": ("Coordinator", "Coordinators"),
        "broker": ("Broker", "Brokers"),
        "expert": ("Expert", "Experts"),
        "moderator": ("Moderator", "Moderators"),
        "chair": ("Chair", "Chairs"),
        "presenter": ("Presenter", "Presenters"),
    },
    "ru": {
        "facilitator": ("Фасилитатор", "Фасилитаторы"),
        "speaker": ("Спикер", "Спикеры"),
        "jury": ("Жюри", "Жюри"),
        "coordinator": ("Координатор", "Координаторы"),
        "broker": ("Брокер", "Брокеры"),
        "expert": ("Эксперт", "Эксперты"),
        "moderator": ("Модератор", "Модераторы"),
        "chair": ("Председатель", "Председатели"),
        "presenter": ("Докладчик", "Докладчики"),
    },
}

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "instrument": "Instrument",
        "format": "Format",
        "in-person": "in person",
        "online": "online",
        "hybrid": "hybrid (in person and online)",
        "join": "Join online",
        "meeting-id": "Meeting ID",
        "passcode": "Passcode",
        "online-room": "Online",
        "break": "Break",
        "programme": "Programme",
        "coffee": "coffee break",
        "lunch": "lunch",
        "dinner": "dinner",
        "other": "break",
        "cancelled": "Cancelled",
        "talks": "Talks",
        "talk-session": "Session",
    },
    "ru": {
        "instrument": "Инструмент",
        "format": "Формат",
        "in-person": "очно",
        "online": "онлайн",
        "hybrid": "смешанный (очно и онлайн)",
        "join": "Подключиться онлайн",
        "meeting-id": "Идентификатор конференции",
        "passcode": "Код доступа",
        "online-room": "Онлайн",
        "break": "Перерыв",
        "programme": "Программа",
        "coffee": "кофе-брейк",
        "lunch": "обед",
        "dinner": "ужин",
        "other": "перерыв",
        "cancelled": "Отменено",
        "talks": "Доклады",
        "talk-session": "Секция",
    },
}


def _lang(language: str) -> str:
    return language if language in _WORDS else "en"


def word(key: str, language: str) -> str:
    """The label ``key`` in ``language`` (English when there is no translation; the key
    itself when it is not a known label)."""
    return _WORDS[_lang(language)].get(key, key)


def role_label(role: str, count: int, language: str) -> str:
    """How a role is named before its people, singular or plural by ``count``."""
    forms = _ROLES[_lang(language)].get(role)
    if forms is None:
        return role.replace("-", " ").replace("_", " ").capitalize()
    return forms[0] if count == 1 else forms[1]
