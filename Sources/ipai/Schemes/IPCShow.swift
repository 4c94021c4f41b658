import ArgumentParser
import Classifications
import Core
import Foundation

/// `ipai ipc show G06F`: a symbol's title, parent chain and children.
struct IPCShow: ParsableCommand {
    struct Group: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ipc", abstract: "Look up IPC and CPC symbols.", subcommands: [IPCShow.self])
    }

    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a symbol: normalised forms, title, parent chain and children.",
        discussion: """
            Any notation is accepted: G06F 17/30, G06F17/30, G06F0017300000, G06F 17/30 (2006.01).

            Examples:
              ipai ipc show G06F --scheme ipc-en.tsv
              ipai ipc show "A01B 1/02" --scheme ipc-en.tsv --scheme ipc-titles-en-fr.jsonl --language fr
              ipai ipc show G06F0017300000 --json
            """)

    @Argument(help: ArgumentHelp("The symbol.", valueName: "symbol"))
    var symbol: String

    @OptionGroup var scheme: SchemeOptions

    @Option(help: ArgumentHelp("Language of the titles, e.g. en, fr, zh.", valueName: "code"))
    var language: String = "en"

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try Output.failing {
            let parsed = try ClassificationSymbol(parsing: symbol)
            let titles = try scheme.load()
            if !titles.isEmpty && !titles.contains(parsed) && parsed.level > .section {
                throw IPAIError(.notFound, "'\(parsed)' is well-formed but not in the loaded scheme\(titles.version.map { " (edition \($0))" } ?? "")")
            }
            let children = titles.children(of: parsed)
            let shown = SymbolDescription(
                symbol: parsed.description, level: parsed.level, compact: parsed.compact, wipo14: parsed.wipo14,
                title: titles.displayTitle(of: parsed, language: language),
                path: titles.path(to: parsed, language: language),
                children: children.map { .init(symbol: $0, title: titles.displayTitle(of: $0, language: language)) })
            if json {
                try Output.json(shown)
                return
            }
            Output.line("\(shown.symbol)  (\(parsed.level); compact \(shown.compact); WIPO \(shown.wipo14))")
            if titles.isEmpty {
                Output.line("No scheme loaded: give --scheme ipc-en.tsv (or set IPAI_SCHEME) to see titles.")
            }
            Output.line(shown.path.description)
            if !children.isEmpty {
                Output.line("Children (\(children.count)):")
                for child in shown.children {
                    Output.line("  \(child.symbol.description.padding(toLength: 12, withPad: " ", startingAt: 0)) \(child.title ?? "")")
                }
            }
        }
    }
}

struct SymbolDescription: Encodable {
    var symbol: String
    var level: SymbolLevel
    var compact: String
    var wipo14: String
    var title: String?
    var path: HierarchyPath
    var children: [HierarchyPath.Step]
}
