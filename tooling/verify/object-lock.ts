/**
 * S3 Object Lock on the trail bucket (S3 client): on, with the default retention the stack
 * exports (outputs cloudTrailObjectLockMode, cloudTrailObjectLockDays).
 */
import { GetObjectLockConfigurationCommand } from "@aws-sdk/client-s3";
import { Check, fail, verdict } from "./check";

export const cloudTrailObjectLock: Check = {
    id: "s3.cloudtrail-object-lock",
    control: "NIST 800-53 AU-9",
    proves: "The CloudTrail bucket has S3 Object Lock on, with the default retention mode and days the stack exports.",
    requires: ["cloudTrailBucketName", "cloudTrailObjectLockMode", "cloudTrailObjectLockDays"],
    run: async ({ clients, outputs }) => {
        const bucket = outputs.string("cloudTrailBucketName");
        let configuration;
        try {
            ({ ObjectLockConfiguration: configuration } = await clients.s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket })));
        } catch (err) {
            if (err instanceof Error && err.name === "ObjectLockConfigurationNotFoundError")
                return [fail(bucket, "Object Lock is off: trail files can be deleted early")];
            throw err;
        }
        if (configuration?.ObjectLockEnabled !== "Enabled") return [fail(bucket, "Object Lock is off: trail files can be deleted early")];
        const retention = configuration.Rule?.DefaultRetention;
        const mode = outputs.string("cloudTrailObjectLockMode");
        const days = outputs.integer("cloudTrailObjectLockDays");
        const problems: string[] = [];
        if (retention?.Mode !== mode) problems.push(`default retention mode ${retention?.Mode ?? "none"}, the stack chose ${mode}`);
        if (retention?.Days !== days)
            problems.push(
                `default retention ${retention?.Days ?? (retention?.Years !== undefined ? `${retention.Years} years` : "none")} days, the stack chose ${days}`,
            );
        return [verdict(bucket, problems, `Object Lock on, ${mode} for ${days} days`)];
    },
};
