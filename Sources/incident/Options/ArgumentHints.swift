import ArgumentParser
import IncidentKit

/// Turns argument-parser's messages for the slips people make into advice: the command or value they probably
/// meant (by edit distance), and "quote it" for text typed as several words. Runs only after parsing failed.
enum ArgumentHints {
    /// `message` (one sentence, as `IncidentCommand.sentence` made it), improved where the arguments show the slip.
    static func improve(_ message: String, arguments: [String]) -> String {
        if let unknown = unknownCommand(arguments) { return unknown }
        if message.contains("separate words; quote it"), let hint = optionWords(arguments) { return hint }
        if message.contains("is invalid for"), let suggestion = suggestedValue(message) {
            return message + " Did you mean '\(suggestion)'?"
        }
        if message.lowercased().contains("unexpected argument"), let hint = quoteHint(message, arguments: arguments) {
            return hint
        }
        return message
    }

    /// "Unknown command 'timline'. Did you mean 'timeline'?" when a word where a subcommand belongs names none.
    static func unknownCommand(_ arguments: [String]) -> String? {
        let (names, command, used) = IncidentCommand.deepestCommand(arguments[...])
        let subcommands = command.configuration.subcommands
        guard !subcommands.isEmpty, used < arguments.count else { return nil }
        let word = arguments[used]
        guard !word.hasPrefix("-") else { return nil }
        let known = subcommands.flatMap { [$0.configuration.commandName ?? ""] + $0.configuration.aliases }
        let where_ = names.joined(separator: " ")
        let guess = Suggestion.closest(to: word, among: known).map { " Did you mean '\($0)'?" } ?? ""
        return "Unknown command '\(word)' for '\(where_)'.\(guess)"
    }

    /// The allowed value nearest the one given, from "The value 'x' is invalid for '--kind <kind>'. Please provide
    /// one of 'a', 'b' or 'c'." (values quoted or not).
    static func suggestedValue(_ message: String) -> String? {
        guard let start = message.range(of: "The value '"),
              let end = message[start.upperBound...].range(of: "' is invalid"),
              let list = message.range(of: "one of ", range: end.upperBound..<message.endIndex) else { return nil }
        let typed = String(message[start.upperBound..<end.lowerBound])
        var values = String(message[list.upperBound...])
        if values.hasSuffix(".") { values.removeLast() }
        let candidates = values.replacingOccurrences(of: " or ", with: ", ").replacingOccurrences(of: " and ", with: ", ")
            .split(separator: ",").map { $0.trimmingSpaces().trimmingCharacters(in: ["'"]) }
        return Suggestion.closest(to: typed, among: candidates)
    }

    /// For text refused as several words: the words that followed an option's value (`--note pool scaled up`), which a
    /// positional list took in, are that value's rest; nil when no option's value is followed by them.
    static func optionWords(_ arguments: [String]) -> String? {
        let (names, _, used) = IncidentCommand.deepestCommand(arguments[...])
        var index = used
        while index + 2 < arguments.count {
            let option = arguments[index]
            let tail = arguments[(index + 2)...].prefix { !$0.hasPrefix("-") }
            if option.hasPrefix("--"), !option.contains("="), !arguments[index + 1].hasPrefix("-"), !tail.isEmpty,
               takesValue(option, names: Array(names.dropFirst())) {
                let joined = ([arguments[index + 1]] + tail).joined(separator: " ")
                return "The value of \(option) was given as \(tail.count + 1) separate words; quote it: \(option) \"\(joined)\"."
            }
            index += 1
        }
        return nil
    }

    /// Whether `option` of the command `names` takes a value: alone at the end it then lacks one.
    private static func takesValue(_ option: String, names: [String]) -> Bool {
        do {
            _ = try IncidentCommand.parseAsRoot(names + [option])
            return false
        } catch {
            return IncidentCommand.message(for: error).contains("Missing value")
        }
    }

    /// "The --note was given as 3 separate words; quote it: --note "pool scaled up"." when joining the words that
    /// followed an option's value into it makes the command line parse.
    static func quoteHint(_ message: String, arguments: [String]) -> String? {
        let extra = message.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        guard !extra.isEmpty else { return nil }
        for start in 1..<max(1, arguments.count) where Array(arguments.dropFirst(start).prefix(extra.count)) == extra {
            let valueIndex = start - 1
            let value = arguments[valueIndex]
            let option: String
            let typed: String
            if value.hasPrefix("--"), let equals = value.firstIndex(of: "=") {
                option = String(value[..<equals])
                typed = String(value[value.index(after: equals)...])
            } else if valueIndex >= 1, arguments[valueIndex - 1].hasPrefix("--"), !value.hasPrefix("-") {
                option = arguments[valueIndex - 1]
                typed = value
            } else {
                continue
            }
            let joined = ([typed] + extra).joined(separator: " ")
            var repaired = arguments
            repaired.replaceSubrange(valueIndex..<(start + extra.count), with: [option + "=" + joined])
            guard (try? IncidentCommand.parseAsRoot(repaired)) != nil else { continue }
            return "The value of \(option) was given as \(extra.count + 1) separate words; quote it: \(option) \"\(joined)\"."
        }
        return nil
    }
}
