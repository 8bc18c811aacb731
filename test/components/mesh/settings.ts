import { RoutingSettings } from "../../../components/mesh/routing";

/** The requirements' routing (auth, social, the tenant-routed api), shared by the mesh specs. */
export const retries = { attempts: 2, perTryTimeoutSeconds: 2, retryOn: "5xx,reset,connect-failure" };
export const settings: RoutingSettings = {
    domain: "strata.example.com",
    gatewayCredentialName: "strata-gateway-tls",
    mtlsMode: "STRICT",
    tenantHeader: "tenant-id",
    tenants: ["tenant-a", "tenant-b"],
    tenantService: "api",
    regionHeader: "x-user-region",
    routes: [
        { name: "auth", prefix: "/api/v1/auth", service: "auth-service", timeoutSeconds: 5, retries },
        { name: "social", prefix: "/api/v1/social", service: "social-service", timeoutSeconds: 10, retries },
        { name: "api", prefix: "/", service: "api", timeoutSeconds: 10, retries },
    ],
    subsets: {},
    connectionPool: { maxConnections: 100, http1MaxPendingRequests: 100, maxRequestsPerConnection: 10, tenantMaxConnections: 50 },
    outlierDetection: { consecutive5xxErrors: 5, intervalSeconds: 10, baseEjectionTimeSeconds: 30, maxEjectionPercent: 50 },
    allowFaultInjectionInProd: false,
    tlsSource: "cert-manager",
};
