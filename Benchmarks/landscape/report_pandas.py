"""The CSET landscape report's aggregations in pandas: the peer of `ipai landscape report`.

Same input (the unzipped CSET patent_database.csv), same tables as IPAI writes: families and
documents per year, per category totals and per year (families), CAGR, offices of first filing
with the share filed abroad, category x category co-occurrence (families), countries. Writes one
CSV per table into OUT_DIR.  Usage: report_pandas.py CSV OUT_DIR
"""
import os
import sys

import numpy as np
import pandas as pd

REGIONAL = {"WO", "EP", "EA", "AP", "OA", "GC", "EM", "IB", "XN", "XV"}


def main(path, out):
    os.makedirs(out, exist_ok=True)
    df = pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"Publication_number": str, "Publication_country": str})
    flags = [c for c in df.columns if df[c].dtype == bool]
    df["Priority_Year"] = pd.to_numeric(df["Priority_Year"], errors="coerce")
    fam = df["Simple_family_ID"]

    # Families: earliest priority year; a family is in a category when any document is.
    grouped = df.groupby(fam, sort=False)
    family_year = grouped["Priority_Year"].min()
    family_flags = grouped[flags].max()

    # Per year.
    per_year = pd.DataFrame({
        "families": family_year.value_counts().sort_index(),
        "documents": df["Priority_Year"].value_counts().sort_index(),
    }).fillna(0).astype(int)
    per_year.index.name = "year"
    per_year.to_csv(f"{out}/families_per_year.csv")

    # Categories: totals and per year.
    totals = pd.DataFrame({"families": family_flags.sum(), "documents": df[flags].sum()})
    totals.to_csv(f"{out}/categories.csv")
    by_year = family_flags.groupby(family_year).sum().T
    by_year.to_csv(f"{out}/category_families_per_year.csv")

    # Growth over the default window (ends two years before the last year, spans three).
    last = int(family_year.max())
    end, start = last - 2, last - 5
    rows = []
    series = {"all": family_year.value_counts()}
    for flag in flags:
        series[flag] = by_year.loc[flag] if flag in by_year.index else pd.Series(dtype=int)
    for name, counts in series.items():
        s, e = int(counts.get(start, 0)), int(counts.get(end, 0))
        rows.append((name, start, end, s, e, ((e / s) ** (1 / (end - start)) - 1) * 100 if s > 0 else None))
    pd.DataFrame(rows, columns=["category", "start_year", "end_year", "start_families", "end_families", "cagr_percent"]).to_csv(
        f"{out}/growth.csv", index=False)

    # Office of first filing: national before regional, then most documents, then alphabetical.
    offices = df.groupby([fam, "Publication_country"], sort=False).size().rename("n").reset_index()
    offices["regional"] = offices["Publication_country"].isin(REGIONAL)
    offices = offices.sort_values(["Simple_family_ID", "regional", "n", "Publication_country"], ascending=[True, True, False, True])
    first = offices.drop_duplicates("Simple_family_ID").set_index("Simple_family_ID")["Publication_country"]
    abroad = offices.groupby("Simple_family_ID").size() > 1
    table = pd.DataFrame({"office": first, "abroad": abroad.reindex(first.index)})
    office_table = table.groupby("office").agg(first_filings=("abroad", "size"), filed_abroad=("abroad", "sum"))
    office_table["share_filed_abroad_percent"] = office_table["filed_abroad"] / office_table["first_filings"] * 100
    office_table.sort_values("first_filings", ascending=False).to_csv(f"{out}/offices.csv")

    # Co-occurrence of categories in families.
    matrix = family_flags.to_numpy(dtype=np.int32)
    co = pd.DataFrame(matrix.T @ matrix, index=flags, columns=flags)
    co.to_csv(f"{out}/cooccurrence.csv")

    # Countries: documents and families with a document there.
    countries = pd.DataFrame({
        "documents": df["Publication_country"].value_counts(),
        "families": offices.groupby("Publication_country").size(),
    })
    countries["share_percent"] = countries["families"] / len(family_year) * 100
    countries.sort_values("families", ascending=False).to_csv(f"{out}/countries.csv")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
