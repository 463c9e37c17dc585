// Package synth makes the synthetic EU-27 survey: made-up but realistic answers of
// national rapporteurs for every EU Member State on every item of a checklist, used
// as test data and as the demo data of `gapstudy demo`.
//
// The data are generated, not collected: they say nothing about any real Member
// State. Everything made from them is labelled synthetic — the dataset
// (Dataset.Synthetic, Label "synthetic-eu27-survey.xlsx"), the title row of the
// workbook and its file name.
//
// Generate draws the answers from a small latent model, deterministic for a seed:
//
//   - each country has a latent overall level;
//   - each theme has a latent difficulty, set from what the theme is about —
//     substantive offences and jurisdiction are easier, prevention and the
//     assistance and protection of victims harder (the pattern the Commission's
//     2016 transposition report describes) — plus a little noise;
//   - each item has a small effect of its own; optional provisions are used less
//     often (more "none", which on an optional item means "option not used") and
//     best-practice items are weaker than legal duties;
//   - per answer, the sum plus noise is cut into full / partial / none.
//
// Some answers are unknown, a few not applicable, and some (country, item) pairs
// are left without a row at all (an analysis treats those as unknown). Countries
// that the checklist's instrument does not bind (Denmark for Directive
// 2011/93/EU) still answer: their rows for mandatory and optional items say "na"
// with a comment, their best-practice items are answered like anyone else's.
// Five countries have a second respondent ("Co-rapporteur AT") and two of them a
// third ("Peer reviewer AT"), who mostly agree with the first; where they do
// not, they give a neighbouring status (full and partial, partial and none),
// except in two (country, item) pairs where the second respondent says none and
// the first full — a split that the mean hides as partial, so that the
// agreement statistics and the list to reconcile have something to show.
//
// GenerateBaseline draws a synthetic *earlier wave* of the same survey from the
// same model (the current survey does not change): most answers as they are
// now, a share of each country's items at a lower (for a few countries higher)
// level, more unknowns. KnownIssues picks from its gaps a synthetic
// known-issues register (SPEC 12) with made-up sources ("SYNTHETIC COM-like
// report 1", "SYNTHETIC infringement-like case 3"), whose verdicts against the
// current wave mix resolved, remaining, not applicable and unknown;
// WriteKnownIssuesXLSX and WriteKnownIssuesCSV write it. Comparing the two
// waves is what `gapstudy demo` shows as progress.
//
// WriteXLSX writes a dataset in the long layout (one row per answer) that the
// importers read back; the files in testdata are regenerated with
//
//	go generate ./internal/synth
//
// Glossary: a *respondent* is the national expert who answered ("Rapporteur
// AT"); the *long layout* has the columns Country, Item, Status, Evidence,
// Comment, Respondent (and Value when some item is numeric).
package synth

//go:generate go run ./cmd/gensynth -seed 2026 -o ../../testdata/synthetic-eu27-survey.xlsx -baseline ../../testdata/synthetic-eu27-baseline.xlsx -known-issues ../../testdata/synthetic-known-issues.xlsx -known-issues-csv ../../testdata/synthetic-known-issues.csv -panel ../../testdata/synthetic-panel.xlsx
