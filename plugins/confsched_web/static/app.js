// confsched programme page. Vanilla JS, no network: everything comes from the JSON block
// #programme-data. Every text from the scenario goes into the page with textContent (never
// innerHTML), and only http(s) links become clickable.
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("programme-data").textContent);
  var P = DATA.programme;
  var L = P.labels;
  var ONLINE = "__online__";

  var state = {
    day: 0,
    view: window.matchMedia("(max-width: 600px)").matches ? "list" : "grid",
    search: "",
    track: "",
    room: "",
    instrument: "",
    format: "",
    mine: false,
    tz: "event",
  };

  // ------------------------------------------------------------------ personal agenda
  // Starred sessions live in this browser only (localStorage), one list per event.

  var AGENDA_KEY = "confsched-agenda:" + (P.event.key || P.event.name) + ":" + (P.days[0] ? P.days[0].date : "");
  var starred = loadAgenda();

  function loadAgenda() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(AGENDA_KEY) || "[]");
      var set = {};
      if (Array.isArray(saved)) saved.forEach(function (id) { if (typeof id === "string") set[id] = true; });
      return set;
    } catch (e) { return {}; }
  }

  function saveAgenda() {
    try { window.localStorage.setItem(AGENDA_KEY, JSON.stringify(Object.keys(starred).sort())); }
    catch (e) { /* storage off: the stars last until the page is closed */ }
  }

  function toggleStar(id) {
    if (starred[id]) delete starred[id]; else starred[id] = true;
    saveAgenda();
    render();
  }

  // ------------------------------------------------------------------ time zones
  // The programme's times are the event's wall clock; "my time" shows each moment in the
  // browser's zone, from the UTC instants in the data.

  var LOCAL_TZ = (function () {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  })();

  function clock(date, zone) {
    try {
      return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone })
        .format(date);
    } catch (e) { return ""; }
  }

  function timeOf(item) {
    if (state.tz !== "local" || !item.utc_start) return item.time;
    return clock(new Date(item.utc_start), LOCAL_TZ) + "–" + clock(new Date(item.utc_end), LOCAL_TZ);
  }

  function hourLabel(day, minute, text) {
    if (state.tz !== "local") return text;
    var parts = day.date.split("-").map(Number);
    var instant = Date.UTC(parts[0], parts[1] - 1, parts[2]) + (minute - day.utc_offset) * 60000;
    return clock(new Date(instant), LOCAL_TZ);
  }

  // ------------------------------------------------------------------ now and next

  function nowMs() { return Date.now(); }

  // The sessions going on now, and those starting next (the earliest start still to come).
  function nowAndNext() {
    var now = nowMs();
    var current = {};
    var next = {};
    var nextStart = Infinity;
    P.days.forEach(function (day) {
      day.items.forEach(function (it) {
        if (it.kind !== "session" || !it.utc_start) return;
        var start = Date.parse(it.utc_start);
        var end = Date.parse(it.utc_end);
        if (start <= now && now < end) current[it.id] = true;
        else if (start > now && start < nextStart) nextStart = start;
      });
    });
    P.days.forEach(function (day) {
      day.items.forEach(function (it) {
        if (it.kind === "session" && it.utc_start && Date.parse(it.utc_start) === nextStart) next[it.id] = true;
      });
    });
    return { now: current, next: next };
  }

  // ------------------------------------------------------------------ helpers

  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "className") node.className = value;
        else if (key === "hidden") node.hidden = true;
        else node.setAttribute(key, value);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function safeUrl(url) {
    try {
      var parsed = new URL(url, document.baseURI);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.href;
    } catch (e) { /* not a URL */ }
    return null;
  }

  function linkOrText(url, text) {
    var href = safeUrl(url);
    if (!href) return document.createTextNode(text || url);
    return el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: text || url });
  }

  function fold(text) {
    return String(text || "").toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function peopleText(item) {
    return item.people.map(function (p) { return p.names.join(", "); }).join("; ");
  }

  function haystack(item) {
    return fold([item.title, item.room_label, item.track_label, item.instrument_label,
      item.format_label, item.description, (item.parts || []).join(" "), item.people.map(function (p) {
        return p.label + " " + p.names.join(" ");
      }).join(" "), (item.talks || []).map(function (t) {
        return t.title + " " + t.presenters.join(" ");
      }).join(" ")].join(" "));
  }

  function filtersActive() {
    return !!(state.search || state.track || state.room || state.instrument || state.format || state.mine);
  }

  function searchMatches(text) {
    var words = fold(state.search).split(/\s+/).filter(Boolean);
    for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return false;
    return true;
  }

  // A break is shown unless a search is on; then only if the search finds it.
  function breakShown(item) {
    if (state.mine) return true;
    if (!state.search) return true;
    return searchMatches(fold(item.title + " " + item.time));
  }

  function matches(item) {
    if (item.kind !== "session") return breakShown(item);
    if (state.mine && !starred[item.id]) return false;
    if (state.track && item.track !== state.track) return false;
    if (state.room && (item.room || ONLINE) !== state.room) return false;
    if (state.instrument && item.instrument !== state.instrument) return false;
    if (state.format && item.format !== state.format) return false;
    if (state.search && !searchMatches(item._haystack || (item._haystack = haystack(item)))) return false;
    return true;
  }

  // ------------------------------------------------------------------ header

  function renderHeader() {
    var ev = P.event;
    var meta = [ev.dates + (ev.hours ? ", " + ev.hours : "")];
    meta.push(L.format + ": " + ev.format);
    document.getElementById("event-meta").textContent = meta.join(" · ");
    document.title = ev.name + " — " + L.programme;

    var conn = P.connection;
    var box = document.getElementById("connection");
    if (conn) {
      box.hidden = false;
      box.appendChild(el("strong", { text: L.join_online }));
      if (conn.shared) {
        box.appendChild(el("span", { className: "linkline" }, L.link + ": ", linkOrText(conn.url)));
        if (conn.id) box.appendChild(el("span", { className: "linkline", text: L.meeting_id + ": " + conn.id }));
        if (conn.passcode) box.appendChild(el("span", { className: "linkline", text: L.passcode + ": " + conn.passcode }));
      } else {
        box.appendChild(el("span", { text: L.links_per_session }));
      }
    }

    var cals = DATA.calendars || [];
    if (cals.length) {
      var nav = document.getElementById("calendars");
      nav.hidden = false;
      var main = cals.filter(function (c) { return c.group === ""; });
      var rest = cals.filter(function (c) { return c.group !== ""; });
      main.forEach(function (c) {
        nav.appendChild(el("a", { href: c.href, id: "calendar-programme", text: L.calendar + " (" + c.label + ")" }));
      });
      if (rest.length) {
        var details = el("details", null, el("summary", { text: L.calendar + " — " + L.rooms + ", " + L.tracks + "…" }));
        var groups = {};
        rest.forEach(function (c) { (groups[c.group] = groups[c.group] || []).push(c); });
        Object.keys(groups).forEach(function (g) {
          var ul = el("ul");
          groups[g].forEach(function (c) { ul.appendChild(el("li", null, el("a", { href: c.href, text: c.label }))); });
          details.appendChild(el("div", null, el("strong", { text: groupLabel(g) }), ul));
        });
        nav.appendChild(details);
      }
    }
    if (ev.venue) {
      var venue = document.getElementById("event-venue");
      venue.hidden = false;
      venue.textContent = L.venue + ": " + ev.venue;
    }
    if (ev.organiser) {
      var org = document.getElementById("event-organiser");
      org.hidden = false;
      org.appendChild(document.createTextNode(L.organiser + ": " + ev.organiser));
      if (ev.organiser_email) {
        org.appendChild(document.createTextNode(" · "));
        org.appendChild(el("a", { href: "mailto:" + ev.organiser_email, text: ev.organiser_email }));
      }
      if (ev.url && safeUrl(ev.url)) {
        org.appendChild(document.createTextNode(" · "));
        org.appendChild(linkOrText(ev.url));
      }
    }
    if (ev.description) {
      var about = document.getElementById("event-description");
      about.hidden = false;
      about.textContent = ev.description;
    }
    renderTimezone();
    var footer = document.getElementById("footer");
    footer.textContent = L.generated + (ev.organiser ? " · " + L.organiser + ": " + ev.organiser : "");
  }

  function renderTimezone() {
    var ev = P.event;
    document.getElementById("tz-text").textContent = L.tz_note.replace("{tz}", ev.timezone_label || ev.timezone);
    var select = document.getElementById("tz-switch");
    document.getElementById("tz-label").textContent = L.tz_show + ":";
    select.appendChild(el("option", { value: "event", text: L.tz_event.replace("{tz}", ev.timezone) }));
    if (LOCAL_TZ) select.appendChild(el("option", { value: "local", text: L.tz_local.replace("{tz}", LOCAL_TZ) }));
    select.parentNode.hidden = !LOCAL_TZ || LOCAL_TZ === ev.timezone;
    select.addEventListener("change", function () { state.tz = select.value; render(); });
  }

  function groupLabel(group) {
    return DATA.calendar_groups[group] || group;
  }

  // ------------------------------------------------------------------ controls

  function fillSelect(id, label, options) {
    var select = document.getElementById(id);
    select.setAttribute("aria-label", label);
    select.appendChild(el("option", { value: "", text: label + ": " + L.all }));
    options.forEach(function (o) { select.appendChild(el("option", { value: o.id, text: o.label })); });
    select.hidden = options.length < 2;
    select.addEventListener("change", function () {
      state[select.dataset.key] = select.value;
      render();
    });
  }

  function renderControls() {
    var sessions = [];
    P.days.forEach(function (d) { d.items.forEach(function (it) { if (it.kind === "session") sessions.push(it); }); });
    function distinct(key, labelKey) {
      var seen = {};
      var out = [];
      sessions.forEach(function (it) {
        var id = it[key];
        if (!(id in seen)) { seen[id] = true; out.push({ id: id, label: it[labelKey] }); }
      });
      return out;
    }
    document.getElementById("filter-track").dataset.key = "track";
    document.getElementById("filter-room").dataset.key = "room";
    document.getElementById("filter-instrument").dataset.key = "instrument";
    document.getElementById("filter-format").dataset.key = "format";
    fillSelect("filter-track", L.track, P.tracks.filter(function (t) { return t.used; }));
    var rooms = P.rooms.filter(function (r) { return sessions.some(function (it) { return it.room === r.id; }); });
    if (sessions.some(function (it) { return !it.room; })) rooms.push({ id: ONLINE, label: L.no_room });
    fillSelect("filter-room", L.room, rooms);
    fillSelect("filter-instrument", L.instrument, distinct("instrument", "instrument_label"));
    fillSelect("filter-format", L.format, distinct("format", "format_short"));

    var search = document.getElementById("search");
    search.placeholder = L.search_placeholder;
    search.setAttribute("aria-label", L.search);
    search.addEventListener("input", function () { state.search = search.value.trim(); render(); });

    var reset = document.getElementById("reset");
    reset.textContent = L.reset;
    reset.addEventListener("click", function () {
      state.search = state.track = state.room = state.instrument = state.format = "";
      search.value = "";
      ["filter-track", "filter-room", "filter-instrument", "filter-format"].forEach(function (id) {
        document.getElementById(id).value = "";
      });
      render();
    });

    var mine = document.getElementById("my-toggle");
    mine.textContent = "★ " + L.my_programme;
    mine.addEventListener("click", function () { state.mine = !state.mine; render(); });
    var download = document.getElementById("my-calendar");
    download.textContent = L.my_calendar;
    download.addEventListener("click", downloadMyCalendar);

    ["grid", "list"].forEach(function (view) {
      var button = document.getElementById("view-" + view);
      button.textContent = L[view + "_view"];
      button.addEventListener("click", function () { state.view = view; render(); });
    });

    var tabs = document.getElementById("day-tabs");
    P.days.forEach(function (day, index) {
      var tab = el("button", { type: "button", role: "tab", "data-day": day.date, id: "tab-" + day.date });
      tab.addEventListener("click", function () {
        state.day = index;
        if (history.replaceState) history.replaceState(null, "", "#" + day.date);
        render();
      });
      tabs.appendChild(tab);
    });
  }

  function updateControls() {
    var active = filtersActive();
    Array.prototype.forEach.call(document.querySelectorAll("#day-tabs button"), function (tab, index) {
      var day = P.days[index];
      var count = day.items.filter(function (it) { return it.kind === "session" && matches(it); }).length;
      tab.textContent = day.short + (active ? " (" + count + ")" : "");
      tab.setAttribute("aria-selected", index === state.day ? "true" : "false");
    });
    ["grid", "list"].forEach(function (view) {
      document.getElementById("view-" + view).setAttribute("aria-pressed", state.view === view ? "true" : "false");
    });
    document.getElementById("my-toggle").setAttribute("aria-pressed", state.mine ? "true" : "false");
    document.getElementById("my-calendar").disabled = Object.keys(starred).length === 0;
  }

  // ------------------------------------------------------------------ cards and details

  // A session as a clickable card. In the list the time stands beside the card, so
  // the card itself (withRoom) leaves it out and shows room, track and instrument.
  function card(item, withRoom) {
    var button = el("button", { type: "button", className: "card", "data-session": item.id });
    button.style.setProperty("--track", item.color);
    var badge = item.format !== "in-person" ? el("span", { className: "badge", text: item.format_short }) : null;
    var moment = MOMENTS.now[item.id] ? "now" : (MOMENTS.next[item.id] ? "next" : "");
    if (moment) {
      button.classList.add(moment);
      button.appendChild(el("span", { className: "moment", text: L[moment] }));
    }
    if (starred[item.id]) button.classList.add("starred");
    if (!withRoom) button.appendChild(el("span", { className: "time", text: timeOf(item) }, badge));
    button.appendChild(el("span", { className: "title", text: item.title }));
    var who = peopleText(item);
    if (who) button.appendChild(el("span", { className: "who", text: who }));
    if (withRoom) {
      var where = [item.room_label];
      if (item.track_label) where.push(item.track_label);
      where.push(item.instrument_label);
      button.appendChild(el("span", { className: "where", text: where.join(" · ") }, badge));
    }
    button.addEventListener("click", function () { openDetails(item); });
    return button;
  }

  // The star beside a card: adds the session to (or removes it from) my programme.
  function star(item) {
    var on = !!starred[item.id];
    var button = el("button", {
      type: "button", className: "star" + (on ? " on" : ""), "data-star": item.id,
      "aria-pressed": on ? "true" : "false", "aria-label": on ? L.unstar : L.star, title: on ? L.unstar : L.star,
      text: on ? "★" : "☆",
    });
    button.addEventListener("click", function (event) { event.stopPropagation(); toggleStar(item.id); });
    return button;
  }

  // ------------------------------------------------------------------ my calendar (.ics)
  // Built in the browser from the starred sessions: UTC times, so no VTIMEZONE is needed.

  function icsText(value) {
    return String(value || "").replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n");
  }

  function icsFold(line) {
    // Lines of at most 75 octets (RFC 5545 3.1), never splitting a UTF-8 character.
    var out = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (ch) {
      var bytes = new TextEncoder().encode(ch).length;
      if (size + bytes > (out.length ? 74 : 75)) { out.push(current); current = ""; size = 0; }
      current += ch;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n ");
  }

  function icsStamp(iso) { return iso.replace(/[-:]/g, "").replace(/\.\d+/, ""); }

  function myCalendar() {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//confsched//my programme//EN",
      "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + icsText(P.event.name + " — " + L.my_programme)];
    var stamp = icsStamp(new Date(nowMs()).toISOString());
    P.days.forEach(function (day) {
      day.items.forEach(function (it) {
        if (it.kind !== "session" || !starred[it.id] || !it.utc_start) return;
        var description = [];
        it.people.forEach(function (p) { description.push(p.label + ": " + p.names.join(", ")); });
        (it.talks || []).forEach(function (t) {
          description.push(t.time + " " + t.title + (t.presenters.length ? " — " + t.presenters.join(", ") : ""));
        });
        if (it.description) description.push(it.description);
        if (it.link) description.push(L.join_online + ": " + it.link.url);
        lines.push("BEGIN:VEVENT",
          "UID:" + icsText(it.uid),
          "DTSTAMP:" + stamp, "DTSTART:" + icsStamp(it.utc_start), "DTEND:" + icsStamp(it.utc_end),
          "SUMMARY:" + icsText(it.title), "LOCATION:" + icsText(it.room_label));
        if (description.length) lines.push("DESCRIPTION:" + icsText(description.join("\n")));
        if (it.link && safeUrl(it.link.url)) lines.push("URL:" + it.link.url);
        lines.push("END:VEVENT");
      });
    });
    lines.push("END:VCALENDAR");
    return lines.map(icsFold).join("\r\n") + "\r\n";
  }

  function downloadMyCalendar() {
    var blob = new Blob([myCalendar()], { type: "text/calendar;charset=utf-8" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "my-programme.ics" });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function openDetails(item) {
    var body = document.getElementById("details-body");
    body.textContent = "";
    body.appendChild(el("h2", { id: "details-title", text: item.title }));
    var dl = el("dl");
    function row(label, value) {
      if (value === null || value === undefined || value === "") return;
      dl.appendChild(el("dt", { text: label }));
      dl.appendChild(el("dd", null, value));
    }
    var day = P.days.filter(function (d) { return d.items.indexOf(item) >= 0; })[0];
    row(L.time, (day ? day.label + ", " : "") + timeOf(item));
    row(L.room, item.room_label);
    row(L.track, item.track_label);
    row(L.instrument, item.instrument_label);
    row(L.format, item.format_label);
    item.people.forEach(function (p) { row(p.label, p.names.join(", ")); });
    if (item.participants) row(L.participants, String(item.participants));
    if (item.link) {
      row(L.join_online, linkOrText(item.link.url));
      row(L.meeting_id, item.link.id);
      row(L.passcode, item.link.passcode);
    }
    body.appendChild(dl);
    // A talk session: its talks in order, each with its time and presenters.
    if (item.talks && item.talks.length) {
      body.appendChild(el("h3", { text: L.talks }));
      var talks = el("ol", { className: "talks" });
      item.talks.forEach(function (t) {
        var li = el("li", null, el("span", { className: "time", text: t.time }));
        li.appendChild(el("span", { className: "title", text: " " + t.title }));
        if (t.presenters.length) li.appendChild(el("span", { className: "who", text: " — " + t.presenters.join(", ") }));
        talks.appendChild(li);
      });
      body.appendChild(talks);
    }
    if (item.description) body.appendChild(el("p", { className: "description", text: item.description }));
    var dialog = document.getElementById("details");
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
  }

  // ------------------------------------------------------------------ views

  function unitOf(day) {
    var all = [day.grid[0], day.grid[1]];
    day.items.forEach(function (it) { all.push(it.start, it.end); });
    return all.every(function (m) { return m % 5 === 0; }) ? 5 : 1;
  }

  function gridView(day) {
    var unit = unitOf(day);
    var g0 = day.grid[0];
    var rows = (day.grid[1] - g0) / unit;
    var ncols = Math.max(1, day.columns.length);
    var grid = el("div", { className: "grid", role: "table", "aria-label": day.label });
    grid.style.gridTemplateColumns = "3rem repeat(" + ncols + ", minmax(8.5rem, 1fr))";
    grid.style.width = "max(100%, calc(3rem + " + ncols + " * (8.5rem + 3px)))";
    grid.style.gridTemplateRows = "auto repeat(" + rows + ", minmax(" + (unit === 5 ? 7 : 1.4) + "px, auto))";
    function rowOf(minute) { return 2 + (minute - g0) / unit; }

    day.columns.forEach(function (col, c) {
      var head = el("div", { className: "col-head", text: col.label, role: "columnheader" });
      head.style.gridColumn = String(c + 2);
      head.style.gridRow = "1";
      grid.appendChild(head);
    });
    day.hours.forEach(function (minute, i) {
      if (minute >= day.grid[1]) return;
      var hour = el("div", { className: "hour", text: hourLabel(day, minute, day.hour_labels[i]) });
      hour.style.gridColumn = "1";
      hour.style.gridRow = rowOf(minute) + " / span " + Math.min(60 / unit, rows - (minute - g0) / unit);
      grid.appendChild(hour);
      var line = el("div", { className: "hour-line" });
      line.style.gridColumn = "2 / -1";
      line.style.gridRow = String(rowOf(minute));
      grid.appendChild(line);
    });
    var shown = 0;
    day.items.forEach(function (item) {
      if (item.kind === "break") {
        var brk = el("div", { className: "brk", "data-break": item.id, text: timeOf(item) + "  " + item.title });
        brk.style.gridColumn = "2 / -1";
        brk.style.gridRow = rowOf(item.start) + " / " + rowOf(item.end);
        if (!breakShown(item)) brk.hidden = true;
        else if (state.search) shown++;
        grid.appendChild(brk);
        return;
      }
      var inner = card(item, false);
      var node = el("div", { className: "slot" }, inner, star(item));
      node.style.gridColumn = String(item.column + 2);
      node.style.gridRow = rowOf(item.start) + " / " + rowOf(item.end);
      if (item.lanes > 1) {
        node.style.width = (100 / item.lanes) + "%";
        node.style.marginLeft = (100 * item.lane / item.lanes) + "%";
      }
      if (!matches(item)) node.hidden = inner.hidden = true;
      else shown++;
      grid.appendChild(node);
    });
    // The line of the present moment, while the day is on.
    var minute = (nowMs() - Date.parse(day.date + "T00:00:00Z")) / 60000 + day.utc_offset;
    if (minute >= g0 && minute < day.grid[1]) {
      var line = el("div", { className: "now-line", "aria-hidden": "true" });
      line.style.gridColumn = "2 / -1";
      line.style.gridRow = String(rowOf(g0 + Math.floor((minute - g0) / unit) * unit));
      grid.appendChild(line);
    }
    return { node: el("div", { className: "grid-scroll" }, grid), shown: shown };
  }

  function listView(day, all) {
    var list = el("ol", { className: "list" });
    var shown = 0;
    day.items.forEach(function (item) {
      if (item.kind === "break") {
        if (!all && !breakShown(item)) return;
        if (!all && state.search) shown++;
        list.appendChild(el("li", { className: "brk", "data-break": item.id },
          el("span", { className: "time", text: all ? item.time : timeOf(item) }), el("span", { text: item.title })));
        return;
      }
      if (!all && !matches(item)) return;
      shown++;
      var body = card(item, true);
      if (item.link) {
        var line = el("span", { className: "linkline" }, L.link + ": ", linkOrText(item.link.url));
        if (item.link.id) line.appendChild(document.createTextNode(" · " + L.meeting_id + ": " + item.link.id));
        if (item.link.passcode) line.appendChild(document.createTextNode(" · " + L.passcode + ": " + item.link.passcode));
        body.appendChild(line);
      }
      list.appendChild(el("li", { "data-session": item.id },
        el("span", { className: "time", text: all ? item.time : timeOf(item) }), body,
        all ? null : star(item)));
    });
    return { node: list, shown: shown };
  }

  var MOMENTS = { now: {}, next: {} };

  function render() {
    MOMENTS = nowAndNext();
    updateControls();
    var view = document.getElementById("view");
    view.textContent = "";
    var day = P.days[state.day];
    if (!day) return;
    view.appendChild(el("h2", { className: "day-title", text: day.label }));
    var result = state.view === "grid" ? gridView(day) : listView(day, false);
    view.appendChild(result.node);
    var none = document.getElementById("no-results");
    none.textContent = L.no_results;
    var empty = state.mine && Object.keys(starred).length === 0;
    none.hidden = result.shown > 0 || empty;
    var myEmpty = document.getElementById("my-empty");
    myEmpty.textContent = L.my_empty;
    myEmpty.hidden = !empty;
    view.dataset.view = state.view;
    view.dataset.day = day.date;
    if (document.documentElement.dataset.ready) measureControls();
  }

  function renderPrint() {
    var all = document.getElementById("print-all");
    P.days.forEach(function (day) {
      all.appendChild(el("section", { className: "day" },
        el("h2", { className: "day-title", text: day.label }), listView(day, true).node));
    });
  }

  document.getElementById("details-close").textContent = L.close;
  document.getElementById("details").addEventListener("click", function (event) {
    if (event.target === this) this.close();
  });
  // A link to index.html#2022-06-07 opens that day; else, during the event, today.
  var linked = false;
  P.days.forEach(function (day, index) {
    if (window.location.hash === "#" + day.date) { state.day = index; linked = true; }
  });
  if (!linked) {
    P.days.forEach(function (day, index) {
      var local = new Date(nowMs() + day.utc_offset * 60000).toISOString().slice(0, 10);
      if (local === day.date) state.day = index;
    });
  }
  // The grid's box fits under the controls when they stick to the top of the window.
  function measureControls() {
    var root = document.documentElement;
    var controls = document.querySelector(".controls");
    var sticky = getComputedStyle(controls).position === "sticky";
    root.style.setProperty("--controls-height", sticky ? controls.offsetHeight + "px" : "0px");
    var box = document.querySelector("#view .grid-scroll");
    if (box) {
      var below = root.scrollHeight - (box.getBoundingClientRect().bottom + window.scrollY);
      root.style.setProperty("--below-grid", Math.max(0, Math.ceil(below)) + "px");
    }
  }
  window.addEventListener("resize", measureControls);
  // Now and next move on by themselves while the page stays open.
  setInterval(function () { if (!document.hidden) render(); }, 60000);
  renderHeader();
  renderControls();
  renderPrint();
  render();
  measureControls();
  document.documentElement.dataset.ready = "yes";
})();
