/** GuardDuty check against GetDetector responses AWS documents (test/verify/fixtures/guardDuty). */
import { BadRequestException, GetDetectorCommand, GetDetectorCommandOutput, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { detectorEnabled } from "../../tooling/verify/guardduty";
import { sdkResponse } from "./fixtures";
import { DEV_OUTPUTS, findings, mockedClients, outputs, REGION } from "./support";

const DETECTOR = DEV_OUTPUTS.guardDutyDetectorId;
let documented: Partial<GetDetectorCommandOutput>;
beforeAll(async () => {
    documented = await sdkResponse("guardDuty/GetDetector.cli-example");
});
/**
 * The AWS CLI example's detector (ENABLED, SIX_HOURS), with the protection plans GetDetector lists
 * under Features (names and statuses of DetectorFeatureConfigurationResult, GuardDuty API Reference).
 */
const detector = (overrides: Partial<GetDetectorCommandOutput> = {}): Partial<GetDetectorCommandOutput> => ({
    ...documented,
    Features: [
        { Name: "CLOUD_TRAIL", Status: "ENABLED" },
        { Name: "DNS_LOGS", Status: "ENABLED" },
        { Name: "FLOW_LOGS", Status: "ENABLED" },
        { Name: "S3_DATA_EVENTS", Status: "ENABLED" },
        { Name: "EBS_MALWARE_PROTECTION", Status: "ENABLED" },
        { Name: "RDS_LOGIN_EVENTS", Status: "DISABLED" },
    ],
    ...overrides,
});

const newMocks = () => mockedClients({ guardDuty: new GuardDutyClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});

describe("guardduty.detector-enabled (GuardDuty.1)", () => {
    it("passes the stack's detector when ENABLED, listing the features that are on", async () => {
        mocks.guardDuty.on(GetDetectorCommand).resolves(detector());
        const [finding] = await findings(detectorEnabled, mocks);
        expect(finding).toMatchObject({ resource: DETECTOR, status: "pass" });
        expect(finding.reason).toBe(
            "ENABLED, findings every SIX_HOURS; features on: CLOUD_TRAIL, DNS_LOGS, FLOW_LOGS, S3_DATA_EVENTS, EBS_MALWARE_PROTECTION",
        );
        expect(mocks.guardDuty.commandCalls(GetDetectorCommand)[0].args[0].input).toEqual({ DetectorId: DETECTOR });
    });

    it("fails a suspended (DISABLED) detector", async () => {
        mocks.guardDuty.on(GetDetectorCommand).resolves(detector({ Status: "DISABLED" }));
        expect(await findings(detectorEnabled, mocks)).toEqual([
            expect.objectContaining({ resource: DETECTOR, status: "fail", reason: "Status DISABLED: no threat detection in this region" }),
        ]);
    });

    it("fails, with AWS's message, a detector id AWS does not know", async () => {
        mocks.guardDuty.on(GetDetectorCommand).rejects(
            new BadRequestException({
                message: "The request is rejected because the input detectorId is not owned by the current account.",
                Type: "InvalidInputException",
                $metadata: { httpStatusCode: 400 },
            }),
        );
        const [finding] = await findings(detectorEnabled, mocks);
        expect(finding).toMatchObject({ resource: DETECTOR, status: "fail" });
        expect(finding.reason).toMatch(/^could not verify: BadRequestException on guardduty:GetDetector: The request is rejected/);
    });

    it("is skipped when the stack exports no detector id", async () => {
        expect(await findings(detectorEnabled, mocks, outputs({}, ["guardDutyDetectorId"]))).toEqual([
            expect.objectContaining({ status: "skipped", reason: "skipped: output guardDutyDetectorId not in this stack" }),
        ]);
    });
});
