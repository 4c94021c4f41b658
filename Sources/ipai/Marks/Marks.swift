import ArgumentParser

/// `ipai marks`: the register of figurative marks, image search and Vienna suggestions.
struct Marks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Trademark image search: import marks, search by image, suggest Vienna codes.",
        discussion: """
            The register lives in the same database as the server's (--data, or --database for PostgreSQL).

            Examples:
              ipai marks import ./logos --data ./data --json
              ipai marks import marks.jsonl --data ./data
              ipai marks search query.png --data ./data --mode shape --count 10 --vienna 3.1 --nice 25
              ipai marks search --batch queries.txt --data ./data --mode composite --json
              ipai marks suggest-vienna new-mark.png --data ./data --priors euipo-vienna-labels.json
              ipai marks list --data ./data
              ipai marks delete 018000001 --data ./data
            """,
        subcommands: [MarksImport.self, MarksSearch.self, MarksSuggestVienna.self, MarksList.self, MarksDelete.self])
}
