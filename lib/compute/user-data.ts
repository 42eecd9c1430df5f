/**
 * The first-boot script of the app instances (Amazon Linux 2023), as a pure function of plain
 * strings so tests can read it and the launch template changes only when the script does.
 * Access is SSM Session Manager only: sshd is hardened for defence in depth, not opened.
 */

export interface UserDataOptions {
    /** The app log group the CloudWatch agent ships to (created by the stack, KMS-encrypted). */
    readonly logGroupName: string;
    /** The CloudWatch namespace of the agent's metrics (the instance role may only write there). */
    readonly metricsNamespace: string;
    /** Serve a health endpoint for the load balancer (nginx from the AL2023 repository). @default none */
    readonly healthEndpoint?: HealthEndpoint;
    /**
     * Who installs updates after boot: `dnf-automatic` (a timer on the instance) or `patch-manager`
     * (the stack's maintenance window, per its baseline, seen in SSM compliance; no timer then).
     * Both apply the security updates once at boot. @default "dnf-automatic"
     */
    readonly updates?: "dnf-automatic" | "patch-manager";
}

/** Where the load balancer's target group checks the instances. */
export interface HealthEndpoint {
    /** The app port (`tap:appPort`): the target group's port, the only one the ALB may reach. */
    readonly port: number;
    /** The health check path, answered 200 with a plain-text body. */
    readonly path: string;
}

/**
 * nginx's whole configuration: a static page and the health path on the app port, nothing else
 * (no version in headers; AL2023's stock config would also listen on 80 and [::]:80).
 */
export function nginxConfig(h: HealthEndpoint): string {
    return `user nginx;
worker_processes auto;
error_log /var/log/nginx/error.log notice;
pid /run/nginx.pid;
include /usr/share/nginx/modules/*.conf;
events {
    worker_connections 1024;
}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log /var/log/nginx/access.log;
    server_tokens off;
    server {
        listen ${h.port} default_server;
        root /usr/share/nginx/html;
        location = ${h.path} {
            default_type text/plain;
            return 200 "ok\\n";
        }
    }
}
`;
}

/** sshd settings, as a drop-in read before AL2023's own (first value wins in sshd_config). */
export const SSHD_SETTINGS: Readonly<Record<string, string>> = {
    PermitRootLogin: "no",
    PasswordAuthentication: "no",
    KbdInteractiveAuthentication: "no",
    PermitEmptyPasswords: "no",
    PubkeyAuthentication: "yes",
    MaxAuthTries: "3",
    LoginGraceTime: "60",
    ClientAliveInterval: "300",
    ClientAliveCountMax: "2",
    X11Forwarding: "no",
    AllowTcpForwarding: "no",
};

/** Kernel settings of a host that routes nothing (CIS AL2023 3.3.x). */
export const SYSCTL_SETTINGS: Readonly<Record<string, string>> = {
    "net.ipv4.ip_forward": "0",
    "net.ipv6.conf.all.forwarding": "0",
    "net.ipv4.conf.all.send_redirects": "0",
    "net.ipv4.conf.default.send_redirects": "0",
    "net.ipv4.conf.all.accept_redirects": "0",
    "net.ipv4.conf.default.accept_redirects": "0",
    "net.ipv6.conf.all.accept_redirects": "0",
    "net.ipv6.conf.default.accept_redirects": "0",
    "net.ipv4.conf.all.secure_redirects": "0",
    "net.ipv4.conf.default.secure_redirects": "0",
    "net.ipv4.conf.all.accept_source_route": "0",
    "net.ipv4.conf.default.accept_source_route": "0",
    "net.ipv4.conf.all.rp_filter": "1",
    "net.ipv4.conf.default.rp_filter": "1",
    "net.ipv4.conf.all.log_martians": "1",
    "net.ipv4.icmp_echo_ignore_broadcasts": "1",
    "net.ipv4.tcp_syncookies": "1",
    "kernel.randomize_va_space": "2",
};

/** Files the CloudWatch agent ships, each to a stream `<instance id>/<name>` of the app log group. */
export const SHIPPED_LOG_FILES: Readonly<Record<string, string>> = {
    secure: "/var/log/secure",
    messages: "/var/log/messages",
    "cloud-init-output": "/var/log/cloud-init-output.log",
    "dnf-rpm": "/var/log/dnf.rpm.log",
    fail2ban: "/var/log/fail2ban.log",
};

/** The CloudWatch agent's configuration: the shipped files and memory/disk metrics, in our namespace. */
export function cloudWatchAgentConfig(o: UserDataOptions): object {
    return {
        agent: { run_as_user: "root" },
        logs: {
            logs_collected: {
                files: {
                    collect_list: Object.entries(SHIPPED_LOG_FILES).map(([stream, file]) => ({
                        file_path: file,
                        log_group_name: o.logGroupName,
                        log_stream_name: `{instance_id}/${stream}`,
                        retention_in_days: -1, // the stack owns the group and its retention
                    })),
                },
            },
        },
        metrics: {
            namespace: o.metricsNamespace,
            append_dimensions: { InstanceId: "${aws:InstanceId}" },
            metrics_collected: {
                mem: { measurement: ["mem_used_percent"] },
                disk: { measurement: ["used_percent"], resources: ["/"] },
            },
        },
    };
}

const lines = (settings: Readonly<Record<string, string>>, separator: string) =>
    Object.entries(settings)
        .map(([key, value]) => `${key}${separator}${value}`)
        .join("\n");

/** Updates applied by a timer on the instance, unseen by SSM compliance. */
const DNF_AUTOMATIC = `dnf install -y dnf-automatic rsyslog amazon-cloudwatch-agent
sed -i -E 's/^upgrade_type[[:space:]]*=.*/upgrade_type = security/; s/^apply_updates[[:space:]]*=.*/apply_updates = yes/' /etc/dnf/automatic.conf
systemctl enable --now dnf-automatic.timer`;

/** Updates installed by Patch Manager's maintenance window only (approved by the baseline, reported as compliance). */
const PATCH_MANAGER = `# Patch Manager installs updates in the stack's maintenance window: no dnf-automatic timer.
dnf install -y rsyslog amazon-cloudwatch-agent`;

/** The user-data script (plain text; the launch template base64-encodes it). */
export function renderUserData(o: UserDataOptions): string {
    return `#!/bin/bash
# tap app instance bootstrap (Amazon Linux 2023). Generated by lib/compute/user-data.ts.
set -euo pipefail
exec > >(tee -a /var/log/tap-bootstrap.log) 2>&1

# --- Security updates ------------------------------------------------------------------------
# AL2023 locks dnf to the AMI's release; "latest" lets dnf see the security advisories of newer
# releases (AWS prefers tested release pins; new AMIs also arrive through instance refresh).
echo latest > /etc/dnf/vars/releasever
${(o.updates ?? "dnf-automatic") === "dnf-automatic" ? DNF_AUTOMATIC : PATCH_MANAGER}
dnf upgrade -y --security

# rsyslog writes /var/log/secure and /var/log/messages (AL2023 logs to the journal only by default).
systemctl enable --now rsyslog

# --- sshd: no root, no passwords, few tries (SSM Session Manager is the way in) --------------
cat > /etc/ssh/sshd_config.d/00-tap-hardening.conf <<'SSHD'
${lines(SSHD_SETTINGS, " ")}
SSHD
chmod 600 /etc/ssh/sshd_config.d/00-tap-hardening.conf
sshd -t
systemctl reload sshd

# --- Kernel: no forwarding, no redirects, no source routing ------------------------------------
cat > /etc/sysctl.d/99-tap-hardening.conf <<'SYSCTL'
${lines(SYSCTL_SETTINGS, " = ")}
SYSCTL
sysctl --system

# --- fail2ban: in the AL2023 core repository since 2024 (fail2ban-1.1.0-1.amzn2023); an older
# AMI's locked release may lack it, so a missing package is reported, not fatal. -------------
if dnf install -y fail2ban; then
  cat > /etc/fail2ban/jail.d/00-tap-sshd.local <<'JAIL'
[sshd]
enabled = true
backend = systemd
maxretry = 3
bantime = 3600
JAIL
  systemctl enable --now fail2ban
else
  echo "fail2ban is not available in this AL2023 release: sshd stays hardened and closed to the network"
fi

# --- CloudWatch agent: ships the logs above and memory/disk metrics -------------------------
cat > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'CWAGENT'
${JSON.stringify(cloudWatchAgentConfig(o), null, 2)}
CWAGENT
/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \\
  -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
systemctl enable amazon-cloudwatch-agent
${o.healthEndpoint ? healthEndpointScript(o.healthEndpoint) : ""}${REBOOT_IF_NEEDED}`;
}

/**
 * Last: a kernel or glibc update installed at boot loads only after a reboot. Reboot once, within the
 * health-check grace period and before the instance counts as serving, so a new instance (an instance
 * refresh is how a group is patched, PatchManagement) never runs an old kernel with the fix installed.
 * \`dnf needs-restarting -r\` exits 1 when a reboot is needed (dnf-plugins-core, "needs-restarting");
 * where the plugin is missing nothing reboots. User data runs on the first boot only.
 */
const REBOOT_IF_NEEDED = `
# --- Reboot once if an update installed above needs it (kernel, glibc) --------------------------
if dnf needs-restarting --help >/dev/null 2>&1 && ! dnf needs-restarting -r >/dev/null 2>&1; then
  systemctl reboot
fi
`;

function healthEndpointScript(h: HealthEndpoint): string {
    return `
# --- Health endpoint for the load balancer: nginx on the app port ${h.port}, ${h.path} answers 200 -----
dnf install -y nginx
cat > /etc/nginx/nginx.conf <<'NGINX'
${nginxConfig(h)}NGINX
nginx -t
systemctl enable --now nginx
`;
}
