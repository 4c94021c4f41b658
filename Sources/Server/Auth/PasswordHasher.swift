import Crypto
import Foundation

/// Salted, deliberately slow password hashes: PBKDF2-HMAC-SHA256, stored as
/// `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64), so the cost can rise later without
/// invalidating existing hashes.
public struct PasswordHasher: Sendable {
    public let iterations: Int

    public init(iterations: Int) {
        self.iterations = max(1, iterations)
    }

    public func hash(_ password: String) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        let derived = Self.pbkdf2(password: Array(password.utf8), salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// Whether `password` matches `stored` (compared in constant time).
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]), iterations > 0,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3]))
        else { return false }
        let derived = Self.pbkdf2(password: Array(password.utf8), salt: [UInt8](salt), iterations: iterations)
        guard derived.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(derived, expected) { difference |= a ^ b }
        return difference == 0
    }

    /// PBKDF2 (RFC 8018) with HMAC-SHA256, one 32-byte block.
    static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var block = salt
        block.append(contentsOf: [0, 0, 0, 1])
        var u = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
        var result = u
        for _ in 1..<iterations {
            u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for index in result.indices { result[index] ^= u[index] }
        }
        return result
    }
}
