package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

// studyFlags are the flags shared by run and demo.
type studyFlags struct {
	checklist string
	config    string
	out       string
	json      string
	csv       string
	markdown  string
	html      string
	plots     string
	fiches    string
	method    string
	strict    bool
	samples   int
	seed      uint64
	sobol     int

	samplesSet, seedSet, sobolSet bool // the flags were given (they override the config)
}

// loadConfig reads --config (or the defaults) and applies the flags over it.
func (f *studyFlags) loadConfig() (gapanalysis.Config, error) {
	cfg := gapanalysis.DefaultConfig()
	if f.config != "" {
		fh, err := os.Open(f.config)
		if err != nil {
			return cfg, usagef("config: %v", err)
		}
		defer fh.Close()
		cfg, err = gapanalysis.LoadConfig(fh, f.config)
		if err != nil {
			return cfg, &usageError{err}
		}
	}
	if f.checklist != "" {
		cfg.Checklist = f.checklist
	}
	if f.method != "" {
		cfg.Ranking.Method = f.method
	}
	if f.samplesSet {
		cfg.Uncertainty.Samples = f.samples
	}
	if f.seedSet {
		cfg.Uncertainty.Seed = f.seed
	}
	if f.sobolSet {
		cfg.Uncertainty.Sobol = f.sobol
	}
	if err := cfg.Check(); err != nil {
		return cfg, &usageError{err}
	}
	if f.plots != "" && cfg.Uncertainty.Samples <= 0 {
		return cfg, usagef("--plots: the plots show the Monte Carlo analysis; give --samples N (or uncertainty.samples in the config)")
	}
	return cfg, nil
}

// loadChecklist returns the checklist a config names: "builtin:ID", or the path
// of a checklist in YAML or xlsx (told apart by content, see readChecklistFile).
func loadChecklist(name string) (*gapanalysis.Checklist, error) {
	if name == "" || name == "builtin:"+gapanalysis.BuiltinID || name == "builtin" {
		cl, err := gapanalysis.Builtin()
		if err != nil {
			return nil, fmt.Errorf("built-in checklist: %w", err)
		}
		return cl, nil
	}
	if strings.HasPrefix(name, "builtin:") {
		return nil, usagef("checklist: no built-in checklist %q (there is %q)", strings.TrimPrefix(name, "builtin:"), gapanalysis.BuiltinID)
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, usagef("checklist: %v", err)
	}
	defer fh.Close()
	cl, err := readChecklistFile(fh, name)
	if err != nil {
		return nil, &usageError{err}
	}
	return cl, nil
}

func importOptions(cl *gapanalysis.Checklist, cfg gapanalysis.Config) (*importers.Options, error) {
	vocab, err := gapanalysis.NewVocabulary(cfg.Vocabulary)
	if err != nil {
		return nil, &usageError{fmt.Errorf("vocabulary: %w", err)}
	}
	return &importers.Options{Checklist: cl, Vocabulary: vocab}, nil
}

// outputs lists the outputs the flags ask for, for checkOutputs. An output
// folder lists every file that may be written into it.
func (f *studyFlags) outputs() []output {
	return []output{
		{flag: "-o/--out", path: f.out},
		{flag: "--json", path: f.json},
		{flag: "--markdown", path: f.markdown},
		{flag: "--html", path: f.html},
		{flag: "--csv", path: f.csv, files: slices.Concat(report.CSVFiles, report.SensitivityCSVFiles, report.ProgressCSVFiles, report.PanelCSVFiles, report.KnownIssuesCSVFiles)},
		{flag: "--plots", path: f.plots, files: []string{report.RankIntervalsPNGFile, report.SobolPNGFile}},
		{flag: "--fiches", path: f.fiches, files: report.AllFicheFiles()},
	}
}

// inputs lists the files the study flags name as inputs: the config and the
// checklist the config names (not a built-in one).
func (f *studyFlags) inputs(cfg gapanalysis.Config) []string {
	in := []string{f.config}
	if !strings.HasPrefix(cfg.Checklist, "builtin") {
		in = append(in, cfg.Checklist)
	}
	return in
}

// writeOutputs writes every output the flags ask for (see writeOutputs).
func (f *studyFlags) writeOutputs(ctx context.Context, res *gapanalysis.Result, streams IO) error {
	var jobs []outputJob
	wrote := func(format, path string) func() {
		return func() { fmt.Fprintf(streams.ErrOut, format+"\n", path) }
	}
	// The folders first: they are created when missing, and a file may be
	// asked for inside one of them.
	if f.csv != "" {
		jobs = append(jobs, outputJob{name: "CSV files in " + f.csv, stage: func(ctx context.Context) ([]*report.Staged, error) {
			return report.StageCSV(ctx, f.csv, res)
		}, done: wrote("wrote CSV files to %s", f.csv)})
	}
	if f.plots != "" {
		jobs = append(jobs, outputJob{name: "plots in " + f.plots, stage: func(ctx context.Context) ([]*report.Staged, error) {
			return report.StagePlots(ctx, f.plots, res)
		}, done: wrote("wrote plots to %s", f.plots)})
	}
	if f.fiches != "" {
		jobs = append(jobs, outputJob{name: "country fiches in " + f.fiches, stage: func(ctx context.Context) ([]*report.Staged, error) {
			return report.StageFiches(ctx, f.fiches, res)
		}, done: wrote("wrote country fiches to %s", f.fiches)})
	}
	if f.out != "" {
		jobs = append(jobs, outputJob{name: f.out, path: f.out, write: func(w io.Writer) error { return report.WriteWorkbook(w, res, nil) }, done: wrote("wrote %s", f.out)})
	}
	if f.json != "" {
		jobs = append(jobs, outputJob{name: f.json, path: f.json, write: func(w io.Writer) error { return report.WriteJSON(w, res) }, done: wrote("wrote %s", f.json)})
	}
	if f.markdown != "" {
		jobs = append(jobs, outputJob{name: f.markdown, path: f.markdown, write: func(w io.Writer) error { return report.WriteMarkdown(w, res) }, done: wrote("wrote %s", f.markdown)})
	}
	if f.html != "" {
		jobs = append(jobs, outputJob{name: f.html, path: f.html, write: func(w io.Writer) error { return report.WriteHTML(w, res, nil) }, done: wrote("wrote %s", f.html)})
	}
	return writeOutputs(ctx, streams, jobs)
}

// printSummary prints the headline results as small tables.
func printSummary(w io.Writer, res *gapanalysis.Result) {
	if res.Meta.Synthetic {
		fmt.Fprintln(w, "*** "+report.SyntheticBanner+" ***")
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Checklist %s (version %s): %d items, %d measures\n", res.Meta.ChecklistID, res.Meta.ChecklistVersion, len(res.Items), len(res.Priorities))
	fmt.Fprintf(w, "Data: %s — %d countries, %d responses, %d gaps\n\n", res.Meta.DataLabel, len(res.Countries), res.Dataset.Responses.Len(), len(res.Gaps))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Rank\tCountry\tIndex\tCoverage\t")
	for _, c := range res.Countries {
		rank, index := "–", "–"
		if c.Rank > 0 {
			rank = fmt.Sprint(c.Rank)
		}
		if c.Index.Known {
			index = fmt.Sprintf("%.1f", c.Index.Value)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.0f%%\t\n", rank, c.Code, index, 100*c.Coverage)
	}
	tw.Flush()
	fmt.Fprintln(w)
	k := res.Config.Ranking.TopK
	fmt.Fprintf(w, "Top %d priority measures (%s):\n", k, res.Meta.Method)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	unc := res.Uncertainty != nil && res.Uncertainty.Samples > 0
	if unc {
		fmt.Fprintf(tw, "Rank\tMeasure\tScore\tMedian rank\tP5–P95\tP(top %d)\tTitle\n", k)
	} else {
		fmt.Fprintln(tw, "Rank\tMeasure\tScore\tTitle")
	}
	for i, p := range res.Priorities {
		if i >= k {
			break
		}
		if unc && p.Uncertainty != nil {
			u := p.Uncertainty
			fmt.Fprintf(tw, "%d\t%s\t%.1f\t%g\t%g–%g\t%.2f\t%s\n", p.Rank, p.ID, p.Score, u.Median, u.P05, u.P95, u.PTopK, p.Title)
			continue
		}
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%s\n", p.Rank, p.ID, p.Score, p.Title)
	}
	tw.Flush()
	if unc {
		fmt.Fprintf(w, "Rank uncertainty: %d Monte Carlo samples, seed %d, varying %s\n", res.Uncertainty.Samples, res.Uncertainty.Seed, strings.Join(res.Uncertainty.Inputs, ", "))
	}
}

// reportDiagnostics prints one line per diagnostic to w (at most limit lines, 0
// for all) and a count line, and returns errDataProblems when the run must exit 1.
func reportDiagnostics(w io.Writer, diags []gapanalysis.Diagnostic, strict bool, limit int) error {
	for i, d := range diags {
		if limit > 0 && i >= limit {
			fmt.Fprintf(w, "… and %d more (see the Diagnostics sheet or gapstudy validate)\n", len(diags)-limit)
			break
		}
		fmt.Fprintln(w, oneLine(d.Error()))
	}
	errs, warns, infos := gapanalysis.CountBySeverity(diags)
	if len(diags) > 0 {
		fmt.Fprintf(w, "%s, %s, %s\n", plural(errs, "error"), plural(warns, "warning"), plural(infos, "note"))
	}
	if errs > 0 || (strict && warns > 0) {
		return errDataProblems
	}
	return nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// importSurveys reads the config and the checklist the flags name, refuses
// outputs that would destroy an input (checkOutputs; outs is nil for
// validate), and imports the survey files, in path order, with the import and
// layout flags applied. sink, when not nil, returns the importers.Options.Sink
// to stream the responses to.
func importSurveys(ctx context.Context, streams IO, sf *studyFlags, imp *importFlags, lay *layoutFlags, files []string, outs []output,
	sink func(*gapanalysis.Checklist) func(gapanalysis.Response)) (gapanalysis.Config, *gapanalysis.Checklist, *gapanalysis.Dataset, error) {
	cfg, cl, iopts, err := prepareImport(ctx, streams, sf, imp, lay, files, outs)
	if err != nil {
		return cfg, nil, nil, err
	}
	if sink != nil {
		iopts.Sink = sink(cl)
	}
	ds, err := importers.OpenAll(inputOrder(files), iopts)
	if err != nil {
		return cfg, nil, nil, err
	}
	return cfg, cl, ds, nil
}

// prepareImport reads the config and the checklist the flags name, refuses
// outputs that would destroy an input (inputs: the paths read besides the
// mapping, config and checklist), and returns the import options with the
// import and layout flags applied.
func prepareImport(ctx context.Context, streams IO, sf *studyFlags, imp *importFlags, lay *layoutFlags, inputs []string, outs []output) (gapanalysis.Config, *gapanalysis.Checklist, *importers.Options, error) {
	cfg, err := sf.loadConfig()
	if err != nil {
		return cfg, nil, nil, err
	}
	inputs = append(append(slices.Clone(inputs), lay.mapping), sf.inputs(cfg)...)
	if err := checkOutputs(ctx, streams.gate, inputs, outs); err != nil {
		return cfg, nil, nil, err
	}
	cl, err := loadChecklist(cfg.Checklist)
	if err != nil {
		return cfg, nil, nil, err
	}
	if err := sf.checkSampleMemory(cfg, cl); err != nil {
		return cfg, nil, nil, err
	}
	iopts, err := importOptions(cl, cfg)
	if err != nil {
		return cfg, nil, nil, err
	}
	if err := imp.apply(iopts); err != nil {
		return cfg, nil, nil, err
	}
	if err := lay.applyLayouts(iopts); err != nil {
		return cfg, nil, nil, err
	}
	return cfg, cl, iopts, nil
}

// inputOrder returns the survey paths sorted (cleaned paths in byte order), so
// that the order they are given in changes nothing: which of two answers is
// "earlier" in a duplicate or conflict diagnostic, the data label, the list of
// files. A folder's own files are read in name order by the importers.
func inputOrder(files []string) []string {
	out := slices.Clone(files)
	slices.SortStableFunc(out, func(a, b string) int { return strings.Compare(filepath.Clean(a), filepath.Clean(b)) })
	return out
}

// study analyses an imported survey, prints the summary, writes the outputs the
// flags ask for and reports the diagnostics (the common end of run, demo and
// compare). With a baseline or a known-issues register (w), the comparison
// and the verdicts are added to the result (see analyzeWaves) and their
// headline printed. The diagnostics are printed also when an output could not
// be written. A survey without a usable response is a data error: the
// diagnostics are printed, nothing is ranked and no output written.
func (f *studyFlags) study(ctx context.Context, cl *gapanalysis.Checklist, ds *gapanalysis.Dataset, cfg gapanalysis.Config, streams IO, w *waves) error {
	if w == nil {
		w = &waves{}
	}
	res, err := gapanalysis.Analyze(cl, ds, cfg)
	if err != nil {
		return &usageError{err}
	}
	if err := usableResponses(res); err != nil {
		_ = reportDiagnostics(streams.ErrOut, res.Diagnostics, f.strict, 20)
		return err
	}
	old, err := analyzeWaves(cl, cfg, res, w, streams.ErrOut, f.strict)
	if err != nil {
		return err
	}
	if err := uncertainty(ctx, res, streams.ErrOut); err != nil {
		return err
	}
	if err := compareUncertainty(ctx, res, old, streams.ErrOut); err != nil {
		return err
	}
	if w.compare {
		if res.Meta.Synthetic {
			fmt.Fprintln(streams.Out, "*** "+report.SyntheticBanner+" ***")
			fmt.Fprintln(streams.Out)
		}
		printHeadline(streams.Out, res, true)
	} else {
		printSummary(streams.Out, res)
		printPanel(streams.Out, res)
		if res.Progress != nil || res.KnownIssues != nil {
			fmt.Fprintln(streams.Out)
			printHeadline(streams.Out, res, false)
		}
	}
	werr := f.writeOutputs(ctx, res, streams)
	if werr != nil && !errors.Is(werr, errOutputs) {
		return werr // interrupted
	}
	derr := reportDiagnostics(streams.ErrOut, res.Diagnostics, f.strict, 20)
	if werr != nil {
		return werr
	}
	return derr
}

// usableResponses returns a data error when no answer of the survey assesses a
// checklist item: no file read, a header without rows, every row rejected, or
// only unknown and na answers. Ranking the measures would then rank the
// experts' criteria values alone.
func usableResponses(res *gapanalysis.Result) error {
	for _, a := range res.Assessments {
		if a.Respondents > 0 {
			return nil
		}
	}
	const after = "nothing was ranked and no output was written"
	if n := res.Dataset.Responses.Len(); n > 0 {
		return fmt.Errorf("no usable response: none of the %s read assesses a checklist item (full, partial, none or a value); %s", plural(n, "answer"), after)
	}
	return fmt.Errorf("no usable response: no answer was read; %s", after)
}

// uncertainty runs the uncertainty analysis when samples are asked for, with a
// progress bar on a terminal. It stops when ctx is done.
func uncertainty(ctx context.Context, res *gapanalysis.Result, errOut io.Writer) error {
	cfg := res.Config
	if cfg.Uncertainty.Samples > 0 {
		opts := gapanalysis.UncertaintyOptions{}
		bar := newProgress(errOut, "Monte Carlo")
		if bar != nil {
			opts.Progress = bar.update
		}
		err := gapanalysis.MonteCarlo(ctx, res, opts)
		bar.finish()
		if err != nil {
			return err
		}
		bar = newProgress(errOut, "Sobol")
		opts.Progress = nil
		if bar != nil {
			opts.Progress = bar.update
		}
		err = gapanalysis.Sensitivity(ctx, res, opts)
		bar.finish()
		if err != nil {
			return err
		}
		if _, err := gapanalysis.CompareMethods(res); err != nil {
			return err
		}
	}
	return nil
}

// readDemo imports the embedded synthetic survey.
func readDemo(data []byte, name string, opts *importers.Options) (*gapanalysis.Dataset, error) {
	ds, err := importers.ReadXLSX(bytes.NewReader(data), name, opts)
	if err != nil {
		return nil, err
	}
	if ds == nil {
		return nil, errors.New("demo survey: nothing read")
	}
	ds.Synthetic = true
	ds.Label = name
	return ds, nil
}
