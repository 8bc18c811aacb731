import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { DATABASE_BOOTSTRAP } from "../../catalog/iamDatabaseAuth";
import { MASTER_CREDENTIALS_LABEL } from "./roles";

/*
 * The Job that creates the services' database roles. The shards are reachable only from inside the VPC, so it
 * runs on the writer region's cluster, in a namespace of its own: the only place the master credentials exist
 * outside Secrets Manager. Nothing binds any other service account to that namespace, its pod gets no API token,
 * and no application runs there.
 */

export const BOOTSTRAP_NAMESPACE = "strata-db-bootstrap";

export interface DatabaseBootstrapArgs {
    readonly provider: k8s.Provider;
    readonly databaseName: string;
    readonly masterUsername: string;
    /** Each shard's writer endpoint and master password, in shard order. */
    readonly shards: readonly { readonly host: pulumi.Input<string>; readonly password: pulumi.Input<string> }[];
    readonly sql: string;
    /** What the Job waits for: the shards' writers, and nodes to run on. */
    readonly after: readonly pulumi.Resource[];
}

/** What the Job runs: the same SQL on every shard's writer, over TLS, stopping at the first error. */
const SCRIPT = [
    "set -eu",
    'for host_file in /etc/strata/shards/shard-*-host; do',
    '  shard=$(basename "$host_file" -host)',
    '  PGPASSWORD=$(cat "/etc/strata/master/$shard-password") psql "host=$(cat "$host_file") port=5432 dbname=$STRATA_DATABASE user=$STRATA_MASTER_USER sslmode=require connect_timeout=10" -v ON_ERROR_STOP=1 -q -f /etc/strata/sql/roles.sql',
    '  echo "$shard: roles converged"',
    "done",
].join("\n");

export class DatabaseBootstrap extends pulumi.ComponentResource {
    /** The Job of this configuration; its name changes with the SQL, so a change runs it again. */
    public readonly job: k8s.batch.v1.Job;

    constructor(name: string, args: DatabaseBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
        super("strata:postgres:DatabaseBootstrap", name, {}, opts);
        const inCluster = { parent: this, provider: args.provider };
        const labels = { "app.kubernetes.io/name": "db-bootstrap", "app.kubernetes.io/managed-by": "strata" };
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: BOOTSTRAP_NAMESPACE,
                    labels: {
                        ...labels,
                        [MASTER_CREDENTIALS_LABEL]: "true",
                        // No sidecar: a Job whose pod keeps a proxy running never completes.
                        "istio-injection": "disabled",
                        "pod-security.kubernetes.io/enforce": "restricted",
                    },
                },
            },
            inCluster,
        );
        const ns = namespace.metadata.name;
        const within = { ...inCluster, dependsOn: [namespace] };
        const account = new k8s.core.v1.ServiceAccount(`${name}-sa`, { metadata: { name: "db-bootstrap", namespace: ns, labels }, automountServiceAccountToken: false }, within);
        const master = new k8s.core.v1.Secret(
            `${name}-master`,
            {
                metadata: { name: "postgres-master", namespace: ns, labels },
                type: "Opaque",
                stringData: Object.fromEntries(args.shards.map((shard, index) => [`shard-${index}-password`, pulumi.secret(shard.password)])),
            },
            within,
        );
        const hosts = new k8s.core.v1.ConfigMap(
            `${name}-shards`,
            { metadata: { name: "shard-writers", namespace: ns, labels }, data: Object.fromEntries(args.shards.map((shard, index) => [`shard-${index}-host`, shard.host])) },
            within,
        );
        const sql = new k8s.core.v1.ConfigMap(`${name}-sql`, { metadata: { name: "service-roles", namespace: ns, labels }, data: { "roles.sql": args.sql } }, within);
        // A Job's pod template cannot change; a new name per SQL makes Pulumi create the next run and delete the last.
        const digest = createHash("sha256").update(args.sql).update(String(args.shards.length)).digest("hex").slice(0, 10);
        const image = DATABASE_BOOTSTRAP.rows.clientImage;
        this.job = new k8s.batch.v1.Job(
            `${name}-job`,
            {
                metadata: { name: `service-roles-${digest}`, namespace: ns, labels },
                // No ttlSecondsAfterFinished: a Job the cluster deletes would be created again by the next `pulumi up`.
                spec: {
                    backoffLimit: 6,
                    activeDeadlineSeconds: 900,
                    template: {
                        metadata: { labels },
                        spec: {
                            serviceAccountName: "db-bootstrap",
                            automountServiceAccountToken: false,
                            restartPolicy: "Never",
                            // fsGroup owns the mounted secret files, so the non-root user reads them at mode 0440.
                            securityContext: { runAsNonRoot: true, runAsUser: image.uid, runAsGroup: image.uid, fsGroup: image.uid, seccompProfile: { type: "RuntimeDefault" } },
                            containers: [
                                {
                                    name: "psql",
                                    image: image.reference,
                                    command: ["/bin/sh", "-c", SCRIPT],
                                    env: [
                                        { name: "STRATA_DATABASE", value: args.databaseName },
                                        { name: "STRATA_MASTER_USER", value: args.masterUsername },
                                        // psql keeps no history or rc file in a read-only root.
                                        { name: "HOME", value: "/tmp" },
                                    ],
                                    resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
                                    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                    volumeMounts: [
                                        { name: "master", mountPath: "/etc/strata/master", readOnly: true },
                                        { name: "shards", mountPath: "/etc/strata/shards", readOnly: true },
                                        { name: "sql", mountPath: "/etc/strata/sql", readOnly: true },
                                        { name: "tmp", mountPath: "/tmp" },
                                    ],
                                },
                            ],
                            volumes: [
                                { name: "master", secret: { secretName: "postgres-master", defaultMode: 0o440 } },
                                { name: "shards", configMap: { name: "shard-writers" } },
                                { name: "sql", configMap: { name: "service-roles" } },
                                { name: "tmp", emptyDir: { sizeLimit: "16Mi" } },
                            ],
                        },
                    },
                },
            },
            { ...inCluster, dependsOn: [account, master, hosts, sql, ...args.after] },
        );
        this.registerOutputs({ job: this.job.metadata.name });
    }
}
