import ArgumentParser
import IncidentKit

/// The three kinds of lesson, as flags.
enum LessonFlag: String, EnumerableFlag {
    case wentWell, wentWrong, lucky

    var kind: LessonKind {
        switch self {
        case .wentWell: .wentWell
        case .wentWrong: .wentWrong
        case .lucky: .lucky
        }
    }

    static func help(for value: LessonFlag) -> ArgumentHelp? {
        switch value {
        case .wentWell: "Something that went well."
        case .wentWrong: "Something that went wrong."
        case .lucky: "Where we got lucky."
        }
    }
}

struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Record lessons learned for the postmortem.",
        subcommands: [Add.self, RemoveLesson.self]
    )

    struct Add: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a lesson: --went-well, --went-wrong or --lucky.",
            discussion: "Example: incident lesson add --went-wrong \"The bypass ended startup early\""
        )

        @OptionGroup var store: StoreOptions
        @Flag(help: "The kind of lesson (one is required).") var kind: LessonFlag?
        @Argument(help: ArgumentHelp("[INC-<n>] TEXT", valueName: "ref-and-text")) var words: [String] = []
        @Flag(name: [.customShort("e"), .customLong("edit")], help: "Write the lesson in $VISUAL / $EDITOR.") var edit = false

        func run(_ console: Console) throws {
            guard let kind else {
                throw IncidentError.invalidText(field: "lesson", reason: "needs a kind; pass --went-well, --went-wrong or --lucky")
            }
            let (reference, text): (Int?, String)
            if edit {
                guard words.count <= 1 else { throw ValidationError("With --edit, give at most INC-<n>; the text comes from the editor.") }
                let written = try Editor.edit("", what: "lesson")
                (reference, text) = (try Arguments.reference(words.first), written.split(whereSeparator: \.isNewline).joined(separator: " "))
            } else {
                (reference, text) = try Arguments.referenceAndText(words, what: "lesson")
            }
            let store = try store.openForWriting()
            let number = try store.resolve(reference)
            let lesson = try Postmortem(store: store).addLesson(text, kind: kind.kind, to: number)
            console.say(IncidentText.added("lesson", lesson.number, detail: lesson.kind.rawValue.replacingOccurrences(of: "-", with: " "),
                                   to: number, text: lesson.text))
        }
    }
}
