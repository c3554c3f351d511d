/// FNV-1a, 64 bits, of a text's UTF-8: stable across machines and releases (Swift's `hashValue` is seeded per
/// process), for change detection and for identities derived from words.
enum FNV1a {
    static func hash(_ text: String) -> UInt64 {
        var text = text
        // Over the bytes in place: iterating `utf8` goes through the String's index machinery for every byte.
        return text.withUTF8 { bytes in
            var value: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01b3
            }
            return value
        }
    }
}
