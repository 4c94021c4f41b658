import ArgumentParser
import Core

@main
struct IPAI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipai",
        abstract: "Open AI services for intellectual-property offices.",
        discussion: """
            Examples:
              ipai classify train demo/patents.jsonl --labels ipc --level subclass --output demo.ipaimodel
              ipai classify suggest --model demo.ipaimodel "A lithium battery with a silicon anode"
              ipai ipc show G06F --scheme ipc-en.tsv
            """,
        version: IPAIVersion.current,
        subcommands: [Classify.self, IPCShow.Group.self])
}
