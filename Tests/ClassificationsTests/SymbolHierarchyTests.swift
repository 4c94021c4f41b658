import Core
import Testing

@testable import Classifications

@Suite("Hierarchy of symbols")
struct SymbolHierarchyTests {
    func symbol(_ text: String) throws -> ClassificationSymbol { try ClassificationSymbol(parsing: text) }

    @Test("Parent chain from a subgroup up to the section")
    func parents() throws {
        var chain: [String] = []
        var current: ClassificationSymbol? = try symbol("G06F 17/30")
        while let next = current {
            chain.append(next.description)
            current = next.parent
        }
        #expect(chain == ["G06F 17/30", "G06F 17/00", "G06F", "G06", "G"])
        #expect(try symbol("G06F 17/30").ancestors.map(\.description) == ["G", "G06", "G06F", "G06F 17/00"])
        #expect(try symbol("G").ancestors.isEmpty)
        #expect(try symbol("G06F 17/00").parent?.description == "G06F")
    }

    @Test(
        "Truncation to each level",
        arguments: [
            (SymbolLevel.section, "G"), (.class, "G06"), (.subclass, "G06F"), (.mainGroup, "G06F 2203/00"),
            (.subgroup, "G06F 2203/04808"),
        ])
    func truncation(level: SymbolLevel, expected: String) throws {
        #expect(try symbol("G06F2203/04808").truncated(to: level)?.description == expected)
    }

    @Test("Truncating to a deeper level gives nil")
    func truncationTooDeep() throws {
        #expect(try symbol("G06F").truncated(to: .mainGroup) == nil)
        #expect(try symbol("G06F 17/00").truncated(to: .subgroup) == nil)
        #expect(try symbol("G06F 17/00").truncated(to: .mainGroup) == symbol("G06F 17"))
    }

    @Test(
        "Restrict-to filters",
        arguments: [
            ("G06", "G06F 17/30", true), ("G", "G06F 17/30", true), ("G06F 17/00", "G06F 17/30", true),
            ("G06F 17", "G06F 17/3025", true), ("G06F", "G06F", true), ("G06F 17/30", "G06F 17/30", true),
            ("G06F 17/30", "G06F 17/3025", false), ("G06F 17/00", "G06F 170/30", false), ("G06F 1/00", "G06F 17/00", false),
            ("G06", "G06Q", true), ("G06", "G07F", false), ("G06F 17/30", "G06F", false), ("H", "G06F", false),
        ])
    func contains(outer: String, inner: String, expected: Bool) throws {
        let outer = try symbol(outer), inner = try symbol(inner)
        #expect(outer.contains(inner) == expected)
        #expect(outer.isAncestor(of: inner) == (expected && outer != inner))
    }

    @Test("A subtree is a contiguous run of sorted symbols")
    func subtreeIsContiguous() throws {
        let all = try ["G06", "G06F", "G06F 1/00", "G06F 17/00", "G06F 17/30", "G06F 9999/999999", "G06Q", "G07", "G06F 17/3025"]
            .map { try symbol($0) }.sorted()
        for root in all {
            let inside = all.filter { root.contains($0) }
            let range = all.filter { $0.key >= root.key && $0.key < root.subtreeEnd }
            #expect(inside == range, "\(root)")
        }
    }
}
