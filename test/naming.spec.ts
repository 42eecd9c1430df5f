import { elbNames, namePrefix, regionShortCode } from "../lib/naming";

describe("naming", () => {
    it.each([
        ["us-east-1", "use1"],
        ["ap-southeast-2", "apse2"],
        ["eu-central-1", "euc1"],
        ["us-gov-west-1", "usgovw1"],
    ])("%s is shortened to %s", (region, code) => expect(regionShortCode(region)).toBe(code));

    it("prefixes every name with project, environment and region, short enough for ALB names", () => {
        expect(namePrefix("dev", "us-east-1")).toBe("tap-dev-use1");
        expect(namePrefix("a234567890123456", "ap-southeast-2").length).toBeLessThanOrEqual(32 - 6);
    });

    it("names the web tier's load balancer after the stack, and its target group after the port too (a new port is a new group)", () => {
        expect(elbNames("tap-dev-use1", 80)).toEqual({ loadBalancer: "tap-dev-use1-alb", targetGroup: "tap-dev-use1-app-80" });
        expect(elbNames("tap-dev-use1", 8080).targetGroup).not.toBe(elbNames("tap-dev-use1", 80).targetGroup);
    });
});
