import ArgumentParser

/// `ipai landscape`: patent landscapes — a positional index and its query language, and reports
/// (per year, growth, applicants, offices, co-occurrence, countries) over a technology definition.
struct Landscape: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Patent landscapes: index and search patent texts, count a technology's families in a report.",
        discussion: """
            Examples:
              ipai landscape build --documents uspto-abstracts.jsonl --out abstracts.ipaiindex
              ipai landscape search --index abstracts.ipaiindex 'TIAB=(neural 1W network+) AND PY=2015-2019'
              ipai landscape search --index abstracts.ipaiindex --queries queries.txt --json
              ipai landscape report --corpus patent_database.csv --cagr 2013-2016 --out ai-report
              ipai landscape report --corpus uspto-abstracts.jsonl --definition my-field.json --out my-report
              ipai landscape check --definition my-field.json
            The query language and the definition format: docs/landscape-query.md, docs/landscape.md.
            """,
        subcommands: [LandscapeBuild.self, LandscapeSearch.self, LandscapeReportCommand.self, LandscapeCheck.self])
}
