/// OCF exit codes with their names (ocf-returncodes), plus the LSB init-script mapping.
public enum OCFExitCode {
    public static let success: Int32 = 0
    public static let errGeneric: Int32 = 1
    public static let errArgs: Int32 = 2
    public static let errUnimplemented: Int32 = 3
    public static let errPerm: Int32 = 4
    public static let errInstalled: Int32 = 5
    public static let errConfigured: Int32 = 6
    public static let notRunning: Int32 = 7
    public static let runningPromoted: Int32 = 8
    public static let failedPromoted: Int32 = 9
    public static let degraded: Int32 = 190
    public static let degradedPromoted: Int32 = 191

    /// The symbolic name of `code` (`OCF_NOT_RUNNING`), or `unknown` for codes outside the API.
    public static func name(_ code: Int32) -> String {
        switch code {
        case 0: "OCF_SUCCESS"
        case 1: "OCF_ERR_GENERIC"
        case 2: "OCF_ERR_ARGS"
        case 3: "OCF_ERR_UNIMPLEMENTED"
        case 4: "OCF_ERR_PERM"
        case 5: "OCF_ERR_INSTALLED"
        case 6: "OCF_ERR_CONFIGURED"
        case 7: "OCF_NOT_RUNNING"
        case 8: "OCF_RUNNING_PROMOTED"
        case 9: "OCF_FAILED_PROMOTED"
        case 190: "OCF_DEGRADED"
        case 191: "OCF_DEGRADED_PROMOTED"
        default: "unknown"
        }
    }

    /// The OCF code for an init script's exit code. `status` (our monitor) uses the LSB status
    /// codes: 0 running, 1 dead with pid file, 2 dead with lock file, 3 not running, 150 not
    /// installed, 151 no privilege; other actions share OCF's codes 0–7.
    public static func fromLSB(_ code: Int32, action: String) -> Int32 {
        guard action == "monitor" || action == "status" else {
            return (0...7).contains(code) ? code : errGeneric
        }
        switch code {
        case 0: return success
        case 1, 2, 3: return notRunning
        case 150: return errInstalled
        case 151: return errPerm
        default: return errGeneric
        }
    }
}
