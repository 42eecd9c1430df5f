/**
 * The private management plane: VPC endpoints planned alone (stand-ins for the VPC, its private
 * subnets and route tables), then in the whole stack (NAT none + endpoints: no default route, the
 * instances' egress reaches them), recorded sessions, Patch Manager.
 */
import { VpcEndpoints } from "../../lib/network/vpc-endpoints";
import { INSTANCE_AWS_SERVICES } from "../../lib/compute/instance-services";
import { parseTapConfig, TapConfigError } from "../../lib/config";
import { PATCH_GROUP_TAG, patchMethod, rebootOption } from "../../lib/management/patch-management";
import { approvedSeverities, SESSION_PREFERENCES_DOCUMENT } from "../../lib/management/vocabulary";
import { al2023RepoBucket, ssmManagedBuckets } from "../../lib/network/endpoint-policies";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import {
    byRef,
    DATA_AND_CDN,
    INSTANCE_CONFIG,
    nonEmpty,
    ofType,
    one,
    Plan,
    PlannedResource,
    planComponent,
    planTap,
    policyDocument,
    TWO_REGIONS,
    VARIANT_CONFIG,
} from "../support";

/** A prod stack needs a subscriber on its alert topics (seed 002): the minimal prod config. */
const PROD = { "tap:alarmEmail": "secops@example.com" };

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const DOCUMENT = "aws:ssm/document:Document";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";

/** tap:createSessionPreferences is off by default (docs/first-deploy.md): the specs of the document turn it on. */
const WITH_SESSION_DOCUMENT = { "tap:createSessionPreferences": "true" };

const serviceOf = (e: PlannedResource) => String(e.inputs.serviceName).split(".").pop()!;
const userDataOf = (plan: Plan) => Buffer.from(String(one(plan, LT).inputs.userData), "base64").toString("utf8");
const contentOf = (doc: PlannedResource) =>
    JSON.parse(String(doc.inputs.content)) as { documentType?: string; inputs: Record<string, unknown> };

describe("VpcEndpoints alone (eu-west-1)", () => {
    let plan: Plan;
    let standIns: { vpcId: string; vpcCidr: string; privateSubnetIds: string[]; privateRouteTableIds: string[] };
    beforeAll(async () => {
        plan = await planComponent(
            (s) => {
                standIns = s;
                return new VpcEndpoints(`${s.namePrefix}-endpoints`, {
                    ...s.common,
                    region: s.region,
                    vpcId: s.vpcId,
                    vpcCidr: s.vpcCidr,
                    privateSubnetIds: s.privateSubnetIds,
                    privateRouteTableIds: s.privateRouteTableIds,
                });
            },
            { region: "eu-west-1" },
        );
    });
    const endpoints = () => ofType(plan, ENDPOINT);

    it("every service the instances call has an endpoint in the VPC it is given: interface ones with private DNS in every private subnet", () => {
        for (const service of Object.keys(INSTANCE_AWS_SERVICES)) {
            const found = endpoints().filter((e) => serviceOf(e) === service && e.inputs.vpcId === standIns.vpcId);
            expect([service, found.length]).toEqual([service, 1]);
            const [e] = found;
            expect(e.inputs.serviceName).toBe(`com.amazonaws.eu-west-1.${service}`);
            if (e.inputs.vpcEndpointType === "Interface") {
                expect([service, e.inputs.privateDnsEnabled, [...(e.inputs.subnetIds as string[])].sort()]).toEqual([
                    service,
                    true,
                    [...standIns.privateSubnetIds].sort(),
                ]);
            }
        }
        expect(Object.keys(INSTANCE_AWS_SERVICES).length).toBeGreaterThan(0);
    });

    it("the S3 gateway endpoint is on every private route table it is given", () => {
        const gateway = endpoints().filter((e) => e.inputs.vpcEndpointType === "Gateway");
        expect(gateway).toHaveLength(1);
        expect([...(gateway[0].inputs.routeTableIds as string[])].sort()).toEqual([...standIns.privateRouteTableIds].sort());
    });

    it("the endpoint security group admits TCP 443 from the VPC CIDR only and has no other rule", () => {
        const interfaces = endpoints().filter((e) => e.inputs.vpcEndpointType === "Interface");
        expect(interfaces.length).toBeGreaterThan(0);
        const groupIds = new Set(interfaces.flatMap((e) => e.inputs.securityGroupIds as string[]));
        expect(groupIds.size).toBe(1);
        const sg = byRef(plan, [...groupIds][0]);
        expect(sg.type).toBe(SG);
        expect((sg.inputs.ingress as object[]).map((r) => ({ ...r, description: undefined }))).toEqual([
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [standIns.vpcCidr], description: undefined },
        ]);
        expect(sg.inputs.egress).toEqual([]);
        expect(plan.resources.filter((r) => r.inputs.securityGroupId === sg.id)).toEqual([]);
    });

    it("every endpoint policy admits only this account's principals, but the read-only AWS-owned repository and SSM buckets", () => {
        const awsOwned = [al2023RepoBucket("eu-west-1"), ...ssmManagedBuckets("eu-west-1")].map((b) => `arn:aws:s3:::${b}/*`);
        for (const e of nonEmpty(endpoints())) {
            const statements = policyDocument(e.inputs.policy).Statement;
            expect(statements.length).toBeGreaterThan(0);
            for (const s of statements) {
                const condition = s.Condition as { StringEquals?: Record<string, string> } | undefined;
                if (condition?.StringEquals?.["aws:PrincipalAccount"] === MOCK_ACCOUNT_ID) continue;
                expect([e.name, s.Action, s.Resource]).toEqual([e.name, "s3:GetObject", awsOwned]);
            }
        }
    });
});

describe("VPC endpoints in the stack, with tap:natGatewayStrategy none (VARIANT_CONFIG, eu-west-1)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(VARIANT_CONFIG, "dev");
    });
    const privateTables = () => ofType(plan, ROUTE_TABLE).filter((t) => t.name.includes("private-rt"));
    const endpoints = () => ofType(plan, ENDPOINT);

    it("the private route tables have no default route at all (no NAT, no internet)", () => {
        expect(privateTables().length).toBeGreaterThan(0);
        const defaults = ofType(plan, ROUTE).filter(
            (r) => r.inputs.destinationCidrBlock === "0.0.0.0/0" && privateTables().some((t) => t.id === r.inputs.routeTableId),
        );
        expect(defaults).toEqual([]);
    });

    it("puts every endpoint in the stack's VPC, its interface endpoints in the private subnets and its gateway on the private route tables", () => {
        const vpc = one(plan, "aws:ec2/vpc:Vpc");
        const privateSubnets = ofType(plan, "aws:ec2/subnet:Subnet")
            .filter((s) => (s.inputs.tags as Record<string, string>).Tier === "private")
            .map((s) => s.id)
            .sort();
        expect(privateSubnets.length).toBeGreaterThan(1);
        for (const e of nonEmpty(endpoints())) {
            expect([e.name, e.inputs.vpcId]).toEqual([e.name, vpc.id]);
            if (e.inputs.vpcEndpointType === "Interface")
                expect([e.name, [...(e.inputs.subnetIds as string[])].sort()]).toEqual([e.name, privateSubnets]);
            else
                expect([e.name, [...(e.inputs.routeTableIds as string[])].sort()]).toEqual([
                    e.name,
                    privateTables()
                        .map((t) => t.id)
                        .sort(),
                ]);
        }
    });

    it("the app instances' egress still reaches the endpoints (HTTPS to the VPC) and S3 through the gateway (HTTPS to S3's public ranges)", () => {
        const appSg = one(plan, SG, "app-sg");
        const https = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
            (r) =>
                r.inputs.securityGroupId === appSg.id &&
                r.inputs.ipProtocol === "tcp" &&
                Number(r.inputs.fromPort) <= 443 &&
                443 <= Number(r.inputs.toPort),
        );
        expect(https.length).toBeGreaterThan(0);
        const vpcCidr = String(one(plan, "aws:ec2/vpc:Vpc").inputs.cidrBlock);
        const destinations = https.map((r) => r.inputs.cidrIpv4 ?? r.inputs.destinationPrefixListId);
        expect(destinations.some((d) => d === vpcCidr || d === "0.0.0.0/0")).toBe(true);
        expect(destinations.some((d) => d === "0.0.0.0/0" || (typeof d === "string" && d.startsWith("pl-")))).toBe(true);
    });
});

describe("VPC endpoints by profile, and the config rule", () => {
    it("dev leaves them off (each interface endpoint is billed per AZ-hour); prod turns them on", () => {
        expect(parseTapConfig({}, "dev").vpcEndpoints).toBe(false);
        expect(parseTapConfig(PROD, "prod").vpcEndpoints).toBe(true);
    });

    it("refuses natGatewayStrategy none without endpoints, naming both keys and the way out", () => {
        const problems = (() => {
            try {
                parseTapConfig({ "tap:natGatewayStrategy": "none" }, "dev");
                return [];
            } catch (err) {
                return (err as TapConfigError).problems;
            }
        })();
        expect(problems).toEqual([
            expect.stringMatching(
                /^tap:natGatewayStrategy is none but tap:vpcEndpoints is false: .*set tap:vpcEndpoints to true, or choose a NAT gateway/,
            ),
        ]);
        expect(() => parseTapConfig({ "tap:natGatewayStrategy": "none", "tap:vpcEndpoints": "true" }, "dev")).not.toThrow();
    });
});

describe("Session Manager preferences and Patch Manager, dev stack creating the preferences document", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(WITH_SESSION_DOCUMENT, "dev");
    });
    const key = () => one(plan, "aws:kms/key:Key");

    it("has no VPC endpoint (dev default)", () => {
        expect(ofType(plan, ENDPOINT)).toEqual([]);
    });

    it("the preferences document logs sessions to the stack's KMS-encrypted log group and a bucket prefix, encrypted with the stack key, Run As off, bounded", () => {
        const doc = one(plan, DOCUMENT, "session-preferences");
        expect([doc.inputs.name, doc.inputs.documentType]).toEqual([SESSION_PREFERENCES_DOCUMENT, "Session"]);
        const { inputs } = contentOf(doc);
        const logGroup = one(plan, LOG_GROUP, "session-logs");
        expect(logGroup.inputs.kmsKeyId).toBe(key().state.arn);
        expect(inputs).toMatchObject({
            cloudWatchLogGroupName: logGroup.inputs.name,
            cloudWatchEncryptionEnabled: true,
            s3BucketName: one(plan, "aws:s3/bucket:Bucket", "management-logs").id,
            s3KeyPrefix: "session-logs/",
            s3EncryptionEnabled: true,
            kmsKeyId: key().state.arn,
            runAsEnabled: false,
            idleSessionTimeout: "20",
            maxSessionDuration: "240",
        });
    });

    it("grants the instance role exactly the session log group, the transcript prefix and the stack key", () => {
        const grant = policyDocument(one(plan, ROLE_POLICY, "session-logging").inputs.policy).Statement;
        const bucket = one(plan, "aws:s3/bucket:Bucket", "management-logs");
        const logGroup = one(plan, LOG_GROUP, "session-logs");
        const byAction = (action: string) =>
            grant.filter((s) => ([] as unknown[]).concat(s.Action).includes(action)).flatMap((s) => ([] as unknown[]).concat(s.Resource));
        expect(byAction("logs:PutLogEvents")).toEqual([logGroup.state.arn, `${String(logGroup.state.arn)}:*`]);
        expect(byAction("s3:PutObject")).toEqual([`${String(bucket.state.arn)}/session-logs/*`]);
        expect(byAction("kms:Decrypt")).toEqual([key().state.arn]);
        expect(grant.flatMap((s) => ([] as unknown[]).concat(s.Resource))).not.toContain("*");
    });

    it("tags the instances with their patch group, which the baseline, the daily Scan and the Install window all use", () => {
        const lt = one(plan, LT);
        const instanceTags = (lt.inputs.tagSpecifications as Array<{ resourceType: string; tags: Record<string, string> }>).find(
            (t) => t.resourceType === "instance",
        )!.tags;
        const group = instanceTags[PATCH_GROUP_TAG];
        expect(group).toBe("tap-dev-use1-app");
        expect(one(plan, "aws:ssm/patchGroup:PatchGroup").inputs).toMatchObject({
            patchGroup: group,
            baselineId: one(plan, "aws:ssm/patchBaseline:PatchBaseline").id,
        });
        const byTag = [{ key: `tag:${PATCH_GROUP_TAG}`, values: [group] }];
        expect(one(plan, "aws:ssm/association:Association").inputs).toMatchObject({
            name: "AWS-RunPatchBaseline",
            parameters: { Operation: "Scan" },
            targets: byTag,
            scheduleExpression: "rate(1 day)",
        });
        expect(one(plan, "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget").inputs.targets).toEqual(byTag);
    });

    it("patches the Auto Scaling group by replacement: the window's task starts an instance refresh through a one-step runbook, protected instances included", () => {
        const task = one(plan, "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask").inputs;
        const runbook = one(plan, DOCUMENT, "patch-refresh-runbook");
        expect([task.taskType, task.taskArn, task.targets]).toEqual(["AUTOMATION", runbook.inputs.name, undefined]);
        const content = JSON.parse(String(runbook.inputs.content)) as {
            mainSteps: Array<{ action: string; inputs: Record<string, unknown> }>;
        };
        expect(content.mainSteps.map((s) => [s.action, s.inputs.Api])).toEqual([["aws:executeAwsApi", "StartInstanceRefresh"]]);
        expect(content.mainSteps[0].inputs.Preferences).toMatchObject({
            MinHealthyPercentage: 100,
            ScaleInProtectedInstances: "Refresh",
            SkipMatching: false,
        });
        const params = (
            task.taskInvocationParameters as { automationParameters: { parameters: Array<{ name: string; values: string[] }> } }
        ).automationParameters.parameters;
        const asg = one(plan, "aws:autoscaling/group:Group");
        const role = one(plan, "aws:iam/role:Role", "patch-refresh-role");
        expect(params).toEqual([
            { name: "AutoScalingGroupName", values: [asg.inputs.name] },
            { name: "AutomationAssumeRole", values: [role.state.arn] },
        ]);
        // Nothing installs in place, so nothing is ever InstalledPendingReboot (SSM.2).
        expect(JSON.stringify(task)).not.toContain("NoReboot");
    });

    it("the refresh role may start the app group's refresh and launch from its template only", () => {
        const grant = policyDocument(one(plan, ROLE_POLICY, "patch-refresh-policy").inputs.policy).Statement;
        const asg = one(plan, "aws:autoscaling/group:Group");
        const refresh = grant.find((s) => s.Action === "autoscaling:StartInstanceRefresh")!;
        expect(refresh.Resource).toBe(asg.state.arn);
        const launch = grant.find((s) => s.Action === "ec2:RunInstances")!;
        expect(launch.Condition).toEqual({ ArnEquals: { "ec2:LaunchTemplate": one(plan, LT).state.arn } });
        const trust = policyDocument(one(plan, "aws:iam/role:Role", "patch-refresh-role").inputs.assumeRolePolicy).Statement;
        expect(trust).toEqual([
            expect.objectContaining({
                Principal: { Service: "ssm.amazonaws.com" },
                Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
            }),
        ]);
    });

    it("keeps the patch log group encrypted and the window's schedule", () => {
        expect(one(plan, LOG_GROUP, "patch-logs").inputs.kmsKeyId).toBe(key().state.arn);
        expect(one(plan, "aws:ssm/maintenanceWindow:MaintenanceWindow").inputs).toMatchObject({
            schedule: "cron(0 3 ? * * *)",
            duration: 3,
            cutoff: 1,
        });
    });

    it("the baseline approves AL2023 security updates of every severity (dev) and bug fixes at once", () => {
        const rules = one(plan, "aws:ssm/patchBaseline:PatchBaseline").inputs.approvalRules as Array<{
            approveAfterDays: number;
            patchFilters: Array<{ key: string; values: string[] }>;
        }>;
        expect(rules.map((r) => r.approveAfterDays)).toEqual([0, 0]);
        expect(rules[0].patchFilters).toEqual([
            { key: "CLASSIFICATION", values: ["Security"] },
            { key: "SEVERITY", values: ["Critical", "Important", "Medium", "Low"] },
        ]);
        expect(rules[1].patchFilters).toEqual([{ key: "CLASSIFICATION", values: ["Bugfix"] }]);
    });

    it("leaves installing to Patch Manager: no dnf-automatic timer, security updates still applied at boot", () => {
        const script = userDataOf(plan);
        expect(script).not.toMatch(/^dnf install .*dnf-automatic|enable --now dnf-automatic/m);
        expect(script).toMatch(/^dnf upgrade -y --security$/m);
    });
});

describe("the private management plane's switches", () => {
    it("createSessionPreferences false leaves the account's document alone but keeps the log group, bucket and grant (VARIANT_CONFIG)", async () => {
        const plan = await planTap(VARIANT_CONFIG, "dev");
        expect(ofType(plan, DOCUMENT).filter((d) => d.inputs.documentType === "Session")).toEqual([]);
        expect(one(plan, LOG_GROUP, "session-logs")).toBeDefined();
        expect(one(plan, ROLE_POLICY, "session-logging")).toBeDefined();
        expect(plan.outputs.sessionPreferencesManaged).toBe(false);
        expect(plan.outputs.sessionIdleTimeoutMinutes).toBe(5);
    });

    it("enablePatchManager false: no SSM patching resources, dnf-automatic on the instances (DATA_AND_CDN)", async () => {
        const plan = await planTap(DATA_AND_CDN, "dev");
        expect(plan.resources.filter((r) => r.type.startsWith("aws:ssm/") && r.type !== DOCUMENT)).toEqual([]);
        expect(userDataOf(plan)).toMatch(/^systemctl enable --now dnf-automatic\.timer$/m);
    });

    it("every region gets its own session log group and patch setup, and no preferences document by default (TWO_REGIONS)", async () => {
        const plan = await planTap(TWO_REGIONS, "dev");
        expect(ofType(plan, DOCUMENT).filter((d) => d.inputs.documentType === "Session")).toEqual([]);
        expect(plan.outputs.sessionPreferencesManaged).toBe(false);
        for (const type of [
            DOCUMENT,
            "aws:ssm/patchBaseline:PatchBaseline",
            "aws:ssm/maintenanceWindow:MaintenanceWindow",
            "aws:ssm/association:Association",
        ]) {
            expect([
                type,
                ofType(plan, type)
                    .map((r) => r.provider)
                    .sort(),
            ]).toEqual([type, ["aws-us-east-1", "aws-us-west-2"]]);
        }
        const groups = ofType(plan, LOG_GROUP).filter((g) => g.name.endsWith("session-logs"));
        expect(groups.map((g) => g.inputs.name).sort()).toEqual(["/tap/tap-dev-use1/session-logs", "/tap/tap-dev-usw2/session-logs"]);
    });

    it("a single instance installs in its window with RebootIfNeeded, one at a time, output to the bucket (INSTANCE_CONFIG)", async () => {
        const plan = await planTap(INSTANCE_CONFIG, "dev");
        const task = one(plan, "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask").inputs;
        const run = (task.taskInvocationParameters as { runCommandParameters: Record<string, unknown> }).runCommandParameters;
        expect([task.taskType, task.taskArn, task.maxConcurrency, task.maxErrors]).toEqual([
            "RUN_COMMAND",
            "AWS-RunPatchBaseline",
            "1",
            "1",
        ]);
        expect(run.parameters).toEqual([
            { name: "Operation", values: ["Install"] },
            { name: "RebootOption", values: ["RebootIfNeeded"] },
        ]);
        expect(run.outputS3Bucket).toBe(one(plan, "aws:s3/bucket:Bucket", "management-logs").id);
        expect(ofType(plan, DOCUMENT).filter((d) => d.name.endsWith("patch-refresh-runbook"))).toEqual([]);
    });

    it("patches a single instance in place with a reboot, a group by replacement; approves the chosen severity and every more severe one", () => {
        expect([patchMethod("instance"), patchMethod("asg"), rebootOption()]).toEqual(["install-and-reboot", "replace", "RebootIfNeeded"]);
        expect(approvedSeverities("Critical")).toEqual(["Critical"]);
        expect(approvedSeverities("Medium")).toEqual(["Critical", "Important", "Medium"]);
    });
});
