extension ClassificationSymbol: CustomStringConvertible {
    /// The standard notation: `G`, `G06`, `G06F`, `G06F 17/00`, `G06F 17/30`.
    public var description: String { format(separator: true, wipo: false) }

    /// The notation without a space: `G06F17/00`, `G06F17/30` (section to subclass as in ``description``).
    public var compact: String { format(separator: false, wipo: false) }

    /// WIPO's 14-character form for groups (`G06F0017300000`, `G06F0017000000`); the plain code
    /// for section, class and subclass (`G`, `G06`, `G06F`), as in WIPO's scheme files.
    public var wipo14: String { format(separator: false, wipo: true) }

    /// The number of subgroup digits shown: trailing zeros dropped, at least two.
    var subgroupDigitCount: Int {
        var value = subgroupValue
        var count = 6
        while count > 2, value % 10 == 0 {
            value /= 10
            count -= 1
        }
        return count
    }

    private func format(separator: Bool, wipo: Bool) -> String {
        let level = self.level
        return String(unsafeUninitializedCapacity: 16) { buffer in
            var count = 0
            func put(_ byte: UInt8) {
                buffer[count] = byte
                count += 1
            }
            func put(_ value: Int, digits: Int) {
                var divisor = 1
                for _ in 1..<digits { divisor *= 10 }
                var rest = value
                while divisor > 0 {
                    put(UInt8(48 + rest / divisor))
                    rest %= divisor
                    divisor /= 10
                }
            }
            put(sectionByte)
            guard level >= .class else { return count }
            put(classNumber, digits: 2)
            guard level >= .subclass else { return count }
            put(letterByte)
            guard level >= .mainGroup else { return count }
            let main = mainGroupNumber
            if wipo {
                put(main, digits: 4)
                put(subgroupValue, digits: 6)
                return count
            }
            if separator { put(0x20) }
            put(main, digits: main >= 1000 ? 4 : main >= 100 ? 3 : main >= 10 ? 2 : 1)
            put(UInt8(ascii: "/"))
            let shown = subgroupDigitCount
            var value = subgroupValue
            for _ in shown..<6 { value /= 10 }
            put(value, digits: shown)
            return count
        }
    }
}
