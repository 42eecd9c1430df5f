/**
 * The architecture diagram of an offline plan: regions, the VPC with its subnets by AZ and tier,
 * NAT gateways, the load balancer → app → database path labelled with the security group rules
 * that allow each hop, endpoints, the logging and monitoring services and where their logs go, and
 * the KMS key of each region. `architectureDot` is a pure function of the plan (a Plan or its
 * JSON) to Graphviz DOT; Graphviz compiled to WebAssembly (@viz-js/viz) lays it out, so no
 * coordinate is placed by hand and no browser or native binary is needed.
 */

/** The slice of a planned resource the diagram reads. */
export interface DiagramResource {
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly provider?: string;
    readonly id: string;
    readonly inputs: Record<string, unknown>;
    readonly state?: Record<string, unknown>;
}

export interface DiagramPlan {
    readonly stack: string;
    readonly resources: readonly DiagramResource[];
}

const T = {
    provider: "pulumi:providers:aws",
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    igw: "aws:ec2/internetGateway:InternetGateway",
    nat: "aws:ec2/natGateway:NatGateway",
    route: "aws:ec2/route:Route",
    rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    alb: "aws:lb/loadBalancer:LoadBalancer",
    asg: "aws:autoscaling/group:Group",
    instance: "aws:ec2/instance:Instance",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    db: "aws:rds/instance:Instance",
    key: "aws:kms/key:Key",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    flowLog: "aws:ec2/flowLog:FlowLog",
    trail: "aws:cloudtrail/trail:Trail",
    bucket: "aws:s3/bucket:Bucket",
    bucketLogging: "aws:s3/bucketLogging:BucketLogging",
    metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    eventRule: "aws:cloudwatch/eventRule:EventRule",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
    detector: "aws:guardduty/detector:Detector",
    recorder: "aws:cfg/recorder:Recorder",
    delivery: "aws:cfg/deliveryChannel:DeliveryChannel",
    configRule: "aws:cfg/rule:Rule",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    webAclAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
    webAclLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    distribution: "aws:cloudfront/distribution:Distribution",
    role: "aws:iam/role:Role",
    budget: "aws:budgets/budget:Budget",
} as const;

/** A DOT string literal. */
const q = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
const nodeId = (r: DiagramResource) => q(`${r.type.split(":").pop()}:${r.name}`);

class Dot {
    private readonly lines: string[] = [];
    private depth = 1;
    node(id: string, label: string, attrs: Record<string, string> = {}): void {
        this.emit(
            `${id} [${Object.entries({ label, ...attrs })
                .map(([k, v]) => `${k}=${q(v)}`)
                .join(", ")}]`,
        );
    }
    edge(from: string, to: string, attrs: Record<string, string> = {}): void {
        const list = Object.entries(attrs)
            .map(([k, v]) => `${k}=${q(v)}`)
            .join(", ");
        this.emit(`${from} -> ${to}${list ? ` [${list}]` : ""}`);
    }
    cluster(id: string, label: string, style: Record<string, string>, body: () => void): void {
        this.emit(`subgraph ${q(`cluster_${id}`)} {`);
        this.depth += 1;
        this.emit(
            `label=${q(label)}; ${Object.entries(style)
                .map(([k, v]) => `${k}=${q(v)}`)
                .join("; ")}`,
        );
        body();
        this.depth -= 1;
        this.emit("}");
    }
    emit(line: string): void {
        this.lines.push(`${"  ".repeat(this.depth)}${line}`);
    }
    toString(): string {
        return this.lines.join("\n");
    }
}

const STYLE = {
    network: { fillcolor: "#e8f1fb", color: "#4a7ab5" },
    public: { shape: "box", style: "filled,rounded", fillcolor: "#d7f0d2" },
    private: { shape: "box", style: "filled,rounded", fillcolor: "#fbe3c8" },
    compute: { shape: "box3d", style: "filled", fillcolor: "#ffd8a8" },
    data: { shape: "cylinder", style: "filled", fillcolor: "#c5cae9" },
    edge: { shape: "component", style: "filled", fillcolor: "#b2dfdb" },
    logs: { shape: "note", style: "filled", fillcolor: "#fff9c4" },
    store: { shape: "folder", style: "filled", fillcolor: "#f5f5f5" },
    service: { shape: "box", style: "filled,rounded", fillcolor: "#e1bee7" },
    key: { shape: "hexagon", style: "filled", fillcolor: "#ffe082" },
    alert: { shape: "box", style: "filled,rounded", fillcolor: "#ffcdd2" },
} as const;

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const str = (value: unknown): string => (value === undefined || value === null ? "" : String(value));

/** `tcp 443`, `tcp 80-81`, `all`. */
function ports(rule: DiagramResource): string {
    const proto = str(rule.inputs.ipProtocol);
    if (proto === "-1") return "all traffic";
    const from = str(rule.inputs.fromPort);
    const to = str(rule.inputs.toPort);
    return `${proto} ${from === to ? from : `${from}-${to}`}`;
}

/** The Graphviz DOT of the plan's architecture. */
export function architectureDot(plan: DiagramPlan): string {
    const all = plan.resources.filter((r) => r.custom);
    const byRef = new Map<string, DiagramResource>();
    for (const r of all) {
        if (r.id) byRef.set(r.id, r);
        for (const key of ["arn", "name", "bucket"]) {
            const v = r.state?.[key];
            if (typeof v === "string" && !byRef.has(v)) byRef.set(v, r);
        }
    }
    const ref = (value: unknown) => (typeof value === "string" ? byRef.get(value) : undefined);
    const ofType = (type: string, scope: readonly DiagramResource[] = all) => scope.filter((r) => r.type === type);
    const providers = ofType(T.provider);
    const regionOf = new Map(providers.map((p) => [p.name, str(p.inputs.region)]));
    const dot = new Dot();
    const drawn = new Set<string>();
    const draw = (r: DiagramResource, label: string, style: Record<string, string>) => {
        dot.node(nodeId(r), label, style);
        drawn.add(nodeId(r));
    };
    const edge = (
        from: DiagramResource | string | undefined,
        to: DiagramResource | string | undefined,
        attrs: Record<string, string> = {},
    ) => {
        if (!from || !to) return;
        const a = typeof from === "string" ? from : nodeId(from);
        const b = typeof to === "string" ? to : nodeId(to);
        if (drawn.has(a) && drawn.has(b)) dot.edge(a, b, attrs);
    };
    const deferred: Array<() => void> = [];

    dot.emit('graph [fontname="Helvetica", fontsize=12, compound=true, newrank=true, rankdir=TB, nodesep=0.3, ranksep=0.45, labelloc=t]');
    dot.emit('node [fontname="Helvetica", fontsize=10]');
    dot.emit('edge [fontname="Helvetica", fontsize=9, color="#555555"]');
    const internet = q("internet");
    dot.node(internet, "Internet", { shape: "ellipse", style: "filled", fillcolor: "#eeeeee" });
    drawn.add(internet);

    // Who owns each security group: the load balancer, the app (launch template or instance), the database.
    const sgOwner = new Map<string, DiagramResource>();

    for (const provider of providers) {
        const region = regionOf.get(provider.name)!;
        const mine = all.filter((r) => r.provider === provider.name && r.type !== T.provider);
        if (mine.length === 0) continue;
        dot.cluster(`region_${region}`, `${region}`, { style: "dashed", color: "#888888", fontsize: "14" }, () => {
            for (const key of ofType(T.key, mine)) {
                const users = mine.filter((r) => r !== key && JSON.stringify(r.inputs).includes(str(key.state?.arn) || key.id)).length;
                draw(
                    key,
                    `KMS key ${key.name}\nrotation ${key.inputs.enableKeyRotation === true ? "on" : "OFF"}, encrypts ${users} resources`,
                    STYLE.key,
                );
            }
            for (const vpc of ofType(T.vpc, mine)) {
                dot.cluster(
                    `vpc_${vpc.name}`,
                    `VPC ${vpc.name}  ${str(vpc.inputs.cidrBlock)}`,
                    { style: "filled", ...STYLE.network },
                    () => {
                        const subnets = ofType(T.subnet, mine).filter((s) => s.inputs.vpcId === vpc.id);
                        const publicIds = new Set(
                            ofType(T.rta, mine)
                                .filter((a) => {
                                    const routes = ofType(T.route, mine).filter((rt) => rt.inputs.routeTableId === a.inputs.routeTableId);
                                    return routes.some((rt) => ref(rt.inputs.gatewayId)?.type === T.igw);
                                })
                                .map((a) => str(a.inputs.subnetId)),
                        );
                        const azs = [...new Set(subnets.map((s) => str(s.inputs.availabilityZone)))].sort();
                        for (const igw of ofType(T.igw, mine).filter((g) => g.inputs.vpcId === vpc.id)) {
                            draw(igw, "Internet gateway", STYLE.edge);
                            deferred.push(() => edge(internet, igw, { dir: "both", color: "#888888" }));
                        }
                        for (const az of azs) {
                            dot.cluster(`az_${vpc.name}_${az}`, az, { style: "rounded", color: "#9fb6d6", bgcolor: "#f4f8fd" }, () => {
                                for (const s of subnets.filter((sub) => str(sub.inputs.availabilityZone) === az)) {
                                    const tier = publicIds.has(s.id) ? "public" : "private";
                                    draw(
                                        s,
                                        `${tier} subnet ${s.name}\n${str(s.inputs.cidrBlock)}`,
                                        tier === "public" ? STYLE.public : STYLE.private,
                                    );
                                    for (const nat of ofType(T.nat, mine).filter((n) => n.inputs.subnetId === s.id))
                                        draw(nat, `NAT gateway ${nat.name}`, STYLE.edge);
                                }
                            });
                        }
                        for (const endpoint of ofType(T.endpoint, mine).filter((e) => e.inputs.vpcId === vpc.id)) {
                            draw(
                                endpoint,
                                `${str(endpoint.inputs.vpcEndpointType) || "Gateway"} endpoint\n${str(endpoint.inputs.serviceName)}`,
                                STYLE.edge,
                            );
                        }
                        // Routes: public subnets to the internet gateway, private subnets to their NAT gateway.
                        for (const a of ofType(T.rta, mine)) {
                            const subnet = ref(a.inputs.subnetId);
                            for (const rt of ofType(T.route, mine).filter(
                                (r) => r.inputs.routeTableId === a.inputs.routeTableId && r.inputs.destinationCidrBlock === "0.0.0.0/0",
                            )) {
                                const target = ref(rt.inputs.natGatewayId) ?? ref(rt.inputs.gatewayId);
                                deferred.push(() => edge(subnet, target, { style: "dotted", label: "0.0.0.0/0", color: "#6d8fbf" }));
                            }
                        }
                        for (const nat of ofType(T.nat, mine)) {
                            const igw = ofType(T.igw, mine)[0];
                            deferred.push(() => edge(nat, igw, { style: "dotted", color: "#6d8fbf" }));
                        }
                        for (const alb of ofType(T.alb, mine)) {
                            draw(
                                alb,
                                `Application Load Balancer ${alb.name}\n${alb.inputs.internal === true ? "internal" : "internet-facing"}, ${list(alb.inputs.subnets).length} public subnets`,
                                STYLE.edge,
                            );
                            for (const sg of list(alb.inputs.securityGroups)) sgOwner.set(str(sg), alb);
                        }
                        const templates = new Map(ofType(T.launchTemplate, mine).map((t) => [t.id, t]));
                        for (const asg of ofType(T.asg, mine)) {
                            const lt = templates.get(str((asg.inputs.launchTemplate as { id?: string } | undefined)?.id));
                            draw(
                                asg,
                                `App: Auto Scaling group ${asg.name}\n${str(lt?.inputs.instanceType)} × ${str(asg.inputs.desiredCapacity)} (${str(asg.inputs.minSize)}-${str(asg.inputs.maxSize)}), ${list(asg.inputs.vpcZoneIdentifiers).length} private subnets`,
                                STYLE.compute,
                            );
                            for (const ni of list(lt?.inputs.networkInterfaces))
                                for (const sg of list((ni as { securityGroups?: unknown }).securityGroups)) sgOwner.set(str(sg), asg);
                        }
                        for (const instance of ofType(T.instance, mine)) {
                            const lt = templates.get(str((instance.inputs.launchTemplate as { id?: string } | undefined)?.id));
                            draw(
                                instance,
                                `App: instance ${instance.name}\n${str(instance.inputs.instanceType ?? lt?.inputs.instanceType)}, private subnet`,
                                STYLE.compute,
                            );
                            for (const ni of list(lt?.inputs.networkInterfaces))
                                for (const sg of list((ni as { securityGroups?: unknown }).securityGroups)) sgOwner.set(str(sg), instance);
                            for (const sg of list(instance.inputs.vpcSecurityGroupIds)) sgOwner.set(str(sg), instance);
                        }
                        for (const db of ofType(T.db, mine)) {
                            draw(
                                db,
                                `Database ${db.name}\n${str(db.inputs.engine)} ${str(db.inputs.engineVersion)}, ${str(db.inputs.instanceClass)}${db.inputs.multiAz === true ? ", Multi-AZ" : ", single-AZ"}\nencrypted, not public`,
                                STYLE.data,
                            );
                            for (const sg of list(db.inputs.vpcSecurityGroupIds)) sgOwner.set(str(sg), db);
                        }
                    },
                );
            }
            // Web edge services of the region: WAF in front of the load balancer.
            for (const acl of ofType(T.webAcl, mine)) {
                draw(acl, `WAF web ACL ${acl.name}\n${list(acl.inputs.rules).length} rules`, STYLE.alert);
                for (const assoc of ofType(T.webAclAssociation, mine).filter((a) => ref(a.inputs.webAclArn) === acl)) {
                    deferred.push(() => edge(acl, ref(assoc.inputs.resourceArn), { label: "filters", style: "bold", color: "#c62828" }));
                }
            }
            dot.cluster(
                `monitoring_${region}`,
                "logging and monitoring",
                { style: "filled,rounded", fillcolor: "#fffdf3", color: "#c9b458" },
                () => {
                    for (const group of ofType(T.logGroup, mine))
                        draw(group, `log group\n${str(group.inputs.name)}\nretention ${str(group.inputs.retentionInDays)} d`, STYLE.logs);
                    for (const bucket of ofType(T.bucket, mine)) draw(bucket, `S3 ${str(bucket.inputs.bucket)}`, STYLE.store);
                    for (const flow of ofType(T.flowLog, mine)) {
                        draw(
                            flow,
                            `VPC flow log of ${ref(flow.inputs.vpcId)?.name ?? "the VPC"}\n${str(flow.inputs.trafficType)} traffic`,
                            STYLE.service,
                        );
                        deferred.push(() => edge(flow, ref(flow.inputs.logDestination), { label: "logs" }));
                    }
                    for (const trail of ofType(T.trail, mine)) {
                        draw(
                            trail,
                            `CloudTrail ${str(trail.inputs.name)}\n${trail.inputs.isMultiRegionTrail === true ? "multi-region" : "this region"}, log file validation`,
                            STYLE.service,
                        );
                        deferred.push(() => edge(trail, ref(trail.inputs.s3BucketName), { label: "log files" }));
                        deferred.push(() =>
                            edge(trail, ref(str(trail.inputs.cloudWatchLogsGroupArn).replace(/:\*$/, "")), { label: "events" }),
                        );
                    }
                    for (const detector of ofType(T.detector, mine)) draw(detector, "GuardDuty detector", STYLE.service);
                    for (const recorder of ofType(T.recorder, mine)) {
                        draw(recorder, `AWS Config recorder\n${ofType(T.configRule, mine).length} managed rules`, STYLE.service);
                        for (const channel of ofType(T.delivery, mine))
                            deferred.push(() => edge(recorder, ref(channel.inputs.s3BucketName), { label: "snapshots, history" }));
                    }
                    for (const topic of ofType(T.topic, mine)) {
                        draw(topic, `SNS alert topic\n${str(topic.inputs.name)}`, STYLE.alert);
                        for (const sub of ofType(T.subscription, mine).filter((s) => s.inputs.topic === topic.state?.arn)) {
                            const target = q(`sub:${sub.name}`);
                            dot.node(target, `${str(sub.inputs.protocol)}: ${str(sub.inputs.endpoint)}`, { shape: "ellipse" });
                            drawn.add(target);
                            deferred.push(() => edge(topic, target));
                        }
                    }
                    // CIS metric filters and their alarms: one node per log group they read.
                    const filters = ofType(T.metricFilter, mine);
                    for (const group of ofType(T.logGroup, mine)) {
                        const mineFilters = filters.filter((f) => f.inputs.logGroupName === group.inputs.name);
                        if (mineFilters.length === 0) continue;
                        const id = q(`filters:${group.name}`);
                        dot.node(id, `${mineFilters.length} metric filters + alarms\n(CIS 4.x)`, STYLE.alert);
                        drawn.add(id);
                        deferred.push(() => edge(group, id));
                        const topics = new Set(
                            ofType(T.alarm, mine)
                                .filter((a) => a.name.includes("-cis-"))
                                .flatMap((a) => list(a.inputs.alarmActions))
                                .map((arn) => ref(arn)),
                        );
                        for (const topic of topics) deferred.push(() => edge(id, topic, { label: "alarm" }));
                    }
                    const otherAlarms = ofType(T.alarm, mine).filter((a) => !a.name.includes("-cis-"));
                    if (otherAlarms.length > 0) {
                        const id = q(`alarms:${region}`);
                        dot.node(
                            id,
                            `${otherAlarms.length} metric alarms\n(${[...new Set(otherAlarms.map((a) => str(a.inputs.namespace).replace("AWS/", "")))].join(", ")})`,
                            STYLE.alert,
                        );
                        drawn.add(id);
                        for (const topic of new Set(otherAlarms.flatMap((a) => list(a.inputs.alarmActions)).map((arn) => ref(arn))))
                            deferred.push(() => edge(id, topic, { label: "alarm" }));
                        for (const db of ofType(T.db, mine)) deferred.push(() => edge(db, id, { style: "dashed", label: "metrics" }));
                    }
                    for (const rule of ofType(T.eventRule, mine)) {
                        draw(rule, `EventBridge rule\n${rule.name}`, STYLE.service);
                        const pattern = str(rule.inputs.eventPattern);
                        if (pattern.includes("aws.guardduty"))
                            for (const d of ofType(T.detector, mine)) deferred.push(() => edge(d, rule, { label: "findings" }));
                        if (pattern.includes("aws.config"))
                            for (const c of ofType(T.recorder, mine)) deferred.push(() => edge(c, rule, { label: "compliance" }));
                        for (const target of ofType(T.eventTarget, mine).filter(
                            (t) => t.inputs.rule === rule.state?.name || t.inputs.rule === rule.inputs.name,
                        )) {
                            deferred.push(() => edge(rule, ref(target.inputs.arn)));
                        }
                    }
                },
            );
            // Who writes logs where, across the clusters.
            for (const logging of ofType(T.bucketLogging, mine)) {
                deferred.push(() =>
                    edge(ref(logging.inputs.bucket), ref(logging.inputs.targetBucket), {
                        style: "dashed",
                        color: "#999999",
                        label: "access logs",
                    }),
                );
            }
            for (const alb of ofType(T.alb, mine)) {
                const logs = alb.inputs.accessLogs as { bucket?: string; enabled?: boolean } | undefined;
                if (logs?.enabled) deferred.push(() => edge(alb, ref(logs.bucket), { style: "dashed", label: "access logs" }));
            }
            for (const logging of ofType(T.webAclLogging, mine)) {
                for (const dest of list(logging.inputs.logDestinationConfigs))
                    deferred.push(() => edge(ref(logging.inputs.resourceArn), ref(dest), { style: "dashed", label: "request logs" }));
            }
            for (const db of ofType(T.db, mine)) {
                for (const group of ofType(T.logGroup, mine).filter((g) =>
                    str(g.inputs.name).startsWith(`/aws/rds/instance/${str(db.inputs.identifier)}/`),
                )) {
                    deferred.push(() => edge(db, group, { style: "dashed", label: "logs" }));
                }
            }
            for (const app of [...ofType(T.asg, mine), ...ofType(T.instance, mine)]) {
                for (const group of ofType(T.logGroup, mine).filter((g) => str(g.inputs.name).endsWith("/app")))
                    deferred.push(() => edge(app, group, { style: "dashed", label: "app logs" }));
            }
        });
    }

    // The request path, hop by hop, each labelled with the security group rule that allows it.
    const ingress = ofType(T.ingress);
    const fromInternet = new Map<DiagramResource, string[]>();
    for (const rule of ingress) {
        const target = sgOwner.get(str(rule.inputs.securityGroupId));
        if (!target) continue;
        const sgName = ref(rule.inputs.securityGroupId)?.name ?? "sg";
        const source =
            rule.inputs.referencedSecurityGroupId !== undefined ? sgOwner.get(str(rule.inputs.referencedSecurityGroupId)) : undefined;
        if (source) {
            const sourceSg = ref(rule.inputs.referencedSecurityGroupId)?.name ?? "sg";
            deferred.push(() =>
                edge(source, target, {
                    label: `${ports(rule)}\n${sgName} admits ${sourceSg}`,
                    style: "bold",
                    color: "#2e7d32",
                    fontcolor: "#2e7d32",
                }),
            );
        } else if (rule.inputs.cidrIpv4 !== undefined) {
            const entries = fromInternet.get(target) ?? [];
            entries.push(`${ports(rule)} from ${str(rule.inputs.cidrIpv4)}`);
            fromInternet.set(target, entries);
        }
    }
    for (const [target, entries] of fromInternet) {
        const sg = list(target.inputs.securityGroups)
            .map((s) => ref(s)?.name)
            .filter(Boolean)
            .join(", ");
        deferred.push(() =>
            edge(internet, target, {
                label: `${[...new Set(entries)].join("\n")}\n(${sg})`,
                style: "bold",
                color: "#2e7d32",
                fontcolor: "#2e7d32",
            }),
        );
    }

    // Global and edge services outside the regions.
    for (const dist of ofType(T.distribution)) {
        draw(dist, `CloudFront ${list(dist.inputs.aliases).join(", ") || dist.name}`, STYLE.edge);
        deferred.push(() => edge(internet, dist, { label: "HTTPS" }));
        for (const origin of list(dist.inputs.origins)) {
            const domain = str((origin as { domainName?: string }).domainName);
            const bucket = all.find((b) => b.type === T.bucket && b.state?.bucketRegionalDomainName === domain);
            deferred.push(() => edge(dist, bucket, { label: "origin (OAC)" }));
        }
    }
    const roles = ofType(T.role);
    if (roles.length > 0) {
        const id = q("iam");
        dot.node(id, `IAM (global): ${roles.length} roles\n${roles.map((r) => r.name).join("\n")}`, {
            shape: "box",
            style: "filled",
            fillcolor: "#eceff1",
        });
        drawn.add(id);
    }
    for (const budget of ofType(T.budget)) {
        draw(budget, `AWS Budgets ${str(budget.inputs.name)}\n$${str(budget.inputs.limitAmount)} a month`, STYLE.alert);
        const topics = list(budget.inputs.notifications).flatMap((n) =>
            list((n as { subscriberSnsTopicArns?: unknown }).subscriberSnsTopicArns),
        );
        for (const topic of new Set(topics.map((t) => ref(t)))) deferred.push(() => edge(budget, topic, { label: "actual / forecast" }));
    }
    for (const add of deferred) add();
    return `digraph ${q(`tap ${plan.stack}`)} {\n  label=${q(`tap stack "${plan.stack}" (offline plan)`)}\n${dot.toString()}\n}\n`;
}

/** Lays the DOT out with Graphviz (WebAssembly) and returns SVG text. */
export async function renderSvg(dot: string): Promise<string> {
    const { instance } = await import("@viz-js/viz");
    const viz = await instance();
    return viz.renderString(dot, { format: "svg", engine: "dot" });
}

/** The plan's diagram as SVG. */
export async function architectureSvg(plan: DiagramPlan): Promise<string> {
    return renderSvg(architectureDot(plan));
}

/** Rasterises SVG to PNG with resvg (a native binary shipped inside its npm package; no browser). */
export async function svgToPng(svg: string, width = 2400): Promise<Buffer> {
    const { Resvg } = await import("@resvg/resvg-js");
    const resvg = new Resvg(svg, {
        fitTo: { mode: "width", value: width },
        background: "white",
        font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    });
    return resvg.render().asPng();
}
