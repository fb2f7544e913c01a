import Foundation
import Testing
@testable import GesprekKit

/// What a hostile transcript, file or folder cannot do (issue 11): steer a
/// terminal, run a spreadsheet formula, hang or flood a reader, or make repair
/// cut away what another program wrote.
@Suite struct HostileInputTests {
    @Test func hiddenCharactersAreShownEscapedAndTheRestStays() {
        #expect(VisibleText.escaped("a\u{1B}[2J\u{0}b") == #"a\u{1B}[2J\u{0}b"#)
        #expect(VisibleText.escaped("x\u{7F}\u{80}\u{9F}\u{A0}y") == "x\\u{7F}\\u{80}\\u{9F}\u{A0}y")
        #expect(VisibleText.escaped("\u{202A}\u{202E}\u{2066}\u{2069}\u{2067}") == #"\u{202A}\u{202E}\u{2066}\u{2069}\u{2067}"#)
        #expect(VisibleText.escaped("Zoë\tzegt:\nهلا \u{200F}") == "Zoë\tzegt:\nهلا \u{200F}")
        for scalar in (0...0x2100).compactMap(Unicode.Scalar.init) {
            let text = "a" + String(scalar) + "b"
            let bytes = Array(text.utf8)
            let found = bytes.withUnsafeBufferPointer { VisibleText.firstHidden(in: $0) }
            #expect((found != nil) == VisibleText.isHidden(scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func aTextCellThatASpreadsheetWouldRunStartsWithAQuote() {
        #expect(CSVText.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVText.field("=cmd|'/c calc'!A1") == "'=cmd|'/c calc'!A1")
        for start in ["+", "-", "@", "\t", "\r"] { #expect(CSVText.field(start + "x").hasPrefix(start == "\r" ? "\"'" : "'")) }
        for number in ["-3", "+2.5", "-0.125", "3", "a=b"] { #expect(CSVText.field(number) == number) }
        #expect(CSVText.field("-") == "'-" && CSVText.field("-3.") == "'-3." && CSVText.field("--3") == "'--3")
    }
}
