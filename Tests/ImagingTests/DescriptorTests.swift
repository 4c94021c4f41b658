import Core
import Foundation
import Testing
@testable import Imaging

@Suite("Lab colour histogram")
struct DescriptorColourTests {
    @Test("sRGB white, black and red convert to their textbook CIE Lab values")
    func labValues() {
        let white = LabColourHistogram.lab(255, 255, 255)
        #expect(abs(white.l - 100) < 0.01 && abs(white.a) < 0.01 && abs(white.b) < 0.01)
        let black = LabColourHistogram.lab(0, 0, 0)
        #expect(abs(black.l) < 0.01)
        let red = LabColourHistogram.lab(255, 0, 0)
        #expect(abs(red.l - 53.24) < 0.05 && abs(red.a - 80.09) < 0.05 && abs(red.b - 67.20) < 0.05)
    }

    @Test("a red square puts all its weight in the red bin (L 50–75, a and b above 60); a black square in the darkest grey bin")
    func bins() {
        let red = LabColourHistogram.compute(DescriptorTestShapes.square(colour: RGBA(255, 0, 0)))
        #expect(red.count == 100)
        #expect(abs(red[(2 * 5 + 4) * 5 + 4] - 1) < 1e-5)
        let black = LabColourHistogram.compute(DescriptorTestShapes.square())
        #expect(abs(black[(0 * 5 + 2) * 5 + 2] - 1) < 1e-5)
        #expect(abs(LabColourHistogram.greyShare(black) - 1) < 1e-5)
        #expect(LabColourHistogram.greyShare(red) == 0)
    }

    @Test("lightness profile: red (L* 53.24) is shared between the L* 50 and 55 bins as 0.352 / 0.648 by hand; black is all in bin 0")
    func lightnessProfile() {
        let red = LabColourHistogram.describe(DescriptorTestShapes.square(colour: RGBA(255, 0, 0))).lightness
        #expect(red.count == 21)
        #expect(abs(red[10] - 0.352) < 0.002 && abs(red[11] - 0.648) < 0.002)
        #expect(abs(red.reduce(0, +) - 1) < 1e-5)
        let black = LabColourHistogram.describe(DescriptorTestShapes.square()).lightness
        #expect(abs(black[0] - 1) < 1e-5)
    }

    @Test("the same colour matches fully whatever the shape; red and blue share nothing")
    func similarity() {
        // Squares with pixel-aligned edges: no anti-aliased pixels of mixed colour.
        let redDisc = LabColourHistogram.compute(DescriptorTestShapes.square(side: 20, colour: RGBA(255, 0, 0)))
        let redSquare = LabColourHistogram.compute(DescriptorTestShapes.square(colour: RGBA(255, 0, 0)))
        let blueDisc = LabColourHistogram.compute(DescriptorTestShapes.square(side: 20, colour: RGBA(0, 0, 255)))
        #expect(abs(LabColourHistogram.similarity(redDisc, redSquare) - 1) < 1e-5)
        #expect(LabColourHistogram.similarity(redDisc, blueDisc) == 0)
    }
}

@Suite("HOG")
struct DescriptorHOGTests {
    /// Total weight per orientation bin over the whole vector.
    func orientations(_ hog: [Float]) -> [Float] {
        var sums = [Float](repeating: 0, count: 8)
        for (index, value) in hog.enumerated() { sums[index % 8] += value }
        let total = sums.reduce(0, +)
        return sums.map { $0 / total }
    }

    @Test("a square's edges run only horizontally and vertically (bins 0° and 90°), in equal measure")
    func square() {
        let hog = HOGDescriptor.compute(DescriptorTestShapes.square(size: 32, side: 16))
        #expect(hog.count == 288)
        #expect(abs(hog.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
        let bins = orientations(hog)
        #expect(abs(bins[0] - bins[4]) < 1e-3)
        #expect(bins[0] + bins[4] > 0.85)
    }

    @Test("the square turned 45° has its edges in the 45° and 135° bins")
    func rotatedSquare() {
        let bins = orientations(HOGDescriptor.compute(DescriptorTestShapes.rotatedSquare(size: 32, side: 16)))
        #expect(bins[2] + bins[6] > 0.7)
        #expect(bins[0] + bins[4] < 0.15)
    }

    @Test("turning or mirroring the image permutes its HOG vector exactly", arguments: 0..<8)
    func symmetry(raw: Int) {
        let symmetry = DihedralSymmetry(rawValue: raw)
        let mark = DescriptorTestShapes.letterL(size: 32)
        let direct = HOGDescriptor.compute(DescriptorTestShapes.transformed(mark, symmetry))
        let permuted = HOGDescriptor.transformed(HOGDescriptor.compute(mark), by: symmetry)
        #expect(zip(direct, permuted).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(HOGDescriptor.similarity(direct, permuted) > 0.9999)
    }
}

@Suite("Zernike moments")
struct DescriptorZernikeTests {
    @Test("a disc: every m ≠ 0 moment vanishes; |Z(2,0)| / Z(0,0) = 3(1 − a²) = 0.656 by hand (radius a = √2 / 1.6 of the unit disc)")
    func disc() {
        let z = ZernikeMoments.compute(DescriptorTestShapes.disc(size: 64, radius: 24))
        #expect(z.count == 34)
        for (index, order) in ZernikeMoments.orders.enumerated() where order.m != 0 { #expect(z[index] < 0.02) }
        #expect(abs(z[0] - 0.65625) < 0.01)
    }

    @Test("a square (four-fold symmetric): the m = 2 moments vanish, |Z(4,4)| does not")
    func square() {
        let z = ZernikeMoments.compute(DescriptorTestShapes.square(size: 64, side: 40))
        let orders = ZernikeMoments.orders
        let z22 = orders.firstIndex { $0 == (2, 2) }!, z44 = orders.firstIndex { $0 == (4, 4) }!
        #expect(z[z22] < 0.01)
        #expect(z[z44] > 0.2)
    }

    @Test("the square and the square turned by 45° (or 15°) have nearly the same magnitudes")
    func rotation() {
        let square = ZernikeMoments.compute(DescriptorTestShapes.square(size: 128, side: 64))
        let turned = ZernikeMoments.compute(DescriptorTestShapes.rotatedSquare(size: 128, side: 64, degrees: 45))
        let slightly = ZernikeMoments.compute(DescriptorTestShapes.rotatedSquare(size: 128, side: 64, degrees: 15))
        let disc = ZernikeMoments.compute(DescriptorTestShapes.disc())
        #expect(ZernikeMoments.similarity(square, turned) > 0.8)
        #expect(ZernikeMoments.similarity(square, slightly) > 0.8)
        #expect(ZernikeMoments.similarity(square, disc) < ZernikeMoments.similarity(square, turned))
    }

    @Test("a mirrored L has the same magnitudes as the L")
    func mirror() {
        let l = ZernikeMoments.compute(DescriptorTestShapes.letterL())
        let mirrored = ZernikeMoments.compute(DescriptorTestShapes.transformed(DescriptorTestShapes.letterL(), DihedralSymmetry(rawValue: 1)))
        #expect(zip(l, mirrored).allSatisfy { abs($0 - $1) < 1e-3 })
    }
}

@Suite("Contour Fourier descriptors")
struct DescriptorContourTests {
    @Test("a disc's outline is a circle: only the first harmonic")
    func disc() {
        let c = ContourFourier.compute(DescriptorTestShapes.disc())
        #expect(c.count == 23)
        #expect(c.allSatisfy { $0 < 0.03 })
    }

    @Test("a square's outline has harmonics 1, −3, 5 … with |F(k)| / |F(1)| = 1 / k² (by hand: 1/9, 1/25)")
    func square() {
        let c = ContourFourier.compute(DescriptorTestShapes.square(size: 64, side: 40))
        let minusThree = 11 + 2, five = 5 - 2, two = 0
        #expect(abs(c[minusThree] - 1.0 / 9) < 0.01)
        #expect(abs(c[five] - 1.0 / 25) < 0.01)
        #expect(c[two] < 0.01)
    }

    @Test("turning a square by 45°, mirroring or moving the start point leave the descriptor nearly unchanged")
    func invariance() {
        let square = ContourFourier.compute(DescriptorTestShapes.square(size: 64, side: 32))
        let turned = ContourFourier.compute(DescriptorTestShapes.rotatedSquare(size: 64, side: 32, degrees: 45))
        #expect(ContourFourier.similarity(square, turned) > 0.8)
        let l = ContourFourier.compute(DescriptorTestShapes.letterL())
        for raw in 1..<8 {
            let other = ContourFourier.compute(DescriptorTestShapes.transformed(DescriptorTestShapes.letterL(), DihedralSymmetry(rawValue: raw)))
            #expect(ContourFourier.similarity(l, other) > 0.95)
        }
        #expect(ContourFourier.similarity(l, square) < 0.7)
    }
}

@Suite("Perceptual hash")
struct DescriptorHashTests {
    static func pattern(_ x: Int, _ y: Int) -> Float { Float((x * 7 + y * 13 + (x * y) % 5) % 23 * 11) / 255 }

    @Test("the hash equals imagehash.phash of the same 32×32 grey image (c82db9035e21fc3d; mirrored 9d78ec560b74a968)")
    func imagehash() {
        let mark = DescriptorTestShapes.grey(size: 32, Self.pattern)
        #expect(PerceptualHash.compute(mark) == 0xc82d_b903_5e21_fc3d)
        let mirrored = DescriptorTestShapes.grey(size: 32) { x, y in Self.pattern(31 - x, y) }
        #expect(PerceptualHash.compute(mirrored) == 0x9d78_ec56_0b74_a968)
    }

    @Test("each pose's hash is the hash of the turned or mirrored image", arguments: 0..<8)
    func variants(raw: Int) {
        let mark = DescriptorTestShapes.letterL()
        let symmetry = DihedralSymmetry(rawValue: raw)
        let variants = PerceptualHash.computeVariants(mark)
        #expect(PerceptualHash.distance(variants[raw], PerceptualHash.compute(DescriptorTestShapes.transformed(mark, symmetry))) <= 2)
    }

    @Test("Hamming distance: 0 to itself, small to the same L moved by a pixel, large to a square")
    func distances() {
        let l = PerceptualHash.compute(DescriptorTestShapes.letterL())
        #expect(PerceptualHash.distance(l, l) == 0)
        let moved = DescriptorTestShapes.mark(size: 64) { x, y in
            (x >= 17 && x <= 27 && y >= 10 && y <= 54) || (x >= 17 && x <= 47 && y >= 44 && y <= 54)
        }
        #expect(PerceptualHash.distance(l, PerceptualHash.compute(moved)) <= 6)
        #expect(PerceptualHash.distance(l, PerceptualHash.compute(DescriptorTestShapes.square())) >= 16)
    }
}

@Suite("Image signature")
struct DescriptorSignatureTests {
    @Test("encodes and decodes to the same signature; a truncated, empty or other-version encoding is refused")
    func encoding() throws {
        let signature = ImageSignature(DescriptorTestShapes.letterL())
        let bytes = signature.encoded()
        #expect(bytes[0] == ImageSignature.encodingVersion)
        #expect(try ImageSignature(encoded: bytes) == signature)
        #expect(throws: IPAIError.self) { try ImageSignature(encoded: Array(bytes.dropLast(3))) }
        #expect(throws: IPAIError.self) { try ImageSignature(encoded: []) }
        var other = bytes
        other[0] = 99
        #expect(throws: IPAIError.self) { try ImageSignature(encoded: other) }
    }

    @Test("a query matches its own mark on every descriptor, and a mirrored and turned copy on HOG and hash too")
    func querySimilarities() {
        let mark = DescriptorTestShapes.letterL()
        let signature = ImageSignature(mark)
        let itself = QuerySignature(mark).similarities(to: signature)
        #expect(itself.hog > 0.999 && itself.zernike > 0.999 && itself.contour > 0.999 && itself.colour > 0.999 && itself.hash == 1)
        let turned = QuerySignature(DescriptorTestShapes.transformed(mark, DihedralSymmetry(rawValue: 5))).similarities(to: signature)
        #expect(turned.hog > 0.99 && turned.zernike > 0.99 && turned.contour > 0.95 && turned.hash > 0.95)
        let square = QuerySignature(DescriptorTestShapes.square()).similarities(to: signature)
        #expect(square.hog < turned.hog && square.zernike < turned.zernike)
    }

    @Test("a black-and-white query is recognised as achromatic, a red one is not")
    func achromatic() {
        #expect(QuerySignature(DescriptorTestShapes.square()).isAchromatic)
        #expect(!QuerySignature(DescriptorTestShapes.square(colour: RGBA(255, 0, 0))).isAchromatic)
    }
}
