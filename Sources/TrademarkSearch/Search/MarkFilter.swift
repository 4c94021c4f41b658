import Core

/// Which marks a search may return: any of these Vienna codes at any level (`3.1` matches every
/// code under division 3.1), any of these Nice classes, any of these statuses. Empty lists allow all.
public struct MarkFilter: Sendable, Equatable {
    /// Vienna code prefixes in digits (`0301`).
    public var vienna: [String]
    public var nice: [Int]
    public var statuses: [MarkStatus]

    public init(vienna: [String] = [], nice: [Int] = [], statuses: [MarkStatus] = []) {
        self.vienna = vienna
        self.nice = nice
        self.statuses = statuses
    }

    /// A filter from text as users type it (`vienna: ["3.1", "26.4.1"]`, `nice: ["25"]`, `status: ["registered"]`).
    /// - Throws: `invalid_input` naming the field and value.
    public init(vienna: [String], nice: [String], status: [String]) throws(IPAIError) {
        var codes: [String] = []
        for raw in vienna.flatMap(MarkDetails.list) { codes.append(try ViennaNotation.digits(raw, field: "vienna")) }
        var classes: [Int] = []
        for raw in nice { classes += try MarkDetails.niceClasses(raw) }
        var statuses: [MarkStatus] = []
        for raw in status.flatMap(MarkDetails.list) { statuses.append(try MarkStatus.parse(raw)) }
        self.init(vienna: codes, nice: classes, statuses: statuses)
    }

    public var isEmpty: Bool { vienna.isEmpty && nice.isEmpty && statuses.isEmpty }

    /// Whether a mark with these codes, classes and status passes.
    public func allows(vienna codes: [String], nice classes: [Int], status: MarkStatus) -> Bool {
        if !statuses.isEmpty, !statuses.contains(status) { return false }
        if !nice.isEmpty, !classes.contains(where: nice.contains) { return false }
        if !vienna.isEmpty, !codes.contains(where: { code in vienna.contains(where: code.hasPrefix) }) { return false }
        return true
    }
}
