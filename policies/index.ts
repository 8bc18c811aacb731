import { PolicyPack } from "@pulumi/policy";
import { strataPolicies } from "./rules";

// The only PolicyPack in the project: constructing one starts a gRPC server, so tests and the offline
// plan import `strataPolicies` instead.
new PolicyPack("strata", { policies: strataPolicies });
