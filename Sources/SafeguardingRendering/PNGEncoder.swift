import Foundation

/// Writes a picture as a PNG file: 8-bit RGB, no interlacing, with a resolution (pHYs) that
/// gives it the SVG's size at 96 pixels per inch, one IDAT chunk and a zlib stream.
///
/// The deflate stream uses the fixed Huffman code, with matches one byte, one pixel or one row
/// back. That is all a chart needs: white space, flat bars and repeated rows become long runs,
/// and a 1440 × 600 chart comes to about 50 KB rather than 2.6 MB. (The .docx archive compresses
/// again.) Stored blocks, which copy the bytes as they are, remain as the simplest possible
/// stream, for tests to compare against.
enum PNGEncoder {
    enum Compression { case fixedHuffman, stored }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// - Parameter pixelsPerUnit: pixels per SVG unit (CSS pixel), for the resolution chunk.
    static func png(_ image: RGBImage, pixelsPerUnit: Double = 1, compression: Compression = .fixedHuffman) -> Data {
        var out = signature
        chunk("IHDR", bigEndian(UInt32(image.width)) + bigEndian(UInt32(image.height)) + [8, 2, 0, 0, 0], into: &out)
        let perMetre = bigEndian(UInt32((96 * pixelsPerUnit / 0.0254).rounded()))
        chunk("pHYs", perMetre + perMetre + [1], into: &out)
        let rows = scanlines(image)
        chunk("IDAT", zlib(rows, compression: compression, rowLength: image.width * 3 + 1), into: &out)
        chunk("IEND", [], into: &out)
        return Data(out)
    }

    static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        out += bigEndian(UInt32(data.count))
        let start = out.count
        out += Array(type.utf8) + data
        out += bigEndian(out[start...].withUnsafeBufferPointer { crc32($0) })
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// Each row behind its filter-type byte, 0: unfiltered. (Filtering by Sub or Up made the
    /// charts' files larger under the matcher below, and took longer.)
    static func scanlines(_ image: RGBImage) -> [UInt8] {
        let stride = image.width * 3
        var out: [UInt8] = []
        out.reserveCapacity(image.height * (stride + 1))
        for y in 0..<image.height {
            out.append(0)
            out.append(contentsOf: image.pixels[(y * stride)..<((y + 1) * stride)])
        }
        return out
    }

    // MARK: - zlib and deflate

    static func zlib(_ data: [UInt8], compression: Compression, rowLength: Int) -> [UInt8] {
        // CMF: deflate with a 32 KB window; FLG: no dictionary, and the check bits.
        var out: [UInt8] = [0x78, 0x01]
        switch compression {
        case .stored: out += stored(data)
        case .fixedHuffman: out += fixedHuffman(data, distances: [1, 3, rowLength])
        }
        out += bigEndian(data.withUnsafeBufferPointer { adler32($0) })
        return out
    }

    /// Stored blocks of at most 65,535 bytes, the last one marked final.
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 65_535 * 5 + 5)
        var start = 0
        repeat {
            let count = min(65_535, data.count - start)
            let last = start + count == data.count
            // BFINAL and BTYPE 00, padded to a byte; then LEN and its complement, little-endian.
            out += [last ? 1 : 0, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[start..<(start + count)]
            start += count
        } while start < data.count
        return out
    }

    /// One block in the fixed Huffman code. At each byte the longest match at one of
    /// `distances` back is taken if it is three bytes or more; otherwise the byte is a literal.
    static func fixedHuffman(_ data: [UInt8], distances: [Int]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        let usable = distances.filter { $0 >= 1 && $0 <= 32_768 }
        // Distance codes are five bits in the fixed code, written like Huffman codes.
        let distanceCodes = usable.map { distance in
            let (code, extraBits, extra) = distanceCode(distance)
            return (reversed(UInt32(code), count: 5), extraBits, extra)
        }
        data.withUnsafeBufferPointer { buffer in
            guard let data = buffer.baseAddress else { return }
            let count = buffer.count
            var i = 0
            while i < count {
                var bestLength = 0, best = 0
                let longest = min(258, count - i)
                for (k, distance) in usable.enumerated() where distance <= i {
                    // Runs of white and repeated rows match in full: compare them in one call.
                    if memcmp(data + i, data + i - distance, longest) == 0 {
                        (bestLength, best) = (longest, k)
                        break
                    }
                    var length = 0
                    while data[i + length] == data[i + length - distance] { length += 1 }
                    if length > bestLength { (bestLength, best) = (length, k) }
                }
                if bestLength >= 3 {
                    let (symbol, extraBits, extra) = lengthCodes[bestLength]
                    bits.writeSymbol(symbol)
                    bits.write(UInt32(extra), count: extraBits)
                    let (code, distanceExtraBits, distanceExtra) = distanceCodes[best]
                    bits.write(code, count: 5)
                    bits.write(UInt32(distanceExtra), count: distanceExtraBits)
                    i += bestLength
                } else {
                    bits.writeSymbol(Int(data[i]))
                    i += 1
                }
            }
        }
        bits.writeSymbol(256)  // end of block
        return bits.finish()
    }

    static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// For each match length 3…258: its symbol (257…285), extra bit count and extra value.
    static let lengthCodes: [(symbol: Int, extraBits: Int, extra: Int)] = (0...258).map { length in
        guard length >= 3 else { return (0, 0, 0) }
        let code = lengthBases.lastIndex { $0 <= length } ?? 0
        return (257 + code, lengthExtraBits[code], length - lengthBases[code])
    }

    static func distanceCode(_ distance: Int) -> (code: Int, extraBits: Int, extra: Int) {
        let code = distanceBases.lastIndex { $0 <= distance } ?? 0
        return (code, distanceExtraBits[code], distance - distanceBases[code])
    }

    static func reversed(_ code: UInt32, count: Int) -> UInt32 {
        var out: UInt32 = 0
        for bit in 0..<count where code & (1 << bit) != 0 { out |= 1 << (count - 1 - bit) }
        return out
    }

    /// Packs bits least significant first, as deflate does; Huffman codes go in reversed.
    struct BitWriter {
        private var bytes: [UInt8] = []
        private var buffer: UInt64 = 0
        private var filled = 0

        mutating func write(_ value: UInt32, count: Int) {
            guard count > 0 else { return }
            buffer |= UInt64(value) << UInt64(filled)
            filled += count
            while filled >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                filled -= 8
            }
        }

        /// A literal/length symbol in the fixed code (RFC 1951, 3.2.6).
        mutating func writeSymbol(_ symbol: Int) {
            write(PNGEncoder.fixedCodes[symbol], count: PNGEncoder.fixedLengths[symbol])
        }

        mutating func finish() -> [UInt8] {
            if filled > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
            buffer = 0
            filled = 0
            return bytes
        }
    }

    /// The fixed code's bit lengths and codes (already reversed for writing) for symbols 0…287.
    static let fixedLengths: [Int] = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }
    static let fixedCodes: [UInt32] = (0..<288).map { symbol in
        let (code, count): (Int, Int) = switch symbol {
        case ..<144: (0x30 + symbol, 8)
        case ..<256: (0x190 + symbol - 144, 9)
        case ..<280: (symbol - 256, 7)
        default: (0xC0 + symbol - 280, 8)
        }
        return reversed(UInt32(code), count: count)
    }

    // MARK: - Checksums

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        crcTable.withUnsafeBufferPointer { table in
            var c: UInt32 = 0xFFFF_FFFF
            for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
            return c ^ 0xFFFF_FFFF
        }
    }

    static func adler32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var start = 0
        // 5,552 bytes is the most that can be summed before b could overflow 32 bits.
        while start < bytes.count {
            let end = min(start + 5552, bytes.count)
            for i in start..<end {
                a += UInt32(bytes[i])
                b += a
            }
            a %= 65_521
            b %= 65_521
            start = end
        }
        return b << 16 | a
    }
}
