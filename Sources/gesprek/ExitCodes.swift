import ArgumentParser

/// Exit codes, after BSD's sysexits so that scripts can tell failures apart.
enum Exit {
    /// The command was used wrongly: an option's value that cannot be (EX_USAGE).
    static let usage = ExitCode(64)
    /// A script or transcript has errors (EX_DATAERR).
    static let dataError = ExitCode(65)
    /// An input file cannot be opened (EX_NOINPUT).
    static let noInput = ExitCode(66)
    /// The transcript file cannot be created (EX_CANTCREAT).
    static let cannotCreate = ExitCode(73)
    /// Writing failed midway (EX_IOERR).
    static let ioError = ExitCode(74)
    /// The transcript was erased on request (`gesprek erase`): its case key is destroyed, its
    /// content gone by design; not damage (EX_UNAVAILABLE).
    static let erased = ExitCode(69)
    /// A service gesprek needs is missing: libedit, for the line editor on a terminal (EX_UNAVAILABLE).
    static let unavailable = ExitCode(69)
    /// Try again later: the file is in use (EX_TEMPFAIL).
    static let tryLater = ExitCode(75)
    /// An encrypted transcript without the right passphrase (EX_NOPERM).
    static let noPermission = ExitCode(77)
    /// The settings file has an error: an unknown key, a value not understood (EX_CONFIG).
    static let config = ExitCode(78)
}
