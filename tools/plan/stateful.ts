/*
 * What a review must not miss. Stateful types hold data or identity that a delete loses (databases, caches,
 * clusters, keys, secrets, buckets, the accelerator's static IPs). For each, the inputs whose change makes
 * the provider replace the resource, from the @pulumi/aws (Terraform AWS provider) documentation of each
 * resource ("Changing this forces a new resource"), limited to the inputs this project sets.
 */
export const STATEFUL_REPLACING_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "aws:rds/cluster:Cluster": ["clusterIdentifier", "engine", "databaseName", "masterUsername", "storageEncrypted", "kmsKeyId", "dbSubnetGroupName", "availabilityZones"],
    "aws:rds/clusterInstance:ClusterInstance": ["identifier", "clusterIdentifier", "engine", "availabilityZone"],
    "aws:rds/globalCluster:GlobalCluster": ["globalClusterIdentifier", "engine", "databaseName", "storageEncrypted"],
    "aws:elasticache/replicationGroup:ReplicationGroup": ["replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId", "subnetGroupName", "port"],
    "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": ["globalReplicationGroupIdSuffix", "primaryReplicationGroupId"],
    "aws:eks/cluster:Cluster": ["name", "bootstrapSelfManagedAddons"],
    "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage"],
    "aws:secretsmanager/secret:Secret": ["name", "namePrefix"],
    "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix"],
    "aws:globalaccelerator/accelerator:Accelerator": ["ipAddressType", "ipAddresses"],
    "aws:ec2/vpc:Vpc": ["cidrBlock"],
    "aws:ec2/subnet:Subnet": ["cidrBlock", "availabilityZone", "vpcId"],
};

export const isStateful = (type: string) => type in STATEFUL_REPLACING_INPUTS && type !== "aws:ec2/vpc:Vpc" && type !== "aws:ec2/subnet:Subnet";

/** Changed input paths of a resource that force its replacement. */
export function replacingChanges(type: string, changedPaths: readonly string[]): string[] {
    const inputs = STATEFUL_REPLACING_INPUTS[type] ?? [];
    return changedPaths.filter((path) => inputs.some((input) => path === input || path.startsWith(`${input}.`) || path.startsWith(`${input}[`)));
}
