import ArgumentParser

/// Exit codes, after BSD's sysexits so that scripts can tell failures apart.
enum Exit {
    /// A script or transcript has errors (EX_DATAERR).
    static let dataError = ExitCode(65)
    /// An input file cannot be opened (EX_NOINPUT).
    static let noInput = ExitCode(66)
    /// The transcript file cannot be created (EX_CANTCREAT).
    static let cannotCreate = ExitCode(73)
    /// Writing failed midway (EX_IOERR).
    static let ioError = ExitCode(74)
    /// Try again later: the file is in use (EX_TEMPFAIL).
    static let tryLater = ExitCode(75)
    /// An encrypted transcript without the right passphrase (EX_NOPERM).
    static let noPermission = ExitCode(77)
}
