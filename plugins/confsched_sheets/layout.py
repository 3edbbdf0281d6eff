"""The workbook layout: which sheets a scenario workbook has, and which columns each.

One table for everything that reads or writes spreadsheets (the importer, the template
and the exporter), so the three never disagree. Every sheet and column has an English
and a Russian header; either is accepted on import, and so is the scenario's own key
(``room-tags``, ``pin.day``), so a workbook written in one language, or by hand with
the scenario's words, reads the same.

A column's ``key`` is the dotted path of its value inside one item of the sheet's list
(``pin.day`` is ``{pin: {day: ...}}``); its ``kind`` says how a cell is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "int", "bool", "date", "clock", "duration", "list", "dates",
               "windows", "track", "frames", "counts", "number", "links"]
"""How a cell is read (see cells.py): ``list`` splits on commas, semicolons and line
breaks; ``windows`` reads ``09:00-13:00; 2024-09-17 10:00-12:00``; ``track`` is one id
or several; ``frames`` reads ``2024-09-17 08:00-12:00; ...`` into per-day frames;
``counts`` reads ``jury: 3, broker: 1``; ``number`` is a whole or decimal number; ``links``
reads ``s1, s2`` (a list) or ``facilitator: s1 s2; broker: s3`` (role -> ids)."""


@dataclass(frozen=True)
class Column:
    """One column of a sheet."""

    key: str
    en: str
    ru: str
    kind: Kind = "text"
    required: bool = False
    example: str = ""

    def header(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


@dataclass(frozen=True)
class Sheet:
    """One sheet: a list of items of the scenario (``target``), one item per row.

    The Event sheet is the exception (``pairs``): one field per row, in two columns
    (field, value), because it describes one thing.
    """

    name: str
    en: str
    ru: str
    target: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    pairs: bool = False

    def title(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


# Roles a session can name people in (the catalogue's required roles and the common
# others); any other role is a column headed ``people.ROLE`` (or ``роль: ROLE``).
ROLES: tuple[tuple[str, str, str], ...] = (
    ("facilitator", "Facilitator", "Фасилитатор"),
    ("speaker", "Speakers", "Спикеры"),
    ("moderator", "Moderator", "Модератор"),
    ("expert", "Experts", "Эксперты"),
    ("jury", "Jury", "Жюри"),
    ("broker", "Broker", "Брокер"),
    ("coordinator", "Coordinator", "Координатор"),
)
ROLE_PREFIXES = ("people.", "role:", "роль:")

EVENT_FIELDS: tuple[Column, ...] = (
    Column("event.name", "Name", "Название", required=True, example="Неделя обмена знаниями"),
    Column("event.id", "Event id (keeps calendars when renamed)",
           "Идентификатор (календари при переименовании)", example="knowledge-week-2024"),
    Column("event.timezone", "Timezone", "Часовой пояс", example="Asia/Bishkek"),
    Column("event.first-day", "First day", "Первый день", "date", required=True,
           example="2024-09-16"),
    Column("event.last-day", "Last day", "Последний день", "date", example="2024-09-20"),
    Column("event.skip-days", "Days without sessions", "Дни без сессий", "dates"),
    Column("event.day-start", "Day starts", "Начало дня", "clock", example="09:00"),
    Column("event.day-end", "Day ends", "Конец дня", "clock", example="18:00"),
    Column("event.day-frames", "Other hours on some days", "Другие часы в отдельные дни",
           "frames", example="2024-09-20 09:00-13:00"),
    Column("event.granularity", "Time step", "Шаг сетки", "duration", example="15min"),
    Column("event.language", "Language", "Язык", example="ru"),
    Column("event.venue", "Venue", "Место"),
    Column("event.description", "Description", "Описание"),
    Column("event.url", "Web site", "Сайт"),
    Column("event.organiser.name", "Organiser", "Организатор"),
    Column("event.organiser.email", "Organiser email", "Email организатора"),
    Column("event.changeover", "Changeover between rooms", "Переход между залами",
           "duration"),
    Column("event.max-parallel", "Most sessions at once", "Не больше сессий одновременно"),
    Column("breaks.max-block", "Longest stretch without a break",
           "Дольше всего без перерыва", "duration", example="4h"),
    Column("hybrid.licences", "Online meeting licences", "Лицензии онлайн-встреч", "int"),
    Column("hybrid.room-tag", "Tag of hybrid rooms", "Тег гибридных залов"),
    Column("hybrid.meetings-per", "One meeting per", "Одна встреча на"),
    Column("hybrid.default-host", "Default meeting host", "Хост встреч по умолчанию"),
    Column("hybrid.meeting.url", "Shared meeting link", "Общая ссылка на встречу"),
    Column("hybrid.meeting.id", "Shared meeting ID", "Код общей встречи"),
    Column("hybrid.meeting.passcode", "Shared meeting passcode", "Пароль общей встречи"),
)
"""Rows of the Event sheet. ``weights.NAME`` rows (the scenario's weights) are read too."""

WEIGHTS: tuple[str, ...] = (
    "participant-clashes", "preferences", "track-room-stability", "room-fit",
    "facilitator-same-room", "compact-days", "instrument-spread", "preferred-size",
    "dropped", "changes", "choices", "fair-load",
)

ROOMS = Sheet("rooms", "Rooms", "Залы", "rooms", (
    Column("id", "ID", "Код", required=True, example="hall"),
    Column("name", "Name", "Название", example="Большой зал"),
    Column("capacity", "Capacity", "Вместимость", "int", required=True, example="120"),
    Column("tags", "Tags", "Теги", "list", example="hybrid, offsite"),
    Column("available", "Available", "Доступен", "windows", example="09:00-13:00"),
    *(MEETING := (
        Column("meeting.url", "Meeting link", "Ссылка на встречу"),
        Column("meeting.id", "Meeting ID", "Код встречи"),
        Column("meeting.passcode", "Meeting passcode", "Пароль встречи"),
    )),
    Column("host", "Meeting host", "Хост встречи"),
    Column("reserved", "Reserved", "Только по запросу", "bool"),
))

TRACKS = Sheet("tracks", "Tracks", "Треки", "tracks", (
    Column("id", "ID", "Код", required=True, example="digital"),
    Column("name", "Name", "Название", example="Цифровые сообщества"),
    Column("color", "Colour", "Цвет", example="#1f77b4"),
))

PEOPLE = Sheet("people", "People", "Люди", "people", (
    Column("id", "ID", "Код", required=True, example="aigul"),
    Column("name", "Name", "Имя", example="Айгуль"),
    Column("email", "Email", "Email"),
    Column("organisation", "Organisation", "Организация"),
    Column("timezone", "Timezone", "Часовой пояс", example="Europe/Moscow"),
    Column("available", "Available", "Доступен", "windows",
           example="09:00-13:00; 2024-09-17 10:00-12:00"),
    Column("prefer", "Prefers", "Предпочитает", "windows"),
    Column("avoid", "Avoids", "Избегает", "windows"),
    Column("max-sessions-per-day", "Most sessions a day", "Не больше сессий в день", "int"),
    Column("roles", "Can be assigned as", "Может быть назначен", "list",
           example="facilitator, broker"),
    Column("languages", "Languages", "Языки", "list", example="ru, ky"),
    Column("topics", "Topics", "Темы", "list"),
    Column("max-sessions", "Most sessions", "Не больше сессий", "int"),
    Column("max-hours-per-day", "Most hours a day", "Не больше часов в день", "number"),
    Column("max-hours", "Most hours", "Не больше часов", "number"),
    Column("wishes.like", "Would like to run", "Хотел бы вести", "list"),
    Column("wishes.dislike", "Would rather not run", "Не хотел бы вести", "list"),
))

SESSIONS = Sheet("sessions", "Sessions", "Сессии", "sessions", (
    Column("id", "ID", "Код", required=True, example="jam"),
    Column("title", "Title", "Название", required=True, example="Джем знаний"),
    Column("instrument", "Instrument", "Инструмент", required=True, example="knowledge-jam"),
    Column("duration", "Duration", "Длительность", "duration", example="1h30"),
    Column("track", "Track", "Трек", "track", example="digital"),
    *(Column(f"people.{role}", en, ru, "list") for role, en, ru in ROLES),
    Column("needs", "Needs (chosen by the solver)", "Нужны (выбирает решатель)", "counts",
           example="facilitator: 1, broker: 1"),
    Column("candidates", "Candidates", "Кандидаты", "list"),
    Column("language", "Language", "Язык", example="ky"),
    Column("topics", "Topics", "Темы", "list"),
    Column("entrants", "Entrant organisations", "Организации-участники конкурса", "list"),
    Column("same-people-as", "Same people as", "Те же люди, что в", "links",
           example="facilitator: session-1"),
    Column("participants", "Participants", "Участников", "int", example="25"),
    Column("format", "Format", "Формат", example="in-person"),
    Column("rooms", "Rooms", "Залы", "list"),
    Column("room-tags", "Room tags", "Теги зала", "list"),
    Column("pin.day", "Pinned day", "Закреплённый день", "date"),
    Column("pin.start", "Pinned start", "Закреплённое начало", "clock"),
    Column("pin.room", "Pinned room", "Закреплённый зал"),
    Column("earliest", "Not before", "Не раньше", "clock"),
    Column("latest", "Ends by", "Закончить до", "clock"),
    Column("days", "Days", "Дни", "dates"),
    Column("after", "After", "После", "list"),
    Column("same-day-as", "Same day as", "В один день с", "list"),
    Column("not-parallel-with", "Not parallel with", "Не параллельно с", "list"),
    Column("repeat.count", "Meetings (series)", "Встреч в серии", "int"),
    Column("runs", "Runs", "Повторов (группы)", "int"),
    Column("optional", "Optional", "Необязательная", "bool"),
    Column("description", "Description", "Описание"),
    *MEETING,
    Column("host", "Meeting host", "Хост встречи"),
))

BREAKS = Sheet("breaks", "Breaks", "Перерывы", "breaks", (
    Column("id", "ID", "Код", required=True, example="lunch"),
    Column("title", "Title", "Название", example="Обед"),
    Column("kind", "Kind", "Вид", example="lunch"),
    Column("duration", "Duration", "Длительность", "duration", example="60min"),
    Column("window", "Window", "Окно", "windows", example="12:00-14:00"),
    Column("days", "Days", "Дни", "dates"),
    Column("day", "Day", "День", "date"),
    Column("start", "Start", "Начало", "clock"),
    Column("end", "End", "Конец", "clock"),
))
"""A break with a start and an end is fixed; one with a duration and a window is placed
by the solver inside its window (scenarios/README.md, ``breaks``)."""

REGISTRATIONS = Sheet("registrations", "Registrations", "Регистрации",
                      "participants.registrations", (
    Column("id", "ID", "Код", required=True, example="p001"),
    Column("name", "Name", "Имя"),
    Column("email", "Email", "Email"),
    Column("sessions", "Sessions", "Сессии", "list", example="jam, cop"),
    Column("choices", "Choices (ranked)", "Выбор (по порядку)", "list"),
    Column("take", "Take", "Сколько дать", "int"),
))

EVENT = Sheet("event", "Event", "Мероприятие", "event", EVENT_FIELDS, pairs=True)

INTEREST = Sheet("interest", "Interest", "Интерес", "participants.interest-pairs", (
    Column("sessions", "Sessions (two)", "Сессии (две)", "list", required=True,
           example="jam, cop"),
    Column("count", "People interested in both", "Интересны обе", "int", required=True,
           example="12"),
))
"""Pairs of sessions many people want to attend both of, when there are no
registrations to count them from (scenarios/README.md, ``interest-pairs``)."""

INSTRUMENTS = Sheet("instruments", "Instruments", "Инструменты", "instruments", (
    Column("name", "Instrument", "Инструмент", required=True, example="workshop"),
    Column("title.en", "Name (en)", "Название (en)", example="Workshop"),
    Column("title.ru", "Name (ru)", "Название (ru)", example="Семинар-практикум"),
    Column("max-participants", "Most participants", "Не больше участников", "int"),
    Column("preferred-max-participants", "Preferably at most", "Желательно не больше",
           "int"),
    Column("required-roles", "Required roles", "Обязательные роли", "counts",
           example="facilitator: 1, broker: 1"),
    Column("min-duration", "Shortest", "Не короче", "duration"),
    Column("max-duration", "Longest", "Не длиннее", "duration"),
    Column("default-duration", "Usual length", "Обычная длительность", "duration"),
    Column("room-tags", "Room tags", "Теги зала", "list"),
    Column("formats", "Formats", "Форматы", "list"),
    Column("followed-by", "Followed by", "Затем", example="award-ceremony"),
    Column("recurring", "A series", "Серия встреч", "bool"),
    Column("whole-day", "Whole day", "Весь день", "bool"),
    Column("exclusive", "Nothing in parallel", "Ничего параллельно", "bool"),
    Column("pause", "Is a pause", "Это пауза", "bool"),
    Column("observes-breaks", "Stops for breaks", "Прерывается на перерывы", "bool"),
    Column("needs-room", "Needs a room", "Нужен зал", "bool"),
    Column("min-organisations", "Organisations at least", "Организаций не меньше", "int"),
))
"""Changes to the instrument catalogue (and new instruments): one row per instrument,
an empty cell keeps the catalogue's value (scenarios/README.md, ``instruments``)."""

SHEETS: tuple[Sheet, ...] = (EVENT, ROOMS, TRACKS, PEOPLE, SESSIONS, BREAKS, REGISTRATIONS,
                             INTEREST, INSTRUMENTS)

PROGRAMME = ("Programme", "Программа")
"""The sheet the exporter adds with the solved programme; the importer skips it."""
HELP = ("Help", "Справка")
"""The template's sheet that explains every column; the importer skips it."""
PAIR_HEADERS = {"en": ("Field", "Value"), "ru": ("Поле", "Значение")}


def normalise(text: str) -> str:
    """A header as compared: lower case, single spaces, ``_`` read as ``-``."""
    return " ".join(str(text).replace("_", "-").lower().split())


def sheet_named(name: str) -> Sheet | None:
    """The sheet whose English or Russian name, or key, is ``name``."""
    wanted = normalise(name)
    for sheet in SHEETS:
        if wanted in (normalise(sheet.en), normalise(sheet.ru), sheet.name):
            return sheet
    return None


def column_named(sheet: Sheet, header: str) -> Column | None:
    """The column of ``sheet`` headed ``header`` (either language, or the key itself);
    ``people.ROLE`` / ``роль: ROLE`` headers name a role column of the Sessions sheet."""
    wanted = normalise(header)
    for column in sheet.columns:
        if wanted in (normalise(column.en), normalise(column.ru), normalise(column.key)):
            return column
    if sheet.name == "sessions":
        for prefix in ROLE_PREFIXES:
            if wanted.startswith(prefix) and wanted[len(prefix):].strip():
                return Column(f"people.{wanted[len(prefix):].strip()}", header, header, "list")
    if sheet.pairs and wanted.startswith("weights."):
        name = wanted.removeprefix("weights.")
        if name in WEIGHTS:
            return Column(f"weights.{name}", header, header, "int")
    return None
