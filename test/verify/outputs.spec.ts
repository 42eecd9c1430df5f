/** The outputs file loader: where it looks, what it says when the file is missing, how it reads values, the region. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
    DEFAULT_OUTPUTS_FILE,
    OutputsFileError,
    outputsFilePath,
    OutputValueError,
    readOutputsFile,
    resolveRegion,
    StackOutputs,
} from "../../tooling/verify/outputs";

const dir = mkdtempSync(path.join(tmpdir(), "tap-outputs-"));
const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
};

describe("outputsFilePath", () => {
    it("is cfn-outputs/flat-outputs.json unless TAP_OUTPUTS_FILE names another file", () => {
        expect(outputsFilePath({})).toBe("cfn-outputs/flat-outputs.json");
        expect(DEFAULT_OUTPUTS_FILE).toBe("cfn-outputs/flat-outputs.json");
        expect(outputsFilePath({ TAP_OUTPUTS_FILE: "out/prod.json" })).toBe("out/prod.json");
        expect(outputsFilePath({ TAP_OUTPUTS_FILE: " " })).toBe("cfn-outputs/flat-outputs.json");
    });
});

describe("readOutputsFile", () => {
    it("without the file, throws an error naming it and the command that produces it", () => {
        // From an empty directory, so a developer's own outputs file cannot make the default path exist.
        const cwd = process.cwd();
        process.chdir(mkdtempSync(path.join(tmpdir(), "tap-empty-")));
        try {
            const attempt = () => readOutputsFile(outputsFilePath({}));
            expect(attempt).toThrow(OutputsFileError);
            expect(attempt).toThrow(/^No stack outputs file at cfn-outputs\/flat-outputs\.json\./);
            expect(attempt).toThrow(
                /pulumi stack select <stack>\n {2}mkdir -p cfn-outputs && pulumi stack output --json > cfn-outputs\/flat-outputs\.json/,
            );
        } finally {
            process.chdir(cwd);
        }
    });

    it("names the stack in the command when it is known", () => {
        expect(() => readOutputsFile(path.join(dir, "missing.json"), "prod")).toThrow(
            `pulumi stack output --json --stack prod > ${path.join(dir, "missing.json")}`,
        );
    });

    it("reads `pulumi stack output --json` as saved", () => {
        const file = write(
            "ok.json",
            JSON.stringify({ region: "eu-west-1", vpcId: "vpc-0a1b", privateSubnetIds: ["subnet-1", "subnet-2"] }, null, 4),
        );
        const outputs = readOutputsFile(file);
        expect(outputs.string("vpcId")).toBe("vpc-0a1b");
        expect(outputs.strings("privateSubnetIds")).toEqual(["subnet-1", "subnet-2"]);
    });

    it("rejects a file that is not JSON, not an object, or empty, with the how-to", () => {
        expect(() => readOutputsFile(write("bad.json", "Current stack outputs (2):\n    OUTPUT  VALUE"))).toThrow(
            /is not JSON .*\n.*pulumi stack output --json/s,
        );
        expect(() => readOutputsFile(write("list.json", "[]"))).toThrow(/must hold a JSON object of stack outputs/);
        expect(() => readOutputsFile(write("empty.json", "{}"))).toThrow(/holds no outputs: was the stack deployed/);
    });
});

describe("StackOutputs values", () => {
    const outputs = new StackOutputs({
        vpcId: "vpc-0a1b",
        asJsonText: '["subnet-1","subnet-2"]',
        asCommaText: "subnet-1, subnet-2",
        multiRegion: "false",
        secret: "[secret]",
        count: 3,
        nothing: null,
    });

    it("reads lists saved as arrays, JSON text or comma-separated text (flat outputs)", () => {
        expect(outputs.strings("asJsonText")).toEqual(["subnet-1", "subnet-2"]);
        expect(outputs.strings("asCommaText")).toEqual(["subnet-1", "subnet-2"]);
        expect(outputs.boolean("multiRegion")).toBe(false);
        expect(() => new StackOutputs({ ids: "[subnet-1" }).strings("ids")).toThrow(
            'output ids must be a list of strings, got "[subnet-1"',
        );
    });

    it("treats null as absent and names the key and the wrong value", () => {
        expect(outputs.has("nothing")).toBe(false);
        expect(outputs.has("vpcId")).toBe(true);
        expect(() => outputs.string("count")).toThrow(new OutputValueError("output count must be a non-empty string, got 3"));
        expect(() => outputs.boolean("vpcId")).toThrow('output vpcId must be true or false, got "vpc-0a1b"');
        expect(() => outputs.string("secret")).toThrow(/output secret is a secret/);
    });

    it("collects buckets from *BucketName keys and bucketNames, without repeats", () => {
        const buckets = new StackOutputs({
            region: "us-east-1",
            cloudTrailBucketName: "trail-b",
            accessLogsBucketName: "logs-b",
            bucketNames: ["trail-b", "static-b"],
            bucketNamespace: "x",
        }).buckets();
        expect(buckets).toEqual([
            { name: "logs-b", outputKey: "accessLogsBucketName" },
            { name: "trail-b", outputKey: "cloudTrailBucketName" },
            { name: "static-b", outputKey: "bucketNames" },
        ]);
    });
});

describe("resolveRegion", () => {
    const withRegion = new StackOutputs({ region: "eu-west-1", vpcId: "vpc-1" });

    it("takes the stack's region output, ignoring (and saying so) an AWS_REGION or AWS_DEFAULT_REGION that differs", () => {
        expect(resolveRegion(withRegion, { AWS_REGION: "eu-west-1" })).toEqual({ region: "eu-west-1", source: "outputs.region" });
        // GitHub's configure-aws-credentials action exports AWS_REGION for the region it logs in to.
        const differing = resolveRegion(withRegion, { AWS_REGION: "us-west-2" });
        expect(differing).toMatchObject({ region: "eu-west-1", source: "outputs.region" });
        expect(differing.warning).toMatch(/AWS_REGION=us-west-2 ignored: checking the stack's region eu-west-1 .*--region-from-env/);
        expect(resolveRegion(withRegion, { AWS_DEFAULT_REGION: "ap-south-1" })).toMatchObject({
            region: "eu-west-1",
            warning: expect.stringMatching(/^AWS_DEFAULT_REGION=ap-south-1 ignored/),
        });
    });

    it("lets the environment override the stack's region only when asked (--region-from-env), AWS_REGION before AWS_DEFAULT_REGION", () => {
        const asked = resolveRegion(withRegion, { AWS_REGION: "us-west-2", AWS_DEFAULT_REGION: "ap-south-1" }, { fromEnv: true });
        expect(asked).toMatchObject({
            region: "us-west-2",
            source: "AWS_REGION",
            warning: expect.stringMatching(/as --region-from-env asks/),
        });
        expect(resolveRegion(withRegion, { AWS_DEFAULT_REGION: "ap-south-1" }, { fromEnv: true })).toMatchObject({
            region: "ap-south-1",
            source: "AWS_DEFAULT_REGION",
        });
        expect(resolveRegion(withRegion, {}, { fromEnv: true })).toEqual({ region: "eu-west-1", source: "outputs.region" });
    });

    it("falls back to the region output", () => {
        expect(resolveRegion(withRegion, {})).toEqual({ region: "eu-west-1", source: "outputs.region" });
    });

    it("fails with neither, and on a string that is not a region code", () => {
        expect(() => resolveRegion(new StackOutputs({ vpcId: "vpc-1" }), {})).toThrow(/No region: save outputs that include `region`/);
        expect(() => resolveRegion(new StackOutputs({ vpcId: "vpc-1" }), { AWS_REGION: "us-east-1" })).toThrow(
            /AWS_REGION=us-east-1 is used only with --region-from-env/,
        );
        expect(() => resolveRegion(withRegion, { AWS_REGION: "virginia" }, { fromEnv: true })).toThrow(
            'AWS_REGION = "virginia" is not an AWS region code',
        );
    });
});
