import Foundation

/// Templates and playbooks are code the tool runs: it reads them only from folders and files owned by the user
/// running it (or by root), and never through a symlink that leaves their folder. A shared or cloned folder owned by
/// someone else is refused, as git refuses a repository another user owns, unless the user names it as safe in
/// `INCIDENT_SAFE_DIRECTORIES` (folders separated by `:`, or `*` for any).
public enum TrustedPath {
    /// Why `file` (in `folder`) may not be read, or nil when it may.
    public static func problem(with file: String, in folder: String) -> String? {
        let declaredSafe = isDeclaredSafe(folder)
        if !declaredSafe, let problem = problem(withFolder: folder) { return problem }
        var link = stat()
        guard lstat(file, &link) == 0 else { return nil }
        if link.st_mode & S_IFMT == S_IFLNK {
            guard let target = resolved(file), let base = resolved(folder) else { return "it is a symlink to nothing readable" }
            if !isInside(target, base) { return "it is a symlink to \(target), outside \(base)" }
        }
        var info = stat()
        guard !declaredSafe, stat(file, &info) == 0 else { return nil }
        return owner(info.st_uid).map { "it is owned by \($0), not by you" }
    }

    /// Why the files in `folder` may not be read, or nil when they may.
    public static func problem(withFolder folder: String) -> String? {
        if isDeclaredSafe(folder) { return nil }
        var info = stat()
        guard stat(folder, &info) == 0 else { return nil }
        return owner(info.st_uid).map { "the folder is owned by \($0), not by you" }
    }

    /// The owner's name when it is neither the user running the tool nor root.
    private static func owner(_ uid: uid_t) -> String? {
        guard uid != geteuid(), uid != 0 else { return nil }
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return "user \(String(cString: name))" }
        return "user id \(uid)"
    }

    private static func isDeclaredSafe(_ folder: String) -> Bool {
        guard let declared = Environment.value("INCIDENT_SAFE_DIRECTORIES"), !declared.isEmpty else { return false }
        let folder = resolved(folder) ?? folder
        return declared.split(separator: ":").contains { entry in entry == "*" || (resolved(String(entry)) ?? String(entry)) == folder }
    }

    /// Whether the resolved path `target` lies inside the resolved folder `base`.
    static func isInside(_ target: String, _ base: String) -> Bool {
        target.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }

    /// `path` with every symlink and `..` resolved, or nil when it leads nowhere.
    static func resolved(_ path: String) -> String? {
        guard let resolved = Foundation.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
