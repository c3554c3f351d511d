import Foundation
import Mustache

/// The Mustache templates in use: the defaults built into the binary, overridden file by file from a folder.
///
/// A user's templates are parsed when the set is made, so a syntax error shows at once; the built-in ones
/// only when a render needs them (parsing all of them costs more than rendering an issue).
public struct TemplateSet: Sendable {
    private let sources: [String: (text: String, origin: String)]
    private let compiled: CompiledTemplates
    /// Where each template came from: "built-in" or the override file's path.
    public let origins: [String: String]

    /// The built-in templates, each overridden by a same-named `*.mustache` file in `folder` when it has one.
    public init(overridesIn folder: String? = nil) throws(IncidentError) {
        var sources = Dictionary(uniqueKeysWithValues: EmbeddedTemplates.files.map { (Self.name(of: $0.key), (text: $0.value, origin: "built-in")) })
        compiled = CompiledTemplates()
        if let folder {
            for (file, source) in try Self.readFolder(folder) {
                sources[Self.name(of: file)] = source
                compiled.store(try Self.compile(source, file: file), named: Self.name(of: file))
            }
        }
        self.sources = sources
        origins = sources.mapValues(\.origin)
    }

    /// Renders the template named like `issue.md` with plain values.
    public func render(_ name: String, _ values: [String: Any]) throws(IncidentError) -> String {
        guard let output = try library(for: name).render(values, withTemplate: name) else { throw .unknownTemplate(name) }
        return output
    }

    /// How deep partials may include partials: far more than any real template needs.
    static let maximumPartialDepth = 16

    /// A library with `name` and the partials it uses (`{{> task-item}}`), each parsed once. Partials that include
    /// each other, or nest deeper than `maximumPartialDepth`, are refused before anything renders: Mustache would
    /// recurse until the stack overflows.
    private func library(for name: String) throws(IncidentError) -> MustacheLibrary {
        var library = MustacheLibrary()
        // Partials already checked all the way down, with the depth below each.
        var depthBelow: [String: Int] = [:]
        func visit(_ next: String, chain: [String]) throws(IncidentError) -> Int {
            if let known = depthBelow[next] { return known }
            if chain.contains(next) || chain.count > Self.maximumPartialDepth { throw .templateRecursion(chain: chain + [next]) }
            guard let source = sources[next] else { return 0 }
            let template = try compiled.template(named: next) { () throws(IncidentError) in try Self.compile(source, file: next + ".mustache") }
            library.register(template, named: next)
            var deepest = 0
            for partial in Self.partials(in: source.text) {
                let depth = try visit(partial, chain: chain + [next]) + 1
                if chain.count + depth > Self.maximumPartialDepth { throw .templateRecursion(chain: chain + [next, partial]) }
                deepest = max(deepest, depth)
            }
            depthBelow[next] = deepest
            return deepest
        }
        _ = try visit(name, chain: [])
        return library
    }

    private static func compile(_ source: (text: String, origin: String), file: String) throws(IncidentError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: source.text)
        } catch let error as MustacheTemplate.ParserError {
            throw .templateSyntax(file: source.origin == "built-in" ? file : source.origin,
                                  line: error.context.lineNumber, column: error.context.columnNumber,
                                  reason: String(describing: error.error))
        } catch {
            throw .templateSyntax(file: source.origin, line: 0, column: 0, reason: String(describing: error))
        }
    }

    /// The partials a template includes (`{{> name}}`, the name ending at the first `}}` before the next `{{>`); a
    /// scan of the bytes, as a regular expression costs more to build and Foundation's search copies the text first.
    static func partials(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        func opensPartial(at index: Int) -> Bool {
            index + 2 < bytes.count && bytes[index] == UInt8(ascii: "{") && bytes[index + 1] == UInt8(ascii: "{")
                && bytes[index + 2] == UInt8(ascii: ">")
        }
        var names: [String] = []
        var index = 0
        while index < bytes.count {
            guard opensPartial(at: index) else { index += 1; continue }
            var end = index + 3
            while end + 1 < bytes.count, !opensPartial(at: end), !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) {
                end += 1
            }
            if end + 1 < bytes.count, !opensPartial(at: end) {
                let name = String(decoding: bytes[(index + 3)..<end], as: UTF8.self).trimmingSpaces()
                if !name.isEmpty { names.append(name) }
                index = end + 2
            } else {
                index = end
            }
        }
        return names
    }

    /// Writes the built-in templates into `folder` to start editing; refuses to overwrite files.
    public static func exportDefaults(to folder: String, overwrite: Bool = false) throws(IncidentError) -> [String] {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .unwritableOutput(path: folder, reason: "the folder can't be created")
        }
        let targets = EmbeddedTemplates.files.keys.sorted().map { (folder as NSString).appendingPathComponent($0) }
        if !overwrite, let existing = targets.first(where: files.fileExists(atPath:)) {
            throw .fileExists(path: existing)
        }
        for (file, path) in zip(EmbeddedTemplates.files.keys.sorted(), targets) {
            guard files.createFile(atPath: path, contents: Data(EmbeddedTemplates.files[file]!.utf8)) else {
                throw .unwritableOutput(path: path, reason: "the file can't be written")
            }
        }
        return targets
    }

    /// `issue.md.mustache` is registered as `issue.md`, so partials are named without the extension.
    private static func name(of file: String) -> String {
        file.hasSuffix(".mustache") ? String(file.dropLast(".mustache".count)) : file
    }

    private static func readFolder(_ folder: String) throws(IncidentError) -> [String: (text: String, origin: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadableFile(path: folder, reason: "it is not a folder of templates; `incident templates export \(folder)` creates one")
        }
        if let problem = TrustedPath.problem(withFolder: folder) { throw .untrustedFile(path: folder, reason: problem) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var result: [String: (text: String, origin: String)] = [:]
        for name in names where name.hasSuffix(".mustache") {
            let path = (folder as NSString).appendingPathComponent(name)
            if let problem = TrustedPath.problem(with: path, in: folder) { throw .untrustedFile(path: path, reason: problem) }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw .unreadableFile(path: path, reason: "it is not readable UTF-8 text")
            }
            result[name] = (text, path)
        }
        return result
    }
}

/// Parsed templates, kept so that rendering many times parses each template once.
private final class CompiledTemplates: @unchecked Sendable {
    private let lock = NSLock()
    private var templates: [String: MustacheTemplate] = [:]

    func store(_ template: MustacheTemplate, named name: String) {
        lock.withLock { templates[name] = template }
    }

    func template(named name: String, compile: () throws(IncidentError) -> MustacheTemplate) throws(IncidentError) -> MustacheTemplate {
        if let cached = lock.withLock({ templates[name] }) { return cached }
        let template = try compile()
        store(template, named: name)
        return template
    }
}
