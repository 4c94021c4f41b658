/// Region helpers shared by the Snowball stemmers.
enum StemRegions {
    /// Snowball's `gopast v gopast non-v`: the position after the first non-vowel that follows a
    /// vowel, searching from `start`; `word.count` when there is none.
    @inline(__always)
    static func afterVowelConsonant(_ word: StemChars, from start: Int, isVowel: (UInt32) -> Bool) -> Int {
        var index = start
        while index < word.count && !isVowel(word[index]) { index += 1 }
        while index < word.count && isVowel(word[index]) { index += 1 }
        return index < word.count ? index + 1 : word.count
    }
}
