#!/usr/bin/env python3
"""Headless-browser test of the Conversation on IP and AI: one whole panel, played through the pages.

Run through Tests/Browser/run after browser_test.py, on the same fresh `ipai serve` (browser_test.py has
changed the administrator's one-time password to its NEW_PASSWORD; run alone, this script changes it
itself when the server forces it). Several separate Chromium instances play the people:

* the administrator, who is the Secretariat and the panel's moderator: creates a conversation, a hybrid
  session with a webcast link and "webcast started at", a panel (theme, prompting questions, slots,
  himself as moderator), an issues paper with a numbered issue and questions, publishes it and opens a
  call for comments covering today; approves the registrations; runs the moderator console (short
  speaking time, opens the floor, gives the floor, ends, gives the next, skips the third); accepts a
  submission in the moderation queue; adds an outcome item linked to an intervention and the submission;
* the participants (one browser, signing up, in and out): two member-state delegations and one NGO
  observer register with a PDF credential and raise their flags; a member of the public registers as
  `public` and cannot ask for the floor (the page says why; a forged POST is refused with 403);
  a delegate sends a submission tagged with issue 1;
* an anonymous visitor: the public display (the waiting speakers, who has the floor and the running
  timer through normal → warning → over time, all live, without a reload), the session archive with
  links into the video (#t=), the published submission, and the outcome list whose links are followed.

Prints `browser test: …` step lines; any failure: a message on stderr and exit status 1 (the failing
browser's page is saved in the work directory).
"""
import argparse
import datetime
import os
import re
import sys
import time

from selenium.common.exceptions import (
    ElementClickInterceptedException, ElementNotInteractableException, NoSuchElementException,
    StaleElementReferenceException, WebDriverException)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_test import NEW_PASSWORD, TIMEOUT, Browser, Failure, check, step

WEBCAST = "https://webcast.example.org/s1"
SPEAKING_SECONDS = 10  # the console's minimum (10 to 3600 s)
WARNING_SECONDS = 6    # "time almost up" from 4 s on, "over time" after 10 s
PARTICIPANT_PASSWORD = "delegate-password-2024"


# MARK: Helpers

def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def set_value(browser, css, value):
    """Sets a date, time or datetime-local field as the browser's picker would (typing into these
    fields depends on the browser's locale), and fires the events a person's input fires."""
    found = browser.script(
        "var e = document.querySelector(arguments[0]); if (!e) { return false; } e.value = arguments[1];"
        "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));"
        "return e.value;", css, value)
    check(found == value, f"the field {css} did not take the value {value!r} (it holds {found!r})")


def submit(browser, find_button, what, timeout=TIMEOUT, refusal_ok=False):
    """Clicks the button `find_button()` returns (located afresh on each try: a live page may replace it)
    once it is enabled, and waits for the page the form's POST leads to (the old document is marked, so
    a redirect back to the same address is noticed too)."""
    browser.script("window.__ipaiOld = true;")

    def click():
        button = find_button()
        if button is None or not button.is_enabled():
            return False
        button.click()
        return True

    try:
        browser.wait(click, f"the button to {what}", timeout)
    except (ElementClickInterceptedException, ElementNotInteractableException) as error:
        raise Failure(f"cannot click the button to {what}: {error.msg}")
    browser.wait(lambda: browser.script("return window.__ipaiOld !== true;") and browser.loaded(),
                 f"the page after the form to {what}", timeout)
    errors = [notice.text for notice in browser.find_all("main .notice.error")]
    check(refusal_ok or not errors, f"the form to {what} was refused: {' / '.join(errors)} (at {browser.path()})")


def button_in(browser, form_css, text=None):
    """The submit button of the first form matching `form_css` (with this text, when given)."""
    for button in browser.find_all(form_css + " button[type=submit]"):
        if text is None or button.text.strip() == text:
            return button
    return None


def open_details(browser, form_css):
    """Opens the <details> holding the form (the Secretariat's new-item forms are folded)."""
    browser.script("var f = document.querySelector(arguments[0]); var d = f && f.closest('details'); if (d) { d.open = true; }", form_css)


def text_of(browser, css):
    elements = browser.find_all(css)
    return elements[0].text.strip() if elements else ""


def sign_in(browser, username, password, next_path="/conversations"):
    browser.get("/login?next=" + next_path.replace("/", "%2F"))
    browser.fill("#username", username)
    browser.fill("#password", password)
    submit(browser, lambda: browser.find("#login-submit"), f"sign in as {username}")
    check(not browser.path().startswith("/login"), f"signing in as {username} failed (still at {browser.path()})")


def sign_out(browser, who):
    submit(browser, lambda: browser.find("header .account button[type=submit]"), f"sign {who} out")
    browser.get("/conversations")
    check(not browser.find_all("header .account button[type=submit]"), f"{who} is still signed in after signing out")


def sign_in_administrator(browser, one_time_password):
    """browser_test.py (run first) changed the one-time password to NEW_PASSWORD; run alone, the
    one-time password still holds and the server forces its change."""
    browser.get("/login?next=%2Fconversations")
    browser.fill("#username", "admin")
    browser.fill("#password", NEW_PASSWORD)
    submit(browser, lambda: browser.find("#login-submit"), "sign the administrator in", refusal_ok=True)
    if browser.path().startswith("/login"):
        browser.fill("#username", "admin")
        browser.fill("#password", one_time_password)
        submit(browser, lambda: browser.find("#login-submit"), "sign the administrator in with the one-time password")
        check(browser.path().startswith("/password"), f"the one-time password should force a change, at {browser.path()}")
        browser.fill("#current", one_time_password)
        browser.fill("#new", NEW_PASSWORD)
        browser.fill("#confirm", NEW_PASSWORD)
        submit(browser, lambda: browser.find("#password-submit"), "change the administrator's password")
        step("administrator signed in with the one-time password and changed it")
    else:
        step("administrator signed in (password changed by browser_test.py)")
    check(not browser.path().startswith(("/login", "/password")), f"the administrator is not signed in (at {browser.path()})")


def write_pdf(path, text):
    """A small, valid one-page PDF (header, objects, cross-reference table with exact offsets, trailer)."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(data)
    data += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        data += f"{offset:010d} 00000 n \n".encode()
    data += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def number_in(path, pattern, what):
    match = re.search(pattern, path)
    check(match is not None, f"expected {what} in the address, got {path}")
    return match.group(1)


# MARK: 1. The Secretariat builds the conversation

def create_structure(admin):
    today = utc_now().date()
    admin.get("/conversations")
    admin.fill("#title-en", "Browser test conversation on IP and AI")
    admin.fill("#description-en", "A conversation played by the browser test.")
    submit(admin, lambda: admin.find("#create-conversation"), "create the conversation")
    conversation = number_in(admin.path(), r"^/conversations/(\d+)$", "the new conversation's page")
    check(admin.heading() == "Browser test conversation on IP and AI", f"the conversation page is titled {admin.heading()!r}")
    step(f"created conversation {conversation}")

    admin.fill("#new-title-en", "First session")
    set_value(admin, "#new-starts-on", today.isoformat())
    set_value(admin, "#new-ends-on", (today + datetime.timedelta(days=1)).isoformat())
    admin.fill("#new-place", "Geneva, room A")
    Select(admin.find("#new-format")).select_by_value("hybrid")
    if not admin.find("#new-language-fr").is_selected():
        admin.find("#new-language-fr").click()
    admin.fill("#new-webcast-url", WEBCAST)
    submit(admin, lambda: admin.find("#create-session"), "create the session")
    session = number_in(admin.path(), r"^/sessions/(\d+)$", "the new session's page")

    # "Webcast started at" is on the session's edit form: five minutes ago, to the minute (UTC).
    started = (utc_now() - datetime.timedelta(minutes=5)).replace(second=0, microsecond=0)
    set_value(admin, "#edit-video-started-at", started.strftime("%Y-%m-%dT%H:%M"))
    submit(admin, lambda: admin.find("#save-session"), "record when the webcast started")
    facts = admin.find("dl.session-facts").text
    for expected in ("Geneva, room A", "Hybrid", "English", "French", today.isoformat()):
        check(expected in facts, f"the session's facts should show {expected!r}: {facts!r}")
    links = [a.get_attribute("href") for a in admin.find_all("dl.session-facts a")]
    check(WEBCAST in links, f"the session should link to its webcast {WEBCAST}, links: {links}")
    check(admin.find("#edit-video-started-at").get_attribute("value").startswith(started.strftime("%Y-%m-%dT%H:%M")),
          "the session did not keep when the webcast started")
    step(f"created session {session}: hybrid, English and French, webcast {WEBCAST}, started at {started:%H:%M} UTC")

    open_details(admin, "#new-panel-form")
    admin.fill("#new-panel-theme-en", "Who owns what an AI invents?")
    admin.fill("#new-panel-moderator", "admin")
    admin.fill("#new-panel-panelists", "Ada Example | University of Geneva\nBen Sample | Patent Office")
    admin.fill("#new-panel-questions-en", "Can an AI system be named as an inventor?\nWho is liable for infringing output?")
    for kind, start, end in (("panel_discussion", "10:00", "10:40"), ("interaction", "10:40", "11:10"), ("open_floor", "11:10", "11:30")):
        set_value(admin, f"#new-panel-slot-{kind}-start", start)
        set_value(admin, f"#new-panel-slot-{kind}-end", end)
    submit(admin, lambda: admin.find("#create-panel"), "create the panel")
    panel = number_in(admin.path(), r"^/panels/(\d+)$", "the new panel's page")
    check(admin.heading() == "Who owns what an AI invents?", f"the panel page is titled {admin.heading()!r}")
    facts = admin.find("dl.panel-facts").text
    check("admin" in facts, f"the panel should name its moderator admin: {facts!r}")
    check("Ada Example" in facts and "10:40" in facts, f"the panel should list panelists and slots: {facts!r}")
    questions = [li.text for li in admin.find_all("ol.questions li")]
    check(len(questions) == 2 and questions[0].startswith("Can an AI system"), f"the panel's prompting questions: {questions}")
    for link in ("#floor-link", "#display-link", "#console-link"):
        check(admin.find_all(link), f"the panel page lacks its link {link}")
    step(f"created panel {panel}: 2 prompting questions, 3 slots, moderator admin")
    return conversation, session, panel, started


# MARK: 2. Issues paper and call for comments

def create_paper(admin, conversation):
    today = utc_now().date()
    admin.get(f"/consultations?conversation={conversation}")
    admin.fill("#title-en", "Issues paper on IP and AI")
    admin.fill("#intro-en", "The questions the Conversation discusses.")
    submit(admin, lambda: button_in(admin, "#new-paper-form"), "create the issues paper")
    paper = number_in(admin.path(), r"^/papers/(\d+)", "the new paper's page")
    version = admin.find("#version").get_attribute("data-version")
    check(version and version.isdigit(), "the paper page does not name its version")

    admin.find(f".cons-secretariat a[href='/paper-versions/{version}/edit']").click()
    admin.wait_for_page(lambda: admin.path().startswith(f"/paper-versions/{version}/edit"), "the draft's edit form")
    admin.fill("#issue-0-number", "1")
    admin.fill("#issue-0-title", "Inventorship")
    admin.fill("#issue-0-body", "Whether inventions made with or by AI can be patented, and who the inventor is.")
    admin.fill("#issue-0-questions", "Should an AI system be named as inventor?\nWhat human contribution is enough?")
    submit(admin, lambda: admin.find("#save-draft"), "save the draft")
    check("done=saved" in admin.path(), f"saving the draft should come back to the paper, at {admin.path()}")
    issue = admin.find("#issue-1")
    check("Inventorship" in issue.find_element(By.CSS_SELECTOR, "h3").text, "issue 1 should be titled Inventorship")
    check(len(issue.find_elements(By.CSS_SELECTOR, ".cons-questions li")) == 2, "issue 1 should have 2 questions")

    submit(admin, lambda: button_in(admin, "#publish-form"), "publish the paper")
    check("done=published" in admin.path(), f"publishing should come back to the paper, at {admin.path()}")
    set_value(admin, "#opens_at", today.isoformat())
    set_value(admin, "#closes_at", (today + datetime.timedelta(days=14)).isoformat())
    submit(admin, lambda: button_in(admin, "#call-form"), "open the call for comments")
    call = text_of(admin, "#call")
    check(today.isoformat() in call and "open" in call.lower(), f"the call for comments should be open from today: {call!r}")
    check(admin.find_all(f"a[href='/paper-versions/{version}/submit']"), "the paper should offer the submission form while the call is open")
    step(f"issues paper {paper} (version {version}) published with issue 1 and 2 questions; {call}")
    return paper, version


# MARK: 3. Participants register, the Secretariat approves

def sign_up(people, username, conversation):
    people.get(f"/signup?next=%2Fconversations%2F{conversation}%2Fregister")
    people.fill("#username", username)
    people.fill("#password", PARTICIPANT_PASSWORD)
    people.fill("#confirm", PARTICIPANT_PASSWORD)
    submit(people, lambda: people.find("#signup-submit"), f"sign {username} up")
    check(people.path() == f"/conversations/{conversation}/register", f"signing up should lead to the register page, at {people.path()}")


def register(people, conversation, category, display_name, credential, state="", organisation=""):
    people.find(f"#category-{category}").click()
    if state:
        Select(people.find("#member-state")).select_by_value(state)
    if organisation:
        people.fill("#organisation", organisation)
    people.fill("#display-name", display_name)
    if credential:
        people.send_file("#credential", credential)
    submit(people, lambda: people.find("#register-submit"), f"register {display_name} as {category}")
    check("done=registered" in people.path(), f"the registration should be confirmed, at {people.path()}")
    status = people.find("#registration-status").get_attribute("data-status")
    check(status == "pending", f"a new registration should be pending, got {status!r}")


def register_everyone(admin, people, conversation, work):
    credential = write_pdf(os.path.join(work, "note-verbale.pdf"), "Note verbale: accreditation of the delegation")
    participants = [
        # username, category, display name, state, organisation
        ("delegate.fr", "member_state", "Claire Martin", "FRA", ""),
        ("delegate.de", "member_state", "Jonas Weber", "DEU", ""),
        ("observer.ngo", "ngo", "Amina Okafor", "", "Open Innovation Network"),
        ("public.viewer", "public", "Pat Public", "", ""),
    ]
    for username, category, name, state, organisation in participants:
        sign_up(people, username, conversation)
        register(people, conversation, category, name, credential if category != "public" else None, state, organisation)
        if username != "public.viewer":
            sign_out(people, username)
    step("two member-state delegations (France, Germany), an NGO observer and a member of the public registered; "
         "their registrations are pending")

    admin.get(f"/conversations/{conversation}/registrations")
    for _, category, name, _, _ in participants:
        def approve_button(name=name):
            for row in admin.find_all("#registrations tbody tr"):
                if row.find_element(By.CSS_SELECTOR, "td").text.strip().startswith(name):
                    return row.find_element(By.CSS_SELECTOR, "button[name=status][value=approved]")
            return None
        submit(admin, approve_button, f"approve {name}")
    admin.get(f"/conversations/{conversation}/registrations?status=approved")
    rows = {row.find_element(By.CSS_SELECTOR, "td").text.strip().split(" ")[0]: row.get_attribute("data-status")
            for row in admin.find_all("#registrations tbody tr")}
    check(len(rows) == 4 and set(rows.values()) == {"approved"}, f"all four registrations should be approved: {rows}")
    credentials = [a.text for a in admin.find_all("#registrations a[download]")]
    check(len(credentials) == 3, f"the three delegations' PDF credentials should be on file: {credentials}")
    step("the Secretariat approved the four registrations on the registrations page (3 PDF credentials on file)")
    return participants


# MARK: 4. The public cannot ask for the floor

FORGED_REQUEST = """
var done = arguments[arguments.length - 1];
var meta = document.querySelector('meta[name="csrf-token"]');
fetch(arguments[0], {method: 'POST', credentials: 'same-origin', redirect: 'manual',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: '_csrf=' + encodeURIComponent(meta ? meta.content : '') + '&kind=floor'})
  .then(function (response) { return response.text().then(function (text) { done({status: response.status, text: text}); }); })
  .catch(function (error) { done({status: -1, text: String(error)}); });
"""


def public_cannot_ask(people, anonymous, panel):
    people.get(f"/panels/{panel}/floor")
    refusal = text_of(people, ".floor-ask .floor-refusal")
    check("registered as Public" in refusal and "may ask for the floor" in refusal,
          f"the floor page should tell the public member why they cannot ask for the floor: {refusal!r}")
    check(not people.find_all(f"form[action='/panels/{panel}/floor/request']"), "the public member's floor page offers a request form")
    # No page offers the form: the request a person could still forge from the page is refused.
    answer = people.driver.execute_async_script(FORGED_REQUEST, f"/panels/{panel}/floor/request")
    check(answer["status"] == 403, f"a public member's floor request should be refused with 403, got {answer['status']}")
    check("may ask for the floor" in answer["text"], "the refusal should say who may ask for the floor")
    step(f"public member refused: {refusal!r}; a forged POST got {answer['status']}")
    sign_out(people, "public.viewer")

    anonymous.get(f"/panels/{panel}/floor")
    refusal = text_of(anonymous, ".floor-ask .floor-refusal")
    check("member of the public" in refusal, f"the anonymous floor page should say why it cannot ask: {refusal!r}")
    check(anonymous.find_all(".floor-ask a[href^='/login']"), "the anonymous floor page should offer to sign in as a delegate")
    step("anonymous visitor told to sign in as a delegate")


# MARK: 5. The floor

DISPLAY_STATE = """
var speaker = document.querySelector('[data-floor-speaker]');
var name = speaker ? speaker.querySelector('.floor-name') : null;
var delegation = speaker ? speaker.querySelector('.floor-delegation') : null;
var timer = document.querySelector('[data-floor-timer]');
var clock = timer ? timer.querySelector('[data-floor-clock]') : null;
var label = timer ? timer.querySelector('[data-floor-timer-state]') : null;
var empty = document.querySelector('[data-floor-empty]');
var status = document.querySelector('[data-floor-status]');
return {
  speaker: name ? name.textContent.trim() : null,
  delegation: delegation ? delegation.textContent.trim() : null,
  nobody: !!(speaker && speaker.querySelector('.floor-nobody')),
  timerClass: timer ? timer.className : null,
  clock: clock ? clock.textContent.trim() : null,
  label: label ? label.textContent.trim() : null,
  waiting: Array.prototype.map.call(document.querySelectorAll('[data-floor-list] li'), function (li) {
    var n = li.querySelector('.floor-name');
    return {id: li.getAttribute('data-id'), name: n ? n.textContent.trim() : '', text: li.textContent.trim()};
  }),
  empty: empty ? !empty.hidden : null,
  status: status ? status.textContent.trim() : '',
  notReloaded: window.__ipaiNoReload === true
};
"""


def state(browser):
    return browser.script(DISPLAY_STATE)


def names(snapshot):
    return [item["name"] for item in snapshot["waiting"]]


def console_settings(admin, panel):
    admin.get(f"/panels/{panel}/console")
    check(admin.heading().startswith("Moderator console"), f"the console is titled {admin.heading()!r}")
    admin.fill("#floor-speaking_seconds", str(SPEAKING_SECONDS))
    admin.fill("#floor-warning_seconds", str(WARNING_SECONDS))
    Select(admin.find("#floor-policy")).select_by_value("order_of_request")
    # The "floor is open" box has no id: it is found by its name.
    box = admin.find(f"form[action='/panels/{panel}/console/settings'] input[name=floor_open]")
    if not box.is_selected():
        box.click()
    submit(admin, lambda: button_in(admin, f"form[action='/panels/{panel}/console/settings']"), "save the floor's settings")
    check(admin.find("#floor-speaking_seconds").get_attribute("value") == str(SPEAKING_SECONDS), "the speaking time was not kept")
    check(admin.find(f"form[action='/panels/{panel}/console/settings'] input[name=floor_open]").is_selected(), "the floor did not open")
    step(f"moderator console: speaking time {SPEAKING_SECONDS} s, warning {WARNING_SECONDS} s before the end, floor open")


def open_display(anonymous, panel):
    anonymous.get(f"/panels/{panel}/display")
    anonymous.wait(lambda: state(anonymous)["status"] == "Live", "the public display to connect to the live feed")
    snapshot = state(anonymous)
    check(snapshot["nobody"] and snapshot["empty"], f"the display should start with nobody speaking or waiting: {snapshot}")
    anonymous.script("window.__ipaiNoReload = true;")
    step("public display open in an anonymous browser: live, nobody has the floor")


def raise_flag(people, panel, username, name):
    sign_in(people, username, PARTICIPANT_PASSWORD, f"/panels/{panel}/floor")
    check(people.path() == f"/panels/{panel}/floor", f"{username} should land on the floor page, at {people.path()}")
    check(not people.find_all(".floor-refusal"), f"{name} is refused the floor: {text_of(people, '.floor-refusal')}")
    submit(people, lambda: button_in(people, f"form[action='/panels/{panel}/floor/request']", "Raise flag"), f"raise {name}'s flag")
    check("done=floor" in people.path(), f"raising the flag should be confirmed, at {people.path()}")
    position = text_of(people, "[data-floor-position]")
    check(position.startswith("Your place in the list"), f"{name} should see their place in the list: {position!r}")
    sign_out(people, username)
    return position


def floor(admin, people, anonymous, panel, participants):
    console_settings(admin, panel)
    open_display(anonymous, panel)
    speakers = [(username, name) for username, category, name, _, _ in participants if category != "public"]
    for username, name in speakers:
        position = raise_flag(people, panel, username, name)
        step(f"{name} raised the flag ({position})")
    expected = [name for _, name in speakers]
    snapshot = anonymous.wait(lambda: (lambda s: s if names(s) == expected else None)(state(anonymous)),
                              "the display to show the three waiting speakers")
    check(snapshot["notReloaded"], "the display reloaded itself instead of updating live")
    check(not snapshot["empty"], "the display still says nobody is waiting")
    check("France" in snapshot["waiting"][0]["text"] and "NGO" in snapshot["waiting"][2]["text"],
          f"the display should show delegations and categories: {snapshot['waiting']}")
    step(f"display shows the waiting speakers live: {', '.join(expected)}")

    # The console follows live too: its "Next speaker" button is enabled once someone waits.
    admin.wait(lambda: len(state(admin)["waiting"]) == 3, "the console to list the three waiting speakers")
    submit(admin, lambda: button_in(admin, ".floor-controls", "Next speaker"), "give the floor to the next speaker")
    first = expected[0]
    snapshot = anonymous.wait(lambda: (lambda s: s if s["speaker"] == first else None)(state(anonymous)),
                              f"the display to show that {first} has the floor")
    check(names(snapshot) == expected[1:], f"the display should list the two still waiting: {names(snapshot)}")
    check("France" in (snapshot["delegation"] or ""), f"the display should show the speaker's delegation: {snapshot['delegation']!r}")
    check("normal" in snapshot["timerClass"] and snapshot["label"] == "Speaking",
          f"the timer should start in its normal state: {snapshot['timerClass']!r}, {snapshot['label']!r}")
    clock = snapshot["clock"]
    check(re.fullmatch(r"0:0\d", clock or ""), f"the timer should start near 0:00, shows {clock!r}")
    later = anonymous.wait(lambda: (lambda s: s if s["clock"] != clock else None)(state(anonymous)), "the timer to run", 5)
    step(f"display: {first} has the floor; the timer runs ({clock} → {later['clock']}, {later['label']})")
    warning = anonymous.wait(lambda: (lambda s: s if "warning" in s["timerClass"] else None)(state(anonymous)),
                             "the timer's warning state", SPEAKING_SECONDS + 5)
    check(warning["label"] == "Time almost up", f"the warning should be said in words: {warning['label']!r}")
    overrun = anonymous.wait(lambda: (lambda s: s if "overrun" in s["timerClass"] else None)(state(anonymous)),
                             "the timer's overrun state", SPEAKING_SECONDS + 5)
    check(overrun["label"] == "Over time" and overrun["clock"].startswith("+"),
          f"over time should read '+m:ss' and 'Over time': {overrun['clock']!r}, {overrun['label']!r}")
    check(overrun["notReloaded"], "the display reloaded itself while the timer ran")
    step(f"display timer: warning at {warning['clock']} ('{warning['label']}'), "
         f"over time at {overrun['clock']} ('{overrun['label']}'), class {overrun['timerClass']!r}")

    submit(admin, lambda: button_in(admin, ".floor-controls", "End"), f"end {first}'s time")
    anonymous.wait(lambda: state(anonymous)["nobody"], "the display to show that nobody has the floor")
    submit(admin, lambda: button_in(admin, ".floor-controls", "Next speaker"), "give the floor to the next speaker")
    second = expected[1]
    snapshot = anonymous.wait(lambda: (lambda s: s if s["speaker"] == second else None)(state(anonymous)),
                              f"the display to show that {second} has the floor")
    check(names(snapshot) == expected[2:], f"the display should list the last one waiting: {names(snapshot)}")
    submit(admin, lambda: button_in(admin, ".floor-controls", "End"), f"end {second}'s time")
    third = expected[2]

    def skip_button():
        for item in admin.find_all("[data-floor-list] li"):
            if item.find_element(By.CSS_SELECTOR, ".floor-name").text.strip() == third:
                return item.find_element(By.CSS_SELECTOR, f"form[action='/panels/{panel}/console/skip'] button")
        return None
    submit(admin, skip_button, f"skip {third}")
    snapshot = anonymous.wait(lambda: (lambda s: s if s["nobody"] and not s["waiting"] else None)(state(anonymous)),
                              "the display to show an empty list and nobody speaking")
    check(snapshot["empty"], "the display should say that nobody is waiting")
    check(snapshot["notReloaded"], "the display reloaded itself during the panel")
    step(f"moderator ended {first}'s time, gave the floor to {second}, ended it, skipped {third}; the display followed live")
    return expected


def archive(anonymous, session, panel, started, expected):
    anonymous.get(f"/sessions/{session}/archive")
    chapters = anonymous.find_all(f"#panel-{panel} li.floor-chapter")
    spoken = [chapter.find_element(By.CSS_SELECTOR, "h3").text for chapter in chapters]
    check(len(chapters) == 2, f"the archive should list the two interventions, found {spoken}")
    check(spoken[0].startswith(expected[0]) and spoken[1].startswith(expected[1]), f"the archive's interventions: {spoken}")
    check(not any(expected[2] in text for text in spoken), f"the skipped speaker should not be in the archive: {spoken}")
    interventions = []
    for chapter in chapters:
        link = chapter.find_element(By.CSS_SELECTOR, "a.floor-video").get_attribute("href")
        match = re.fullmatch(re.escape(WEBCAST) + r"#t=(\d+)", link)
        check(match is not None, f"each intervention should link into the video with #t=: {link}")
        seconds = int(match.group(1))
        elapsed = (utc_now() - started).total_seconds()
        check(240 <= seconds <= elapsed, f"the video offset {seconds} s should be the time since the webcast started (≤ {elapsed:.0f} s)")
        interventions.append((chapter.get_attribute("id").split("-")[1], seconds))
    step("session archive lists the interventions with video links: "
         + ", ".join(f"intervention {id} at #t={seconds}" for id, seconds in interventions))
    return [id for id, _ in interventions]


# MARK: 6. A submission

def submission(admin, people, anonymous, paper, version):
    sign_in(people, "delegate.fr", PARTICIPANT_PASSWORD, f"/papers/{paper}")
    people.find(f"a[href='/paper-versions/{version}/submit']").click()
    people.wait_for_page(lambda: people.path() == f"/paper-versions/{version}/submit", "the submission form")
    Select(people.find("#author_type")).select_by_value("member_state")
    people.fill("#author_name", "Delegation of France")
    people.fill("#country", "France")
    people.find("#issue-1").click()
    people.fill("#text", "France considers that only natural persons can be named as inventors.\n\nA human contribution is needed.")
    submit(people, lambda: people.find("#send-submission"), "send the submission")
    sent = number_in(people.path(), r"^/submissions/(\d+)\?done=sent", "the sent submission")
    check(people.find("#submission").get_attribute("data-status") == "pending", "a new submission should wait for moderation")
    sign_out(people, "delegate.fr")
    anonymous.get(f"/submissions/{sent}")
    check(not anonymous.find_all("#submission"), "the public should not see a submission before moderation")
    step(f"delegate.fr sent submission {sent} on issue 1; it waits for moderation and is not public")

    admin.get(f"/papers/{paper}")
    admin.find(f"a[href='/paper-versions/{version}/moderation']").click()
    admin.wait_for_page(lambda: admin.path() == f"/paper-versions/{version}/moderation", "the moderation queue")
    check(admin.find_all(f"#submissions li[data-submission='{sent}']"), f"submission {sent} should be in the moderation queue")
    submit(admin, lambda: admin.find(f"#accept-{sent}"), f"accept submission {sent}")
    check(not admin.find_all(f"#submissions li[data-submission='{sent}']"), "the accepted submission should leave the queue")

    anonymous.get(f"/paper-versions/{version}/submissions")
    item = anonymous.find(f"#submissions li[data-submission='{sent}']")
    check("Delegation of France" in item.text, f"the published submission should show its author: {item.text!r}")
    item.find_element(By.CSS_SELECTOR, f"a[href='/submissions/{sent}']").click()
    anonymous.wait_for_page(lambda: anonymous.path() == f"/submissions/{sent}", "the published submission")
    check(anonymous.find("#submission").get_attribute("data-status") == "accepted", "the submission should be published")
    check("only natural persons" in anonymous.find(".cons-text").text, "the published submission should show its text")
    anonymous.get(f"/papers/{paper}")
    count = text_of(anonymous, "#issue-1 .cons-count")
    check(re.findall(r"\d+", count) == ["1"], f"issue 1 should count one published submission: {count!r}")
    step(f"the Secretariat accepted submission {sent}; the public sees it published ({count})")
    return sent


# MARK: 7. Outcomes

def outcomes(admin, anonymous, conversation, session, intervention, sent):
    text = "Should the inventor of an AI-assisted invention always be a natural person?"
    admin.get(f"/conversations/{conversation}/outcomes")
    Select(admin.find("#new-kind")).select_by_value("further_discussion")
    admin.fill("#new-text-en", text)
    admin.fill("#new-sources", f"intervention {intervention}\nsubmission {sent}")
    submit(admin, lambda: admin.find("#create-outcome"), "add the outcome item")
    item = number_in(admin.path(), r"#outcome-(\d+)$", "the new outcome item")
    step(f"the Secretariat added outcome item {item} to the questions for further discussion")

    anonymous.get(f"/conversations/{conversation}")
    anonymous.find("#outcomes-link").click()
    anonymous.wait_for_page(lambda: anonymous.path() == f"/conversations/{conversation}/outcomes", "the outcome lists")
    entry = anonymous.find(f"#further_discussion li#outcome-{item}")
    check(text in entry.text, f"the outcome item should show its text: {entry.text!r}")
    check(anonymous.find_all("#by-design"), "the outcomes page should say there is no report, recommendation or vote")
    link = entry.find_element(By.CSS_SELECTOR, "a.source.intervention")
    check(link.get_attribute("href").endswith(f"/sessions/{session}/archive#intervention-{intervention}"),
          f"the intervention link should lead to the archive's chapter: {link.get_attribute('href')}")
    link.click()
    anonymous.wait_for_page(lambda: anonymous.path() == f"/sessions/{session}/archive#intervention-{intervention}", "the archive chapter")
    chapter = anonymous.find(f"#intervention-{intervention}")
    check(chapter.find_elements(By.CSS_SELECTOR, "a.floor-video"), "the archive chapter should link into the video")
    anonymous.driver.back()
    anonymous.wait_for_page(lambda: anonymous.path().startswith(f"/conversations/{conversation}/outcomes"), "the outcome lists again")
    link = anonymous.find(f"#further_discussion li#outcome-{item} a.source.submission")
    check("Delegation of France" in link.text, f"the submission link should name its author: {link.text!r}")
    link.click()
    anonymous.wait_for_page(lambda: anonymous.path() == f"/submissions/{sent}", "the linked submission")
    check(anonymous.find("#submission").get_attribute("data-status") == "accepted", "the linked submission should be published")
    step(f"the public sees outcome item {item}; its links lead to the archive chapter (intervention {intervention}) "
         f"and to submission {sent}")


# MARK: Main

def save_failure(browsers, work):
    for label, browser in browsers.items():
        try:
            browser.driver.save_screenshot(os.path.join(work, f"conversation-{label}.png"))
            with open(os.path.join(work, f"conversation-{label}.html"), "w", encoding="utf-8") as handle:
                handle.write(browser.driver.page_source)
            print(f"browser test: {label}'s page ({browser.path()}) saved in {work}/conversation-{label}.html "
                  "(keep it with IPAI_KEEP_DATA=1)", file=sys.stderr)
        except WebDriverException:
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--corpus")  # accepted for the same arguments as browser_test.py; unused
    parser.add_argument("--work", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    started = time.time()
    browsers = {}
    try:
        for label in ("secretariat", "participants", "anonymous"):
            browsers[label] = Browser(args)
            browsers[label].driver.set_script_timeout(TIMEOUT)
    except WebDriverException as error:
        print(f"browser test: FAILED: cannot start Chromium: {error.msg}", file=sys.stderr)
        for browser in browsers.values():
            browser.quit()
        return 1
    admin, people, anonymous = browsers["secretariat"], browsers["participants"], browsers["anonymous"]
    try:
        step("conversation scenario: three browsers (Secretariat and moderator, participants, anonymous public)")
        sign_in_administrator(admin, args.password)
        conversation, session, panel, webcast_started = create_structure(admin)
        paper, version = create_paper(admin, conversation)
        participants = register_everyone(admin, people, conversation, args.work)
        public_cannot_ask(people, anonymous, panel)
        expected = floor(admin, people, anonymous, panel, participants)
        interventions = archive(anonymous, session, panel, webcast_started, expected)
        sent = submission(admin, people, anonymous, paper, version)
        outcomes(admin, anonymous, conversation, session, interventions[0], sent)
    except Failure as failure:
        print(f"browser test: FAILED: {failure}", file=sys.stderr)
        save_failure(browsers, args.work)
        return 1
    except WebDriverException as error:
        print(f"browser test: FAILED: browser error: {error.msg}", file=sys.stderr)
        save_failure(browsers, args.work)
        return 1
    finally:
        for browser in browsers.values():
            browser.quit()
    step(f"conversation scenario passed in {time.time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
