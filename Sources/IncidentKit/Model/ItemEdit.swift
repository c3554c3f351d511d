import Foundation

/// Changes to one action item or criterion; nil leaves a field as it is, `.some(nil)` clears it.
public struct ItemEdit: Sendable {
    public var text: String?
    public var horizon: Horizon?
    public var phase: Phase?
    public var owner: String??
    public var due: Date??
    public var details: String??

    public init() {}

    /// True when nothing would change.
    public var isEmpty: Bool {
        text == nil && horizon == nil && phase == nil && owner == nil && due == nil && details == nil
    }
}
