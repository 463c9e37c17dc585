package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/report"
)

// badSurvey has a data error: importing it prints "unknown-item", so a test
// can tell whether the survey was read.
const badSurvey = "country,item,status\nAT,D-3.4,yes\nAT,D-3.44,yes\n"

// snapshot returns the content of every file below dir, by path relative to
// dir; a folder is "<folder>".
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel] = "<folder>"
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			out[rel] = "<link " + target + ">"
			return err
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	}))
	return out
}

// assertNoTemporaries fails when a temporary file of the writers is left below
// dir.
func assertNoTemporaries(t *testing.T, dir string) {
	t.Helper()
	for p := range snapshot(t, dir) {
		assert.NotContains(t, filepath.Base(p), report.TempPrefix, "temporary file left")
	}
}

// TestOutputThatIsAnInput: every output flag of every command refuses a path
// that is an input, or lies inside an input folder, as a usage error before
// anything is read; the inputs stay as they were.
func TestOutputThatIsAnInput(t *testing.T) {
	dir := t.TempDir()
	survey := writeFile(t, dir, "survey.csv", badSurvey)
	data := writeFile(t, dir, "data.csv", badSurvey) // the name of a CSV output
	cfg := writeFile(t, dir, "study.yaml", "missing: exclude\n")
	mapping := writeFile(t, dir, "mapping.yaml", "Q3: D-3.4\n")
	replies := filepath.Join(dir, "replies")
	require.NoError(t, os.Mkdir(replies, 0o755))
	writeFile(t, replies, "AT.csv", badSurvey)
	code, _, errOut := runCLI(t, "checklist", "-o", filepath.Join(dir, "mine.yaml"))
	require.Equal(t, ExitOK, code, errOut)
	checklist := filepath.Join(dir, "mine.yaml")
	questionnaires := filepath.Join(dir, "q")
	require.NoError(t, os.Mkdir(questionnaires, 0o755))
	code, _, errOut = runCLI(t, "checklist", "--format", "xlsx", "-o", filepath.Join(questionnaires, "questionnaire-AT-dir-2011-93.xlsx"))
	require.Equal(t, ExitOK, code, errOut)
	if runtime.GOOS != "windows" {
		require.NoError(t, os.Symlink("survey.csv", filepath.Join(dir, "link.csv")))
		require.NoError(t, os.Symlink("replies", filepath.Join(dir, "replies-link")))
	}

	in := func(p ...string) string { return filepath.Join(append([]string{dir}, p...)...) }
	cases := []struct {
		name string
		args []string
		want string
		link bool // needs symbolic links
	}{
		{"-o is the survey", []string{"run", "-o", survey, survey}, "-o/--out " + survey + ": is the input " + survey, false},
		{"--out is the survey", []string{"run", "--out", survey, survey}, "is the input", false},
		{"--json is the survey", []string{"run", "--json", survey, survey}, "--json " + survey + ": is the input", false},
		{"--markdown is the survey", []string{"run", "--markdown", survey, survey}, "--markdown " + survey + ": is the input", false},
		{"the same path once cleaned", []string{"run", "--json", in("replies", "..", "survey.csv"), survey}, "is the input", false},
		{"a link to the survey", []string{"run", "-o", in("link.csv"), survey}, "is the input", true},
		{"the survey through a link", []string{"run", "-o", survey, in("link.csv")}, "is the input", true},
		{"--csv is the input folder", []string{"run", "--csv", replies, replies}, "--csv " + replies + ": is the input folder", false},
		{"--csv inside the input folder", []string{"run", "--csv", in("replies", "out"), replies}, "is inside the input folder " + replies, false},
		{"--csv would replace data.csv", []string{"run", "--csv", dir, data}, "would replace the input " + data + " with its data.csv", false},
		{"--plots is the input folder", []string{"run", "--plots", replies, replies}, "--plots " + replies + ": is the input folder", false},
		{"-o inside the input folder", []string{"run", "-o", in("replies", "results.xlsx"), replies}, "is inside the input folder", false},
		{"--json inside the input folder through a link", []string{"run", "--json", in("replies-link", "r.json"), replies}, "is inside the input folder", true},
		{"--markdown inside a linked input folder", []string{"run", "--markdown", in("replies", "r.md"), in("replies-link")}, "is inside the input folder", true},
		{"-o is the config", []string{"run", "-o", cfg, "--config", cfg, survey}, "is the input " + cfg, false},
		{"--json is the checklist", []string{"run", "--json", checklist, "--checklist", checklist, survey}, "is the input " + checklist, false},
		{"--markdown is the mapping", []string{"run", "--markdown", mapping, "--mapping", mapping, survey}, "is the input " + mapping, false},
		{"demo -o is the config", []string{"demo", "-o", cfg, "--config", cfg}, "is the input " + cfg, false},
		{"checklist -o is the checklist", []string{"checklist", "--checklist", checklist, "-o", checklist}, "is the input " + checklist, false},
		{"template -o would replace the checklist", []string{"template", "--force", "--countries", "AT",
			"--checklist", in("q", "questionnaire-AT-dir-2011-93.xlsx"), "-o", questionnaires},
			"would replace the input " + in("q", "questionnaire-AT-dir-2011-93.xlsx"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.link && runtime.GOOS == "windows" {
				t.Skip("symbolic links")
			}
			before := snapshot(t, dir)
			code, out, errOut := runCLI(t, tc.args...)
			assert.Equal(t, ExitUsage, code, errOut)
			assert.Contains(t, errOut, tc.want)
			assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line, and the survey was not read: %s", errOut)
			assert.NotContains(t, errOut, "unknown-item")
			assert.Empty(t, out)
			assert.Equal(t, before, snapshot(t, dir), "nothing changed")
		})
	}
}

// TestOutputChecksBeforeWork: an output that cannot be written is found before
// the survey is read, not after the analysis.
func TestOutputChecksBeforeWork(t *testing.T) {
	dir := t.TempDir()
	survey := writeFile(t, dir, "survey.csv", badSurvey)
	file := writeFile(t, dir, "file.txt", "x")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"-o in a missing folder", []string{"run", "-o", filepath.Join(dir, "nope", "r.xlsx"), survey}, "the folder " + filepath.Join(dir, "nope") + " does not exist"},
		{"--json in a missing folder", []string{"run", "--json", filepath.Join(dir, "nope", "r.json"), survey}, "does not exist"},
		{"--markdown is a folder", []string{"run", "--markdown", dir, survey}, "is a folder"},
		{"--csv is a file", []string{"run", "--csv", file, survey}, "--csv " + file + ": is a file, not a folder"},
		{"--plots below a file", []string{"run", "--plots", filepath.Join(file, "plots"), survey}, "is a file, not a folder"},
		{"two outputs, one file", []string{"run", "-o", filepath.Join(dir, "r"), "--json", filepath.Join(dir, "r"), survey}, "give each output its own name"},
		{"a file output in the CSV folder", []string{"run", "--json", filepath.Join(dir, "out", "gaps.csv"), "--csv", filepath.Join(dir, "out"), survey}, "give each output its own name"},
		{"demo -o in a missing folder", []string{"demo", "-o", filepath.Join(dir, "nope", "demo.xlsx")}, "does not exist"},
		{"checklist -o in a missing folder", []string{"checklist", "-o", filepath.Join(dir, "nope", "c.yaml")}, "does not exist"},
		{"template -o is a file", []string{"template", "-o", file}, "is a file, not a folder"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			assert.Equal(t, ExitUsage, code, errOut)
			assert.Contains(t, errOut, tc.want)
			assert.NotContains(t, errOut, "unknown-item", "the survey was not read")
			assert.Empty(t, out)
		})
	}

	t.Run("a folder that cannot be written in", func(t *testing.T) {
		if runtime.GOOS == "windows" || os.Geteuid() == 0 {
			t.Skip("needs a folder the test cannot write in (not as root)")
		}
		ro := filepath.Join(dir, "ro")
		require.NoError(t, os.Mkdir(ro, 0o555))
		t.Cleanup(func() { _ = os.Chmod(ro, 0o755) })
		code, _, errOut := runCLI(t, "run", "--json", filepath.Join(ro, "r.json"), survey)
		assert.Equal(t, ExitUsage, code)
		assert.Contains(t, errOut, "cannot write in the folder "+ro)
	})

	t.Run("a read-only output", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("permission bits")
		}
		ro := writeFile(t, dir, "ro.json", "{}")
		require.NoError(t, os.Chmod(ro, 0o444))
		code, _, errOut := runCLI(t, "run", "--json", ro, survey)
		assert.Equal(t, ExitUsage, code)
		assert.Contains(t, errOut, "--json "+ro+": is read-only; it is not replaced")
		csvDir := filepath.Join(dir, "rocsv")
		require.NoError(t, os.Mkdir(csvDir, 0o755))
		require.NoError(t, os.Chmod(writeFile(t, csvDir, "gaps.csv", ""), 0o444))
		code, _, errOut = runCLI(t, "run", "--csv", csvDir, survey)
		assert.Equal(t, ExitUsage, code)
		assert.Contains(t, errOut, "its gaps.csv is read-only")
	})

	t.Run("output folders are created", func(t *testing.T) {
		good := writeFile(t, dir, "good.csv", goodCSV)
		csvDir := filepath.Join(dir, "new", "csv")
		code, _, errOut := runCLI(t, "run", "--samples", "0", "--csv", csvDir, good)
		require.Equal(t, ExitOK, code, errOut)
		assert.FileExists(t, filepath.Join(csvDir, "countries.csv"))
		// A file may be asked for in an output folder that does not exist yet.
		out := filepath.Join(dir, "new2")
		code, _, errOut = runCLI(t, "run", "--samples", "0", "--csv", out, "-o", filepath.Join(out, "r.xlsx"), good)
		require.Equal(t, ExitOK, code, errOut)
		assert.FileExists(t, filepath.Join(out, "r.xlsx"))
		assertNoTemporaries(t, dir)
	})
}

// TestOneFailingOutput: an output that fails while it is written does not stop
// the others; the failure is one line on stderr, the diagnostics are printed,
// the exit code is 1, and the earlier files of the failed output stay as they
// were.
func TestOneFailingOutput(t *testing.T) {
	dir := t.TempDir()
	dup := writeFile(t, dir, "dup.csv", "country;item;status\nAT;D-3.4;yes\nAT;D-3.4;yes\nBE;D-3.4;no\n")
	csvDir := filepath.Join(dir, "csv")
	code, _, errOut := runCLI(t, "run", "--samples", "0", "--csv", csvDir, dup)
	require.Equal(t, ExitOK, code, errOut)
	// A folder where gaps.csv was: the CSV set cannot be written.
	require.NoError(t, os.Remove(filepath.Join(csvDir, "gaps.csv")))
	require.NoError(t, os.Mkdir(filepath.Join(csvDir, "gaps.csv"), 0o755))
	before := snapshot(t, csvDir)

	xlsx, js, md := filepath.Join(dir, "r.xlsx"), filepath.Join(dir, "r.json"), filepath.Join(dir, "r.md")
	code, out, errOut := runCLI(t, "run", "--samples", "0", "--csv", csvDir, "-o", xlsx, "--json", js, "--markdown", md, dup)
	assert.Equal(t, ExitData, code, errOut)
	assert.Contains(t, out, "Top 5 priority measures")
	for _, p := range []string{xlsx, js, md} {
		assert.FileExists(t, p)
		assert.Contains(t, errOut, "wrote "+p)
	}
	assert.Equal(t, 1, strings.Count(errOut, "not written"), errOut)
	assert.Contains(t, errOut, "gapstudy: CSV files in "+csvDir+" not written: ")
	assert.Contains(t, errOut, "is a folder")
	assert.Contains(t, errOut, "warning duplicate", "the diagnostics are printed")
	assert.Equal(t, before, snapshot(t, csvDir))
	assertNoTemporaries(t, dir)
}

// TestNoUsableResponse: a survey with nothing to rank is a data error, and
// writes no output.
func TestNoUsableResponse(t *testing.T) {
	cases := []struct {
		name, survey string
		want         []string
	}{
		{"header only", "country,item,status\n", []string{"no usable response: no answer was read"}},
		{"header only, CR line ends", "country,item,status\r", []string{"no usable response"}},
		{"every row rejected", "country,item,status\nAT,D-3.44,yes\nXX,D-3.4,no\n", []string{"error unknown-item", "error unknown-country", "no usable response"}},
		{"only unknown and na", "country,item,status\nAT,D-3.4,unknown\nBE,D-3.4,na\n", []string{"no usable response: none of the 2 answers read assesses a checklist item"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			survey := writeFile(t, dir, "survey.csv", tc.survey)
			earlier := writeFile(t, dir, "r.json", `{"earlier": true}`)
			code, out, errOut := runCLI(t, "run", "--json", earlier, "-o", filepath.Join(dir, "r.xlsx"), survey)
			assert.Equal(t, ExitData, code, errOut)
			for _, s := range tc.want {
				assert.Contains(t, errOut, s)
			}
			assert.Contains(t, errOut, "nothing was ranked and no output was written")
			assert.NotContains(t, out, "priority measures")
			assert.NoFileExists(t, filepath.Join(dir, "r.xlsx"))
			b, err := os.ReadFile(earlier)
			require.NoError(t, err)
			assert.JSONEq(t, `{"earlier": true}`, string(b))
		})
	}
}

// TestExitCodeByType: exit code 2 comes from the error's type, never from its
// text: an OS error reading "invalid argument" from a run is a data error.
func TestExitCodeByType(t *testing.T) {
	einval := fmt.Errorf("write r.json: %w", &fs.PathError{Op: "write", Path: "r.json", Err: syscall.EINVAL})
	require.Contains(t, einval.Error(), "invalid argument")
	cases := []struct {
		name string
		err  error
		args []string
		want int
	}{
		{"an OS error saying invalid argument", einval, nil, ExitData},
		{"an error saying unknown flag", errors.New("unknown flag in the survey"), nil, ExitData},
		{"a usage error", usagef("--json: bad"), nil, ExitUsage},
		{"a wrapped usage error", fmt.Errorf("config: %w", usagef("bad key")), nil, ExitUsage},
		{"no error", nil, nil, ExitOK},
		{"cobra: unknown flag", nil, []string{"--frobnicate"}, ExitUsage},
		{"cobra: invalid flag value", nil, []string{"--samples", "many"}, ExitUsage},
		{"cobra: no file", nil, []string{}, ExitUsage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got *RunOptions
			newRoot := func(streams IO) *cobra.Command {
				root := NewRootCmd(streams)
				for _, c := range root.Commands() {
					if c.Name() == "run" {
						root.RemoveCommand(c)
					}
				}
				root.AddCommand(newRunCmd(streams, func(_ context.Context, o *RunOptions) error { got = o; return tc.err }))
				markRunErrors(root)
				return root
			}
			args := tc.args
			if args == nil {
				args = []string{"survey.csv"}
			}
			var out, errOut strings.Builder
			code := runWith(context.Background(), append([]string{"run"}, args...), IO{Out: &out, ErrOut: &errOut}, newRoot)
			assert.Equal(t, tc.want, code, errOut.String())
			if tc.args == nil {
				require.NotNil(t, got)
				assert.Equal(t, []string{"survey.csv"}, got.Files)
			}
		})
	}
}

func TestSampleCounts(t *testing.T) {
	maxMC, maxSobol := maxSamples(28)
	// Worked out from the per-sample memory: 4·(28 measures + 32 countries) + 8
	// bytes per Monte Carlo sample.
	assert.Equal(t, (1<<30)/(4*(28+32)+8), maxMC)
	assert.Greater(t, maxSobol, 100_000)
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"1e9 samples", []string{"--samples", "1e9"}, ExitUsage, "--samples: 1000000000 Monte Carlo samples do not fit in the 1024 MiB"},
		{"a billion samples", []string{"--samples", "1000000000"}, ExitUsage, "at most"},
		{"1e99 samples", []string{"--samples", "1e99"}, ExitUsage, "1e99 is far too large"},
		{"1.5 samples", []string{"--samples", "1.5"}, ExitUsage, `"1.5" is not a whole number`},
		{"too many Sobol samples", []string{"--sobol", "1e9"}, ExitUsage, "--sobol: 1000000000 Sobol base samples do not fit"},
		{"2e2 samples", []string{"--samples", "2e2", "--sobol", "0"}, ExitOK, "200 Monte Carlo samples"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"demo", "-o", filepath.Join(t.TempDir(), "d.xlsx")}, tc.args...)...)
			assert.Equal(t, tc.code, code, errOut)
			assert.Contains(t, out+errOut, tc.want)
			assert.NotContains(t, out+errOut, "goroutine", "no crash")
		})
	}
	t.Run("from the config", func(t *testing.T) {
		dir := t.TempDir()
		cfg := writeFile(t, dir, "study.yaml", "uncertainty:\n  samples: 2000000000\n")
		code, _, errOut := runCLI(t, "run", "--config", cfg, writeFile(t, dir, "s.csv", goodCSV))
		assert.Equal(t, ExitUsage, code)
		assert.Contains(t, errOut, "uncertainty.samples ("+cfg+"): 2000000000 Monte Carlo samples do not fit")
		cfg = writeFile(t, dir, "boot.yaml", "uncertainty:\n  bootstrap: 100000000\n")
		code, _, errOut = runCLI(t, "demo", "--config", cfg, "-o", filepath.Join(dir, "d.xlsx"))
		assert.Equal(t, ExitUsage, code)
		assert.Contains(t, errOut, "uncertainty.bootstrap ("+cfg+"): 100000000 bootstrap resamples do not fit")
	})
}

// TestInputOrder: the order the survey files are given in changes nothing,
// conflicts included.
func TestInputOrder(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", "country,item,status,respondent\nAT,D-3.4,yes,Ana\nAT,D-3.5.i,no,Ana\nBE,D-3.4,partly,Bo\n")
	b := writeFile(t, dir, "b.csv", "country,item,status,respondent\nAT,D-3.4,yes,Ana\nAT,D-3.5.i,yes,Ana\nAT,D-3.5.i,partly,Ben\n")
	run := func(files ...string) (string, string, string) {
		js := filepath.Join(t.TempDir(), "r.json")
		code, out, errOut := runCLI(t, append([]string{"run", "--samples", "50", "--sobol", "0", "--json", js}, files...)...)
		require.Equal(t, ExitData, code, errOut)
		body, err := os.ReadFile(js)
		require.NoError(t, err)
		return out, strings.ReplaceAll(errOut, js, "r.json"), string(body)
	}
	outAB, errAB, jsonAB := run(a, b)
	outBA, errBA, jsonBA := run(b, a)
	assert.Contains(t, errAB, "error conflict")
	assert.Equal(t, outAB, outBA)
	assert.Equal(t, errAB, errBA)
	assert.Equal(t, jsonAB, jsonBA)

	code, outAB, _ := runCLI(t, "validate", a, b)
	require.Equal(t, ExitData, code)
	_, outBA, _ = runCLI(t, "validate", b, a)
	assert.Equal(t, outAB, outBA)
}
