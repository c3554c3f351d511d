import Foundation

/// An object each thread sees on its own, set for the length of a call: how a test hands a command run in-process
/// its environment and console. Built on a pthread key rather than a `@TaskLocal`, whose generic metadata costs every
/// command a type demangling at start-up.
public final class ThreadSlot: @unchecked Sendable {
    private var key = pthread_key_t()

    public init() { pthread_key_create(&key, nil) }

    /// What the current thread was given, if anything.
    public var value: AnyObject? {
        pthread_getspecific(key).map { Unmanaged<AnyObject>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with `value` set on this thread, then puts back what was there.
    public func with<Result>(_ value: AnyObject, _ body: () throws -> Result) rethrows -> Result {
        let retained = Unmanaged<AnyObject>.passRetained(value)
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, retained.toOpaque())
        defer {
            pthread_setspecific(key, previous)
            retained.release()
        }
        return try body()
    }
}
