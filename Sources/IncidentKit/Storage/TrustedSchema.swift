import GRDB

/// The triggers and views this tool's migrations create, known by fingerprint, so that a database file handed over
/// by someone else can't run their SQL: a trigger fires on ordinary writes (and on the migration of an older file),
/// a view on reads. A file holding any other trigger or view is refused before anything runs; `incident doctor`
/// names them.
enum TrustedSchema {
    /// Fingerprints of every trigger and view that any migration up to the newest creates. A test migrates a
    /// database step by step and compares, so a changed migration can't slip past this list.
    static let fingerprints: Set<UInt64> = [
        0x0F3C245CF59FD41A, 0x15FF1F473980E87D, 0x1C081067A1880DF9, 0x28B7258AAEDC380D,
        0x2A3D5F940574E48F, 0x31A5896C4D77A523, 0x34909E31AA3F8322, 0x3EE979F6D4C689DA,
        0x40CFD59AF36D78D5, 0x4412EB248A1D25FE, 0x4414D51CFC1491A7, 0x48DBEA2A9670958C,
        0x4D735F268E9D0452, 0x556CA7BC40A0834D, 0x56226BEC76269259, 0x5B34C1A1ADB3BF9E,
        0x5CB8576105624020, 0x5EBB4668AD62D756, 0x64ADE55942C399D3, 0x6765B0FC82E6A1A7,
        0x6E6F5BEE09FD9734, 0x759ADA5AA91F3E89, 0x7ACEE5E346321DEF, 0x7DFD21EED22BAEB3,
        0x7F09927BDDCE6B98, 0x849A47396D4630DC, 0x8BE35A66C9707273, 0x8C643AC944BAC794,
        0x8CD773569C4A3E8E, 0x9365A7CE5907FA2F, 0xA3AE7014AD61E8AA, 0xA5C9D7B237703D6E,
        0xA6C3AA5EC7CBAA7C, 0xAE1ECF4C019FEED2, 0xAE570C2AD6307101, 0xB057B46DCC81C90E,
        0xB505C3A825B2F516, 0xB7B17AB10D615320, 0xBD1C0305D0B38A2C, 0xCAB6B3EBC31CE839,
        0xD58D8E7A85E894C2, 0xD636702C073CB91E, 0xD7EB813AA5A96DA1, 0xD8C9131EE68724CE,
        0xDA3EDCCCF9FCF182, 0xE65B9FFE7345B323, 0xE86B05603F9B96F2, 0xEB152629B1A209D0,
        0xEDD994A9CDC00207,
    ]

    /// FNV-1a over the object's type, name and SQL text.
    static func fingerprint(type: String, name: String, sql: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in type.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        hash = (hash ^ 0) &* 0x100_0000_01B3
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        hash = (hash ^ 0) &* 0x100_0000_01B3
        for byte in sql.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    /// "trigger NAME" for each trigger and view of `db` this tool did not create.
    static func foreignCode(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')").compactMap { row in
            let type: String = row[0], name: String = row[1], sql: String = row[2] ?? ""
            return fingerprints.contains(fingerprint(type: type, name: name, sql: sql)) ? nil : "\(type) \(name)"
        }
    }
}
