/// Receives what the tokeniser finds, in text order.
protocol TokenSink {
    /// A word (letters and digits, e.g. `3d`, `h2o`, `5g`, `3.5`). Return `false` to stop.
    mutating func word(_ token: WordToken) -> Bool
    /// One CJK character at byte range `start..<end` of the original text. Return `false` to stop.
    mutating func cjk(_ scalar: UInt32, start: Int, end: Int) -> Bool
    /// A run of CJK characters ended (whitespace, punctuation, a Latin word).
    mutating func endCJKRun()
    /// Sentence punctuation: n-grams must not span it.
    mutating func boundary()
}
