#!/usr/bin/env python3
"""Headless-browser test of IPAI's web interface (Selenium 4, Chromium).

Run through Tests/Browser/run, which starts a fresh `ipai serve` and passes its URL and the
administrator's one-time password. The script signs in, changes the password when asked, creates a
collection, uploads a corpus, waits for the import and the training on the jobs page (whose progress
bars are live), evaluates the model and checks the report's charts, classifies a text (suggestions with
symbol, title, confidence bar and highlighted decisive terms), reads a text file into the classify
form, switches to Chinese and checks translated labels, and signs out. Any failure: a message on
stderr and exit status 1.

The jobs page replaces its rows at any moment (server-sent events, then a fresh copy of the row from
/jobs/{id}/row), so this script never holds an element of that page across a wait: it reads a row's
state in one script call (atomic with respect to the page's own script), and every wait re-locates its
elements and retries when one went stale or is briefly absent.
"""
import argparse
import os
import sys
import time
from urllib.parse import parse_qs, urlsplit

from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException, StaleElementReferenceException, TimeoutException, WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

TIMEOUT = float(os.environ.get("IPAI_BROWSER_TIMEOUT", "120"))
NEW_PASSWORD = "browser-test-password-1"


class Failure(Exception):
    pass


def step(message):
    print(f"browser test: {message}", flush=True)


def check(condition, message):
    if not condition:
        raise Failure(message)


class Browser:
    def __init__(self, args):
        options = webdriver.ChromeOptions()
        options.binary_location = args.chromium
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--lang=en-US", "--disable-extensions"):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
        self.driver = webdriver.Chrome(service=Service(executable_path=args.chromedriver), options=options)
        self.driver.set_page_load_timeout(TIMEOUT)
        self.url = args.url.rstrip("/")

    def get(self, path):
        self.driver.get(self.url + path)

    def path(self):
        current = self.driver.current_url
        return current[len(self.url):] if current.startswith(self.url) else current

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait(self, condition, what, timeout=TIMEOUT):
        """Polls `condition` until it returns something true. It should locate its elements afresh on each
        call: an element that went stale (replaced by the page script, or the page changed) or is not
        there yet just means "not yet"."""
        try:
            return WebDriverWait(
                self.driver, timeout, poll_frequency=0.2,
                ignored_exceptions=[StaleElementReferenceException, NoSuchElementException],
            ).until(lambda _: condition())
        except TimeoutException:
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what} (at {self.path()})")

    def loaded(self):
        return self.driver.execute_script("return document.readyState;") == "complete"

    def wait_for_page(self, condition, what, timeout=TIMEOUT):
        """After a click that navigates: waits until `condition` holds on a completely loaded page."""
        return self.wait(lambda: condition() and self.loaded(), what, timeout)

    def script(self, source, *arguments):
        return self.driver.execute_script(source, *arguments)

    def act(self, action, what):
        """Runs `action` (which locates its elements itself) until Chromium accepts it. Right after a
        navigation Chromium sometimes answers "Node with given id does not belong to the document" for an
        element of the page being torn down; that, like a stale element, means "locate it again"."""
        def attempt():
            try:
                action()
                return True
            except WebDriverException as error:
                if "does not belong to the document" in (error.msg or ""):
                    return False
                raise
        self.wait(lambda: self.loaded() and attempt(), what)

    def fill(self, css, text):
        def action():
            element = self.find(css)
            element.clear()
            element.send_keys(text)
        self.act(action, f"the field {css} to accept its text")

    def send_file(self, css, path):
        self.act(lambda: self.find(css).send_keys(path), f"the file input {css} to accept {path}")

    def heading(self):
        return self.find("main h1").text

    def quit(self):
        self.driver.quit()


def sign_in(browser, password):
    browser.get("/")
    browser.wait(lambda: browser.path().startswith("/login"), "the sign-in page after opening /")
    check("next=%2F" in browser.path(), f"the sign-in redirect should remember the page, got {browser.path()}")
    browser.fill("#username", "admin")
    browser.fill("#password", password)
    browser.find("#login-submit").click()
    browser.wait_for_page(lambda: browser.path().startswith("/password"), "the forced password change after the first sign-in")
    step("signed in; the one-time password must be changed")
    browser.fill("#current", password)
    browser.fill("#new", NEW_PASSWORD)
    browser.fill("#confirm", NEW_PASSWORD)
    browser.find("#password-submit").click()
    browser.wait_for_page(lambda: browser.path() == "/", "the classify page after changing the password")
    check(len(browser.find_all("#classify-form")) == 1, "the classify form is missing after the password change")
    step("password changed")


def create_collection(browser, name):
    browser.get("/collections")
    browser.fill("#name", name)
    browser.fill("#description", "Uploaded by the browser test")
    browser.find("#create-collection").click()
    browser.wait_for_page(lambda: browser.path().startswith("/collections/"), "the new collection's page")
    check(browser.heading() == name, f"the collection page should be titled {name!r}, got {browser.heading()!r}")
    collection_path = browser.path().split("?")[0]
    step(f"created collection {collection_path}")
    return collection_path


# One job row's state, read in a single script call: the page script cannot replace the row halfway.
ROW_STATE = """
var row = document.querySelector('#jobs tr[data-job="' + arguments[0] + '"]');
if (!row) { return null; }
var bar = row.querySelector('.progress'), message = row.querySelector('.message'), link = row.querySelector('a.result-link');
return {
  status: row.getAttribute('data-status'),
  highlighted: row.classList.contains('highlight'),
  value: bar ? bar.getAttribute('aria-valuenow') : null,
  width: bar && bar.firstElementChild ? bar.firstElementChild.style.width : null,
  message: message ? message.textContent.trim() : '',
  link: link ? link.getAttribute('href') : null,
  rows: document.querySelectorAll('#jobs tr[data-job="' + arguments[0] + '"]').length
};
"""

# Records every status and progress value the job's row shows, whether the page script updates the row
# in place or replaces it, and marks the window: a reload would lose the marks.
WATCH_ROW = """
var id = arguments[0];
window.__ipaiNoReload = true;
window.__ipaiSeen = { statuses: [], values: [] };
function note() {
  var row = document.querySelector('#jobs tr[data-job="' + id + '"]');
  if (!row) { return; }
  var seen = window.__ipaiSeen, status = row.getAttribute('data-status'), bar = row.querySelector('.progress');
  if (seen.statuses[seen.statuses.length - 1] !== status) { seen.statuses.push(status); }
  var value = bar ? bar.getAttribute('aria-valuenow') : null;
  if (value !== null && seen.values[seen.values.length - 1] !== value) { seen.values.push(value); }
}
note();
new MutationObserver(note).observe(document.querySelector('#jobs tbody'),
  { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'aria-valuenow'] });
"""


def wait_for_job(browser, what):
    """On /jobs?job=N: waits until job N's (highlighted) row says done, updated by the page script
    without reloading; checks its progress bar is full; returns the job id."""
    browser.wait_for_page(lambda: browser.path().startswith("/jobs?"), f"the jobs page after starting the {what}")
    jobs = parse_qs(urlsplit(browser.path()).query).get("job", [])
    check(len(jobs) == 1 and jobs[0].isdigit(), f"the jobs page should name the started {what} job, at {browser.path()}")
    job = jobs[0]
    first = browser.wait(lambda: browser.script(ROW_STATE, job), f"the {what} job {job}'s row")
    check(first["highlighted"], f"the {what} job {job}'s row should be highlighted")
    browser.script(WATCH_ROW, job)

    def finished():
        state = browser.script(ROW_STATE, job)
        if not state:
            return None
        if state["status"] in ("failed", "cancelled"):
            raise Failure(f"the {what} job {job} ended {state['status']}: {state['message']}")
        return state if state["status"] == "done" else None

    state = browser.wait(finished, f"the {what} job {job} to be done")
    check(browser.script("return window.__ipaiNoReload === true;"),
          f"the jobs page reloaded itself while the {what} job ran, instead of updating its row live")
    check(state["rows"] == 1, f"the {what} job {job} should have one row, found {state['rows']}")
    check(state["highlighted"], f"the {what} job {job}'s row lost its highlight when it was refreshed")
    check(state["value"] == "100.0", f"the {what} job's progress bar should be full, got {state['value']}")
    check(state["width"] == "100%", f"the {what} job's bar width should be 100%, got {state['width']!r}")
    seen = browser.script("return window.__ipaiSeen;")
    live = first["status"] != "done"
    step(f"{what} job {job} done (statuses shown: {' → '.join(seen['statuses'])}; "
         f"progress: {', '.join(seen['values'])}; "
         f"{'updated live without reloading' if live else 'already done when the page opened'})")
    return job, state


def import_corpus(browser, collection_path, corpus):
    browser.get(collection_path)
    browser.send_file("#corpus", os.path.abspath(corpus))
    browser.find("#import-submit").click()
    wait_for_job(browser, "import")
    browser.get(collection_path)
    count = len(open(corpus, encoding="utf-8").read().splitlines())
    text = browser.find("main").text
    check(f"{count} documents" in text, f"the collection should say '{count} documents' after the import")
    rows = browser.find_all("#documents tbody tr")
    check(len(rows) >= 10, f"the documents table should list documents, found {len(rows)} rows")
    step(f"imported {count} documents; the collection page lists them")


def train(browser, collection_path):
    browser.get(collection_path)
    Select(browser.find("#train-level")).select_by_value("subclass")
    browser.fill("#label-field", "ipc")
    browser.find("#train-submit").click()
    job, state = wait_for_job(browser, "training")
    model_path = state["link"] or ""
    check(model_path.startswith("/models/"), f"the done training job {job} should link to its model, got {model_path!r}")
    step(f"trained {model_path}")
    return model_path


def evaluate(browser, model_path, collection_path):
    browser.get(model_path)
    collection_id = collection_path.rsplit("/", 1)[1]
    Select(browser.find("#evaluate-collection")).select_by_value(collection_id)
    browser.find("#first-is-main").click()
    browser.find("#evaluate-submit").click()
    wait_for_job(browser, "evaluation")
    browser.get(model_path)
    sections = browser.find_all("section.level-report")
    check(len(sections) >= 2, f"the report should have a section per level, found {len(sections)}")
    charts = browser.find_all("section.level-report svg rect.bar")
    check(len(charts) > 0, "the report's SVG bar charts are missing")
    measures = browser.find("section.level-report table.measures").text
    check("Precision at 1" in measures and "WIPO top prediction" in measures, "the report table lacks P@1 or WIPO measures")
    step(f"evaluation report shown: {len(sections)} levels, {len(charts)} bars")


def classify(browser, work):
    browser.get("/")
    text = ("A lithium ion battery cell with a silicon anode, a cathode and a liquid electrolyte "
            "that keeps its capacity over many charging cycles.")
    browser.fill("#text", text)
    browser.fill("#count", "3")
    browser.find("#classify-submit").click()
    browser.wait_for_page(lambda: browser.find_all("#suggestions li.suggestion"), "the suggestions")
    first = browser.find("#suggestions li.suggestion")
    symbol = first.find_element(By.CSS_SELECTOR, ".suggestion-head .symbol").text.strip()
    title = first.find_element(By.CSS_SELECTOR, ".suggestion-head .title").text.strip()
    check(symbol != "", "the first suggestion shows no symbol")
    check(title != "" and not title.startswith("("), f"the first suggestion {symbol} shows no title")
    width = browser.driver.execute_script(
        "return document.querySelector('#suggestions .confidence .bar > span').style.width;")
    check(width.endswith("%") and float(width[:-1]) > 0, f"the confidence bar has no width ({width!r})")
    marks = browser.find_all("#highlighted mark.term")
    check(len(marks) > 0, "the text shows no highlighted decisive term")
    check(symbol == "H01M", f"a battery text should be classified H01M first, got {symbol}")
    chain = [item.text for item in first.find_elements(By.CSS_SELECTOR, "ol.chain li")]
    step(f"classified: {symbol} — {title} ({width}); parent chain {chain}; highlighted: "
         f"{', '.join(sorted({mark.text for mark in marks}))}")

    # A .txt file is read into the text box by the page script.
    path = os.path.join(work, "application.txt")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("A fishing reel with a line guide and a drag brake.")
    browser.send_file("#file", path)
    browser.wait(lambda: "fishing reel" in browser.find("#text").get_attribute("value"), "the text file to be read into the form")
    browser.find("#classify-submit").click()
    browser.wait_for_page(
        lambda: "fishing reel" in browser.find("#highlighted").text and browser.find_all("#suggestions li.suggestion"),
        "the suggestions for the text file")
    symbol = browser.find("#suggestions li.suggestion .suggestion-head .symbol").text.strip()
    check(symbol.startswith("A01K"), f"the fishing text should be classified A01K first, got {symbol}")
    step(f"classified a .txt file: {symbol}")


def switch_to_chinese(browser):
    browser.get("/")
    browser.find('.languages a[hreflang="zh"]').click()
    browser.wait_for_page(lambda: browser.find("html").get_attribute("lang") == "zh", "the Chinese page")
    button = browser.find("#classify-submit").text.strip()
    check(button == "获取分类建议", f"the classify button should read 获取分类建议 in Chinese, got {button!r}")
    nav = [link.text for link in browser.find_all("header nav[aria-label] a")]
    check("文献集" in nav, f"the navigation should be translated, got {nav}")
    label = browser.find('label[for="text"]').text
    check(label.startswith("待分类文本"), f"the text label should be translated, got {label!r}")
    browser.get("/jobs")  # the choice is remembered in a cookie
    check(browser.heading() == "任务", f"the jobs page should stay in Chinese, got {browser.heading()!r}")
    step("Chinese pages: " + ", ".join(nav))
    browser.get("/?lang=en")


def sign_out(browser):
    browser.find("header .account button[type=submit]").click()
    browser.wait_for_page(lambda: browser.path().startswith("/login"), "the sign-in page after signing out")
    browser.get("/jobs")
    browser.wait(lambda: browser.path().startswith("/login"), "the sign-in redirect after signing out")
    step("signed out")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    started = time.time()
    try:
        browser = Browser(args)
    except WebDriverException as error:
        print(f"browser test: FAILED: cannot start Chromium: {error.msg}", file=sys.stderr)
        return 1
    try:
        sign_in(browser, args.password)
        collection = create_collection(browser, "Browser test corpus")
        import_corpus(browser, collection, args.corpus)
        model = train(browser, collection)
        evaluate(browser, model, collection)
        classify(browser, args.work)
        switch_to_chinese(browser)
        sign_out(browser)
    except Failure as failure:
        print(f"browser test: FAILED: {failure}", file=sys.stderr)
        try:
            browser.driver.save_screenshot(os.path.join(args.work, "failure.png"))
            with open(os.path.join(args.work, "failure.html"), "w", encoding="utf-8") as handle:
                handle.write(browser.driver.page_source)
            print(f"browser test: page saved in {args.work}/failure.html (keep it with IPAI_KEEP_DATA=1)", file=sys.stderr)
        except WebDriverException:
            pass
        return 1
    except WebDriverException as error:
        print(f"browser test: FAILED: browser error at {browser.path()}: {error.msg}", file=sys.stderr)
        return 1
    finally:
        browser.quit()
    step(f"passed in {time.time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
