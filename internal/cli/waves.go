package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

// waves holds what a study compares its survey with (SPEC 12): a baseline
// wave and a known-issues register. The zero value compares with nothing.
type waves struct {
	// old is the baseline survey, analysed with the current survey's
	// checklist and config; nil: no baseline.
	old *gapanalysis.Dataset
	// register is the known-issues register, judged against the current
	// wave; nil: none given.
	register *register
	// compare prints the comparison's headline and table instead of the
	// study's summary (gapstudy compare).
	compare bool
}

// register is a known-issues register as read, with the diagnostics of its
// rows.
type register struct {
	issues []gapanalysis.KnownIssue
	diags  []gapanalysis.Diagnostic
}

// analyzeWaves analyses the baseline (when there is one), compares it with res
// and judges the known issues against res: it sets res.Progress and
// res.KnownIssues and appends the baseline's and the register's diagnostics to
// res.Diagnostics (those of the analysis that the current wave already has,
// such as a measure without a criterion value, are not repeated). It returns
// the analysed baseline, nil without one. A baseline without a usable
// response is a data error, as the current survey is.
func analyzeWaves(cl *gapanalysis.Checklist, cfg gapanalysis.Config, res *gapanalysis.Result, w *waves, errOut io.Writer, strict bool) (*gapanalysis.Result, error) {
	var old *gapanalysis.Result
	if w.old != nil {
		var err error
		old, err = gapanalysis.Analyze(cl, w.old, cfg)
		if err != nil {
			return nil, &usageError{fmt.Errorf("baseline: %w", err)}
		}
		if err := usableResponses(old); err != nil {
			_ = reportDiagnostics(errOut, old.Diagnostics, strict, 20)
			return nil, fmt.Errorf("baseline: %w", err)
		}
		cmp, err := gapanalysis.Compare(old, res)
		if err != nil {
			return nil, err
		}
		res.Progress = cmp
		res.Diagnostics = appendNew(res.Diagnostics, old.Diagnostics)
	}
	if w.register != nil {
		res.KnownIssues = gapanalysis.JudgeKnownIssues(res, w.register.issues)
		if res.KnownIssues == nil {
			res.KnownIssues = []gapanalysis.KnownIssueVerdict{}
		}
		res.Diagnostics = appendNew(res.Diagnostics, w.register.diags)
	}
	return old, nil
}

// appendNew appends to ds the diagnostics of more that ds does not hold yet.
func appendNew(ds, more []gapanalysis.Diagnostic) []gapanalysis.Diagnostic {
	type key struct {
		sev                    gapanalysis.Severity
		code                   gapanalysis.Code
		msg, file, sheet, cell string
	}
	seen := make(map[key]bool, len(ds))
	k := func(d gapanalysis.Diagnostic) key {
		return key{d.Severity, d.Code, d.Message, d.File, d.Sheet, d.Cell}
	}
	for _, d := range ds {
		seen[k(d)] = true
	}
	for _, d := range more {
		if !seen[k(d)] {
			ds = append(ds, d)
			seen[k(d)] = true
		}
	}
	return ds
}

// printHeadline prints the headline of a comparison with a baseline and of a
// known-issues register; with table, also every country's index in both
// waves and the delta.
func printHeadline(w io.Writer, res *gapanalysis.Result, table bool) {
	h := report.ProgressHeadline(res)
	if cmp := res.Progress; cmp != nil {
		fmt.Fprintf(w, "Progress since the baseline (%s → %s):\n", cmp.OldLabel, cmp.NewLabel)
		fmt.Fprintf(w, "  Gaps: %d closed, %d still open (%d improved, %d unchanged, %d worsened), %d new\n",
			h.Closed, h.StillOpen(), h.Improved, h.Remaining, h.Worsened, h.NewGaps)
		fmt.Fprintf(w, "  Countries: %d improved, %d worsened, %d unchanged (index)\n",
			h.CountriesImproved, h.CountriesWorsened, h.CountriesUnchanged)
		if len(cmp.OnlyOld) > 0 {
			fmt.Fprintf(w, "  Left out, in the baseline's checklist only: %s\n", joinIDs(cmp.OnlyOld))
		}
		if len(cmp.OnlyNew) > 0 {
			fmt.Fprintf(w, "  Left out, in the current checklist only: %s\n", joinIDs(cmp.OnlyNew))
		}
	}
	if h.Register {
		fmt.Fprintf(w, "Known issues: %d resolved, %d remaining, %d not applicable, %d unknown (of %d)\n",
			h.Verdicts[gapanalysis.VerdictResolved], h.Verdicts[gapanalysis.VerdictRemaining],
			h.Verdicts[gapanalysis.VerdictNotApplicable], h.Verdicts[gapanalysis.VerdictUnknown], len(res.KnownIssues))
	}
	if table && res.Progress != nil {
		fmt.Fprintln(w)
		printProgressTable(w, res.Progress)
	}
}

// printProgressTable prints every country's index in both waves, the delta
// and, when the paired Monte Carlo ran, its 5th–95th percentile interval and
// P(improved).
func printProgressTable(w io.Writer, cmp *gapanalysis.Comparison) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	unc := cmp.Samples > 0
	if unc {
		fmt.Fprintln(tw, "Country\tBaseline\tCurrent\tDelta\tDelta P5–P95\tP(improved)\t")
	} else {
		fmt.Fprintln(tw, "Country\tBaseline\tCurrent\tDelta\t")
	}
	for _, c := range cmp.Countries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t", c.Code, fmtScore(c.IndexOld, false), fmtScore(c.IndexNew, false), fmtScore(c.Delta, true))
		if unc {
			if u := c.Uncertainty; u != nil {
				fmt.Fprintf(tw, "%+.1f – %+.1f\t%.2f\t", u.P05, u.P95, u.PImproved)
			} else {
				fmt.Fprint(tw, "–\t–\t")
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if unc {
		fmt.Fprintf(w, "Delta uncertainty: %d paired Monte Carlo samples, seed %d\n", cmp.Samples, cmp.Seed)
	}
}

func fmtScore(s gapanalysis.Score, signed bool) string {
	switch {
	case !s.Known:
		return "–"
	case signed:
		return fmt.Sprintf("%+.1f", s.Value)
	}
	return fmt.Sprintf("%.1f", s.Value)
}

func joinIDs(ids []gapanalysis.ItemID) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = string(id)
	}
	return strings.Join(parts, ", ")
}

// waveFlags are the flags of run that compare the study with an earlier wave
// and a known-issues register.
type waveFlags struct {
	baseline    string
	knownIssues string
}

// addWaveFlags registers --known-issues and, when baseline is set, --baseline.
func addWaveFlags(cmd *cobra.Command, f *waveFlags, baseline bool) {
	if baseline {
		cmd.Flags().StringVar(&f.baseline, "baseline", "",
			"compare with an earlier wave: its survey file or folder, or the results workbook of an earlier run")
	}
	cmd.Flags().StringVar(&f.knownIssues, "known-issues", "",
		"judge a register of known issues (xlsx or csv: country, item, source, date, note) against the survey")
}

// read imports the baseline and the register the flags name, with the
// survey's import options.
func (f *waveFlags) read(iopts *importers.Options) (*waves, error) {
	w := &waves{}
	if f.baseline != "" {
		old, err := importers.OpenAll([]string{f.baseline}, iopts)
		if err != nil {
			return nil, fmt.Errorf("baseline: %w", err)
		}
		w.old = old
	}
	if f.knownIssues != "" {
		reg, err := openRegister(f.knownIssues, iopts)
		if err != nil {
			return nil, err
		}
		w.register = reg
	}
	return w, nil
}

// openRegister reads the known-issues register at path.
func openRegister(path string, iopts *importers.Options) (*register, error) {
	issues, ds, err := importers.OpenKnownIssues(path, iopts)
	if err != nil {
		return nil, fmt.Errorf("known issues: %w", err)
	}
	reg := &register{issues: issues}
	if ds != nil {
		reg.diags = ds.Diagnostics
	}
	return reg, nil
}

// compareUncertainty runs the paired Monte Carlo analysis of the index deltas
// when samples are asked for and there is a baseline.
func compareUncertainty(ctx context.Context, res, old *gapanalysis.Result, errOut io.Writer) error {
	if res.Progress == nil || old == nil || res.Config.Uncertainty.Samples <= 0 {
		return nil
	}
	opts := gapanalysis.UncertaintyOptions{}
	bar := newProgress(errOut, "Paired Monte Carlo")
	if bar != nil {
		opts.Progress = bar.update
	}
	err := gapanalysis.CompareUncertainty(ctx, res.Progress, old, res, opts)
	bar.finish()
	return err
}
