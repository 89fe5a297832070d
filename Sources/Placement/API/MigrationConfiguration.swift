/// The `kubeadmiral.io/migration-configuration` annotation: user-driven migration
/// (kubeadmiral-api.md §2; kubeadmiral-planner.md §3, "Custom migration").
///
/// `{"replicasMigrations":[{"cluster":…,"limitedCapacity":N}],"workloadMigrations":[{"cluster":…,"validUntil":time}]}`
public struct MigrationConfiguration: Sendable, Hashable {
    public var replicasMigrations: [ReplicasMigration]
    public var workloadMigrations: [WorkloadMigration]

    public init(replicasMigrations: [ReplicasMigration] = [], workloadMigrations: [WorkloadMigration] = []) {
        self.replicasMigrations = replicasMigrations
        self.workloadMigrations = workloadMigrations
    }

    /// A hard cap on a cluster's replicas, enforced whatever `avoidDisruption` says.
    public struct ReplicasMigration: Sendable, Hashable {
        public var cluster: String
        /// `nil` sets no cap.
        public var limitedCapacity: Int64?

        public init(cluster: String, limitedCapacity: Int64?) {
            self.cluster = cluster
            self.limitedCapacity = limitedCapacity
        }
    }

    /// Evicts the workload from `cluster` until `validUntil` (the ClusterEvicted filter).
    public struct WorkloadMigration: Sendable, Hashable {
        public var cluster: String
        public var validUntil: Timestamp

        public init(cluster: String, validUntil: Timestamp) {
            self.cluster = cluster
            self.validUntil = validUntil
        }
    }

    /// Cluster → cap, for the planners' `limitedCapacity` input. A cluster listed twice keeps the
    /// smaller cap.
    public var limitedCapacity: [String: Int64] {
        var result: [String: Int64] = [:]
        for migration in replicasMigrations {
            guard let cap = migration.limitedCapacity else { continue }
            result[migration.cluster] = min(result[migration.cluster] ?? cap, cap)
        }
        return result
    }

    /// The latest time `cluster` is evicted until, if any eviction of it is still in force at `now`.
    public func evictedUntil(_ cluster: String, now: Timestamp) -> Timestamp? {
        workloadMigrations.filter { $0.cluster == cluster && now < $0.validUntil }.map(\.validUntil).max()
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> MigrationConfiguration {
        _ = try reader.requireObject()
        return MigrationConfiguration(
            replicasMigrations: try reader.field("replicasMigrations").map { (element) throws(PolicyError) in
                _ = try element.requireObject()
                return ReplicasMigration(
                    cluster: try element.field("cluster").requiredString(),
                    limitedCapacity: try element.field("limitedCapacity").nonNegativeInt())
            } ?? [],
            workloadMigrations: try reader.field("workloadMigrations").map { (element) throws(PolicyError) in
                _ = try element.requireObject()
                let cluster = try element.field("cluster").requiredString()
                guard let validUntil = try element.field("validUntil").timestamp() else {
                    throw element.field("validUntil").error("required field is missing")
                }
                return WorkloadMigration(cluster: cluster, validUntil: validUntil)
            } ?? [])
    }
}
