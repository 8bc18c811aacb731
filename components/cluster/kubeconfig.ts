/** A kubeconfig that authenticates with `aws eks get-token`, so no long-lived credential is stored. */
export function buildKubeconfig(args: { clusterName: string; endpoint: string; certificateAuthority: string; region: string }): string {
    const context = args.clusterName;
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: context, cluster: { server: args.endpoint, "certificate-authority-data": args.certificateAuthority } }],
        contexts: [{ name: context, context: { cluster: context, user: context } }],
        "current-context": context,
        users: [
            {
                name: context,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: ["eks", "get-token", "--cluster-name", args.clusterName, "--region", args.region, "--output", "json"],
                        interactiveMode: "Never",
                    },
                },
            },
        ],
    });
}
