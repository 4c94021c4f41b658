import Core

/// A credential on file for a registration — the note verbale or nomination letter (PDF) that
/// shows a person speaks for a delegation. Kept in the database (`conv_credentials`), never in a
/// directory a web server could serve.
public struct CredentialRecord: Sendable, Equatable {
    public var registrationID: Int64
    /// The file's name as uploaded, reduced to a safe single path component.
    public var fileName: String
    public var bytes: Int64
    public var uploadedAt: Int64
}

extension IPAIError.Code {
    /// A credential larger than ``Credential/maximumBytes`` (the HTTP edge answers 413).
    public static let credentialTooLarge = Self("payload_too_large")
}

/// The rules a credential file must meet: a PDF (by its first bytes and its declared type) of at
/// most 5 MiB.
public enum Credential {
    /// 5 MiB.
    public static let maximumBytes = 5 << 20

    /// Checks an uploaded credential before anything is stored.
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - declaredType: the Content-Type sent with it (nil when the client sent none).
    ///   - fileName: the name sent with it, for the message.
    /// - Throws: `credentialTooLarge` over ``maximumBytes``; `invalidInput` (field `credential`)
    ///   for an empty file, a declared type other than `application/pdf`, or content that does
    ///   not start with `%PDF-`.
    public static func check(_ bytes: [UInt8], declaredType: String?, fileName: String) throws(IPAIError) {
        let location = InputLocation(field: "credential", value: fileName.isEmpty ? nil : fileName)
        guard !bytes.isEmpty else {
            throw IPAIError(.invalidInput, "the credential file is empty; attach the note verbale or nomination letter as a PDF", at: location)
        }
        guard bytes.count <= maximumBytes else {
            throw IPAIError(
                .credentialTooLarge, "the credential is \(bytes.count) bytes; the limit is 5 MiB — send a smaller PDF", at: location)
        }
        let type = (declaredType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard type == "application/pdf" else {
            throw IPAIError(
                .invalidInput, "the credential must be a PDF (application/pdf), not '\(type.isEmpty ? "no type" : type)'; save the letter as PDF and upload it again",
                at: location)
        }
        guard bytes.starts(with: Array("%PDF-".utf8)) else {
            throw IPAIError(
                .invalidInput, "the credential is not a PDF file (it does not start with %PDF-); save the letter as PDF and upload it again",
                at: location)
        }
    }

    /// A file name safe to store and to send back in a header: the last path component, without
    /// control characters, quotes or backslashes, at most 120 characters, ending in `.pdf`.
    public static func safeFileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(last.unicodeScalars.filter { scalar in
            scalar.value >= 0x20 && scalar.value != 0x7F && !"\"\\;".unicodeScalars.contains(scalar)
        }.map(Character.init)).trimmingCharacters(in: .whitespaces)
        if cleaned.hasPrefix(".") { cleaned = String(cleaned.drop { $0 == "." }) }
        if cleaned.count > 120 { cleaned = String(cleaned.suffix(120)) }
        if cleaned.isEmpty { cleaned = "credential.pdf" }
        if !cleaned.lowercased().hasSuffix(".pdf") { cleaned += ".pdf" }
        return cleaned
    }
}
