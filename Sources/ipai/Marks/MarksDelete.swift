import ArgumentParser
import Core
import TrademarkSearch

/// `ipai marks delete`: removes marks by the office's number.
struct MarksDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete marks (with their images) from the register.",
        discussion: "Example: ipai marks delete 018000001 018000002 --data ./data")

    @Argument(help: ArgumentHelp("The marks' ids (office numbers).", valueName: "id")) var ids: [String]
    @OptionGroup var location: MarkDatabaseOptions

    func run() async throws {
        try await Output.failing {
            let marks = try await location.marks()
            for id in ids {
                guard let mark = try await marks.mark(externalID: id) else {
                    throw IPAIError(.notFound, "no mark with this id in the register", at: InputLocation(field: "id", value: id))
                }
                try await marks.delete(id: mark.id)
                try? await marks.store.database.notify("marks:changed:\(mark.id)")
                Output.line("deleted \(id)")
            }
        }
    }
}
