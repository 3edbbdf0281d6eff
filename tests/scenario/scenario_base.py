"""A small valid scenario that the scenario-model tests vary."""

BASE = """\
event:
  name: Семинар
  timezone: Europe/Moscow
  first-day: 2024-03-01
  last-day: 2024-03-03
  skip-days: [2024-03-02]
  granularity: 15min
rooms:
  - {id: hall, name: Зал, capacity: 40, tags: [hybrid]}
people:
  - {id: anna, name: Анна, organisation: A}
  - {id: remote, name: Удалённый спикер, organisation: B, timezone: Asia/Bishkek,
     available: [{start: "12:00", end: "15:00"}]}
sessions:
  - {id: s1, title: Доклад, instrument: talk}
"""
