import Foundation
import Testing
@testable import IncidentKit

@Suite struct MarkdownDocumentTests {
    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func theExampleHasNineteenTaskItemsAndNoneInCodeBlocks() throws {
        let document = MarkdownDocument(parsing: try Self.fixture("vpc-connector-p0.md"))
        let tasks = document.root.descendants.filter { $0.task != nil }
        #expect(tasks.count == 19)
        #expect(tasks.allSatisfy { $0.task == .open })
        #expect(tasks.first?.taskText == "**VPC Connector Diagnosis:**")
        #expect(tasks.last?.taskText == "Complete Golden Path functionality validated")
    }

    @Test func headingsKeepLevelsTextAndLines() throws {
        let document = MarkdownDocument(parsing: try Self.fixture("vpc-connector-p0.md"))
        let headings = document.blocks.filter { if case .heading = $0.kind { true } else { false } }
        #expect(headings.first?.kind == .heading(level: 1))
        #expect(headings.first?.text == "GitHub Issue Template: Emergency P0 VPC Connector Failure")
        #expect(headings.first?.lines == 1...1)
        #expect(headings.contains { $0.text == "Five Whys Analysis Results" && $0.kind == .heading(level: 2) })
    }

    @Test func taskItemsNestedCodeAndStateAreRead() {
        let source = """
            - [x] **Done:** first
              ```bash
              echo "- [ ] not a task"
              ```
            - [ ] open with `[x] inline`
              - [X] nested done
            > - [ ] quoted task
            - not a task
            -  [ ] two spaces still a task
            """
        let tasks = MarkdownDocument(parsing: source).root.descendants.filter { $0.task != nil }
        #expect(tasks.map(\.task) == [.done, .open, .done, .open, .open])
        #expect(tasks.map(\.taskText) == ["**Done:** first", "open with `[x] inline`", "nested done", "quoted task", "two spaces still a task"])
        let code = tasks[0].children.first { if case .codeBlock = $0.kind { true } else { false } }
        #expect(code?.kind == .codeBlock(info: "bash"))
        #expect(code?.text == "echo \"- [ ] not a task\"\n")
    }

    @Test func crlfAndInvalidUTF8AreReadSafely() {
        let crlf = MarkdownDocument(parsing: "# Title\r\n\r\n- [x] done\r\n- [ ] open\r\n")
        #expect(crlf.root.descendants.compactMap(\.taskText) == ["done", "open"])
        let invalid = MarkdownDocument(parsing: Array("# Caf".utf8) + [0xE9, 0xFF] + Array("\n".utf8))
        #expect(invalid.blocks.first?.text.contains("\u{FFFD}") == true)
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let deep = String(repeating: "> ", count: 5_000) + "- [ ] deep task\n"
        let tasks = MarkdownDocument(parsing: deep).root.descendants.filter { $0.task != nil }
        #expect(tasks.count == 1)
    }
}
