/// Receives the terms of one document, in text order.
protocol TermSink {
    /// `bytes` is the term's UTF-8; `start..<end` its byte span in the original text.
    mutating func term(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int)
}
