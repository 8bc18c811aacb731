import * as pulumi from "@pulumi/pulumi";
import { JsonObject, PlanResource } from "./contract";
import { SecretHandling, objectFromWire } from "./values";

/** One registration as the resource monitor received it, before secrets are masked. */
export interface Registration {
    urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly parent: string | null;
    /** Provider reference `urn::id`, or null for the default provider or a component. */
    readonly providerRef: string | null;
    readonly dependencies: readonly string[];
    /** Per input property, the resources its value came from (what CrossGuard's `propertyDependencies` holds). */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly wireInputs: unknown;
}

interface WireStruct {
    toJavaScript(): unknown;
}
interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProvider(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getProtect(): boolean | undefined;
    getIgnorechangesList(): string[];
    getObject(): WireStruct | undefined;
}
interface RegisterResourceOutputsRequest {
    getUrn(): string;
    getOutputs(): WireStruct | undefined;
}
type Callback<T> = (error: Error | null, response?: T) => void;
interface Monitor {
    registerResource(request: RegisterResourceRequest, callback: Callback<{ getUrn(): string }>): unknown;
    registerResourceOutputs(request: RegisterResourceOutputsRequest, callback: Callback<unknown>): unknown;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

function propertyDependenciesOf(request: RegisterResourceRequest): Record<string, string[]> {
    const byProperty: Record<string, string[]> = {};
    request.getPropertydependenciesMap().forEach((value, key) => {
        const urns = [...new Set(value.getUrnsList())];
        if (urns.length > 0) byProperty[key] = urns;
    });
    return byProperty;
}

/**
 * Sees every resource the program registers, with the parent, provider, dependencies and options that
 * `MockResourceArgs` leaves out, by wrapping the mock monitor. Install once, right after `setMocks`.
 */
export class Recorder {
    readonly registrations: Registration[] = [];
    private stackOutputs: unknown = undefined;

    static install(): Recorder {
        const monitor = pulumi.runtime.getMonitor() as unknown as Monitor | undefined;
        if (!monitor) throw new Error("no resource monitor: call pulumi.runtime.setMocks before Recorder.install");
        const recorder = new Recorder();
        const registerResource = monitor.registerResource.bind(monitor);
        const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
        monitor.registerResource = (request, callback) => {
            const registration: Registration = {
                urn: "",
                type: request.getType(),
                name: request.getName(),
                custom: request.getCustom(),
                parent: request.getParent() || null,
                providerRef: request.getProvider() || null,
                dependencies: [...new Set(request.getDependenciesList())],
                propertyDependencies: propertyDependenciesOf(request),
                protect: request.getProtect() === true,
                ignoreChanges: request.getIgnorechangesList(),
                wireInputs: request.getObject()?.toJavaScript() ?? {},
            };
            recorder.registrations.push(registration);
            return registerResource(request, (error, response) => {
                if (response) registration.urn = response.getUrn();
                callback(error, response);
            });
        };
        monitor.registerResourceOutputs = (request, callback) => {
            const stack = recorder.registrations.find((r) => r.type === STACK_TYPE);
            if (stack && request.getUrn() === stack.urn) recorder.stackOutputs = request.getOutputs()?.toJavaScript();
            return registerOutputs(request, callback);
        };
        return recorder;
    }

    /** Resolves once every registration the program has started has been answered. */
    static async settle(): Promise<void> {
        // waitForRPCs is internal to the SDK and missing from its typings, but it is the one reliable
        // signal that no registration is still in flight.
        const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
        await settings.waitForRPCs();
    }

    outputs(secrets: SecretHandling): JsonObject {
        return objectFromWire(this.stackOutputs, secrets);
    }

    /**
     * The URNs the Pulumi engine would assign. The mock monitor keeps only the parent's last type and
     * prefixes children of the root stack with it; the engine qualifies a type with its full parent chain
     * and leaves the root stack out. Real URNs keep plans comparable with `pulumi preview` and state.
     */
    private engineUrns(): Map<string, string> {
        const qualified = new Map<string, string>();
        const urns = new Map<string, string>();
        for (const r of this.registrations) {
            const parentType = r.parent ? qualified.get(r.parent) : undefined;
            const type = parentType && parentType !== STACK_TYPE ? `${parentType}$${r.type}` : r.type;
            qualified.set(r.urn, type);
            const [prefix] = r.urn.split("::", 2);
            const [, project] = r.urn.split("::");
            urns.set(r.urn, `${prefix}::${project}::${type}::${r.name}`);
        }
        return urns;
    }

    /** Every registration as a plan resource, in registration order. */
    resources(secrets: SecretHandling): PlanResource[] {
        const engineUrns = this.engineUrns();
        const real = (urn: string) => engineUrns.get(urn) ?? urn;
        const providerUrn = (ref: string | null) => (ref ? ref.slice(0, ref.lastIndexOf("::")) : null);
        const byUrn = new Map(this.registrations.map((r) => [r.urn, r]));
        const regions = new Map<string, string | null>();
        const regionOf = (registration: Registration, seen: Set<string>): string | null => {
            const cached = regions.get(registration.urn);
            if (cached !== undefined) return cached;
            if (seen.has(registration.urn)) return null;
            seen.add(registration.urn);
            const inputs = registration.wireInputs as { region?: unknown } | null;
            let region: string | null = typeof inputs?.region === "string" ? inputs.region : null;
            const provider = byUrn.get(providerUrn(registration.providerRef) ?? "");
            if (region === null && provider) region = regionOf(provider, seen);
            // A provider without a region of its own (Kubernetes) lives where the cluster it talks to lives.
            if (region === null && registration.type.startsWith("pulumi:providers:")) {
                for (const dependency of registration.dependencies) {
                    const found = byUrn.get(dependency);
                    region = found ? regionOf(found, seen) : null;
                    if (region !== null) break;
                }
            }
            regions.set(registration.urn, region);
            return region;
        };
        return this.registrations.map((r) => {
            const provider = providerUrn(r.providerRef);
            return {
                urn: real(r.urn),
                type: r.type,
                name: r.name,
                custom: r.custom,
                parent: r.parent ? real(r.parent) : null,
                provider: provider ? real(provider) : null,
                region: r.custom ? regionOf(r, new Set()) : null,
                dependencies: r.dependencies.map(real),
                protect: r.protect,
                ignoreChanges: r.ignoreChanges,
                inputs: objectFromWire(r.wireInputs, secrets),
                propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([key, urns]) => [key, urns.map(real)])),
            };
        });
    }
}
