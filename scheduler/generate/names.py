"""Names of generated things: people, organisations and session titles, Cyrillic and Latin.

The rule: about 30% of people get a Russian (Cyrillic) name and about 25% of titles are
Russian, so every output path meets Cyrillic text; fixed items carry bilingual titles.
Every choice comes from the run's seeded random stream, in a fixed order.
"""

from __future__ import annotations

import random

TOPICS_EN = (
    "open data", "civic tech", "partnership cycles", "community building", "fundraising",
    "impact evaluation", "digital security", "volunteer management", "advocacy",
    "youth leadership", "climate adaptation", "local governance", "media literacy",
    "social enterprise", "knowledge management", "scheduling at scale", "type hints",
    "async I/O", "packaging", "data pipelines", "testing", "accessibility",
)
TOPICS_RU = (
    "открытые данные", "гражданские технологии", "цикл партнёрства", "развитие сообществ",
    "фандрайзинг", "оценка воздействия", "цифровая безопасность", "работа с волонтёрами",
    "адвокация", "молодёжное лидерство", "местное самоуправление", "медиаграмотность",
)
GIVEN = ("Aigul", "Bakyt", "Dana", "Elena", "Farid", "Gulnara", "Ivan", "Jyldyz", "Kamila",
         "Marat", "Nurlan", "Olga", "Pavel", "Rustam", "Saule", "Timur", "Zarina", "Alex",
         "Maria", "Tom", "Priya", "Chen", "Fatima", "Lukas")
GIVEN_RU = ("Айгуль", "Бакыт", "Дана", "Елена", "Фарид", "Гульнара", "Иван", "Жылдыз",
            "Камила", "Марат", "Нурлан", "Ольга")
FAMILY = ("Abdyldaeva", "Bekov", "Smith", "Ivanova", "Nurlanov", "Garcia", "Müller",
          "Kim", "Osei", "Rossi", "Tanaka", "Novak")
FAMILY_RU = ("Абдылдаева", "Беков", "Иванова", "Нурланов", "Сергеев", "Токтогулова")
ORGS = ("ПРООН", "UNESCO", "Civic Lab", "Open Society Hub", "Министерство цифрового развития",
        "City of Bishkek", "Eurasia Foundation", "Tech for Good", "Ассоциация НКО",
        "University of Central Asia")

FIXED_TITLES = {"registration": "Registration and coffee / Регистрация",
                "opening": "Opening / Открытие", "closing": "Closing / Закрытие"}
"""Bilingual titles of the fixed items, by their session id."""

RUSSIAN_KINDS = {"workshop": "Семинар-практикум", "dialogue": "Диалог", "talk": "Доклад",
                 "lecture": "Лекция", "conference": "Секция"}
"""Russian names of some instruments for Russian titles (others are «Сессия»)."""


def session_title(rng: random.Random, instrument: str) -> str:
    """A title such as ``Workshop: open data`` or ``Диалог: адвокация`` (one in four Russian)."""
    if rng.random() < 0.25:
        topic = rng.choice(TOPICS_RU)
        return f"{RUSSIAN_KINDS.get(instrument, 'Сессия')}: {topic}"
    topic = rng.choice(TOPICS_EN)
    return f"{instrument.replace('-', ' ').capitalize()}: {topic}"


def person_name(rng: random.Random) -> str:
    """A given and a family name, both Cyrillic (three in ten) or both Latin."""
    russian = rng.random() < 0.3
    given = rng.choice(GIVEN_RU if russian else GIVEN)
    family = rng.choice(FAMILY_RU if russian else FAMILY)
    return f"{given} {family}"


def organisation(rng: random.Random, taken: set[str] | None) -> str:
    """An organisation not in ``taken`` (twinning partners come from different ones)."""
    choices = [o for o in ORGS if taken is None or o not in taken]
    return rng.choice(choices)
