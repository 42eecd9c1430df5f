/** The app instances' first-boot script, read as text: what it hardens, installs and starts. */
import { spawnSync } from "node:child_process";
import {
    cloudWatchAgentConfig,
    nginxConfig,
    renderUserData,
    SHIPPED_LOG_FILES,
    SSHD_SETTINGS,
    SYSCTL_SETTINGS,
} from "../lib/compute/user-data";

const OPTIONS = { logGroupName: "/tap/tap-dev-use1/app", metricsNamespace: "tap/tap-dev-use1" };
const script = renderUserData(OPTIONS);

/** The body of the heredoc `cat > <file> <<'<TAG>'` in the script. */
function heredoc(file: string): string {
    const match = new RegExp(`cat > ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} <<'(\\w+)'\\n([\\s\\S]*?)\\n\\1\\n`).exec(script);
    if (!match) throw new Error(`the script writes no ${file}`);
    return match[2];
}

/** `key value` / `key = value` lines of a config file, as a map (first occurrence wins, as in sshd). */
function settings(body: string, separator: RegExp): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of body.split("\n")) {
        const [key, ...rest] = line.trim().split(separator);
        if (key && !key.startsWith("#") && !(key in out)) out[key] = rest.join(" ");
    }
    return out;
}

describe("user data", () => {
    it("is a bash script that bash accepts, stopping on the first failing command", () => {
        expect(script.startsWith("#!/bin/bash\n")).toBe(true);
        expect(script).toMatch(/^set -euo pipefail$/m);
        const check = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
        expect(check.stderr).toBe("");
        expect(check.status).toBe(0);
    });

    it("hardens sshd through a drop-in read first: no root, no passwords, 3 tries, client-alive timeouts", () => {
        const sshd = settings(heredoc("/etc/ssh/sshd_config.d/00-tap-hardening.conf"), /\s+/);
        expect(sshd).toMatchObject({
            PermitRootLogin: "no",
            PasswordAuthentication: "no",
            KbdInteractiveAuthentication: "no",
            PermitEmptyPasswords: "no",
            MaxAuthTries: "3",
            ClientAliveInterval: "300",
            ClientAliveCountMax: "2",
        });
        expect(sshd).toEqual(SSHD_SETTINGS);
        // Validated before the reload, so a bad line cannot lock sshd out.
        expect(script.indexOf("sshd -t")).toBeGreaterThan(script.indexOf("00-tap-hardening.conf"));
        expect(script.indexOf("systemctl reload sshd")).toBeGreaterThan(script.indexOf("sshd -t"));
    });

    it("applies security updates automatically with dnf-automatic, against the newest AL2023 release", () => {
        expect(script).toMatch(/^dnf install -y .*\bdnf-automatic\b/m);
        expect(script).toContain("s/^upgrade_type[[:space:]]*=.*/upgrade_type = security/");
        expect(script).toContain("s/^apply_updates[[:space:]]*=.*/apply_updates = yes/");
        expect(script).toMatch(/^sed -i -E .* \/etc\/dnf\/automatic\.conf$/m);
        expect(script).toMatch(/^systemctl enable --now dnf-automatic\.timer$/m);
        expect(script).toMatch(/^echo latest > \/etc\/dnf\/vars\/releasever$/m);
    });

    it("turns off IP forwarding, redirects and source routing, and applies the sysctls", () => {
        const sysctl = settings(heredoc("/etc/sysctl.d/99-tap-hardening.conf"), /\s*=\s*/);
        expect(sysctl).toEqual(SYSCTL_SETTINGS);
        expect(sysctl).toMatchObject({
            "net.ipv4.ip_forward": "0",
            "net.ipv4.conf.all.send_redirects": "0",
            "net.ipv4.conf.all.accept_redirects": "0",
            "net.ipv6.conf.all.accept_redirects": "0",
            "net.ipv4.conf.all.accept_source_route": "0",
        });
        expect(script).toMatch(/^sysctl --system$/m);
    });

    it("installs fail2ban for sshd from the AL2023 repository, and carries on (saying so) where it is missing", () => {
        expect(script).toMatch(/^if dnf install -y fail2ban; then$/m);
        expect(settings(heredoc("/etc/fail2ban/jail.d/00-tap-sshd.local"), /\s*=\s*/)).toMatchObject({
            "[sshd]": "",
            enabled: "true",
            backend: "systemd",
        });
        expect(script).toMatch(/systemctl enable --now fail2ban/);
        expect(script).toMatch(/echo "fail2ban is not available/);
    });

    it("installs, configures and starts the CloudWatch agent with the generated config", () => {
        expect(script).toMatch(/^dnf install -y .*\bamazon-cloudwatch-agent\b/m);
        const config = JSON.parse(heredoc("/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json"));
        expect(config).toEqual(cloudWatchAgentConfig(OPTIONS));
        expect(script).toMatch(
            /amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \\\n\s+-c file:\/opt\/aws\/amazon-cloudwatch-agent\/etc\/amazon-cloudwatch-agent\.json/,
        );
    });

    it("ships the auth, system, bootstrap, package and fail2ban logs to the app log group, and metrics to the namespace", () => {
        const config = cloudWatchAgentConfig(OPTIONS) as {
            logs: {
                logs_collected: { files: { collect_list: Array<{ file_path: string; log_group_name: string; log_stream_name: string }> } };
            };
            metrics: { namespace: string };
        };
        const files = config.logs.logs_collected.files.collect_list;
        expect(files.map((f) => f.file_path)).toEqual(Object.values(SHIPPED_LOG_FILES));
        expect(files.map((f) => f.file_path)).toContain("/var/log/secure");
        for (const f of files) {
            expect(f.log_group_name).toBe(OPTIONS.logGroupName);
            expect(f.log_stream_name).toMatch(/^\{instance_id\}\//);
        }
        expect(config.metrics.namespace).toBe(OPTIONS.metricsNamespace);
        // AL2023 keeps logs in the journal only: rsyslog must run for /var/log/secure to exist.
        expect(script).toMatch(/^systemctl enable --now rsyslog$/m);
    });

    it("contains no secret material and no key", () => {
        expect(script).not.toMatch(/BEGIN (RSA|OPENSSH|EC) PRIVATE KEY|aws_secret_access_key|AKIA[0-9A-Z]{16}/);
        expect(script).not.toMatch(/authorized_keys/);
    });
});

describe("user data behind a load balancer (healthEndpoint)", () => {
    const withHealth = renderUserData({ ...OPTIONS, healthEndpoint: { port: 8080, path: "/health" } });

    it("serves nothing without a load balancer: no web server is installed", () => {
        expect(script).not.toMatch(/nginx/);
    });

    it("installs nginx from the AL2023 repository, writes its whole config, checks it, then starts it", () => {
        const body = withHealth.split("cat > /etc/nginx/nginx.conf <<'NGINX'\n")[1]?.split("\nNGINX\n")[0];
        expect(body).toBe(nginxConfig({ port: 8080, path: "/health" }).trimEnd());
        const order = ["dnf install -y nginx", "cat > /etc/nginx/nginx.conf", "nginx -t", "systemctl enable --now nginx"].map((line) =>
            withHealth.indexOf(line),
        );
        expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
        expect(spawnSync("bash", ["-n"], { input: withHealth, encoding: "utf8" }).stderr).toBe("");
    });

    it("listens on the app port only, answers the health path with 200 and hides its version", () => {
        const config = nginxConfig({ port: 8080, path: "/health" });
        expect(config.match(/listen\s+[^;]+;/g)).toEqual(["listen 8080 default_server;"]);
        expect(config).toMatch(/location = \/health \{\s*default_type text\/plain;\s*return 200 "ok\\n";/);
        expect(config).toMatch(/server_tokens off;/);
    });
});
