/** The settings of Compute, beside its Args. */
import { always, byProfile, key, settingsGroup, SettingsOf, uses } from "../config/declare";
import { bool, intIn, matching, oneOf } from "../config/schemas";
import { SHARED_SETTINGS } from "../config/shared";
import { COMPUTE_MODES, ComputeMode, ROOT_VOLUME_MIN_GIB } from "./vocabulary";

/** The largest Auto Scaling group the config accepts (a guard against typos, not an AWS limit). */
export const ASG_SIZE_MAX = 100;

export const COMPUTE_SETTINGS = settingsGroup("Compute", {
    ...uses(SHARED_SETTINGS, "logRetentionDays"),
    computeMode: key({
        schema: oneOf(COMPUTE_MODES),
        default: always<ComputeMode>("asg"),
        doc: "An Auto Scaling group (`asg`) or one instance (`instance`), launched from the same hardened template.",
    }),
    instanceType: key({
        schema: matching(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type name (family.size, e.g. t3.micro)"),
        default: always("t3.micro"),
        doc: "EC2 instance type of the app instances.",
    }),
    asgMinSize: key({
        schema: intIn(0, ASG_SIZE_MAX),
        default: byProfile(1, 2),
        doc: "Auto Scaling group minimum (min <= desired <= max); refused with computeMode instance.",
    }),
    asgMaxSize: key({
        schema: intIn(1, ASG_SIZE_MAX),
        default: byProfile(2, 4),
        doc: "Auto Scaling group maximum.",
    }),
    asgDesiredCapacity: key({
        schema: intIn(0, ASG_SIZE_MAX),
        default: byProfile(1, 2),
        doc: "Auto Scaling group desired capacity.",
    }),
    rootVolumeSizeGiB: key({
        schema: intIn(ROOT_VOLUME_MIN_GIB, 16384),
        default: always(30),
        doc: "Encrypted gp3 root volume of the app instances, GiB (at least the AMI's 8 GiB snapshot).",
    }),
    protectFromScaleIn: key({
        schema: bool,
        default: always(false),
        doc: "New app instances start protected from scale-in (seed 001, failure 9); asg only.",
    }),
});
export type ComputeSettings = SettingsOf<typeof COMPUTE_SETTINGS>;
