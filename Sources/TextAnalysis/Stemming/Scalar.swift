/// Scalar constants for readable stemmer code.
enum Scalar {
    static let a: UInt32 = 0x61, b: UInt32 = 0x62, c: UInt32 = 0x63, d: UInt32 = 0x64, e: UInt32 = 0x65
    static let f: UInt32 = 0x66, g: UInt32 = 0x67, h: UInt32 = 0x68, i: UInt32 = 0x69, j: UInt32 = 0x6A
    static let k: UInt32 = 0x6B, l: UInt32 = 0x6C, m: UInt32 = 0x6D, n: UInt32 = 0x6E, o: UInt32 = 0x6F
    static let p: UInt32 = 0x70, q: UInt32 = 0x71, r: UInt32 = 0x72, s: UInt32 = 0x73, t: UInt32 = 0x74
    static let u: UInt32 = 0x75, v: UInt32 = 0x76, w: UInt32 = 0x77, x: UInt32 = 0x78, y: UInt32 = 0x79
    static let z: UInt32 = 0x7A
    static let upperH: UInt32 = 0x48, upperI: UInt32 = 0x49, upperU: UInt32 = 0x55, upperY: UInt32 = 0x59
    static let apostrophe: UInt32 = 0x27
    static let aGrave: UInt32 = 0xE0, aCircumflex: UInt32 = 0xE2, aUmlaut: UInt32 = 0xE4
    static let cCedilla: UInt32 = 0xE7, eGrave: UInt32 = 0xE8, eAcute: UInt32 = 0xE9
    static let eCircumflex: UInt32 = 0xEA, eUmlaut: UInt32 = 0xEB, iCircumflex: UInt32 = 0xEE
    static let iUmlaut: UInt32 = 0xEF, oCircumflex: UInt32 = 0xF4, oUmlaut: UInt32 = 0xF6
    static let uGrave: UInt32 = 0xF9, uCircumflex: UInt32 = 0xFB, uUmlaut: UInt32 = 0xFC
    static let sharpS: UInt32 = 0xDF
}
