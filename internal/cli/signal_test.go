package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// largeSurvey writes a SYNTHETIC survey in the long layout: every EU country
// answers every item of the built-in checklist once per respondent, with
// evidence text, so that the outputs take a while to write.
func largeSurvey(t *testing.T, dir string, respondents int) string {
	t.Helper()
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	p := filepath.Join(dir, "large_synthetic.csv")
	f, err := os.Create(p)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "country,item,status,value,respondent,evidence")
	statuses := []string{"full", "partial", "none", "unknown"}
	n := 0
	for r := range respondents {
		for _, c := range gapanalysis.EU27() {
			for _, it := range cl.Items() {
				n++
				status, value := statuses[n%len(statuses)], ""
				if it.Type == gapanalysis.NumericItem {
					status, value = "", fmt.Sprint(n%17)
				}
				fmt.Fprintf(w, "%s,%s,%s,%s,R%d,synthetic evidence %d for the test\n", c, it.ID, status, value, r, n)
			}
		}
	}
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())
	return p
}

// outputArgs are the output flags of the interruption tests, all under dir.
func outputArgs(dir string) []string {
	return []string{"-o", filepath.Join(dir, "r.xlsx"), "--json", filepath.Join(dir, "r.json"),
		"--markdown", filepath.Join(dir, "r.md"), "--csv", filepath.Join(dir, "csv")}
}

// checkInterrupted checks the outputs in dir after a run that ended with code:
// interrupted, they are the earlier ones byte for byte; completed, they are
// whole; either way no temporary file is left.
func checkInterrupted(t *testing.T, dir string, earlier map[string]string, code int) {
	t.Helper()
	assertNoTemporaries(t, dir)
	now := snapshot(t, dir)
	delete(now, "large_synthetic.csv")
	switch code {
	case ExitSignal:
		assert.Equal(t, earlier, now, "the earlier outputs are as they were")
	case ExitData, ExitOK:
		var doc map[string]any
		assert.NoError(t, json.Unmarshal([]byte(now["r.json"]), &doc), "a whole JSON file")
		f, err := excelize.OpenReader(strings.NewReader(now["r.xlsx"]))
		if assert.NoError(t, err, "a whole workbook") {
			f.Close()
		}
	default:
		t.Errorf("exit code %d", code)
	}
}

// TestInterruptedRunKeepsEarlierOutputs cancels the context of an in-process
// run (what a signal does) at many moments; whenever the run ends with exit
// code 130 the earlier outputs are byte-identical, and no temporary file is
// ever left.
func TestInterruptedRunKeepsEarlierOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a large study many times")
	}
	dir := t.TempDir()
	survey := largeSurvey(t, dir, 3)
	args := append(append([]string{"run", "--samples", "200", "--sobol", "64"}, outputArgs(dir)...), survey)
	code, _, errOut := runCLI(t, args...)
	require.Contains(t, []int{ExitOK, ExitData}, code, errOut)
	earlier := snapshot(t, dir)
	delete(earlier, "large_synthetic.csv")

	start := time.Now()
	code, _, _ = runCLI(t, args...)
	full := time.Since(start)
	require.NotEqual(t, ExitSignal, code)
	t.Logf("a whole run: %v", full)
	checkInterrupted(t, dir, earlier, code)
	earlier = snapshot(t, dir)
	delete(earlier, "large_synthetic.csv")

	baseline := runtime.NumGoroutine()
	seen := map[int]bool{}
	// Cancel at 0, 1/8, 2/8 … of the time a whole run took, until a run ends
	// before the cancellation (runs are slower when the machine is busy).
	for i := 0; i < 40 && !(i >= 12 && (seen[ExitOK] || seen[ExitData])); i++ {
		delay := full * time.Duration(i) / 8
		ctx, cancel := context.WithCancel(context.Background())
		timer := time.AfterFunc(delay, cancel)
		var out, errOut bytes.Buffer
		start := time.Now()
		code := RunContext(ctx, args, IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
		took := time.Since(start)
		timer.Stop()
		cancel()
		seen[code] = true
		t.Logf("cancelled after %v: exit %d in %v", delay.Round(time.Millisecond), code, took.Round(time.Millisecond))
		checkInterrupted(t, dir, earlier, code)
		if code == ExitSignal {
			assert.Less(t, took-delay, 2*time.Second, "stops promptly")
			assert.Contains(t, errOut.String(), "interrupted")
			// The abandoned run goes on computing in this process (a real
			// process exits): let it end before the next run is timed.
			for deadline := time.Now().Add(30 * time.Second); runtime.NumGoroutine() > baseline && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
			}
			checkInterrupted(t, dir, earlier, code)
		} else {
			earlier = snapshot(t, dir)
			delete(earlier, "large_synthetic.csv")
		}
	}
	assert.True(t, seen[ExitSignal], "some runs were interrupted")
	assert.True(t, seen[ExitOK] || seen[ExitData], "some runs ended before the cancellation")
}

// buildGapstudy builds the command into a temporary folder.
func buildGapstudy(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "gapstudy")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", exe, "github.com/gapstudy/gapstudy/cmd/gapstudy")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return exe
}

// TestSignalKeepsEarlierOutputs sends SIGINT or SIGTERM to the gapstudy
// command while it writes the outputs of a large study: the signal is sent as
// soon as the first temporary file appears. The run exits 130, the earlier
// outputs are byte-identical and no temporary file is left.
func TestSignalKeepsEarlierOutputs(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("builds the command and runs a large study; needs Unix signals")
	}
	exe := buildGapstudy(t)
	dir := t.TempDir()
	survey := largeSurvey(t, dir, 8)
	args := append(append([]string{"run", "--samples", "0"}, outputArgs(dir)...), survey)
	out, err := exec.Command(exe, args...).CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == ExitData) {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	earlier := snapshot(t, dir)
	delete(earlier, "large_synthetic.csv")

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(exe, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			sent := false
			var err error
		poll:
			for {
				select {
				case err = <-exited:
					break poll
				default:
				}
				if !sent && hasTemporary(dir) {
					require.NoError(t, cmd.Process.Signal(sig))
					sent = true
				}
				time.Sleep(time.Millisecond)
			}
			code := cmd.ProcessState.ExitCode()
			require.True(t, sent, "no temporary file seen: %v %s", err, stderr.String())
			assert.Equal(t, ExitSignal, code, stderr.String())
			checkInterrupted(t, dir, earlier, code)
			assert.Contains(t, stderr.String(), "gapstudy: interrupted; no output was replaced")
		})
	}
}

// hasTemporary reports whether a temporary file of the writers is in dir or
// its csv folder.
func hasTemporary(dir string) bool {
	for _, d := range []string{dir, filepath.Join(dir, "csv")} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), report.TempPrefix) && !strings.Contains(e.Name(), "probe") {
				return true
			}
		}
	}
	return false
}

// TestConcurrentRunsOnOneTarget: two runs writing the same outputs at the same
// time leave whole files, each from one of the runs, and no temporary file.
// (Which run's file wins may differ from file to file.)
func TestConcurrentRunsOnOneTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a large study several times")
	}
	dir := t.TempDir()
	survey := largeSurvey(t, dir, 2)
	other := writeFile(t, dir, "other.csv", goodCSV)
	for range 3 {
		var wg sync.WaitGroup
		for _, s := range []string{survey, other} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, _, errOut := runCLI(t, append(append([]string{"run", "--samples", "0"}, outputArgs(dir)...), s)...)
				assert.Contains(t, []int{ExitOK, ExitData}, code, errOut)
			}()
		}
		wg.Wait()
		checkInterrupted(t, dir, nil, ExitOK)
	}
}
