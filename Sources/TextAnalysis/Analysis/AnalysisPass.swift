/// One document's trip from tokens to terms: stop words, stemming, word and character n-grams.
/// Holds the scratch buffers, so a pass allocates a few small arrays per document and none per token.
struct AnalysisPass<Output: TermSink>: TokenSink {
    var output: Output
    private let configuration: AnalyzerConfiguration
    private let stemmer: Stemmer?
    private let stopWords: TermTable?
    /// English treats accents as spelling variants (`naïve`): strip them before stemming.
    private let stripsDiacritics: Bool
    private var tokensLeft: Int

    private var stemChars = StemChars()
    private var term: [UInt8] = []
    private var gram: [UInt8] = []
    /// The last `wordNGrams.upperBound - 1` word terms, oldest first, with their start offsets.
    private var window: [[UInt8]]
    private var windowStarts: [Int]
    private var windowCount = 0
    /// The last `characterNGrams.upperBound - 1` CJK characters of the current run.
    private var cjkWindow: [UInt32]
    private var cjkStarts: [Int]
    private var cjkCount = 0

    init(configuration: AnalyzerConfiguration, wordLanguage: Language, output: Output) {
        self.output = output
        self.configuration = configuration
        stemmer = configuration.stemming ? Stemmer(language: wordLanguage) : nil
        stopWords = configuration.removesStopWords ? StopWords.table(for: wordLanguage) : nil
        stripsDiacritics = wordLanguage == .english
        tokensLeft = configuration.maximumTokens ?? Int.max
        let wordWindow = max(configuration.wordNGrams.upperBound - 1, 0)
        window = [[UInt8]](repeating: [], count: wordWindow)
        windowStarts = [Int](repeating: 0, count: wordWindow)
        let characterWindow = max(configuration.characterNGrams.upperBound - 1, 0)
        cjkWindow = [UInt32](repeating: 0, count: characterWindow)
        cjkStarts = [Int](repeating: 0, count: characterWindow)
        term.reserveCapacity(64)
        gram.reserveCapacity(128)
        stemChars.reserveCapacity(64)
    }

    // MARK: TokenSink

    mutating func word(_ token: WordToken) -> Bool {
        tokensLeft -= 1
        defer { cjkCount = 0 }
        if !configuration.keepsNumbers && !token.hasLetter { return tokensLeft > 0 }
        if token.scalarCount < configuration.minimumTokenLength { return tokensLeft > 0 }
        let lowercase = !token.hasUppercase
        if let stopWords, lowercase, token.bytes.withUnsafeBytes({ stopWords.find($0) }) >= 0 {
            return tokensLeft > 0
        }
        makeTerm(from: token, stem: lowercase && !token.hasDigit)
        emitWordNGrams(start: token.start, end: token.end)
        return tokensLeft > 0
    }

    mutating func cjk(_ scalar: UInt32, start: Int, end: Int) -> Bool {
        tokensLeft -= 1
        windowCount = 0
        let range = configuration.characterNGrams
        let history = cjkWindow.count
        if range.lowerBound == 1 {
            gram.removeAll(keepingCapacity: true)
            appendUTF8(scalar, to: &gram)
            emit(gram, start: start, end: end)
        }
        if range.upperBound >= 2 {
            for length in max(range.lowerBound, 2)...range.upperBound where cjkCount >= length - 1 {
                gram.removeAll(keepingCapacity: true)
                for offset in (history - (length - 1))..<history { appendUTF8(cjkWindow[offset], to: &gram) }
                appendUTF8(scalar, to: &gram)
                emit(gram, start: cjkStarts[history - (length - 1)], end: end)
            }
        }
        if history > 0 {
            // Shift the window left by one; it holds at most seven characters.
            for offset in 0..<(history - 1) {
                cjkWindow[offset] = cjkWindow[offset + 1]
                cjkStarts[offset] = cjkStarts[offset + 1]
            }
            cjkWindow[history - 1] = scalar
            cjkStarts[history - 1] = start
            cjkCount = min(cjkCount + 1, history)
        }
        return tokensLeft > 0
    }

    mutating func endCJKRun() {
        cjkCount = 0
    }

    mutating func boundary() {
        windowCount = 0
        cjkCount = 0
    }

    // MARK: Terms

    /// Builds `term` from the token: accent stripping (English) and stemming where they apply.
    private mutating func makeTerm(from token: WordToken, stem: Bool) {
        guard let stemmer, stem else {
            term.removeAll(keepingCapacity: true)
            term.append(contentsOf: token.bytes)
            if stripsDiacritics && !token.isASCII { stripDiacritics() }
            return
        }
        stemChars.removeAll(keepingCapacity: true)
        if token.isASCII {
            for byte in token.bytes { stemChars.append(UInt32(byte)) }
        } else {
            var isLatin = true
            for scalar in String(decoding: token.bytes, as: UTF8.self).unicodeScalars {
                if stripsDiacritics, let base = CharacterFolding.latinBase(scalar.value) {
                    stemChars.append(UInt32(base.0))
                    if base.1 != 0 { stemChars.append(UInt32(base.1)) }
                } else {
                    if scalar.value >= 0x250 { isLatin = false }
                    stemChars.append(scalar.value)
                }
            }
            // Stemming rules are for Latin letters; leave Greek, Cyrillic, … words as they are.
            if !isLatin {
                term.removeAll(keepingCapacity: true)
                for value in stemChars { appendUTF8(value, to: &term) }
                return
            }
        }
        stemmer.stem(&stemChars)
        term.removeAll(keepingCapacity: true)
        for value in stemChars { appendUTF8(value, to: &term) }
    }

    private mutating func stripDiacritics() {
        var stripped: [UInt8] = []
        stripped.reserveCapacity(term.count)
        for scalar in String(decoding: term, as: UTF8.self).unicodeScalars {
            if let base = CharacterFolding.latinBase(scalar.value) {
                stripped.append(base.0)
                if base.1 != 0 { stripped.append(base.1) }
            } else {
                appendUTF8(scalar.value, to: &stripped)
            }
        }
        term = stripped
    }

    /// Emits the unigram and the n-grams ending with `term`, then slides the window.
    private mutating func emitWordNGrams(start: Int, end: Int) {
        let range = configuration.wordNGrams
        let history = window.count
        if range.lowerBound == 1 { emit(term, start: start, end: end) }
        if range.upperBound >= 2 {
            for length in max(range.lowerBound, 2)...range.upperBound where windowCount >= length - 1 {
                gram.removeAll(keepingCapacity: true)
                let first = history - (length - 1)
                for offset in first..<history {
                    gram.append(contentsOf: window[offset])
                    gram.append(0x20)
                }
                gram.append(contentsOf: term)
                emit(gram, start: windowStarts[first], end: end)
            }
        }
        if history > 0 {
            // Rotate buffers rather than copy bytes: the oldest becomes the newest.
            var recycled: [UInt8] = []
            swap(&recycled, &window[0])
            for offset in 0..<(history - 1) {
                window[offset] = window[offset + 1]
                windowStarts[offset] = windowStarts[offset + 1]
            }
            recycled.removeAll(keepingCapacity: true)
            recycled.append(contentsOf: term)
            window[history - 1] = recycled
            windowStarts[history - 1] = start
            windowCount = min(windowCount + 1, history)
        }
    }

    @inline(__always)
    private mutating func emit(_ bytes: [UInt8], start: Int, end: Int) {
        bytes.withUnsafeBytes { output.term($0, start: start, end: end) }
    }
}
