import Testing

@testable import Server

@Suite("Secrets and password hashes")
struct SecretsTests {
    @Test("a token's stored digest is its SHA-256 in lower-case hex (tokens made by earlier versions still match)")
    func digestIsSHA256Hex() {
        #expect(Secrets.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("a password hash verifies its password only, and two hashes of one password differ (salted)")
    func passwordHashes() {
        let hasher = PasswordHasher(iterations: 1000)
        let first = hasher.hash("correct horse")
        #expect(hasher.verify("correct horse", against: first))
        #expect(!hasher.verify("correct horse!", against: first))
        #expect(first != hasher.hash("correct horse"))
        #expect(first.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(!hasher.verify("x", against: "not a hash"))
    }

    @Test("PBKDF2-HMAC-SHA256 matches RFC 7914's test vector")
    func pbkdf2Vector() {
        // RFC 7914 §11: P = "passwd", S = "salt", c = 1, first 32 bytes of the 64-byte output.
        let derived = PasswordHasher.pbkdf2(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1)
        let hex = derived.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
        #expect(hex == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }
}
