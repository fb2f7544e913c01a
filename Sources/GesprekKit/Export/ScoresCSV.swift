/// The scores as a sheet: one row per item of each questionnaire in the
/// summary (unscored items with an empty value, so the form is complete),
/// then one row per dimension score. Columns: `questionnaire, section,
/// dimension, item, item_text, value, label, note, seq`; for a dimension
/// score `questionnaire` and `section` are empty, `item` is the dimension and
/// `item_text` its question. Retracted scores do not count; a later score
/// for the same target replaces an earlier one.
public enum ScoresCSV {
    /// The column names of the first row.
    public static let columns = ["questionnaire", "section", "dimension", "item", "item_text", "value", "label", "note", "seq"]

    /// The header row, the items and the dimension scores, RFC 4180.
    public static func render(_ summary: Summary) -> String {
        let scores = Dictionary(summary.scores.map { ($0.target, $0) }, uniquingKeysWith: { _, latest in latest })
        var rows = [columns]
        for report in summary.questionnaires {
            for section in report.sections {
                for item in section.section.items {
                    rows.append(
                        [report.questionnaire.id, section.section.title, item.dimension.rawValue, item.id, item.text]
                            + values(scores[item.id]))
                }
            }
        }
        for dimension in Dimension.allCases {
            guard let score = scores[dimension.rawValue] else { continue }
            rows.append(["", "", dimension.rawValue, dimension.rawValue, dimension.question] + values(score))
        }
        return CSVText.document(rows)
    }

    private static func values(_ score: Summary.Score?) -> [String] {
        guard let score else { return ["", "", "", ""] }
        return [String(score.value), score.label, score.text ?? "", String(score.sequence)]
    }
}
