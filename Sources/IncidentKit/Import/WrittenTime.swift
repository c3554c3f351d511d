import Foundation

/// Reads a date and time as people write them at the start of a timeline line, in any convention
/// `TimeVocabulary` lists: `2019-07-02 10:34`, `[11:02]`, `**~14:30** -`, `2:54 PM PST:`, `4PM Pacific`,
/// `Dec 17th **21:43**`, `EDIT 04.01.2022 at 10:59 UTC`, `午後3時`, `23時15分`, `23:15頃`, `翌 00:00`,
/// `23:15-30` and `10:00〜11:00` (the start), `10:00 UTC / 19:00 JST` (the first).
///
/// A cursor over the line: each step takes what a table allows and leaves the rest; a step that finds nothing
/// moves nothing, so the order of the steps is the only grammar.
struct WrittenTime {
    private var rest: Substring

    private init(_ text: Substring) { rest = text }

    /// The time at the start of `text`, or nil; a date without a year takes `year` (the document's).
    static func leading(_ text: String, year: Int?) -> TimelineContext.Stamp? {
        var reader = WrittenTime(Substring(text))
        return reader.stamp(year: year)
    }

    /// A line that starts with a date and no clock time, then text (`2025-09-15: Rollback complete`,
    /// `**Feb 05, 2021:** Disclosure`): a stamp at the start of that day, marked as having no time; nil otherwise.
    static func leadingDay(_ text: String, year: Int?) -> TimelineContext.Stamp? {
        var reader = WrittenTime(Substring(text))
        reader.skip(" \t*_[(")
        guard let day = reader.date(year: year) else { return nil }
        reader.skip(" ,*_])")
        var probe = reader
        guard probe.clock() == nil else { return nil }
        while let first = reader.rest.first, "-–—:|：".contains(first) { reader.rest = reader.rest.dropFirst() }
        reader.skip(" \t*_")
        let rest = String(reader.rest).trimmingSpaces()
        guard !rest.isEmpty else { return nil }
        return TimelineContext.Stamp(day: day, hour: 0, minute: 0, zone: nil, rest: rest, isDateOnly: true)
    }

    /// The first date with a year anywhere in `text`: `2019-05-30`, `May 30th, 2019`, `30 mai 2019`, `2019年5月30日`,
    /// `30.05.2019`.
    static func date(in text: String) -> (Int, Int, Int)? {
        // Every convention this reads writes the year in four digits: most lines have no such run, and walking them
        // Character by Character was most of reading a document's context.
        guard hasFourDigitRun(text) else { return nil }
        var index = text.startIndex
        while index < text.endIndex {
            let starts = index == text.startIndex || !(text[text.index(before: index)].isLetter || text[text.index(before: index)].isNumber)
            if starts, text[index].isLetter || text[index].isNumber {
                var reader = WrittenTime(text[index...])
                if let day = reader.date(year: nil) { return day }
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func hasFourDigitRun(_ text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            run = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }

    /// A line that is only a date (a date heading or a bare date paragraph), in any convention with a year, or
    /// with `year` (the document's) one without (`11/25`, `Dec 17th`).
    static func dateOnly(_ text: String, year: Int? = nil) -> (Int, Int, Int)? {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " *_#:"))
        var reader = WrittenTime(Substring(trimmed))
        guard let day = reader.date(year: year) else { return nil }
        reader.skip(" ,")
        return reader.rest.isEmpty ? day : nil
    }

    // MARK: - The steps

    private mutating func stamp(year: Int?) -> TimelineContext.Stamp? {
        skip(" \t")
        var label: String?
        if let word = take(WordList.leadLabels, wholeWord: true) {
            label = word
            skip(" :")
        }
        var nextDay = take(WordList.nextDayMarkers, wholeWord: true) != nil
        skip(" \t*_[(")
        if !nextDay { nextDay = take(WordList.nextDayMarkers, wholeWord: true) != nil }
        skip(" \t*_[(")
        var day: (Int, Int, Int)?
        let beforeDate = rest
        if let found = date(year: year) {
            day = found
            if rest.first == "T", rest.dropFirst().first?.isNumber == true { rest = rest.dropFirst() }
            skip(" ,*_")
            if take(WordList.dateTimeJoiners, wholeWord: true) != nil { skip(" ") }
            skip(" *_[(")
        } else {
            rest = beforeDate
            // A month name without a year and no year to lend it: not a time this reader can place.
            if monthNameAhead { return nil }
        }
        guard let clock = clock() else { return nil }
        skip("*_")
        // `2019-02-05T08:47-08:00` is an offset; `10:00-11:00` without a date is a range.
        var zone = self.zone(attachedOffset: day != nil)
        skipRangeEnd(clockHadMinutes: clock.hadMinutes)
        skipPairedTime()
        if zone == nil {
            // `10:00〜11:00 JST`: the zone after the range is the start's.
            zone = self.zone(attachedOffset: false)
        }
        skip(" \t*_])~")
        while let first = rest.first, "-–—:|：".contains(first) { rest = rest.dropFirst() }
        skip(" \t*_")
        var text = String(rest).trimmingSpaces()
        if let label { text = text.isEmpty ? label : label + ": " + text }
        return TimelineContext.Stamp(day: day, hour: clock.hour, minute: clock.minute, zone: zone, rest: text, nextDay: nextDay)
    }

    /// A date at the cursor in one of the written conventions; nil (cursor unmoved) if none.
    private mutating func date(year: Int?) -> (Int, Int, Int)? {
        let saved = rest
        let found = isoOrCJKDate(year: year) ?? restore(saved, then: { $0.dottedDate() })
            ?? restore(saved, then: { $0.monthFirstDate(year: year) }) ?? restore(saved, then: { $0.dayFirstDate(year: year) })
            ?? restore(saved, then: { $0.slashedMonthDay(year: year) })
        guard let found, (1...12).contains(found.1), (1...31).contains(found.2) else {
            rest = saved
            return nil
        }
        return found
    }

    private mutating func restore<T>(_ saved: Substring, then step: (inout WrittenTime) -> T?) -> T? {
        rest = saved
        return step(&self)
    }

    /// `2019-07-02`, `2019/07/02`, `2024年5月23日(木)`, `5月23日` (with `year`).
    private mutating func isoOrCJKDate(year: Int?) -> (Int, Int, Int)? {
        let saved = rest
        if let first = number(digits: 4, exactly: true) {
            if let separator = rest.first, separator == "-" || separator == "/" {
                rest = rest.dropFirst()
                guard let month = number(digits: 2), rest.first == separator else { rest = saved; return nil }
                rest = rest.dropFirst()
                guard let day = number(digits: 2), !(rest.first?.isNumber ?? false) else { rest = saved; return nil }
                return (first, month, day)
            }
            if takeSymbol("年"), let month = number(digits: 2), takeSymbol("月"),
               let day = number(digits: 2), takeSymbol("日") {
                skipWeekday()
                return (first, month, day)
            }
            rest = saved
            return nil
        }
        if let year, let month = number(digits: 2), takeSymbol("月"),
           let day = number(digits: 2), takeSymbol("日") {
            skipWeekday()
            return (year, month, day)
        }
        rest = saved
        return nil
    }

    /// `11/25` with the document's year: month first, as written in the US and Japan (a day first is written with
    /// dots, `25.11.`, or with the year). Never a fraction's `1/2`: the day must be followed by no more digits or `/`.
    private mutating func slashedMonthDay(year: Int?) -> (Int, Int, Int)? {
        guard let year, let month = number(digits: 2), takeSymbol("/"), let day = number(digits: 2),
              rest.first != "/" else { return nil }
        return (year, month, day)
    }

    /// `04.01.2022`: day, month, year.
    private mutating func dottedDate() -> (Int, Int, Int)? {
        guard let day = number(digits: 2), takeSymbol("."), let month = number(digits: 2),
              takeSymbol("."), let year = number(digits: 4), year >= 1000 else { return nil }
        return (year, month, day)
    }

    /// `Dec 17th`, `May 30th, 2019`, `February 8th 2019`.
    private mutating func monthFirstDate(year: Int?) -> (Int, Int, Int)? {
        guard let month = monthName() else { return nil }
        skip(" ")
        guard let day = number(digits: 2) else { return nil }
        _ = take(WordList.daySuffixes, wholeWord: false)
        let afterDay = rest
        skip(", ")
        if let written = number(digits: 4), written >= 1000, !clockAhead { return (written, month, day) }
        rest = afterDay
        return year.map { ($0, month, day) }
    }

    /// `17 décembre 2021`, `1er mars`, `3. März 2020`.
    private mutating func dayFirstDate(year: Int?) -> (Int, Int, Int)? {
        guard let day = number(digits: 2) else { return nil }
        _ = take(WordList.daySuffixes, wholeWord: false)
        guard rest.first == " " else { return nil }
        skip(" ")
        guard let month = monthName() else { return nil }
        let afterMonth = rest
        skip(", ")
        if let written = number(digits: 4), written >= 1000, !clockAhead { return (written, month, day) }
        rest = afterMonth
        return year.map { ($0, month, day) }
    }

    private mutating func monthName() -> Int? {
        let word = rest.prefix { $0.isLetter }
        guard let month = TimeVocabulary.months[word.lowercased()] else { return nil }
        rest = rest.dropFirst(word.count)
        if rest.first == "." { rest = rest.dropFirst() }
        return month
    }

    /// `:` and a digit: the number before was an hour (`Feb 21, 13:00`), not a year; `2021:` ending a label is a year.
    private var clockAhead: Bool {
        rest.first == ":" && rest.dropFirst().first?.isNumber == true
    }

    private var monthNameAhead: Bool {
        TimeVocabulary.months[rest.prefix { $0.isLetter }.lowercased()] != nil && rest.dropFirst(rest.prefix { $0.isLetter }.count).first == " "
    }

    private mutating func skipWeekday() {
        let saved = rest
        skip(" ")
        guard let open = rest.first, open == "(" || open == "（" else { rest = saved; return }
        let body = rest.dropFirst().prefix { $0 != ")" && $0 != "）" }
        guard body.count <= 3, rest.dropFirst(body.count + 1).first != nil else { rest = saved; return }
        rest = rest.dropFirst(body.count + 2)
    }

    /// `10:34`, `10:09:36`, `2:54 PM`, `4PM`, `23h15`, `23時15分`, `午後3時`, `3時半`, `~14:30`, `23:15頃`.
    private mutating func clock() -> (hour: Int, minute: Int, hadMinutes: Bool)? {
        let saved = rest
        if take(WordList.approximatePrefixes, wholeWord: false) != nil { skip(" ") }
        var afternoon: Bool?
        if let marker = take(WordList.meridiemPrefixes, wholeWord: false) {
            afternoon = TimeVocabulary.meridiemPrefixes[marker]
            skip(" ")
        }
        guard var hour = number(digits: 2) else { rest = saved; return nil }
        var minute: Int?
        if let colon = rest.first, colon == ":" || colon == "：" {
            rest = rest.dropFirst()
            guard let minutes = number(digits: 2, exactly: true) else { rest = saved; return nil }
            minute = minutes
            if rest.first == ":", let _ = rest.dropFirst().first.flatMap({ $0.isNumber ? $0 : nil }) {
                rest = rest.dropFirst()
                _ = number(digits: 2, exactly: true)
                if rest.first == ".", rest.dropFirst().first?.isNumber == true {
                    rest = rest.dropFirst()
                    rest = rest.drop { $0.isNumber }
                }
            }
        } else {
            for marker in TimeVocabulary.hourMarkers where rest.hasPrefix(marker.hour) {
                let afterHour = rest.dropFirst(marker.hour.count)
                var probe = WrittenTime(afterHour)
                if let minutes = probe.number(digits: 2) {
                    if let minuteMarker = marker.minute {
                        guard probe.takeSymbol(minuteMarker) else { continue }
                    } else if probe.rest.first?.isLetter == true {
                        continue
                    }
                    minute = minutes
                    rest = probe.rest
                } else if marker.minute != nil {
                    // `3時`, `3時半`: an hour marker that stands alone.
                    rest = afterHour
                    minute = probe.take(WordList.halfHour, wholeWord: false) != nil ? 30 : 0
                    if minute == 30 { rest = probe.rest }
                } else {
                    continue
                }
                break
            }
        }
        let beforeSuffix = rest
        skip(" ")
        if let marker = take(WordList.meridiemSuffixes, wholeWord: true) {
            afternoon = TimeVocabulary.meridiemSuffixes[marker.lowercased()]
        } else {
            rest = beforeSuffix
        }
        guard minute != nil || afternoon != nil else { rest = saved; return nil }
        if let afternoon {
            guard (1...12).contains(hour) else { rest = saved; return nil }
            hour = hour % 12 + (afternoon ? 12 : 0)
        }
        guard hour < 24, (minute ?? 0) < 60 else { rest = saved; return nil }
        _ = take(WordList.approximateSuffixes, wholeWord: false)
        return (hour, minute ?? 0, minute != nil)
    }

    /// A zone after the time: `UTC`, `(UTC)`, `PST/PDT`, `+02:00`, `GMT+2`, `Z`, `Pacific`; the cursor stays
    /// put when the next word is text (`10:00 API down`).
    private mutating func zone(attachedOffset: Bool) -> TimeZoneName? {
        let saved = rest
        if !attachedOffset, let first = rest.first, first == "-" || first == "+" { return nil }
        skip(" ")
        let parenthesised = rest.first == "(" || rest.first == "（"
        if parenthesised { rest = rest.dropFirst(); skip(" ") }
        var found: TimeZoneName?
        if let word = take(WordList.zoneWords, wholeWord: true),
           let identifier = TimeVocabulary.zoneWords[word.lowercased()], let zone = TimeZone(identifier: identifier) {
            found = .zone(zone)
        } else {
            var token = rest.prefix { $0.isLetter || $0.isNumber || "+-:/_".contains($0) }
            while let last = token.last, last == ":" || last == "-" { token = token.dropLast() }
            let plausible = token.first.map { $0.isUppercase || $0 == "+" || $0 == "-" } ?? false
                && (token.contains("/") || token.allSatisfy { !$0.isLetter || $0.isUppercase })
            if plausible, token.count <= 40, let zone = TimelineContext.zone(named: String(token)) {
                found = zone
                rest = rest.dropFirst(token.count)
            }
        }
        guard let found else { rest = saved; return nil }
        if parenthesised { skip(" "); if rest.first == ")" || rest.first == "）" { rest = rest.dropFirst() } }
        return found
    }

    /// `-30`, `-18:00`, `〜11:00`, ` to 11:00`, `〜11時まで`: the end of a range, dropped.
    private mutating func skipRangeEnd(clockHadMinutes: Bool) {
        let saved = rest
        var spaced = false
        if let joiner = take(WordList.rangeJoiners, wholeWord: false) {
            if joiner != "-" && joiner != "–" { skip(" ") }
        } else {
            skip(" ")
            let wide = rest.first.map { !$0.isASCII } ?? false
            guard take(WordList.spacedRangeJoiners, wholeWord: !wide) != nil || take(WordList.rangeJoiners, wholeWord: false) != nil
            else { rest = saved; return }
            spaced = true
            skip(" ")
        }
        let afterJoiner = rest
        if let end = clock(), end.hadMinutes || !spaced {
            _ = take(WordList.rangeEnds, wholeWord: false)
            return
        }
        // `23:15-30`: only the minutes of the end.
        rest = afterJoiner
        if clockHadMinutes, !spaced, let minutes = number(digits: 2, exactly: true), minutes < 60, !(rest.first?.isLetter ?? false),
           rest.first != ":" {
            return
        }
        rest = saved
    }

    /// `/ 19:00 JST`, `(03:00 PDT)`: the same instant in another zone, dropped.
    private mutating func skipPairedTime() {
        let saved = rest
        skip(" ")
        guard take(WordList.pairOpeners, wholeWord: false) != nil else { rest = saved; return }
        skip(" ")
        guard let clock = clock(), clock.hadMinutes, zone(attachedOffset: false) != nil else { rest = saved; return }
        skip(" ")
        if rest.first == ")" || rest.first == "）" { rest = rest.dropFirst() }
    }

    // MARK: - The cursor

    /// Drops the leading characters that are in `characters` (ASCII). Decided on bytes: an ASCII byte followed by
    /// another ASCII byte is a whole Character; only a run that ends before a byte ≥ 0x80 (which may be a combining
    /// mark on the last one) is checked Character by Character.
    private mutating func skip(_ characters: StaticString) {
        rest = characters.withUTF8Buffer { set in
            let view = rest.utf8
            var end = view.startIndex
            while end < view.endIndex, set.contains(view[end]) { end = view.index(after: end) }
            guard end != view.startIndex else { return rest }
            if end < view.endIndex, view[end] >= 0x80 {
                return rest.drop { $0.utf8.count == 1 && set.contains($0.utf8.first!) }
            }
            return rest[end...]
        }
    }

    /// Up to `digits` ASCII digits (exactly that many when `exactly`), not followed by another digit.
    private mutating func number(digits: Int, exactly: Bool = false) -> Int? {
        let view = rest.utf8
        var index = view.startIndex, value = 0, count = 0
        while index < view.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(view[index]) {
            count += 1
            guard count <= digits else { return nil }
            value = value * 10 + Int(view[index] - UInt8(ascii: "0"))
            index = view.index(after: index)
        }
        // A digit with a combining mark on it is not a digit; nor is a run that other digits (`٣`, `３`) continue.
        guard count > 0, !exactly || count == digits, index == view.endIndex || view[index] < 0x80 else {
            return index < view.endIndex && count > 0 && count <= digits ? slowNumber(digits: digits, exactly: exactly) : nil
        }
        rest = rest[index...]
        return value
    }

    private mutating func slowNumber(digits: Int, exactly: Bool) -> Int? {
        let run = rest.prefix { $0.isASCII && $0.isNumber }
        guard !run.isEmpty, run.count <= digits, !exactly || run.count == digits, let value = Int(run) else { return nil }
        rest = rest.dropFirst(run.count)
        return value
    }

    /// `symbol` (a mark with no case: `年`, `/`, `.`) at the cursor, taken off.
    private mutating func takeSymbol(_ symbol: String) -> Bool {
        guard rest.hasPrefix(symbol) else { return false }
        rest = rest.dropFirst(symbol.count)
        return true
    }

    /// The longest word of `list` that `rest` starts with (ignoring case), taken off `rest` as written.
    private mutating func take(_ list: WordList, wholeWord: Bool) -> String? {
        // Most calls find none of the words: the first scalar says so without lowercasing the line.
        guard let first = rest.unicodeScalars.first,
              list.firstScalars.contains(first) || (list.startsWithAccent && first.isASCII) else { return nil }
        let lower = rest.prefix(24).lowercased()
        for (word, count) in list.words where lower.hasPrefix(word) {
            let after = rest.dropFirst(count)
            // Only words in Latin letters end at a boundary: `翌00:00` is as good as `翌 00:00`.
            if wholeWord, let last = word.last, last.isLetter, last.isASCII || "àéèû".contains(last),
               let next = after.first, next.isLetter || next.isNumber { continue }
            let written = String(rest.prefix(count))
            rest = after
            return written
        }
        return nil
    }
}

/// A word list as `WrittenTime.take` reads it: each word lowercased, with its length as written, longest first (so
/// `p.m.` is tried before `pm`). The vocabulary's lists are prepared once, not on every call.
struct WordList {
    let words: [(lower: String, count: Int)]
    /// The scalars a word of the list can start with as written: each word's first scalar in either case.
    let firstScalars: Set<Unicode.Scalar>
    /// Whether a word starts with an accented Latin letter (`à`), which text may write decomposed (`a` and a
    /// combining accent; `hasPrefix` matches either): then any ASCII start may be one.
    let startsWithAccent: Bool

    init(_ words: some Collection<String>) {
        self.words = words.map { ($0.lowercased(), $0.count) }.sorted { $0.count > $1.count }
        firstScalars = Set(words.flatMap { word -> [Unicode.Scalar] in
            guard let first = word.first else { return [] }
            return [String(first).lowercased(), String(first).uppercased(), String(first)].compactMap(\.unicodeScalars.first)
        })
        startsWithAccent = words.contains { word in
            word.unicodeScalars.first.map { !$0.isASCII && $0.value < 0x250 } ?? false
        }
    }

    static let leadLabels = WordList(TimeVocabulary.leadLabels)
    static let nextDayMarkers = WordList(TimeVocabulary.nextDayMarkers)
    static let dateTimeJoiners = WordList(TimeVocabulary.dateTimeJoiners)
    static let daySuffixes = WordList(TimeVocabulary.daySuffixes)
    static let approximatePrefixes = WordList(TimeVocabulary.approximatePrefixes)
    static let approximateSuffixes = WordList(TimeVocabulary.approximateSuffixes)
    static let meridiemPrefixes = WordList(TimeVocabulary.meridiemPrefixes.keys)
    static let meridiemSuffixes = WordList(TimeVocabulary.meridiemSuffixes.keys)
    static let halfHour = WordList(TimeVocabulary.halfHour)
    static let zoneWords = WordList(TimeVocabulary.zoneWords.keys)
    static let rangeJoiners = WordList(TimeVocabulary.rangeJoiners)
    static let spacedRangeJoiners = WordList(TimeVocabulary.spacedRangeJoiners)
    static let rangeEnds = WordList(TimeVocabulary.rangeEnds)
    static let pairOpeners = WordList(TimeVocabulary.pairOpeners)
}
