import Foundation
import GRDB

/// The triggers and views this tool's migrations create, known by fingerprint, so that a database file handed over
/// by someone else can't run their SQL: a trigger fires on ordinary writes (and on the migration of an older file),
/// a view on reads. A file holding any other trigger or view is refused before anything runs; `incident doctor`
/// names them.
enum TrustedSchema {
    /// Fingerprints of every trigger and view that any migration up to the newest creates. A test migrates a
    /// database step by step and compares, so a changed migration can't slip past this list. (A plain array: a few
    /// dozen comparisons cost less than building a set on every run.)
    static let fingerprints: [UInt64] = [
        0x0A234EE1A113C8C4, 0x0B6CD7A720333E17, 0x16F9A8D8D656AC70, 0x23C50FA84A127969,
        0x2636F1D433B861EA, 0x26D0A4928088A2CA, 0x29C1D9177A2FBE1B, 0x2A24FB0D7F12B0B4,
        0x380F008454CE5756, 0x3B2DF78545A05EFD, 0x3B39B8D04C2E8DFA, 0x3E44725DA14E1CE4,
        0x40CF5BCF2039DA29, 0x491777FFC961207C, 0x4BC08CB80F167462, 0x5B0FF9DE9EF3E722,
        0x6E5AADC9F45004B3, 0x7DB652A1488E1DDD, 0x7E491026C2C2CED6, 0x8305E3F55E95682E,
        0x830FBBCCC38AAD3B, 0x83511D229D5E58DE, 0x83E69AD9BC603F60, 0x8971148C15617D36,
        0x8E9A37A77EE54893, 0x8EA0CB4BA30451EF, 0x913FF06449EBD2C6, 0x915BF29C8A1E98DB,
        0x9857E294AE4505D4, 0x986D64126DE4AEC5, 0x9C578A2B92284B4A, 0xA4D0697AF9E7ED5C,
        0xABAF8079E5C0D348, 0xAD44186B8D5C3D6E, 0xAE64A3BA286E997A, 0xB364005DDF6F6479,
        0xC3F7C74056F37EC5, 0xC81DDC318A34C5A6, 0xC82451E1D0BF1BD7, 0xC94B8D16AF878E9A,
        0xD3EDA607A24D9A79, 0xD5C2B24CC8CE5FE6, 0xD71689AC725E6189, 0xDFAE90304728DD1D,
        0xE16AA306B60B0C67, 0xE4D04B81B7A38A0A, 0xE8B9A3889D4371E5, 0xEF7C99DC25F2F660,
        0xF55F910D601742CB,
    ]

    /// FNV-1a over the object's type, name and SQL text, each followed by a zero byte.
    static func fingerprint(type: String, name: String, sql: String) -> UInt64 {
        var hash = basis
        for text in [type, name, sql] { hash = mix(text.utf8, into: hash) }
        return hash
    }

    /// "trigger NAME" for each trigger and view of `db` this tool did not create. Read on every open, so the text is
    /// hashed as SQLite hands it over, without making strings of it.
    static func foreignCode(_ db: Database) throws -> [String] {
        var foreign: [String] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')")
        while let row = try rows.next() {
            var hash = basis
            for column in 0..<3 { hash = mix(row.dataNoCopy(atIndex: column) ?? Data(), into: hash) }
            if !fingerprints.contains(hash) { foreign.append("\(row[0] as String) \(row[1] as String)") }
        }
        return foreign
    }

    private static let basis: UInt64 = 0xCBF2_9CE4_8422_2325

    private static func mix(_ bytes: some Sequence<UInt8>, into start: UInt64) -> UInt64 {
        var hash = start
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return (hash ^ 0) &* 0x100_0000_01B3
    }
}
