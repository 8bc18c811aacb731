import { strict as assert } from "assert";
import { keyPolicy } from "../../components/keys";

type Statement = { Sid: string; Effect: string; Principal: { AWS?: string; Service?: string }; Action: string | string[]; Condition?: Record<string, Record<string, string>> };
const statements = (policy: string): Statement[] => JSON.parse(policy).Statement;

describe("keyPolicy", () => {
    it("lets the account's IAM policies administer every key, and nobody else without a user", () => {
        assert.deepEqual(statements(keyPolicy("aws", "123456789012")), [
            { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
        ]);
    });

    it("scopes CloudWatch Logs to the region's log groups of the account", () => {
        const logs = statements(keyPolicy("aws-us-gov", "123456789012", [{ kind: "cloudWatchLogs", region: "us-gov-west-1" }]))[1];
        assert.equal(logs?.Principal.Service, "logs.us-gov-west-1.amazonaws.com");
        assert.deepEqual(logs?.Condition, { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:*" } });
    });

    it("gives Auto Scaling's service-linked role the key and grants for AWS resources only", () => {
        const [, use, grant] = statements(keyPolicy("aws", "123456789012", [{ kind: "autoScalingVolumes" }]));
        const role = "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
        assert.deepEqual([use?.Principal.AWS, grant?.Principal.AWS], [role, role]);
        assert.equal(grant?.Action, "kms:CreateGrant");
        assert.deepEqual(grant?.Condition, { Bool: { "kms:GrantIsForAWSResource": "true" } });
    });

    it("lets alarms and log delivery use the key, no more", () => {
        const [, alarms, delivery] = statements(keyPolicy("aws", "123456789012", [{ kind: "cloudWatchAlarms" }, { kind: "logDelivery" }]));
        assert.deepEqual([alarms?.Principal.Service, alarms?.Action], ["cloudwatch.amazonaws.com", ["kms:Decrypt", "kms:GenerateDataKey*"]]);
        assert.deepEqual([delivery?.Principal.Service, delivery?.Action], ["delivery.logs.amazonaws.com", ["kms:GenerateDataKey*"]]);
    });
});
