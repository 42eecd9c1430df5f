/**
 * Every unit test of the planned stack, one concern a file under `stack/`, run in one jest file:
 * Pulumi and the AWS SDK load once (about a second a file), and `planTap` plans each config once
 * for all of them. A spec asserts on the shared plans, never changes them.
 */
import "./stack/config.spec";
import "./stack/vpc-network.spec";
import "./stack/secure-bucket.spec";
import "./stack/security-baseline.spec";
import "./stack/compute.spec";
import "./stack/compute-instance.spec";
import "./stack/monitoring.spec";
import "./stack/web-tier.spec";
import "./stack/database.spec";
import "./stack/backup.spec";
import "./stack/static-site.spec";
import "./stack/multi-region.spec";
import "./stack/compliance.spec";
import "./stack/program-shape.spec";
import "./stack/urns.spec";
