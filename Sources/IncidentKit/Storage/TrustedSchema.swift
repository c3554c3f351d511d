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
        0x014401F14E6F8E46, 0x0321DA3B14866346, 0x05F960F4650BC601, 0x06E4F8899928C2C3,
        0x08DE346DE7303465, 0x0A12D2CF55B42CE1, 0x13FEE68FC0B54FA8, 0x214972A3D7E87D87,
        0x307E7D20982AFD2E, 0x37DA3CD904D8C537, 0x397106C5A58719B6, 0x3D7CD08CA13479AD,
        0x4208C82D140A33F3, 0x42E962A76DB08F72, 0x4870D33794D02F8B, 0x48CCAB8AA4C1AFCC,
        0x4D63CA17BFDD426C, 0x5634DB0418EF8D74, 0x600C62C08FBC37E5, 0x6059712989D20CA5,
        0x624B3C86AFE649D3, 0x6376D1971472BC4D, 0x6508BCC114E0B60B, 0x6538DF349A065516,
        0x6B5F6F402896916D, 0x7082ECBD2E8368D9, 0x8544D33938CDA867, 0x8781B2522364E3FF,
        0x88C1D2C7724B8E32, 0x94F627316B7F5AE9, 0x9B7075DACF50CB02, 0x9BF09F7EDBBBFD70,
        0xA3A082EC6BDDCD8C, 0xBA1ECF7856C274C1, 0xBACD18F1FF7F4787, 0xC262D7B80690D79D,
        0xC2DFE62AD6A89FD8, 0xC3582713850B5077, 0xC3B596AE0244F505, 0xC9262E8D1189F0A5,
        0xCDF929337D24DB79, 0xD00E52FE39736CCA, 0xD82840B7FB40857B, 0xDFEDF6E0C8C571B4,
        0xE5C6D4356D5FA6A3, 0xE756A96E2B102541, 0xE9415DC2FEF7BE6E, 0xF310E583E5587D7B,
        0xF38C6A4B59067972, 0xFA7197D11614BFFA, 0xFCF34434CDE5E918, 0xFD4E56EB48926D12,
    ]

    /// FNV-1a over the object's type, name and SQL text, each followed by a unit separator (0x1F).
    static func fingerprint(type: String, name: String, sql: String) -> UInt64 {
        hash("\(type)\u{1F}\(name)\u{1F}\(sql)\u{1F}")
    }

    /// "trigger NAME" for each trigger and view of `db` this tool did not create. Read on every open: each object comes
    /// as one text (fields separated by 0x1F, through the same fetch the schema check already uses) and is hashed as read.
    static func foreignCode(_ db: Database) throws -> [String] {
        var foreign: [String] = []
        for object in try String.fetchAll(db, sql: """
            SELECT type || char(31) || name || char(31) || sql || char(31) FROM sqlite_master WHERE type IN ('trigger', 'view')
            """) {
            if !fingerprints.contains(hash(object)) {
                foreign.append(object.split(separator: "\u{1F}", maxSplits: 2).prefix(2).joined(separator: " "))
            }
        }
        return foreign
    }

    private static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
