// Package report writes the results of a gap study out: an Excel workbook, JSON,
// CSV files, a short Markdown summary and PNG plots of the uncertainty analysis.
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
//     from it carries a banner saying so (the plots in their title);
//   - rank interval: the 5th to 95th percentile of a measure's or country's rank
//     over the Monte Carlo samples; P(top k) the share of samples in which the rank
//     is at most k;
//   - Sobol indices: the share of the variance of an output (a measure's rank, or
//     the mean absolute rank shift) due to one uncertain input alone (first-order)
//     or with its interactions (total).
//
// With an uncertainty analysis (Result.Uncertainty), the workbook has a
// Sensitivity sheet (rank intervals, the uncertain inputs, Sobol indices, method
// agreement, and the two plots), the JSON a "sensitivity" object, the CSV output
// sensitivity.csv and sobol.csv, and the Markdown summary a "Robustness"
// section. RankIntervalPNG and SobolPNG draw the plots with gonum/plot (fonts
// embedded, so the images are the same bytes on every machine); WritePlots writes
// them to files.
//
// With a comparison with a baseline (Result.Progress, SPEC 12), the workbook has
// the sheets Progress, Transitions and Remaining, a "Since baseline" column on
// Gaps, the baseline index and the delta on Countries and a headline block on
// Summary; the JSON the keys transitions, progress, item_transitions and
// measure_progress; the CSV output progress.csv and transitions.csv; the
// Markdown summary a "Progress since the baseline" section. With a known-issues
// register (Result.KnownIssues) the workbook has a Known issues sheet, the JSON
// a known_issues key, the CSV output known_issues.csv and the Markdown summary
// a "Known issues" section. ProgressHeadline counts the headline numbers (gaps
// closed, still open and new; countries improved and worsened; verdicts) for
// the writers and the command line. Glossary: a transition says what became of
// one country's assessment of one item between the waves (closed, improved,
// remaining, worsened, new-gap, kept, now-known, now-unknown, unknown,
// not-applicable); a verdict says whether a known issue is resolved,
// remaining, not-applicable or unknown now.
//
// Best practices (SPEC 13) are in every output: the exemplars of each gap (the
// countries at full on its item, most similar first) on the Gaps sheet, in
// gaps[].exemplars and gaps.csv; the adopters of each measure (the countries
// where it is already in place) on Priorities, in priorities[].adopters and
// priorities.csv; the peers of each country on Countries, in countries[].peers
// and countries.csv; the practice inventory — per item, every country at full
// with its evidence, and per theme the three leading countries — on the
// Practices sheet and in practices.csv; the Markdown summary names the
// exemplars of the ten largest gaps.

// With answers from several respondents (Result.Agreement, SPEC 14) the
// workbook has the sheets Agreement (units, percent agreement, Krippendorff's α
// and Gwet's AC1 with bootstrap intervals, overall and per country) and
// Reconcile (every answer of every (country, item) where respondents disagree,
// with its cell; streamed, and continued on "Reconcile 2", … like the Data
// sheets when it outgrows a sheet: ReconcileSheetName); a merged partial that hides a full against a none reads
// SplitText, with a note, on the Heatmap and the Gaps sheet. The JSON has an
// agreement key and the Markdown summary an "Agreement between respondents"
// section.
//
// WriteHTML writes the study as one self-contained HTML page (SPEC 15; see
// docs/reports.md): inline CSS, SVG charts drawn with gonum/plot's SVG backend,
// no external request, html/template escaping every piece of survey text, and
// an A4 print style sheet. Its sections carry the ids HTMLSummary …
// HTMLMethodology.
//
// Before the study, WriteTemplate writes the questionnaire workbook a national
// expert fills in for one country (a Cover sheet and a Questionnaire sheet with a
// status dropdown; see docs/input-format.md, "Questionnaires"), and
// TemplateFileName names it; the importers read it back. The checklist itself
// is written by WriteChecklistMarkdown (a readable table) and WriteChecklistXLSX
// (the xlsx form that importers.ReadChecklistXLSX reads back into the same
// checklist).
//
// Use WriteFile to write an output file (mode 0644) without ever damaging the
// file already there: the output goes to a temporary file in the same folder,
// which is synced and renamed over the target only when complete.
//
//	err := report.WriteFile("study.xlsx", func(w io.Writer) error {
//		return report.WriteWorkbook(w, res, nil)
//	})
//
// WriteFileContext stops when a context is done (on Ctrl-C, say) and leaves the
// earlier file as it was; Stage, StageCSV and StagePlots write outputs without
// putting them in place, so that several outputs can be committed together.
package report
