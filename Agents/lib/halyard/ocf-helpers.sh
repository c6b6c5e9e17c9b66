# ocf-helpers.sh — Halyard's helper library for OCF resource agents written in bash.
# Source it with:  . "${OCF_ROOT:-/usr/lib/ocf}/lib/halyard/ocf-helpers.sh"
# See Docs/agents.md. Every function returns an OCF exit code or a plain 0/1 truth value.

# --- Exit codes (OCF resource-agent API 1.1) -------------------------------------------------
OCF_SUCCESS=0; OCF_ERR_GENERIC=1; OCF_ERR_ARGS=2; OCF_ERR_UNIMPLEMENTED=3; OCF_ERR_PERM=4
OCF_ERR_INSTALLED=5; OCF_ERR_CONFIGURED=6; OCF_NOT_RUNNING=7; OCF_RUNNING_PROMOTED=8
OCF_FAILED_PROMOTED=9; OCF_DEGRADED=190; OCF_DEGRADED_PROMOTED=191

: "${OCF_RESOURCE_INSTANCE:=default}"
: "${OCF_RESKEY_CRM_meta_interval:=0}"
: "${OCF_CHECK_LEVEL:=0}"
: "${HA_RSCTMP:=/run/resource-agents}"
OCF_AGENT_NAME=${OCF_AGENT_NAME:-${0##*/}}

# --- Logging ----------------------------------------------------------------------------------
# ocf_log LEVEL MESSAGE… — to stderr, and to syslog when /dev/log exists (HALYARD_SYSLOG=no disables).
# debug messages only appear with HA_debug=1.
ocf_log() {
    local level=$1; shift
    [ "$level" = debug ] && [ "${HA_debug:-0}" != 1 ] && return 0
    local line="${OCF_AGENT_NAME}(${OCF_RESOURCE_INSTANCE})[$$]: ${level}: $*"
    printf '%s\n' "$line" >&2
    if [ "${HALYARD_SYSLOG:-yes}" != no ] && [ -S /dev/log ] && command -v logger >/dev/null 2>&1; then
        logger -t "halyard-agent" -p "daemon.${level/warn/warning}" -- "$line" 2>/dev/null || :
    fi
}

# ocf_exit_reason MESSAGE… — the one-line reason the cluster shows for a failure.
ocf_exit_reason() {
    printf '%s%s\n' "${OCF_EXIT_REASON_PREFIX:-ocf-exit-reason:}" "$*" >&2
    ocf_log err "$*"
}

# --- Predicates -------------------------------------------------------------------------------
# is_probe — true for a monitor with interval 0 (the cluster asking "is it running here?").
is_probe() { [ "${__OCF_ACTION:-}" = monitor ] && [ "${OCF_RESKEY_CRM_meta_interval}" = 0 ]; }

# have_binary NAME — true when NAME is an executable on PATH (or an executable path).
have_binary() { command -v "$1" >/dev/null 2>&1; }

# ocf_is_true VALUE — Pacemaker's boolean spellings.
ocf_is_true() { case "${1,,}" in true|yes|on|y|1) return 0 ;; *) return 1 ;; esac; }

# --- Parameter validation (each prints an exit reason and returns OCF_ERR_CONFIGURED) --------------
# require_param NAME… — every named OCF_RESKEY_ parameter is set and not empty.
require_param() {
    local name value
    for name in "$@"; do
        value="OCF_RESKEY_${name}"
        [ -n "${!value:-}" ] || { ocf_exit_reason "parameter '${name}' is required"; return $OCF_ERR_CONFIGURED; }
    done
}

# param_is_integer NAME [MIN [MAX]] — the parameter is a decimal integer within the bounds.
param_is_integer() {
    local name=$1 min=${2:-} max=${3:-} var="OCF_RESKEY_$1"
    local value=${!var:-}
    [[ "$value" =~ ^-?[0-9]+$ ]] || { ocf_exit_reason "parameter '${name}' must be an integer, not '${value}'"; return $OCF_ERR_CONFIGURED; }
    if { [ -n "$min" ] && [ "$value" -lt "$min" ]; } || { [ -n "$max" ] && [ "$value" -gt "$max" ]; }; then
        ocf_exit_reason "parameter '${name}'=${value} is outside ${min:-…}..${max:-…}"; return $OCF_ERR_CONFIGURED
    fi
}

# param_matches NAME REGEX WHAT — the parameter matches an extended regex (WHAT names the form).
param_matches() {
    local var="OCF_RESKEY_$1"
    [[ "${!var:-}" =~ $2 ]] || { ocf_exit_reason "parameter '$1'='${!var:-}' is not $3"; return $OCF_ERR_CONFIGURED; }
}

# require_binary NAME… — OCF_ERR_INSTALLED (with a reason) when a program is missing here.
require_binary() {
    local name
    for name in "$@"; do
        have_binary "$name" || { ocf_exit_reason "'${name}' is not installed on this node"; return $OCF_ERR_INSTALLED; }
    done
}

# --- Processes that belong to this node -------------------------------------------------------------
# pid_is_ours PID [CMDLINE_REGEX] — PID is alive (not a zombie), lives in our pid and network
# namespaces (so another lab node's process with the same number never matches) and, when a
# regex is given, its command line matches it.
pid_is_ours() {
    local pid=$1 pattern=${2:-} ns state cmdline
    [[ "$pid" =~ ^[0-9]+$ ]] && [ -d "/proc/$pid" ] || return 1
    for ns in pid net; do
        [ "$(readlink "/proc/$pid/ns/$ns" 2>/dev/null)" = "$(readlink "/proc/self/ns/$ns")" ] || return 1
    done
    state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ] || return 1
    [ -z "$pattern" ] && return 0
    cmdline=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)
    [[ "$cmdline" =~ $pattern ]]
}

# pidfile_pid FILE [CMDLINE_REGEX] — prints the pid recorded in FILE if that process is ours.
pidfile_pid() {
    local pid
    [ -r "$1" ] || return 1
    read -r pid < "$1" 2>/dev/null || return 1
    pid_is_ours "$pid" "${2:-}" && printf '%s\n' "$pid"
}

# stop_pid PID SECONDS — SIGTERM, wait up to SECONDS, then SIGKILL; returns once PID is gone.
stop_pid() {
    local pid=$1 waited=0
    kill -TERM "$pid" 2>/dev/null || return 0
    while pid_is_ours "$pid" && [ "$waited" -lt $(( $2 * 10 )) ]; do sleep 0.1; waited=$((waited + 1)); done
    if pid_is_ours "$pid"; then
        ocf_log warn "pid $pid ignored SIGTERM for $2 s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null
        while pid_is_ours "$pid"; do sleep 0.1; done
    fi
    return 0
}

# run_with_timeout SECONDS COMMAND… — runs COMMAND, killing it (TERM, then KILL 2 s later) after
# SECONDS; returns its status, or 124 on timeout.
run_with_timeout() {
    local seconds=$1; shift
    timeout --kill-after=2 "$seconds" "$@"
}

# wait_until SECONDS COMMAND… — retries COMMAND every 0.2 s until it succeeds or time runs out.
wait_until() {
    local deadline=$(( $(date +%s%N) / 1000000 + $1 * 1000 )); shift
    until "$@"; do
        [ $(( $(date +%s%N) / 1000000 )) -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

# state_dir — a directory private to this node for agents' state files (created on demand).
state_dir() {
    mkdir -p "$HA_RSCTMP" 2>/dev/null && [ -w "$HA_RSCTMP" ] && { printf '%s\n' "$HA_RSCTMP"; return 0; }
    ocf_log warn "$HA_RSCTMP is not writable; using ${TMPDIR:-/tmp}"
    printf '%s\n' "${TMPDIR:-/tmp}"
}

# --- Meta-data ------------------------------------------------------------------------------------
# xml_escape TEXT — TEXT with &, <, > and " escaped.
xml_escape() {
    printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'
}

# meta_data_begin NAME SHORTDESC LONGDESC — opens the OCF 1.1 document and its <parameters>.
meta_data_begin() {
    printf '<?xml version="1.0"?>\n<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">\n<resource-agent name="%s" version="1.0">\n  <version>1.1</version>\n' "$(xml_escape "$1")"
    printf '  <longdesc lang="en">%s</longdesc>\n  <shortdesc lang="en">%s</shortdesc>\n  <parameters>\n' \
        "$(xml_escape "$3")" "$(xml_escape "$2")"
}

# meta_data_param NAME TYPE DEFAULT REQUIRED(0|1) SHORTDESC LONGDESC [UNIQUE(0|1)]
# (`unique`, not OCF 1.1's `unique-group`, so that ocf-tester's ra-api-1.dtd accepts it too)
meta_data_param() {
    local flags=""
    [ "$4" = 1 ] && flags=' required="1"'
    [ "${7:-0}" = 1 ] && flags="$flags unique=\"1\""
    printf '    <parameter name="%s"%s>\n      <longdesc lang="en">%s</longdesc>\n      <shortdesc lang="en">%s</shortdesc>\n' \
        "$(xml_escape "$1")" "$flags" "$(xml_escape "$6")" "$(xml_escape "$5")"
    if [ -n "$3" ]; then
        printf '      <content type="%s" default="%s"/>\n    </parameter>\n' "$2" "$(xml_escape "$3")"
    else
        printf '      <content type="%s"/>\n    </parameter>\n' "$2"
    fi
}

# meta_data_end START_TIMEOUT STOP_TIMEOUT MONITOR_TIMEOUT MONITOR_INTERVAL [DEPTHS]
# closes <parameters> and writes the standard actions (a monitor per depth, e.g. "0 10").
meta_data_end() {
    local depth
    printf '  </parameters>\n  <actions>\n'
    printf '    <action name="start" timeout="%s"/>\n    <action name="stop" timeout="%s"/>\n' "$1" "$2"
    for depth in ${5:-0}; do
        printf '    <action name="monitor" timeout="%s" interval="%s" depth="%s"/>\n' "$3" "$4" "$depth"
    done
    printf '    <action name="validate-all" timeout="20s"/>\n    <action name="meta-data" timeout="5s"/>\n'
    printf '  </actions>\n</resource-agent>\n'
}

# --- Dispatch -------------------------------------------------------------------------------------
# ocf_dispatch ACTION — calls the agent's functions: agent_meta_data, agent_validate,
# agent_start, agent_stop, agent_monitor. validate runs before start and before stop/monitor
# (where ERR_CONFIGURED/ERR_INSTALLED answers of a probe or stop become "not running"/success).
ocf_dispatch() {
    __OCF_ACTION=${1:-}
    local rc
    case "$__OCF_ACTION" in
        meta-data) agent_meta_data; return $OCF_SUCCESS ;;
        validate-all) agent_validate; return ;;
        start) agent_validate || return; agent_start; return ;;
        stop|monitor)
            agent_validate; rc=$?
            if [ $rc -ne 0 ]; then
                [ "$__OCF_ACTION" = stop ] && { ocf_log warn "invalid configuration; nothing of ours can be running"; return $OCF_SUCCESS; }
                is_probe && return $OCF_NOT_RUNNING
                return $rc
            fi
            "agent_$__OCF_ACTION"; return ;;
        usage|help) echo "usage: $0 {start|stop|monitor|validate-all|meta-data}"; return $OCF_SUCCESS ;;
        *) echo "usage: $0 {start|stop|monitor|validate-all|meta-data}" >&2; return $OCF_ERR_UNIMPLEMENTED ;;
    esac
}
