"""Run inside ``python -m pretalx shell``: create an organiser, an event with rooms,
tracks, submission types, confirmed talks by speakers with availabilities, and an API
token; print the token on the last line. Deterministic (seeded)."""

import datetime as dt
import random
import sys
import zoneinfo

from django_scopes import scope, scopes_disabled
from pretalx.event.models import Event, Organiser, Team
from pretalx.person.models import SpeakerProfile, User
from pretalx.person.models.auth_token import ENDPOINTS, WRITE_PERMISSIONS, UserApiToken
from pretalx.schedule.models import Availability, Room
from pretalx.submission.models import Submission, SubmissionType, Track

rng = random.Random(7)
zone = zoneinfo.ZoneInfo("Asia/Bishkek")
first = dt.date(2026, 9, 14)

with scopes_disabled():
    admin = User.objects.create_user(email="orga@example.org", password="x" * 16,
                                     name="Организатор")
    admin.is_administrator = True
    admin.save()
    organiser = Organiser.objects.create(name="Акселератор", slug="accel")
    team = Team.objects.create(organiser=organiser, name="Оргкомитет", all_events=True,
                               can_create_events=True, can_change_teams=True,
                               can_change_organiser_settings=True,
                               can_change_event_settings=True, can_change_submissions=True)
    team.members.add(admin)
    event = Event.objects.create(name="Неделя знаний", slug="knowweek", organiser=organiser,
                                 is_public=True, date_from=first,
                                 date_to=first + dt.timedelta(days=1),
                                 timezone="Asia/Bishkek", email="orga@example.org",
                                 locale_array="ru,en", locale="ru")

with scope(event=event):
    event.build_initial_data()
    event.cfp.fields["availabilities"] = {"visibility": "optional"}   # collected
    event.cfp.save()
    talk_type = event.cfp.default_type
    talk_type.name = "Talk"
    talk_type.default_duration = 30
    talk_type.save()
    workshop = SubmissionType.objects.create(event=event, name="Workshop",
                                             default_duration=90)
    tracks = [Track.objects.create(event=event, name=name, color=color)
              for name, color in (("Цифровые сообщества", "#1f77b4"),
                                  ("Ресурсы", "#2ca02c"))]

    def moment(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(first + dt.timedelta(days=day), dt.time(hour, minute),
                                   tzinfo=zone)

    rooms = []
    for position, (name, capacity) in enumerate((("Большой зал", 120), ("Студия", 40),
                                                 ("Переговорная", 20))):
        room = Room.objects.create(event=event, name=name, capacity=capacity,
                                   position=position)
        for day in (0, 1):
            Availability.objects.create(event=event, room=room, start=moment(day, 9),
                                        end=moment(day, 18))
        rooms.append(room)

    speakers = []
    for i in range(12):
        user = User.objects.create_user(email=f"speaker{i}@example.org",
                                        name=f"Спикер {i + 1}", locale="ru")
        profile = SpeakerProfile.objects.create(user=user, event=event,
                                                biography="Биография")
        if i % 3 == 0:   # some speakers only in the mornings of the first day
            Availability.objects.create(event=event, person=profile, start=moment(0, 9),
                                        end=moment(0, 13))
        else:
            for day in (0, 1):
                Availability.objects.create(event=event, person=profile,
                                            start=moment(day, 9), end=moment(day, 18))
        speakers.append(user)

    for i in range(24):
        kind = workshop if i % 6 == 5 else talk_type
        submission = Submission.objects.create(
            event=event, title=f"Доклад {i + 1}: обмен знаниями" if kind == talk_type
            else f"Мастерская {i + 1}", submission_type=kind,
            track=tracks[i % 2], content_locale="ru", abstract="Кратко о главном.",
            state="submitted")
        submission.speakers.add(speakers[i % len(speakers)])
        if i % 7 == 0:
            submission.speakers.add(speakers[(i + 5) % len(speakers)])
        submission.accept()
        submission.confirm()

    token = UserApiToken.objects.create(user=admin, name="confsched",
                                        endpoints={e: list(WRITE_PERMISSIONS)
                                                   for e in ENDPOINTS})
    token.events.add(event)
    sys.stdout.write(f"\nTOKEN {token.token}\n")
