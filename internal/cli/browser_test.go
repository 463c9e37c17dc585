package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// browserPaths are where Debian's chromium-headless-shell package puts the
// browser (.ci/run installs it); GAPSTUDY_BROWSER names another one.
var browserPaths = []string{"/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell"}

// findBrowser returns the headless browser to test with. Without one the test is
// skipped with a message, except in CI (the CI environment variable set), where
// it fails.
func findBrowser(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("GAPSTUDY_BROWSER"); p != "" {
		return p
	}
	for _, p := range browserPaths {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	msg := "no headless browser: install Debian's chromium-headless-shell (apt-get install chromium-headless-shell) or set GAPSTUDY_BROWSER to run the browser test"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// pageLoad is what the browser reported while loading one page.
type pageLoad struct {
	dom      string   // the DOM after loading (--dump-dom)
	console  []string // console messages, including uncaught exceptions
	requests []string // URLs requested over the network (nothing should be)
	pages    int      // pages of the PDF it printed
	sizes    []string // distinct MediaBox sizes of those pages, "595x842"
}

var (
	consoleLine = regexp.MustCompile(`:CONSOLE[:(\d)\]]+ ?"?(.*)`)
	netURL      = regexp.MustCompile(`"url":"([^"]*)"`)
	pdfPage     = regexp.MustCompile(`/Type\s*/Page[^s]`)
	mediaBox    = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)
)

// loadPage loads the file headless twice, with every host name mapped to
// nowhere so that any request outside the file fails and is logged: once to
// dump the DOM, once to print it to PDF. It returns the console messages, the
// URLs requested over the network (from the browser's network log), the DOM, and
// the PDF's page count and page sizes.
func loadPage(t *testing.T, browser, file, work string) pageLoad {
	t.Helper()
	base := strings.TrimSuffix(filepath.Base(file), ".html")
	var got pageLoad
	run := func(action, netlog string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		args := []string{
			"--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
			"--enable-logging=stderr", "--v=0",
			`--host-resolver-rules=MAP * ~NOTFOUND`,
			"--user-data-dir=" + filepath.Join(work, "profile"),
			"--log-net-log=" + netlog,
			action, "file://" + file,
		}
		cmd := exec.CommandContext(ctx, browser, args...)
		cmd.Env = append(os.Environ(), "HOME="+work)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), "%s %s: %s", browser, action, stderr.String())
		for _, line := range strings.Split(stderr.String(), "\n") {
			if m := consoleLine.FindStringSubmatch(line); m != nil {
				got.console = append(got.console, m[1])
			}
			if strings.Contains(line, "net::ERR_") {
				got.console = append(got.console, line)
			}
		}
		log, err := os.ReadFile(netlog)
		require.NoError(t, err, "the network log")
		for _, m := range netURL.FindAllStringSubmatch(string(log), -1) {
			got.requests = append(got.requests, m[1])
		}
		return stdout.String()
	}
	got.dom = run("--dump-dom", filepath.Join(work, base+"-dom.netlog.json"))
	pdf := filepath.Join(work, base+".pdf")
	run("--print-to-pdf="+pdf+"", filepath.Join(work, base+"-pdf.netlog.json"))
	b, err := os.ReadFile(pdf)
	require.NoError(t, err, "the browser printed no PDF")
	require.True(t, bytes.HasPrefix(b, []byte("%PDF-")), "%s is not a PDF", pdf)
	got.pages = len(pdfPage.FindAll(b, -1))
	seen := map[string]bool{}
	for _, m := range mediaBox.FindAllSubmatch(b, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		seen[strconv.Itoa(int(w+0.5))+"x"+strconv.Itoa(int(h+0.5))] = true
	}
	for s := range seen {
		got.sizes = append(got.sizes, s)
	}
	sort.Strings(got.sizes)
	return got
}

// TestReportsInBrowser writes the demo's HTML report and country fiches, loads
// every page in a real headless browser and prints it to PDF (SPEC 15): no
// console message (an uncaught error, a failed load), no request outside the
// file, the synthetic label in the DOM, and A4 pages (portrait or landscape) in
// a sensible number.
func TestReportsInBrowser(t *testing.T) {
	browser := findBrowser(t)
	if testing.Short() {
		t.Skip("the browser test takes about a minute; not run with -short")
	}
	// The report and the fiches are written by demo's --html and --fiches
	// flags; a build without them has nothing to load.
	_, help, _ := runCLI(t, "demo", "--help")
	if !strings.Contains(help, "--html") || !strings.Contains(help, "--fiches") {
		t.Skip("gapstudy demo has no --html or no --fiches flag: nothing to load in the browser")
	}
	dir := t.TempDir()
	html, fiches := filepath.Join(dir, "report.html"), filepath.Join(dir, "fiches")
	code, _, errOut := runCLI(t, "demo", "-o", filepath.Join(dir, "study.xlsx"), "--samples", "200",
		"--html", html, "--fiches", fiches)
	require.Equal(t, ExitOK, code, errOut)

	entries, err := os.ReadDir(fiches)
	require.NoError(t, err)
	files := []string{html}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".html") {
			files = append(files, filepath.Join(fiches, e.Name()))
		}
	}
	require.Contains(t, files, filepath.Join(fiches, "index.html"))
	require.Len(t, files, 1+1+27, "the report, the index and one fiche per EU-27 country")

	work := t.TempDir()
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			got := loadPage(t, browser, file, work)
			assert.Empty(t, got.console, "console messages (errors, failed loads)")
			assert.Empty(t, got.requests, "requests outside the file")
			assert.Contains(t, got.dom, "SYNTHETIC", "the synthetic label")
			require.NotEmpty(t, got.sizes)
			for _, size := range got.sizes {
				assert.Contains(t, []string{"595x842", "842x595"}, size, "A4 pages, portrait or landscape")
			}
			// A country's fiche or the index takes a few pages, not dozens; the
			// report holds every table of the study (27 countries × 70 items).
			maxPages := 60
			if file == html {
				maxPages = 300
			}
			assert.GreaterOrEqual(t, got.pages, 1)
			assert.LessOrEqual(t, got.pages, maxPages)
			t.Logf("%s: %d pages", name, got.pages)
		})
	}
}

// TestLoadPageCatchesErrors checks the browser check itself on a page with an
// uncaught error and a request to another site: both must be seen.
func TestLoadPageCatchesErrors(t *testing.T) {
	browser := findBrowser(t)
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.html", `<!doctype html><html><head><title>bad</title></head><body>
<p>SYNTHETIC</p><img src="https://example.org/logo.png" alt="">
<script>notDefined();</script></body></html>`)
	got := loadPage(t, browser, bad, t.TempDir())
	require.NotEmpty(t, got.console)
	assert.Contains(t, strings.Join(got.console, "\n"), "Uncaught ReferenceError")
	assert.Contains(t, got.requests, "https://example.org/logo.png")
	assert.GreaterOrEqual(t, got.pages, 1)
}
