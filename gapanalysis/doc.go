// Package gapanalysis holds the model of a gap study and its analysis: the
// checklist of a Directive's requirements and best-practice measures, the
// survey answers, the merged assessment of every (country, item), the scores,
// the gaps, the ranking of the priority measures, and the uncertainty and
// sensitivity of that ranking.
//
// A study goes in four steps:
//
//	cl, _ := gapanalysis.Builtin()                   // or LoadChecklist
//	ds, _ := importers.OpenAll(paths, &importers.Options{Checklist: cl})
//	res, _ := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
//	_ = gapanalysis.MonteCarlo(ctx, res, gapanalysis.UncertaintyOptions{})
//
// and package report writes res out.
//
// # Checklist
//
// A Checklist is pillars of themes of items (each with its reference in the
// Directive, its obligation — mandatory, optional or best practice — and its
// weight), the instruments that bind each country, and the candidate measures
// with the items they address and their criteria. Builtin returns the
// checklist of Directive 2011/93/EU that ships in the binary; LoadChecklist
// reads one from YAML. Checklist.Validate checks a checklist built in Go.
//
// # Dataset and responses
//
// A Dataset is what the importers read: the responses, every problem found
// (Diagnostics, each naming its file, sheet and cell) and the accounting of
// every sheet's rows. A Response is one answer — country, item, status (or a
// value for a numeric item), evidence, comment, respondent and the cell it
// came from (Source).
//
// Dataset.Responses holds them in a compact store (Responses): 40-byte
// records and each distinct string stored once, so that a survey-tool export
// of 100,000 respondents × 60 questions fits in about 220 MB. Read it with Len
// and At, range over All, or use the field accessors (Country, Item, Status,
// Respondent, Source) in loops over millions of responses; add to it with
// Append; NewResponses makes one from a slice, and Slice copies it out.
//
// # Analysis
//
// Analyze merges the responses of each (country, item) — per respondent, then
// across respondents (SPEC 5) —, scores items, themes, pillars and the index
// of every country, finds the gaps with their severity and exemplars, measures
// the agreement between respondents and lists the disagreements to reconcile
// (AgreementReport), and ranks the measures by the method of the config (wsm,
// topsis, vikor or promethee2). The Result keeps the dataset: the Sources of
// an assessment, of its gap and of its exemplars, and the Answers of a
// ReconcileUnit, are views of its responses (a few bytes per cell), so every
// number can be traced back to the cells it came from.
//
// MonteCarlo and Sensitivity (Sobol indices) perturb the uncertain inputs —
// the score of partial, weights, criteria values, the missing-data rule, the
// panel's ratings — through a compiled Model whose evaluation does not
// allocate; results do not depend on the number of workers. Compare and
// CompareUncertainty set two waves side by side (SPEC 12); JudgeKnownIssues
// gives a verdict on each issue raised earlier.
//
// Everything in the package is deterministic for a seed, and safe for
// concurrent use on different studies; a Dataset may be analysed by several
// goroutines at once, as long as none appends to it.
package gapanalysis
