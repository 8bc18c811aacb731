/*
 * What a review must not miss. Stateful types hold data or identity that a delete loses (databases, caches,
 * clusters, keys, secrets, buckets, the accelerator's static IPs). Which inputs replace them is a fact about the
 * providers, in catalog/replacement.ts.
 */
const STATEFUL_TYPES: ReadonlySet<string> = new Set([
    "aws:rds/cluster:Cluster",
    "aws:rds/clusterInstance:ClusterInstance",
    "aws:rds/globalCluster:GlobalCluster",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
    "aws:eks/cluster:Cluster",
    "aws:kms/key:Key",
    "aws:secretsmanager/secret:Secret",
    "aws:s3/bucket:Bucket",
    "aws:globalaccelerator/accelerator:Accelerator",
]);

export const isStateful = (type: string) => STATEFUL_TYPES.has(type);

/**
 * The data tier's footprint in a network: the stateful resources that sit in subnets, and the subnet groups that
 * place them there. A VPC or subnet replaced or deleted under them is DATA RISK.
 */
const NETWORK_DATA_TYPES: ReadonlySet<string> = new Set([
    "aws:rds/cluster:Cluster",
    "aws:rds/clusterInstance:ClusterInstance",
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:rds/proxy:Proxy",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:elasticache/subnetGroup:SubnetGroup",
    "aws:eks/cluster:Cluster",
]);

export const livesInNetwork = (type: string) => NETWORK_DATA_TYPES.has(type);

/** Types whose replacement or deletion takes the resources inside them along. */
export const NETWORK_TYPES: ReadonlySet<string> = new Set(["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet"]);
