import Foundation
import Testing
@testable import IncidentKit

@Suite struct ModelRulesTests {
    @Test func referencesAcceptPrefixedAndBareForms() throws {
        #expect(try IncidentReference.parse("INC-12") == 12)
        #expect(try IncidentReference.parse("inc-7") == 7)
        #expect(try IncidentReference.parse("3") == 3)
        #expect(throws: IncidentError.invalidReference("3")) { try IncidentReference.parse("3", allowBareNumber: false) }
        #expect(throws: IncidentError.self) { try IncidentReference.parse("INC-") }
        #expect(throws: IncidentError.self) { try IncidentReference.parse("INC-0") }
        #expect(!IncidentReference.isPrefixed("12"))
    }

    @Test func severityParsesAndRefusesUnknownLevels() throws {
        #expect(try Severity(parsing: "p0") == .p0)
        #expect(try Severity(parsing: "P4") == .p4)
        #expect(throws: IncidentError.unknownSeverity("P9")) { try Severity(parsing: "P9") }
    }

    @Test func forwardMovesMayOnlySkipAhead() throws {
        try Lifecycle.checkForwardMove(from: .investigating, to: .resolved)
        try Lifecycle.checkForwardMove(from: .mitigated, to: .cancelled)
        #expect(throws: IncidentError.disallowedTransition(from: .mitigated, to: .identified)) {
            try Lifecycle.checkForwardMove(from: .mitigated, to: .identified)
        }
        #expect(throws: IncidentError.closeThroughCloseCommand) { try Lifecycle.checkForwardMove(from: .resolved, to: .closed) }
        #expect(throws: IncidentError.disallowedTransition(from: .closed, to: .monitoring)) {
            try Lifecycle.checkForwardMove(from: .closed, to: .monitoring)
        }
    }

    @Test func reopenOnlyMovesBackwards() throws {
        try Lifecycle.checkReopen(from: .closed, to: .investigating)
        try Lifecycle.checkReopen(from: .resolved, to: .mitigated)
        #expect(throws: IncidentError.notReopenable(.investigating)) { try Lifecycle.checkReopen(from: .investigating, to: .investigating) }
        #expect(throws: IncidentError.disallowedTransition(from: .identified, to: .monitoring)) {
            try Lifecycle.checkReopen(from: .identified, to: .monitoring)
        }
    }

    @Test func milestonesKeepTheirOrder() throws {
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let timeline = [
            TimelineEntry(at: t0, kind: .impactStarted, text: "", isManual: true),
            TimelineEntry(at: t0 + 600, kind: .mitigated, text: "", isManual: false,
                          transition: StatusTransition(from: .investigating, to: .mitigated)),
        ]
        try Lifecycle.checkOrder(of: .detected, at: t0 + 60, isTransition: false, among: timeline)
        try Lifecycle.checkOrder(of: .note, at: t0 - 600, isTransition: false, among: timeline)
        #expect(throws: IncidentError.milestoneOutOfOrder(kind: .detected, at: t0 + 700, conflicting: .mitigated, conflictingAt: t0 + 600)) {
            try Lifecycle.checkOrder(of: .detected, at: t0 + 700, isTransition: false, among: timeline)
        }
        #expect(throws: IncidentError.self) { try Lifecycle.checkOrder(of: .resolved, at: t0 + 300, isTransition: true, among: timeline) }
        #expect(throws: IncidentError.self) { try Lifecycle.checkOrder(of: .fixDeployed, at: t0 - 1, isTransition: false, among: timeline) }
        #expect(throws: IncidentError.self) { try Lifecycle.checkOrder(of: .impactStarted, at: t0 + 601, isTransition: false, among: timeline) }
    }

    @Test func oneLineFieldsRefuseBreaksAndControlCharacters() throws {
        #expect(try TextRules.line("  API 503 | <b>x</b>  ", field: "title") == "API 503 | <b>x</b>")
        #expect(throws: IncidentError.emptyText(field: "title")) { try TextRules.line(" \t ", field: "title") }
        #expect(throws: IncidentError.multilineText(field: "title")) { try TextRules.line("a\nb", field: "title") }
        #expect(throws: IncidentError.self) { try TextRules.line("a\u{0}b", field: "title") }
        #expect(try TextRules.block("\nline one\n\n```sh\nls\n```\n", field: "details") == "line one\n\n```sh\nls\n```")
    }

    @Test func servicesParseNameUrlAndNote() throws {
        let service = try AffectedService(parsing: "Backend API|https://api.example.com|was 503")
        #expect(service == AffectedService(name: "Backend API", url: "https://api.example.com", note: "was 503"))
        #expect(try AffectedService(parsing: "Cache||Redis down") == AffectedService(name: "Cache", url: nil, note: "Redis down"))
        #expect(throws: IncidentError.self) { try AffectedService(parsing: "|https://x") }
    }

    @Test func everyErrorIsOneLineThatSaysWhatToDo() {
        let errors: [IncidentError] = [
            .missingSeverity, .unknownSeverity("P9"), .unknownIncident(4), .noCurrentIncident,
            .itemOutOfRange(.action, number: 9, incident: 1, count: 3), .unparseableTime("x"),
            .disallowedTransition(from: .resolved, to: .identified), .closeRefused(incident: 1, openActions: [ItemTitle(1, "a"), ItemTitle(2, "b")], unmetCriteria: [ItemTitle(3, "c")]),
            .notADatabase(path: "/tmp/x"), .newerSchema(path: "/tmp/x", unknownMigrations: ["v9"]),
            .unwritableLocation(path: "/x", reason: "read-only"),
        ]
        for error in errors {
            let text = error.description
            #expect(!text.contains("\n"))
            #expect(text.hasSuffix("."))
            #expect(text.count > 20)
        }
        #expect(IncidentError.closeRefused(incident: 1, openActions: [ItemTitle(1, "Restart the pods"), ItemTitle(2, "Drain the queue")],
                                           unmetCriteria: [ItemTitle(3, "API answers 200")]).description
            == "INC-1 still has 2 open immediate actions (1  Restart the pods; 2  Drain the queue) and 1 unmet immediate criterion (3  API answers 200).")
    }
}
