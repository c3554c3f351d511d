import ArgumentParser
import Foundation
import IncidentKit

struct RoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role",
        abstract: "Who holds which role: commander, communications, operations, scribe, or any other word.",
        subcommands: [SetRole.self, ListRoles.self, ClearRole.self]
    )

    struct SetRole: ConsoleCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Give a role to someone; a handover is recorded in the timeline.",
            discussion: "Example: incident role set commander @bob"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("[INC-<n>] ROLE WHO", valueName: "ref-role-who")) var words: [String]
        @Option(parsing: .unconditional, help: "When (default: now).") var at: String?
        @Flag(help: "Accept an --at time in the future (refused otherwise, or asked at a terminal).") var future = false

        func run(_ console: Console) throws {
            let prefixed = words.count >= 3 && (try? IncidentReference.parse(words[0])) != nil
            let (reference, rest) = prefixed ? (try IncidentReference.parse(words[0]), Array(words.dropFirst())) : (nil, words)
            guard rest.count >= 2 else { throw ValidationError("Give ROLE and WHO, e.g. incident role set commander @alice.") }
            guard rest.count == 2 else { throw Arguments.unquoted(Array(rest.dropFirst()), what: "name") }
            let at = try parseTime(at, future: future, console: console)
            let store = try store.openForWriting()
            let number = try store.resolve(reference)
            let change = try Response(store: store).setRole(rest[0], to: rest[1], at: at, on: number)
            let (role, who, id) = (change.role, change.who, IncidentReference.format(number))
            console.say(change.previous == who ? "\(who) is already \(role) of \(id); nothing changed."
                : change.previous.map { "\(role): \($0) → \(who) on \(id)." } ?? "\(role): \(who) on \(id).")
        }
    }

    struct ListRoles: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the roles and since when.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "INC-<n> (default: the current incident).") var reference: String?
        @Flag(help: "Print JSON.") var json = false

        func run(_ console: Console) throws {
            let store = try store.openForReading()
            let incident = try store.incident(store.resolve(Arguments.reference(reference)))
            if json { return console.say(try IncidentJSON.encodeRoles(incident.roles)) }
            console.say(IncidentText.roles(incident.roles))
        }
    }

    struct ClearRole: ConsoleCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Clear a role.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("[INC-<n>] ROLE", valueName: "ref-role")) var words: [String]

        func run(_ console: Console) throws {
            let (reference, role) = try Arguments.referenceAndText(words, what: "role")
            let store = try store.openForWriting()
            let number = try store.resolve(reference)
            let previous = try Response(store: store).clearRole(role, at: Date(), on: number)
            console.say(previous.map { "Cleared \(role) (was \($0)) on \(IncidentReference.format(number))." } ?? "Nobody is \(role) on \(IncidentReference.format(number)); nothing changed.")
        }
    }
}
