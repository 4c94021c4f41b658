import ArgumentParser

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Patent classification (IPC/CPC): train, suggest, evaluate.",
        discussion: """
            Train a model on your own labelled collection, then suggest symbols for new texts.

            Examples:
              ipai classify train corpus.jsonl --labels ipc --level subclass --scheme ipc-en.tsv -o ipc.ipaimodel
              ipai classify suggest -m ipc.ipaimodel "A coffee machine with a milk frother" --explain
              ipai classify evaluate -m ipc.ipaimodel dev.jsonl --json
            """,
        subcommands: [Train.self, Suggest.self, Evaluate.self, Info.self])
}
