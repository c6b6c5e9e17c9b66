# Sourced by the cluster benchmarks: start_bench_sandbox BASE PREFIX SUBNET builds a three-node
# sandbox (Scripts/lab/sandbox-cluster.sh) in its own directory, namespace prefix and subnet,
# with CRMD/CRMCTL defaulting to this checkout's debug build, and removes it when the script exits.
# `sandbox ARGS…` runs the sandbox script.
sandbox() { bash Scripts/lab/sandbox-cluster.sh "$@"; }

start_bench_sandbox() {
    export SANDBOX_BASE=$1 SANDBOX_PREFIX=$2 SANDBOX_SUBNET=$3
    export CRMD=${CRMD:-$PWD/.build/debug/crmd} CRMCTL=${CRMCTL:-$PWD/.build/debug/crmctl}
    trap 'sandbox down >/dev/null 2>&1 || true' EXIT
    sandbox up 3 >/dev/null
}
