import BuildStamp
import GesprekKit

/// `gesprek --version`: the version (one place: `GesprekKit.version`, which
/// the C interface's `gesprek_version()` and the Debian package also take)
/// and the commit this binary was built from, as ./dev stamped it.
enum VersionText {
    static var line: String {
        let commit = String(cString: gesprek_build_commit())
        return "gesprek \(GesprekKit.version) (commit \(commit.isEmpty ? say("onbekend", "unknown") : commit))"
    }
}
