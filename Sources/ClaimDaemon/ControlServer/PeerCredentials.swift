import ClaimAPI
import Glibc
import NIOCore

/// Who is at the other end of a control-socket connection, as the kernel vouches for it
/// (`SO_PEERCRED`, `SO_PEERGROUPS`): nothing a client says about itself counts.
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    /// The peer process's supplementary groups, when the kernel gave them.
    public var groups: [UInt32]

    public init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32] = []) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }

    /// Whether the peer process belongs to group `gid`, as its primary or a supplementary group.
    func isMember(of gid: UInt32) -> Bool { self.gid == gid || groups.contains(gid) }

    /// `struct ucred`, which Glibc does not export to Swift.
    private struct UCred: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    /// Room for the supplementary groups of `SO_PEERGROUPS`; a peer in more groups is judged by
    /// its primary group and the group database.
    private struct GroupList: Sendable {
        var gids: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                   UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                   UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

        /// The kernel lists the groups in ascending order and NIO zero-fills the rest, so the
        /// list ends where the order breaks. Gid 0 cannot be told from the padding and is left out.
        var values: [UInt32] {
            withUnsafeBytes(of: gids) { raw in
                var result: [UInt32] = []
                for gid in raw.bindMemory(to: UInt32.self) {
                    guard gid > (result.last ?? 0) else { if gid == 0 && result.isEmpty { continue } else { break } }
                    result.append(gid)
                }
                return result
            }
        }
    }

    /// The credentials of `channel`'s peer, nil when it is not a Unix socket.
    static func of(_ channel: any Channel) async -> PeerCredentials? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        guard let credentials: UCred = try? await provider.unsafeGetSocketOption(
            level: .socket, name: NIOBSDSocket.Option(rawValue: SO_PEERCRED)).get() else { return nil }
        let groups: GroupList? = try? await provider.unsafeGetSocketOption(
            level: .socket, name: NIOBSDSocket.Option(rawValue: Self.soPeerGroups)).get()
        var peer = PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid, groups: groups?.values ?? [])
        if groups == nil { peer.groups = Self.databaseGroups(of: credentials.uid, primary: credentials.gid) }
        return peer
    }

    /// `SO_PEERGROUPS` (Linux 4.13), not in Glibc's headers as Swift sees them.
    private static let soPeerGroups: Int32 = 59

    /// The groups the user database gives `uid`, for a peer whose own list did not fit.
    static func databaseGroups(of uid: UInt32, primary: UInt32) -> [UInt32] {
        var entry = passwd()
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        var result: UnsafeMutablePointer<passwd>?
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else { return [] }
        var count: Int32 = 256
        var groups = [gid_t](repeating: 0, count: Int(count))
        guard getgrouplist(name, primary, &groups, &count) >= 0 else { return [] }
        return Array(groups.prefix(Int(count)))
    }
}

/// Who may do what on the control socket.
///
/// Anyone who can open the socket (its file mode decides) may read. Ingesting takes root, the
/// daemon's own user or the ingest group (`claimd`, the group that may also drop files into the
/// inbox); administrative routes (reload, and later corrections and backups) take root, the
/// daemon's user or the admin group (`claimd-admin`).
public struct AccessPolicy: Sendable {
    /// The right a route takes, as ``Route`` names it in the API's contract.
    public typealias Right = Route.Right

    let daemonUID: UInt32
    let ingestGroup: (name: String, gid: UInt32?)
    let adminGroup: (name: String, gid: UInt32?)

    public init(ingestGroup: String, adminGroup: String, daemonUID: UInt32 = getuid()) {
        self.daemonUID = daemonUID
        self.ingestGroup = (ingestGroup, Self.gid(of: ingestGroup))
        self.adminGroup = (adminGroup, Self.gid(of: adminGroup))
    }

    /// Nil when `peer` may exercise `right`, else why not.
    func refusal(of right: Right, to peer: PeerCredentials?) -> String? {
        guard right != .read else { return nil }
        guard let peer else { return "the peer's credentials cannot be read" }
        if peer.uid == 0 || peer.uid == daemonUID { return nil }
        let group = right == .ingest ? ingestGroup : adminGroup
        if let gid = group.gid, peer.isMember(of: gid) { return nil }
        let what = right == .ingest ? "ingest documents" : "make administrative requests"
        return "only root, claimd's own user and members of group '\(group.name)' may \(what); uid \(peer.uid) is none of them"
    }

    private static func gid(of name: String) -> UInt32? {
        guard !name.isEmpty, let entry = getgrnam(name) else { return nil }
        return entry.pointee.gr_gid
    }
}
