import ArgumentParser
import Core

@main
struct IPAI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipai",
        abstract: "Open AI services for intellectual-property offices.",
        discussion: """
            Examples:
              ipai serve --data ./data            (web interface and REST API on http://127.0.0.1:8080/)
              ipai classify train corpus.jsonl --labels ipc --level subclass --output subclass.ipaimodel
              ipai classify suggest --model subclass.ipaimodel "A lithium battery with a silicon anode"
              ipai ipc show G06F --scheme ipc-en.tsv
            """,
        version: IPAIVersion.current,
        subcommands: [Serve.self, Classify.self, Marks.self, IPCShow.Group.self, Landscape.self])
}
