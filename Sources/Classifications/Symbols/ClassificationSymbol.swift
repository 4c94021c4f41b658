import Core

/// An IPC or CPC classification symbol at any level, from section (`G`) down to subgroup (`G06F 17/30`).
///
/// Parsing accepts the notations found in patent data: `G06F 17/30`, `G06F17/30`, `G06F  17 / 30`,
/// WIPO's 14-character form `G06F0017300000`, lowercase, and an edition suffix such as `(2006.01)`,
/// `[2006.01]` or ST.8's `20060101AFI…`. `G06F 17` and `G06F 17/00` are both the main group.
/// CPC extensions are accepted too: section `Y`, main groups of up to 4 digits, subgroups of up to 6.
///
/// Subgroup digits are a decimal fraction, as in WIPO's 14-character form: `17/30`, `17/302` and
/// `17/3025` differ, while `17/300` is `17/30` and a lone digit `17/3` reads as `17/30`.
///
/// A symbol is 8 bytes; equality, hashing and ordering are integer operations. Symbols sort in
/// scheme order: a parent before its descendants, subgroups by their digits as a fraction.
///
/// ```swift
/// let symbol = try ClassificationSymbol(parsing: "G06F0017300000")
/// symbol.description                          // "G06F 17/30"
/// symbol.compact                              // "G06F17/30"
/// symbol.level                                // .subgroup
/// symbol.truncated(to: .subclass)?.description // "G06F"
/// ```
public struct ClassificationSymbol: Hashable, Comparable, Sendable {
    /// The parts packed high to low (section, class, subclass letter, main group, subgroup, level),
    /// so that integer order is scheme order. Absent parts are 0; no present part can be 0.
    let key: UInt64

    init(section: UInt8, classNumber: Int, letter: UInt8, mainGroup: Int, subgroup: Int, level: SymbolLevel) {
        key = UInt64(section) << Layout.sectionShift
            | UInt64(classNumber) << Layout.classShift
            | UInt64(letter) << Layout.letterShift
            | UInt64(mainGroup) << Layout.mainShift
            | UInt64(subgroup) << Layout.subgroupShift
            | UInt64(level.rawValue)
    }

    init(key: UInt64) { self.key = key }

    /// The depth of this symbol.
    public var level: SymbolLevel { SymbolLevel(rawValue: Int(key & Layout.levelMask))! }

    /// The section letter as ASCII.
    var sectionByte: UInt8 { UInt8(truncatingIfNeeded: key >> Layout.sectionShift) }
    /// The class number 1–99, or 0 above class level.
    var classNumber: Int { Int((key >> Layout.classShift) & 0x7F) }
    /// The subclass letter as ASCII, or 0 above subclass level.
    var letterByte: UInt8 { UInt8(truncatingIfNeeded: key >> Layout.letterShift) }
    /// The main group number 1–9999, or 0 above main group level.
    var mainGroupNumber: Int { Int((key >> Layout.mainShift) & 0x3FFF) }
    /// The subgroup digits right-padded to six (`30` is 300000), or 0 above subgroup level.
    var subgroupValue: Int { Int((key >> Layout.subgroupShift) & 0xFFFFF) }

    public static func < (lhs: ClassificationSymbol, rhs: ClassificationSymbol) -> Bool { lhs.key < rhs.key }

    enum Layout {
        static let levelMask: UInt64 = 0x7
        static let subgroupShift: UInt64 = 3  // 20 bits: up to 999,999
        static let mainShift: UInt64 = 23  // 14 bits: up to 9,999
        static let letterShift: UInt64 = 37  // 8 bits: ASCII
        static let classShift: UInt64 = 45  // 7 bits: up to 99
        static let sectionShift: UInt64 = 52  // 8 bits: ASCII

        /// The shift of the part that a symbol at `level` adds to its parent.
        static func shift(of level: SymbolLevel) -> UInt64 {
            switch level {
            case .section: sectionShift
            case .class: classShift
            case .subclass: letterShift
            case .mainGroup: mainShift
            case .subgroup: subgroupShift
            }
        }
    }
}
