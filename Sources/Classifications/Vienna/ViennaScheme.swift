import Core

/// The Vienna Classification's codes and titles as one edition or office publishes them:
/// categories, divisions and sections with their titles, deleted codes flagged, and, where the
/// list marks it, whether a section is principal or auxiliary.
///
/// Load EUIPO's list (`vienna-euipo.csv`, columns `idcategory,categdesc`, codes of 2, 4 or 6 digits)
/// or any office CSV of the same shape; codes may also be written `1.1.2`, `01.01.02` or, as in the
/// WIPO edition's lists, with a `*` (principal) or `A` (auxiliary) before the number.
/// An office's own numbers (90 and above) stay apart from the WIPO edition's: see ``wipoCodes``
/// and ``officeExtensionCodes``.
///
/// ```swift
/// let scheme = try ViennaScheme(contentsOf: "vienna-euipo.csv")
/// scheme.title(of: try ViennaCode(parsing: "1.1.2"))   // "One star; nothing else"
/// scheme.children(of: try ViennaCode(parsing: "1")).count
/// ```
public struct ViennaScheme: Sendable {
    /// One code of the scheme and what the list says of it.
    public struct Entry: Sendable, Hashable, Codable {
        public var code: ViennaCode
        /// The title as the list gives it; empty when the list gives none.
        public var title: String
        /// The list says the code was deleted ("Category deleted in new version"): kept so that old
        /// marks still show a title, never suggested for new ones.
        public var isDeleted: Bool
        /// Principal or auxiliary, when the list marks sections (`*` / `A`); nil otherwise.
        public var kind: ViennaSectionKind?
        /// The file it came from (its name without folders), so an office's titles can be told apart.
        public var source: String

        public init(code: ViennaCode, title: String, isDeleted: Bool = false, kind: ViennaSectionKind? = nil, source: String = "") {
            self.code = code
            self.title = title
            self.isDeleted = isDeleted
            self.kind = kind
            self.source = source
        }

        /// ``ViennaSectionKind/auxiliary`` as a flag; false when the list does not say.
        public var isAuxiliary: Bool { kind == .auxiliary }
    }

    var entries: [ViennaCode: Entry] = [:]
    var sorted: [ViennaCode] = []

    /// An empty scheme; add lists with ``load(contentsOf:)``.
    public init() {}

    /// A scheme holding the codes and titles of one file (see ``load(contentsOf:)``).
    public init(contentsOf path: String) throws(IPAIError) {
        try load(contentsOf: path)
    }

    /// A scheme holding these entries; a later entry for the same code replaces an earlier one.
    public init(entries: some Sequence<Entry>) {
        for entry in entries { self.entries[entry.code] = entry }
        sorted = self.entries.keys.sorted()
    }

    /// All codes, in scheme order.
    public var codes: [ViennaCode] { sorted }

    /// The number of codes.
    public var count: Int { sorted.count }

    /// The entry for `code`, or nil when the scheme does not have it.
    public func entry(for code: ViennaCode) -> Entry? { entries[code] }

    /// The title of `code`, or nil when the scheme does not have it or the list gives it no title.
    public func title(of code: ViennaCode) -> String? {
        guard let title = entries[code]?.title, !title.isEmpty else { return nil }
        return title
    }

    /// Whether the scheme has `code` (deleted codes included).
    public func contains(_ code: ViennaCode) -> Bool { entries[code] != nil }

    /// The codes of the WIPO edition (numbers below 90), in scheme order.
    public var wipoCodes: [ViennaCode] { sorted.filter { !$0.isOfficeExtension } }

    /// The office's own codes (a number of 90 or above in some part), in scheme order.
    public var officeExtensionCodes: [ViennaCode] { sorted.filter(\.isOfficeExtension) }

    /// The codes at `level`, in scheme order.
    public func codes(at level: ViennaLevel) -> [ViennaCode] { sorted.filter { $0.level == level } }

    /// The codes one level below `code` in this scheme (the divisions of a category, the sections of
    /// a division), in scheme order.
    public func children(of code: ViennaCode) -> [ViennaCode] {
        sorted.filter { $0.parent == code }
    }

    /// The entries from category down to `code` that the scheme has, for a breadcrumb:
    /// `1 Celestial bodies… › 1.1 Stars; comets › 1.1.2 One star; nothing else`.
    public func path(to code: ViennaCode) -> [Entry] {
        code.lineage.compactMap { entries[$0] }
    }
}
