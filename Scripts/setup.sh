#!/usr/bin/env bash
# Installs what Halyard needs on Debian 12 (idempotent: only missing packages are installed),
# then builds the package. Usage: bash Scripts/setup.sh [release]
set -euo pipefail
cd "$(dirname "$0")/.."

# python3: the conformance runner; pacemaker-cli-utils: crm_simulate/crm_verify, the reference
# the scheduler is compared with; hyperfine: the benchmarks; corosync and its -dev packages:
# the cluster engine and the libraries crmd binds; iproute2, nftables: lab namespaces and the
# director's nftables data plane.
packages=(python3 libxml2 pacemaker-cli-utils hyperfine corosync libcpg-dev libcorosync-common-dev libquorum-dev libvotequorum-dev pkg-config iproute2 nftables)
# The executor's agent tests: the services the shipped agents run (apache2, bind9 + dig, postfix),
# what they probe with (curl, ping, arping) and the upstream agents run unchanged
# (resource-agents with ocf-tester, fence-agents).
packages+=(apache2 bind9 bind9-dnsutils postfix curl iputils-ping iputils-arping resource-agents fence-agents)
# openssl: HTTPS health checks and the lab's certificates; util-linux (nsenter, unshare): lab nodes;
# openipmi (ipmi_sim) and ipmitool: fence_ipmilan run unchanged against a simulated BMC.
packages+=(openssl util-linux openipmi ipmitool)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "setup: installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "setup: missing packages ${missing[*]} (run as root to install them); continuing" >&2
    fi
fi

command -v swift >/dev/null || { echo "setup: the Swift toolchain is not on PATH (expected /opt/swift/usr/bin)" >&2; exit 1; }
configuration=${1:-debug}
swift build -c "$configuration" 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
test -x ".build/$configuration/crmctl" || { echo "setup: build failed" >&2; exit 1; }
