package report_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites the file under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./report -update")
	if d := lineDiff(string(want), string(got), 10); d != "" {
		t.Fatalf("output differs from %s (run go test ./report -update after checking the change):\n%s", path, d)
	}
}

// lineDiff returns up to max differing lines of want and got, "" when equal.
func lineDiff(want, got string, max int) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, wl, gl)
		if n++; n == max {
			b.WriteString("  …\n")
			break
		}
	}
	if len(w) != len(g) {
		fmt.Fprintf(&b, "want %d lines, got %d\n", len(w), len(g))
	}
	return b.String()
}

// dumpWorkbook returns a canonical text dump of an xlsx workbook: per sheet a
// header line with the dimension, frozen panes, autofilter range and column
// widths, then one line per non-empty cell, "Sheet!A1<TAB>value", the raw value,
// followed by "<TAB>[n]" for numbers, "<TAB>[b]" for booleans and
// "<TAB>[formula]" for formulas (which the writers never use). Line breaks in
// values are shown as \n.
func dumpWorkbook(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()

	filters := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = dn.RefersTo
		}
	}
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		dim, err := f.GetSheetDimension(sheet)
		require.NoError(t, err)
		panes, err := f.GetPanes(sheet)
		require.NoError(t, err)
		frozen := "none"
		if panes.Freeze {
			frozen = fmt.Sprintf("x=%d y=%d top-left=%s", panes.XSplit, panes.YSplit, panes.TopLeftCell)
		}
		fmt.Fprintf(&b, "## %s dimension=%s frozen=[%s] autofilter=%s\n", sheet, dim, frozen, filters[sheet])

		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		var widths []string
		for col := 1; col <= width; col++ {
			name, _ := excelize.ColumnNumberToName(col)
			w, err := f.GetColWidth(sheet, name)
			require.NoError(t, err)
			widths = append(widths, fmt.Sprintf("%s=%g", name, w))
		}
		fmt.Fprintf(&b, "## widths %s\n", strings.Join(widths, " "))

		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, err := f.GetCellType(sheet, cell)
				require.NoError(t, err)
				suffix := ""
				switch typ {
				case excelize.CellTypeNumber, excelize.CellTypeUnset:
					suffix = "\t[n]"
				case excelize.CellTypeBool:
					suffix = "\t[b]"
				}
				if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
					suffix = "\t[formula]"
				}
				fmt.Fprintf(&b, "%s!%s\t%s%s\n", sheet, cell, strings.ReplaceAll(v, "\n", `\n`), suffix)
			}
		}
	}
	return b.String()
}
