package report_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/report"
)

// TestRenderWorkbook prints a small synthetic workbook to PDF with LibreOffice
// through scripts/render-workbook.sh (docs/printing.md) and checks that every
// sheet prints on A4 landscape pages, each found by its footer. It needs
// LibreOffice and poppler-utils, which CI does not install: without them it is
// skipped with a message.
func TestRenderWorkbook(t *testing.T) {
	for _, tool := range []string{"soffice", "pdfinfo", "pdftoppm", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed: apt-get install libreoffice-calc-nogui fonts-crosextra-carlito fonts-liberation2 poppler-utils to run the LibreOffice render check", tool)
		}
	}
	requireOpenpyxl(t)
	if testing.Short() {
		t.Skip("LibreOffice takes a while; not run with -short")
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "sample-synthetic.xlsx")
	out, err := os.Create(book)
	require.NoError(t, err)
	require.NoError(t, report.WriteWorkbook(out, syntheticResult(), nil))
	require.NoError(t, out.Close())

	script, err := filepath.Abs(filepath.Join("..", "scripts", "render-workbook.sh"))
	require.NoError(t, err)
	outDir := filepath.Join(dir, "render")
	got, err := exec.Command(script, book, outDir).CombinedOutput()
	require.NoError(t, err, string(got))
	t.Logf("%s", got)

	pdf := filepath.Join(outDir, "sample-synthetic.pdf")
	info, err := exec.Command("pdfinfo", pdf).Output()
	require.NoError(t, err)
	pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	require.NotNil(t, pages, string(info))
	n, err := strconv.Atoi(string(pages[1]))
	require.NoError(t, err)
	assert.Contains(t, string(info), "841.", "A4")
	// One or a few pages per sheet of the small sample.
	lines := strings.Split(strings.TrimSpace(string(got)), "\n")
	sheets := 0
	for _, l := range lines[1:] {
		if strings.Contains(l, ": page ") {
			sheets++
		}
		assert.NotContains(t, l, "no page found")
	}
	assert.GreaterOrEqual(t, sheets, 8, "every sheet found in the PDF")
	assert.GreaterOrEqual(t, n, sheets)
	assert.LessOrEqual(t, n, 4*sheets)
	png, err := filepath.Glob(filepath.Join(outDir, "*.png"))
	require.NoError(t, err)
	assert.Len(t, png, sheets, "a page per sheet as PNG")
}
