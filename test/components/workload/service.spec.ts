import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type * as k8sTypes from "@pulumi/kubernetes";
import type { AutoscaledServiceArgs } from "../../../components/workload";
import { DEFAULT_BEHAVIOR } from "../../../components/workload/hpa";
import { PlanResource } from "../../../tools/plan/contract";
import { renderManifests } from "../../../tools/plan/manifests";
import { ofType, one, ready, record } from "../../harness";
import { modelName, unknownFields } from "../../k8sFields";
import { validateObject } from "../../k8sSchema";

const T = {
    deployment: "kubernetes:apps/v1:Deployment",
    hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    vpa: "kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
    service: "kubernetes:core/v1:Service",
    account: "kubernetes:core/v1:ServiceAccount",
    cronJob: "kubernetes:batch/v1:CronJob",
    role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
};

const probes = {
    liveness: { path: "/health", initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 3 },
    readiness: { path: "/ready", initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 3 },
    startup: { path: "/health", initialDelaySeconds: 0, periodSeconds: 5, failureThreshold: 30 },
};

const apiArgs = (over: Partial<AutoscaledServiceArgs> = {}): AutoscaledServiceArgs => ({
    serviceName: "api",
    namespace: "apps",
    image: "public.ecr.aws/strata/api:1.0.0",
    port: 8080,
    cpu: "500m",
    memory: "1Gi",
    minReplicas: 3,
    maxReplicas: 100,
    hpa: { cpuUtilization: 70, memoryUtilization: 80, podsMetrics: [{ name: "requests_per_second", averageValue: 100 }, { name: "queue_length", averageValue: 50 }], externalMetrics: [] },
    vpa: { mode: "Off", controlledValues: "RequestsAndLimits", minAllowed: { cpu: "100m", memory: "128Mi" }, maxAllowed: { cpu: "4", memory: "8Gi" } },
    probes,
    strictZoneSpread: true,
    dataTier: { postgres: { configMap: "strata-shard-map", user: "svc_api", poolSize: 20 }, redis: { configMap: "strata-redis", secret: "strata-redis-api" } },
    ...over,
});

async function build(name: string, args: AutoscaledServiceArgs): Promise<PlanResource[]> {
    await ready();
    const k8s: typeof k8sTypes = await import("@pulumi/kubernetes");
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const { AutoscaledService } = await import("../../../components/workload");
    return record(() => {
        const kubernetes = new k8s.Provider(`${name}-k8s`, { kubeconfig: "{}" });
        const provider = new aws.Provider(`${name}-aws`, { region: "us-east-1" });
        new AutoscaledService(name, args, { providers: { kubernetes, aws: provider } });
    });
}

describe("AutoscaledService", () => {
    describe("the api", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = await build("us-east-1-api", apiArgs());
        });

        it("never sets replicas on the Deployment and ignores them, so pulumi up never fights the HPA", () => {
            const deployment = ofType(resources, T.deployment)[0]!;
            assert.equal((deployment.inputs.spec as Record<string, unknown>).replicas, undefined);
            assert.deepEqual(deployment.ignoreChanges, ["spec.replicas"]);
        });

        it("runs a restricted, zone-spread, gracefully stopping container with requests and limits", () => {
            const spec = ofType(resources, T.deployment)[0]!.inputs.spec as { template: { spec: Record<string, unknown> } };
            const pod = spec.template.spec as {
                securityContext: Record<string, unknown>;
                topologySpreadConstraints: { topologyKey: string; whenUnsatisfiable: string }[];
                containers: Record<string, unknown>[];
                terminationGracePeriodSeconds: number;
            };
            assert.equal(pod.securityContext.runAsNonRoot, true);
            assert.deepEqual(pod.securityContext.seccompProfile, { type: "RuntimeDefault" });
            assert.deepEqual(pod.topologySpreadConstraints.map((t) => [t.topologyKey, t.whenUnsatisfiable]), [["topology.kubernetes.io/zone", "DoNotSchedule"]]);
            const container = pod.containers[0] as { resources: unknown; securityContext: Record<string, unknown>; lifecycle: unknown; livenessProbe: { httpGet: { path: string } }; readinessProbe: { httpGet: { path: string }; periodSeconds: number } };
            assert.deepEqual(container.resources, { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1000m", memory: "1Gi" } });
            assert.deepEqual(container.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
            assert.deepEqual(container.lifecycle, { preStop: { sleep: { seconds: 10 } } });
            assert.equal(container.livenessProbe.httpGet.path, "/health");
            assert.equal(container.readinessProbe.httpGet.path, "/ready");
            assert.equal(pod.terminationGracePeriodSeconds, 45);
        });

        it("wires the shard map and its own database user (IAM sign-in, no password), and its own cache user's Secret as files", () => {
            const pod = (ofType(resources, T.deployment)[0]!.inputs.spec as { template: { spec: { containers: { env: { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string } } }[] }[]; volumes: { name: string; configMap?: { name: string }; secret?: { secretName: string } }[] } } }).template.spec;
            const env = Object.fromEntries(pod.containers[0]!.env.map((e) => [e.name, e]));
            assert.equal(env.STRATA_REDIS_ENDPOINT?.valueFrom?.configMapKeyRef?.name, "strata-redis");
            assert.equal(env.STRATA_PG_DATABASE?.valueFrom?.configMapKeyRef?.name, "strata-shard-map");
            assert.deepEqual(pod.volumes.map((v) => v.configMap?.name ?? v.secret?.secretName ?? v.name), ["tmp", "strata-shard-map", "strata-redis-api"]);
            assert.deepEqual([env.PGUSER?.value, env.STRATA_PG_AUTH?.value], ["svc_api", "iam"]);
            assert.deepEqual([env.STRATA_REDIS_USERNAME_FILE?.value, env.STRATA_REDIS_PASSWORD_FILE?.value], ["/etc/strata/redis/username", "/etc/strata/redis/password"]);
            assert.ok(!JSON.stringify(pod).includes("offline-"), "no credential inline");
        });

        it("scales on the requirements' metrics with their behaviour exactly", () => {
            const spec = ofType(resources, T.hpa)[0]!.inputs.spec as { minReplicas: number; maxReplicas: number; metrics: unknown[]; behavior: unknown };
            assert.deepEqual([spec.minReplicas, spec.maxReplicas, spec.metrics.length], [3, 100, 4]);
            assert.deepEqual(spec.behavior, JSON.parse(JSON.stringify(DEFAULT_BEHAVIOR)));
        });

        it("keeps the VPA to recommendations because the HPA scales on cpu and memory", () => {
            const vpa = ofType(resources, T.vpa)[0]!;
            assert.equal((vpa.inputs.spec as { updatePolicy: { updateMode: string } }).updatePolicy.updateMode, "Off");
        });

        it("budgets disruptions so a drain is never blocked", () => {
            const spec = ofType(resources, T.pdb)[0]!.inputs.spec as { maxUnavailable: number };
            assert.equal(spec.maxUnavailable, 1);
        });

        it("exposes a named http port for the mesh", () => {
            const ports = (ofType(resources, T.service)[0]!.inputs.spec as { ports: { name: string; targetPort: string; appProtocol: string }[] }).ports;
            assert.deepEqual(ports, [{ name: "http", port: 80, targetPort: "http", appProtocol: "http" }]);
        });

        it("renders objects that validate against the upstream schemas and use only real API fields", () => {
            for (const manifest of renderManifests(resources)) {
                validateObject(manifest.object, manifest.path);
                if (modelName(String(manifest.object.apiVersion), String(manifest.object.kind))) assert.deepEqual(unknownFields(manifest.object), [], manifest.path);
            }
        });
    });

    it("the field check catches a misspelt field the schema validators let through", () => {
        const object = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "x" }, spec: { scaleTargetRef: { kind: "Deployment", name: "x" }, maxReplicas: 3, behaviour: {} } };
        validateObject(object);
        assert.deepEqual(unknownFields(object), [".spec.behaviour: no such field in V2HorizontalPodAutoscalerSpec"]);
    });

    it("lets a VPA act on memory while the HPA scales on cpu", async () => {
        const resources = await build("us-east-1-analysis", apiArgs({ serviceName: "analysis-service", hpa: { cpuUtilization: 70, podsMetrics: [], externalMetrics: [] }, vpa: { mode: "Auto", controlledValues: "RequestsAndLimits" } }));
        const spec = ofType(resources, T.vpa)[0]!.inputs.spec as { updatePolicy: { updateMode: string }; resourcePolicy: { containerPolicies: { controlledResources: string[] }[] } };
        assert.equal(spec.updatePolicy.updateMode, "Auto");
        assert.deepEqual(spec.resourcePolicy.containerPolicies[0]?.controlledResources, ["memory"]);
    });

    it("adds scheduled bounds with CronJobs and a Role limited to patching this HPA, which Pulumi then leaves alone", async () => {
        const resources = await build(
            "us-east-1-batch",
            apiArgs({
                serviceName: "batch",
                minReplicas: 1,
                maxReplicas: 20,
                schedules: {
                    timezone: "Europe/Paris",
                    kubectlImage: "registry.k8s.io/kubectl:v1.33.0",
                    windows: [{ name: "workday", days: "1-5", start: "09:00", end: "18:00", minReplicas: 3, maxReplicas: 15 }],
                },
            }),
        );
        assert.deepEqual(ofType(resources, T.hpa)[0]?.ignoreChanges, ["spec.minReplicas", "spec.maxReplicas"]);
        const jobs = ofType(resources, T.cronJob);
        assert.deepEqual(jobs.map((j) => [(j.inputs.spec as { schedule: string }).schedule, (j.inputs.spec as { timeZone: string }).timeZone]), [
            ["0 9 * * 1-5", "Europe/Paris"],
            ["0 18 * * 1-5", "Europe/Paris"],
        ]);
        const command = (jobs[1]!.inputs.spec as { jobTemplate: { spec: { template: { spec: { containers: { command: string[] }[] } } } } }).jobTemplate.spec.template.spec.containers[0]!.command;
        assert.deepEqual(command.slice(0, 4), ["kubectl", "patch", "horizontalpodautoscaler", "batch"]);
        assert.equal(JSON.parse(command[command.length - 1]!).spec.minReplicas, 1, "the end of a window restores the configured bounds");
        const podLabels = (jobs[0]!.inputs.spec as { jobTemplate: { spec: { template: { metadata: { labels: Record<string, string> } } } } }).jobTemplate.spec.template.metadata.labels;
        assert.equal(podLabels["sidecar.istio.io/inject"], "false", "istiod's injection webhook never selects the scaler's pods");
        const rules = one(resources, T.role, "us-east-1-batch-scaler").inputs.rules as { resources: string[]; resourceNames: string[]; verbs: string[] }[];
        assert.deepEqual(rules, [{ apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], resourceNames: ["batch"], verbs: ["get", "patch"] }]);
        for (const manifest of renderManifests(resources)) if (modelName(String(manifest.object.apiVersion), String(manifest.object.kind))) assert.deepEqual(unknownFields(manifest.object), [], manifest.path);
    });

    it("refuses an acting VPA on the HPA's resource, limits below requests and a bad window, all at once, registering nothing", async () => {
        await ready();
        const { AutoscaledService } = await import("../../../components/workload");
        let error: Error | undefined;
        const resources = await record(() => {
            try {
                new AutoscaledService(
                    "refused",
                    apiArgs({
                        cpuLimit: "100m",
                        vpa: { mode: "Auto", controlledResources: ["cpu"], controlledValues: "RequestsOnly" },
                        schedules: { timezone: "UTC", kubectlImage: "k:1", windows: [{ name: "w", days: "1", start: "10:00", end: "09:00", minReplicas: 1, maxReplicas: 2 }] },
                    }),
                );
            } catch (e) {
                error = e as Error;
            }
        });
        assert.match(error?.message ?? "", /cpuLimit \(100m\) must be ≥ cpu \(500m\)/);
        assert.match(error?.message ?? "", /the VPA in mode Auto would change cpu requests/);
        assert.match(error?.message ?? "", /start \(10:00\) must be before end \(09:00\)/);
        assert.deepEqual(resources, []);
    });

    describe("with tenant pools", () => {
        let resources: PlanResource[];
        before(async () => {
            resources = await build("us-east-1-tenanted", {
                ...apiArgs({ throughput: { peakRps: 10000, perPodRps: 100, trafficWeightPercent: 50 } }),
                serviceName: "tapi",
                tenantPools: [
                    { tenant: "tenant-a", minReplicas: 3, maxReplicas: 30, trafficPercent: 20 },
                    { tenant: "tenant-b", minReplicas: 3, maxReplicas: 30, trafficPercent: 20 },
                ],
            });
        });
        const deploymentOf = (name: string) => resources.find((r) => r.type === T.deployment && (r.inputs.metadata as { name: string }).name === name)!;
        const specOf = (r: PlanResource) => r.inputs.spec as { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: { serviceAccountName: string } } };

        it("runs one Deployment per pool, each selecting only its own pods, all carrying the service label", () => {
            const pools = ["tapi", "tapi-tenant-a", "tapi-tenant-b"].map(deploymentOf);
            assert.deepEqual(
                pools.map((d) => specOf(d).selector.matchLabels),
                [{ "app.kubernetes.io/name": "tapi" }, { "app.kubernetes.io/name": "tapi-tenant-a" }, { "app.kubernetes.io/name": "tapi-tenant-b" }],
            );
            assert.deepEqual(
                pools.map((d) => [specOf(d).template.metadata.labels["strata.io/service"], specOf(d).template.metadata.labels["strata.io/tenant"], specOf(d).template.spec.serviceAccountName]),
                [
                    ["tapi", "shared", "tapi"],
                    ["tapi", "tenant-a", "tapi"],
                    ["tapi", "tenant-b", "tapi"],
                ],
            );
            // The service's own pool keeps its logical names: an upgrade never replaces it.
            assert.equal(pools[0]!.name, "us-east-1-tenanted-deployment");
            assert.equal(pools[1]!.name, "us-east-1-tenanted-tenant-a-deployment");
            assert.equal(ofType(resources, T.account).length, 1);
        });

        it("gives each pool its own HPA, PDB and VPA, with its bounds and its share of the peak", () => {
            const hpas = ofType(resources, T.hpa).map((h) => [(h.inputs.metadata as { name: string; annotations: Record<string, string> }).name, (h.inputs.spec as { minReplicas: number; maxReplicas: number; scaleTargetRef: { name: string } }), (h.inputs.metadata as { annotations: Record<string, string> }).annotations["strata.io/peak-rps"]] as const);
            assert.deepEqual(
                hpas.map(([name, spec, peak]) => [name, spec.scaleTargetRef.name, spec.minReplicas, spec.maxReplicas, peak]),
                [
                    ["tapi", "tapi", 3, 100, "6000"],
                    ["tapi-tenant-a", "tapi-tenant-a", 3, 30, "2000"],
                    ["tapi-tenant-b", "tapi-tenant-b", 3, 30, "2000"],
                ],
            );
            assert.deepEqual(ofType(resources, T.pdb).map((p) => (p.inputs.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels["app.kubernetes.io/name"]), ["tapi", "tapi-tenant-a", "tapi-tenant-b"]);
            assert.deepEqual(ofType(resources, T.vpa).map((v) => (v.inputs.spec as { targetRef: { name: string } }).targetRef.name), ["tapi", "tapi-tenant-a", "tapi-tenant-b"]);
        });

        it("keeps one Service over every pool, which moves its selector only after the pools' Deployments", () => {
            const [service] = ofType(resources, T.service);
            assert.deepEqual((service!.inputs.spec as { selector: Record<string, string> }).selector, { "strata.io/service": "tapi" });
            for (const name of ["tapi", "tapi-tenant-a", "tapi-tenant-b"]) assert.ok(service!.dependencies.includes(deploymentOf(name).urn), name);
        });

        it("refuses tenant shares that leave nothing for the shared pool, registering nothing", async () => {
            await ready();
            const { AutoscaledService } = await import("../../../components/workload");
            let error: Error | undefined;
            const registered = await record(() => {
                try {
                    new AutoscaledService("greedy", { ...apiArgs(), tenantPools: [{ tenant: "a", minReplicas: 3, maxReplicas: 5, trafficPercent: 60 }, { tenant: "b", minReplicas: 3, maxReplicas: 5, trafficPercent: 40 }] });
                } catch (e) {
                    error = e as Error;
                }
            });
            assert.match(error?.message ?? "", /the tenant pools' trafficPercent add up to 100; they must leave the shared pool at least 1 %/);
            assert.deepEqual(registered, []);
        });
    });
});
