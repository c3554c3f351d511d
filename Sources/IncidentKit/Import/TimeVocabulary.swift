import Foundation

/// The words people write around dates and times in timelines, by language and convention. The reader
/// (`WrittenTime`) only walks these tables: a new language or marker is a row here, not a new branch there.
enum TimeVocabulary {
    /// Month names and their usual abbreviations, lowercased, in English, French, German and Spanish.
    static let months: [String: Int] = {
        let names: [[String]] = [
            ["january", "jan", "janvier", "janv", "januar", "jän", "enero", "ene"],
            ["february", "feb", "février", "fevrier", "févr", "fevr", "fév", "februar", "febrero"],
            ["march", "mar", "mars", "märz", "marz", "marzo"],
            ["april", "apr", "avril", "avr", "abril", "abr"],
            ["may", "mai", "mayo"],
            ["june", "jun", "juin", "juni", "junio"],
            ["july", "jul", "juillet", "juil", "juli", "julio"],
            ["august", "aug", "août", "aout", "agosto", "ago"],
            ["september", "sep", "sept", "septembre", "septiembre"],
            ["october", "oct", "octobre", "oktober", "okt", "octubre"],
            ["november", "nov", "novembre", "noviembre"],
            ["december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre", "dic"],
        ]
        var table: [String: Int] = [:]
        for (index, row) in names.enumerated() { for name in row { table[name] = index + 1 } }
        return table
    }()

    /// Day suffixes after a day number: `17th`, `1er`, `3.` (German).
    static let daySuffixes = ["st", "nd", "rd", "th", "er", "."]

    /// Words between a date and its time: `04.01.2022 at 10:59`, `le 3 mars à 14h`.
    static let dateTimeJoiners = ["at", "à", "a las", "um", "の"]

    /// Before a clock time: morning or afternoon (`午後3時`).
    static let meridiemPrefixes: [String: Bool] = ["午前": false, "午後": true]

    /// After a clock time: `4PM`, `2:54 p.m.` (true is afternoon).
    static let meridiemSuffixes: [String: Bool] = ["am": false, "a.m.": false, "pm": true, "p.m.": true]

    /// An hour written as a word with its minutes after it: `23時15分`, `23h15` (hour marker, minute marker).
    static let hourMarkers: [(hour: String, minute: String?)] = [("時", "分"), ("h", nil), ("H", nil)]

    /// "Half past" after an hour marker: `3時半`.
    static let halfHour = ["半"]

    /// Marks of an approximate time, before it (`~14:30`, `約10時`) or after it (`23:15頃`).
    static let approximatePrefixes = ["~", "約", "ca.", "approx.", "approximately", "around", "vers", "gegen"]
    static let approximateSuffixes = ["頃", "ごろ", "前後", "ish"]

    /// A time on the day after the timeline's date: `翌 00:00`, `翌日 0時`, `(+1) 00:10`, `next day 00:10`.
    static let nextDayMarkers = ["翌日", "翌", "(+1)", "+1d", "next day", "le lendemain", "lendemain"]

    /// What joins the start of a range to its end (`23:15-30`, `10:00〜11:00`, `10:00 to 11:00`); the entry is at the start.
    /// Spaced joiners need a whole clock time after them, so `10:00 - 11 servers down` stays text.
    static let rangeJoiners = ["〜", "～", "~", "–", "—", "-"]
    static let spacedRangeJoiners = ["to", "until", "bis", "à", "から"]
    /// After the end of a range: `10時〜11時まで`.
    static let rangeEnds = ["まで"]

    /// What joins a time to the same time in another zone: `10:00 UTC / 19:00 JST`, `10:00 UTC (03:00 PDT)`.
    static let pairOpeners = ["/", "(", "（"]

    /// Zones named in words after a time or in a statement ("4PM Pacific", "all times Eastern").
    static let zoneWords: [String: String] = [
        "pacific": "America/Los_Angeles", "pacific time": "America/Los_Angeles",
        "eastern": "America/New_York", "eastern time": "America/New_York",
        "central": "America/Chicago", "central time": "America/Chicago",
        "mountain": "America/Denver", "mountain time": "America/Denver",
        "日本時間": "Asia/Tokyo", "heure de paris": "Europe/Paris",
    ]

    /// Labels that may lead a timed line and stay in its text: `EDIT 04.01.2022 at 10:59 UTC: …`.
    static let leadLabels = ["edit", "update", "updated", "resolved", "mise à jour", "追記"]

    /// Headings that name a timeline section, in the languages the corpus has met.
    static let timelineHeadings = [
        "timeline", "chronology", "sequence of events", "time line", "chronologie", "déroulé", "deroule",
        "タイムライン", "時系列", "経緯", "zeitleiste", "zeitablauf", "ablauf", "cronología", "cronologia", "línea de tiempo",
    ]

    /// Whether a (lowercased) heading names a timeline section. Asked for every heading of a document, so it
    /// compares bytes (`containsLiterally`): Foundation's `contains` copies each string to UTF-16.
    static func namesTimeline(_ heading: String) -> Bool {
        timelineHeadings.contains { heading.containsLiterally($0) }
    }

    /// Field names that state the incident's date once: `Date: 2019-07-02`, `発生日時: 2024年5月23日`.
    static let dateKeys: Set<String> = [
        "date", "date/time", "last modified", "incident date", "started", "created", "發生日時", "発生日時", "発生日", "日時",
        "日付", "date de l'incident", "datum",
    ]
}
