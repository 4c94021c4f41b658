import Classifications
import Core

/// How often each Vienna code occurs in an office's register: the prior of Vienna suggestions and
/// the whole of the frequency-only baseline.
///
/// Counts are kept for codes as labelled (mostly sections, sometimes a division such as `28.3`);
/// a division's or category's count is the sum of the counts of the codes within it, i.e. how many
/// codes of that division the register's marks carry, matching how ``ViennaSuggester`` rolls scores up.
///
/// ```swift
/// let priors = ViennaPriors(codeSets: register.map(\.viennaCodes))
/// priors.frequency(of: try ViennaCode(parsing: "27.5.1"))   // share of marks labelled 27.5.1
/// priors.mostFrequent(at: .division, count: 3)
/// ```
public struct ViennaPriors: Sendable {
    /// Marks carrying each code, for codes as labelled.
    public private(set) var counts: [ViennaCode: Int]
    /// The marks counted (those with at least one code).
    public private(set) var markCount: Int

    /// Priors from counts already made, e.g. by a query over the register.
    ///
    /// - Parameters:
    ///   - counts: marks labelled with each code.
    ///   - markCount: marks with at least one code; frequencies are counts divided by it.
    public init(counts: [ViennaCode: Int], markCount: Int) {
        self.counts = counts.filter { $0.value > 0 }
        self.markCount = max(0, markCount)
    }

    /// Priors counted from each mark's codes; a code listed twice for one mark counts once, and marks
    /// without codes are not counted.
    public init(codeSets: some Sequence<some Sequence<ViennaCode>>) {
        var counts: [ViennaCode: Int] = [:]
        var marks = 0
        for set in codeSets {
            let distinct = Set(set)
            guard !distinct.isEmpty else { continue }
            marks += 1
            for code in distinct { counts[code, default: 0] += 1 }
        }
        self.init(counts: counts, markCount: marks)
    }

    /// Priors from the register's counts keyed by code text in any notation (`"030102"`, `"3.1.2"`).
    ///
    /// - Throws: `IPAIError` (`invalid_input`) naming a key that is not a Vienna code.
    public init(counting counts: [String: Int], markCount: Int) throws(IPAIError) {
        var parsed: [ViennaCode: Int] = [:]
        for (text, count) in counts {
            do {
                parsed[try ViennaCode(parsing: text), default: 0] += count
            } catch {
                throw IPAIError(.invalidInput, error.message, at: InputLocation(field: "vienna", value: text))
            }
        }
        self.init(counts: parsed, markCount: markCount)
    }

    /// Marks labelled with `code` itself plus the counts of every labelled code below it.
    ///
    /// - Complexity: O(1) for a section; O(k) in the distinct codes counted for a division or category.
    public func count(of code: ViennaCode) -> Int {
        if code.level == .section { return counts[code] ?? 0 }
        return counts.reduce(0) { $0 + (code.matches($1.key) ? $1.value : 0) }
    }

    /// ``count(of:)`` over ``markCount``: for a section, the share of marks labelled with it;
    /// 0 when no marks were counted.
    public func frequency(of code: ViennaCode) -> Double {
        markCount == 0 ? 0 : Double(count(of: code)) / Double(markCount)
    }

    /// The `count` codes at `level` with the highest ``count(of:)``, ties in scheme order.
    /// Division and category counts roll up from the codes below them.
    public func mostFrequent(at level: ViennaLevel, count: Int) -> [(code: ViennaCode, count: Int)] {
        var rolled: [ViennaCode: Int] = [:]
        for (code, number) in counts {
            if let key = code.truncated(to: level) { rolled[key, default: 0] += number }
        }
        return rolled.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(max(0, count)).map { (code: $0.key, count: $0.value) }
    }
}
