/**
 * The Pulumi program: validate the stack configuration (before any resource is registered),
 * build one TapStack, export its outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseTapConfig } from "../lib/config";
import { TapStack } from "../lib/tap-stack";

const config = parseTapConfig(pulumi.runtime.allConfig(), pulumi.getStack());
const stack = new TapStack(`tap-${config.environmentSuffix}`, { config });

export const {
    region,
    environmentSuffix,
    vpcId,
    publicSubnetIds,
    privateSubnetIds,
    natGatewayIds,
    flowLogId,
    kmsKeyArn,
    kmsKeyId,
    accessLogsBucketName,
    instanceRoleArn,
    autoScalingGroupName,
    appSecurityGroupId,
    cloudTrailArn,
    cloudTrailBucketName,
    cloudTrailMultiRegion,
    guardDutyDetectorId,
    configRecorderName,
    alarmTopicArn,
    bucketNames,
    regions,
} = stack.outputs;
