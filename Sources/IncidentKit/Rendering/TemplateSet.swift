import Foundation
import Mustache

/// The Mustache templates in use: the defaults built into the binary, overridden file by file from a folder.
public struct TemplateSet: Sendable {
    private let library: MustacheLibrary
    /// Where each template came from: "built-in" or the override file's path.
    public let origins: [String: String]

    /// The built-in templates, each overridden by a same-named `*.mustache` file in `folder` when it has one.
    public init(overridesIn folder: String? = nil) throws(IncidentError) {
        var sources = EmbeddedTemplates.files.mapValues { (text: $0, origin: "built-in") }
        if let folder { sources.merge(try Self.readFolder(folder)) { $1 } }
        var library = MustacheLibrary()
        for (file, source) in sources {
            do {
                library.register(try MustacheTemplate(string: source.text), named: Self.name(of: file))
            } catch let error as MustacheTemplate.ParserError {
                throw .templateSyntax(file: source.origin == "built-in" ? file : source.origin,
                                      line: error.context.lineNumber, column: error.context.columnNumber,
                                      reason: String(describing: error.error))
            } catch {
                throw .templateSyntax(file: source.origin, line: 0, column: 0, reason: String(describing: error))
            }
        }
        self.library = library
        origins = Dictionary(uniqueKeysWithValues: sources.map { (Self.name(of: $0.key), $0.value.origin) })
    }

    /// Renders the template named like `issue.md` with plain values.
    public func render(_ name: String, _ values: [String: Any]) throws(IncidentError) -> String {
        guard let output = library.render(values, withTemplate: name) else { throw .unknownTemplate(name) }
        return output
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
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var result: [String: (text: String, origin: String)] = [:]
        for name in names where name.hasSuffix(".mustache") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw .unreadableFile(path: path, reason: "it is not readable UTF-8 text")
            }
            result[name] = (text, path)
        }
        return result
    }
}
