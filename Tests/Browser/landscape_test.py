#!/usr/bin/env python3
"""Headless-browser check of the landscape report written by `ipai landscape report` (no server needed).

For each corpus (a sample of CSET's flag CSV when ../shared/data is present, else a small CSET-style CSV
written here, and the repository's demo patent abstracts as JSONL), the script runs
`ipai landscape report --corpus FILE --out DIR --json`, opens DIR/report.html as a file:// URL in headless
Chromium and checks that
  - every chart is an inline SVG that is displayed with a non-zero size and draws marks of non-zero size;
  - every table of DIR/tables/*.csv is in the page, with the same header and the same cells, and equals
    the table of the same id in DIR/report.json;
  - the numbers in the page's summary equal report.json's summary;
  - the numbers drawn in the charts equal the tables: bar labels and values (families per category,
    offices of first filing, families per office), every heatmap cell (co-occurrence) and one point per
    year on the line chart.
Any failure: a message on stderr and exit status 1.

Usage: landscape_test.py --ipai BIN --work DIR --chromium PATH --chromedriver PATH [--shared ../shared/data]
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


class Failure(Exception):
    pass


def step(message):
    print(f"landscape browser test: {message}", flush=True)


def check(condition, message):
    if not condition:
        raise Failure(message)


SMALL_CSV = """Publication_country,Publication_number,Simple_family_ID,Publication_type,Patent_Type,Priority_Year,Machine_Learning,Computer_Vision,Speech_Processing,Transportation
US,1000001,F1,A1,Patent Application,2015,true,true,false,true
EP,2000002,F1,A1,Patent Application,2015,true,false,false,false
JP,3000003,F2,A,Patent Application,2016,true,false,false,false
CN,4000004,F3,A,Patent Application,2017,false,true,false,true
CN,4000005,F4,A,Patent Application,2017,false,false,true,false
US,1000006,F5,B2,Granted Patent,2018,true,false,false,false
KR,5000007,F6,A,Patent Application,2018,true,true,false,false
"""


def corpora(work, shared):
    """(name, path) of the corpora to report on."""
    result = []
    zip_path = os.path.join(shared, "landscape", "cset-ai-patents.csv.zip")
    path = os.path.join(work, "cset-sample.csv")
    if os.path.exists(zip_path):
        # Every 40th row of CSET's file: about 7,000 documents over all years, offices and categories.
        with zipfile.ZipFile(zip_path) as archive, archive.open("patent_database.csv") as raw, \
                open(path, "w", encoding="utf-8", newline="") as out:
            for number, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
                if number == 0 or number % 40 == 0:
                    out.write(line)
        result.append(("CSET sample", path))
    else:
        with open(path, "w", encoding="utf-8") as out:
            out.write(SMALL_CSV)
        result.append(("small CSET-style CSV", path))
    uspto = os.path.join(shared, "patents", "uspto-abstracts-cpc.train.jsonl")
    demo = os.path.join(ROOT, "Sources", "Server", "Resources", "Demo", "patents.jsonl")
    if os.path.exists(uspto):
        # The first 4,000 USPTO abstracts: the AI scope and category queries run on a text index.
        path = os.path.join(work, "uspto-sample.jsonl")
        with open(uspto, encoding="utf-8") as source, open(path, "w", encoding="utf-8") as out:
            for number, line in enumerate(source):
                if number == 4000:
                    break
                out.write(line)
        result.append(("USPTO abstracts sample (JSONL, AI queries)", path))
    elif os.path.exists(demo):
        result.append(("demo abstracts (JSONL, AI queries)", demo))
    return result


def run_report(ipai, corpus, out):
    completed = subprocess.run(
        [ipai, "landscape", "report", "--corpus", corpus, "--out", out, "--top", "10", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check(completed.returncode == 0, f"ipai landscape report failed on {corpus}: {completed.stderr.strip()}")
    return json.loads(completed.stdout)


def cell_text(value):
    """A report.json cell as the page and the CSV print it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def same_number(text, value):
    if value is None:
        return text == ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return abs(float(text) - float(value)) <= 0.051
        except ValueError:
            return False
    return text == cell_text(value)


def number(text):
    return int(text.replace(",", "").replace("\u202f", "").replace(" ", ""))


PAGE_SCRIPT = r"""
const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden'; };
const charts = [...document.querySelectorAll('svg')].map(svg => {
  const r = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('rect, polyline, path, circle, line')]
    .filter(m => { const b = m.getBBox(); return b.width > 0 || b.height > 0; }).length;
  const kids = [...svg.children];
  const bars = [];
  for (let i = 0; i + 2 < kids.length; i++) {
    const [a, b, c] = [kids[i], kids[i + 1], kids[i + 2]];
    if (a.tagName === 'text' && a.getAttribute('text-anchor') === 'end' && b.tagName === 'rect' && c.tagName === 'text'
        && !b.querySelector('title')) {
      bars.push([a.textContent, c.textContent, b.getBBox().width]);
    }
  }
  const cells = [...svg.querySelectorAll('rect > title')].map(t => t.textContent);
  const lines = [...svg.querySelectorAll('polyline')].map(p => p.getAttribute('points').trim().split(/\s+/).length);
  return {title: (svg.querySelector('title') || {}).textContent || '', desc: (svg.querySelector('desc') || {}).textContent || '',
          width: r.width, height: r.height, visible: visible(svg), marks, bars, cells, lines};
});
const tables = {};
// A table may be split over several sections (one per dimension): their rows join in page order.
for (const table of document.querySelectorAll('table[data-table]')) {
  const id = table.dataset.table;
  const header = [...table.querySelectorAll('thead th')].map(th => th.textContent);
  const rows = [...table.querySelectorAll('tbody tr')].map(tr => [...tr.querySelectorAll('td, th')].map(td => td.textContent));
  if (!tables[id]) tables[id] = {visible: true, header, rows: [], headers: []};
  tables[id].visible = tables[id].visible && visible(table);
  tables[id].headers.push(header);
  tables[id].rows.push(...rows);
}
const summary = {};
for (const div of document.querySelectorAll('dl.summary > div')) {
  summary[div.querySelector('dt').textContent] = div.querySelector('dd').textContent;
}
return {charts, tables, summary, title: document.title};
"""


def check_report(driver, name, out, summary):
    report = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
    json_tables = {table["id"]: table for table in report["tables"]}
    csv_tables = {}
    tables_dir = os.path.join(out, "tables")
    for file in sorted(os.listdir(tables_dir)):
        with open(os.path.join(tables_dir, file), encoding="utf-8", newline="") as handle:
            csv_tables[file[:-4]] = list(csv.reader(handle))
    check(csv_tables, f"{name}: no tables/*.csv")
    check(set(csv_tables) == set(json_tables), f"{name}: CSV tables {sorted(csv_tables)} differ from report.json's {sorted(json_tables)}")
    check(summary["families"] == report["summary"]["families"], f"{name}: the command's summary and report.json disagree")

    driver.get("file://" + os.path.join(out, "report.html"))
    page = driver.execute_script(PAGE_SCRIPT)

    # Charts: inline SVG, displayed, non-zero size, with drawn marks.
    charts = page["charts"]
    check(len(charts) >= 4, f"{name}: only {len(charts)} charts in the page")
    for chart in charts:
        check(chart["visible"] and chart["width"] > 0 and chart["height"] > 0,
              f"{name}: chart '{chart['title']}' is not visible ({chart['width']}×{chart['height']})")
        # A chart may be empty only when its table is (a corpus without offices has no office chart bars).
        empty = {"First filings per office": "offices", "Families per publishing office": "countries"}.get(chart["title"])
        check(chart["marks"] > 0 or (empty and not json_tables.get(empty, {"rows": []})["rows"]),
              f"{name}: chart '{chart['title']}' draws nothing")

    # Tables: every CSV in the page, same header and cells; report.json the same.
    for table_id, rows in csv_tables.items():
        check(table_id in page["tables"], f"{name}: table {table_id} is not in the page")
        shown = page["tables"][table_id]
        check(shown["visible"], f"{name}: table {table_id} is hidden")
        for header in shown["headers"]:
            check(header == rows[0], f"{name}: table {table_id} header {header} != CSV {rows[0]}")
        check(shown["rows"] == rows[1:], f"{name}: table {table_id} cells differ from tables/{table_id}.csv "
              f"(first page row {shown['rows'][:1]}, first CSV row {rows[1:2]})")
        table = json_tables[table_id]
        check(table["columns"] == rows[0], f"{name}: report.json columns of {table_id} differ from the CSV")
        check(len(table["rows"]) == len(rows) - 1, f"{name}: report.json has {len(table['rows'])} rows of {table_id}, CSV {len(rows) - 1}")
        for json_row, csv_row in zip(table["rows"], rows[1:]):
            for column, text in zip(table["columns"], csv_row):
                check(same_number(text.lstrip("'"), json_row.get(column)),
                      f"{name}: {table_id}.{column}: CSV '{text}' != report.json {json_row.get(column)!r}")

    # The summary at the top.
    shown = page["summary"]
    check(number(shown.get("Patent families", "-1")) == report["summary"]["families"],
          f"{name}: page shows {shown.get('Patent families')} families, report.json {report['summary']['families']}")
    check(number(shown.get("Documents", "-1")) == report["summary"]["documents"],
          f"{name}: page shows {shown.get('Documents')} documents, report.json {report['summary']['documents']}")

    # Numbers drawn in the charts equal the tables.
    labels = {}
    for dimension in report["dimensions"]:
        for category in dimension["categories"]:
            labels[category["label"]] = (dimension["id"], category["id"])
    categories = {(row["dimension"], row["category"]): row for row in json_tables["categories"]["rows"]}
    cooccurrence = {(row["row_dimension"], row["row_category"], row["column_dimension"], row["column_category"]): row["families"]
                    for row in json_tables.get("cooccurrence", {"rows": []})["rows"]}
    offices = {f"{row['name']} ({row['office']})": row["first_filings"] for row in json_tables.get("offices", {"rows": []})["rows"]}
    countries = {f"{row['name']} ({row['country']})": row["families"] for row in json_tables.get("countries", {"rows": []})["rows"]}
    checked = {"bars": 0, "cells": 0, "lines": 0}
    years = len(json_tables["families_per_year"]["rows"])
    for chart in charts:
        title = chart["title"]
        for label, value, width in chart["bars"]:
            if title.endswith("families per category"):
                row = categories.get(labels.get(label))
                check(row is not None, f"{name}: bar '{label}' in '{title}' is no category")
                expected = row["families"]
            elif title == "First filings per office":
                expected = offices.get(label)
            elif title == "Families per publishing office":
                expected = countries.get(label)
            else:
                continue
            check(expected is not None and number(value) == expected,
                  f"{name}: chart '{title}' shows {label} = {value}, the table {expected}")
            check(width > 0 or expected == 0, f"{name}: bar '{label}' of '{title}' has no width")
            checked["bars"] += 1
        for cell in chart["cells"]:
            pair, value = cell.rsplit(": ", 1)
            row_label, column_label = pair.split(" × ", 1)
            key = labels.get(row_label, (None, None)) + labels.get(column_label, (None, None))
            check(key in cooccurrence, f"{name}: heatmap cell '{cell}' is not in the co-occurrence table")
            check(number(value) == cooccurrence[key], f"{name}: heatmap cell '{cell}' but the table says {cooccurrence[key]}")
            checked["cells"] += 1
        if "per year" in title and chart["lines"]:
            for points in chart["lines"]:
                check(points == years, f"{name}: line chart '{title}' has {points} points for {years} years")
                checked["lines"] += 1
    check(checked["bars"] > 0 and checked["lines"] > 0, f"{name}: no chart numbers could be compared ({checked})")
    check(checked["cells"] > 0 or not cooccurrence, f"{name}: the co-occurrence table has no heatmap")
    step(f"{name}: {len(charts)} charts visible, {len(csv_tables)} tables equal in page, CSV and JSON; "
         f"{checked['bars']} bars, {checked['cells']} heatmap cells, {checked['lines']} lines match the tables")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ipai", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--chromedriver", required=True)
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "data"))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,1000", "--lang=en-US", "--allow-file-access-from-files"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=args.chromedriver), options=options)
    try:
        for number, (name, corpus) in enumerate(corpora(args.work, args.shared)):
            out = os.path.join(args.work, f"landscape-report-{number}")
            summary = run_report(args.ipai, corpus, out)
            step(f"{name}: {summary['documents']} documents, {summary['families']} families")
            check_report(driver, name, out, summary)
    except Failure as failure:
        print(f"landscape browser test: FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        driver.quit()
    step("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
