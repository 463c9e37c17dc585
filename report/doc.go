// Package report writes the results of a gap study out: an Excel workbook, JSON,
// CSV files and a short Markdown summary.
//
// It sits at the end of the pipeline
//
//	checklist + survey files → importers → gapanalysis.Analyze → report
//
// and reads only a *gapanalysis.Result; it computes nothing that the study did not
// compute, apart from a few summary figures (mean index, mean coverage, counts).
//
// Every writer is deterministic: the same Result gives the same bytes (fixed
// document properties, sorted keys and rows). Free text that came from a survey is
// always written as text: in the workbook it stays a string cell even when it
// starts with "=", "+", "-" or "@", and in CSV files such strings are escaped with
// a leading "'". Unknown scores are empty cells in the workbook and CSV files and
// null in JSON; NaN is never written.
//
// Glossary:
//
//   - index, pillar and theme scores: weighted means of item scores, on 0–100;
//   - item score and gap: on 0–1 (gap = 1 − score);
//   - severity: the index points a country loses on a gap (100 × gap × effective
//     weight);
//   - coverage: the share (0–1) of a country's applicable items with a known answer;
//   - priority: a candidate measure with its rank, score and criteria values;
//   - synthetic data: data made up for demonstration and testing; every output made
//     from it carries a banner saying so.
//
// Use WriteFile to create an output file with mode 0644:
//
//	err := report.WriteFile("study.xlsx", func(w io.Writer) error {
//		return report.WriteWorkbook(w, res, nil)
//	})
package report
