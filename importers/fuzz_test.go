package importers

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// seedFiles returns the fixtures of testdata/import and its subfolders (such
// as layouts/) whose names end in one of the extensions.
func seedFiles(f *testing.F, exts ...string) [][]byte {
	f.Helper()
	var out [][]byte
	err := filepath.WalkDir(filepath.Join("..", "testdata", "import"), func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		for _, ext := range exts {
			if strings.HasSuffix(e.Name(), ext) {
				b, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				out = append(out, b)
			}
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	return out
}

// checkDataset fails when an import broke its promises: accounting out of
// balance, a response without a known country or item, or a diagnostic without
// a file.
func checkDataset(t *testing.T, ds *gapanalysis.Dataset, err error, cl *gapanalysis.Checklist) {
	t.Helper()
	if err != nil {
		t.Fatalf("reading from memory returned an error: %v", err)
	}
	for _, a := range ds.Accounts {
		if !a.Balanced() || a.RowsUsed < 0 || a.RowsReported < 0 || a.BlankRows < 0 {
			t.Fatalf("unbalanced account %+v", a)
		}
	}
	for _, r := range ds.Responses.All() {
		if _, ok := gapanalysis.CountryByCode(r.Country); !ok {
			t.Fatalf("response with unknown country %q", r.Country)
		}
		if cl.Item(r.Item) == nil {
			t.Fatalf("response with unknown item %q", r.Item)
		}
		if r.Source.Cell == "" || r.Source.File == "" {
			t.Fatalf("response without a source: %+v", r)
		}
	}
	for _, d := range ds.Diagnostics {
		if d.File == "" || d.Message == "" || d.Unwrap() == nil {
			t.Fatalf("incomplete diagnostic %#v", d)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, b := range seedFiles(f, ".csv") {
		f.Add(b)
	}
	for _, s := range []string{
		"Country,Item,Status\nAT,D-3.4,yes\n",
		"Country;Item;Status;Value\r\nDE;N-CASES;;1,5\r\n\r\nXX;D-3.44;maybe;\r\n",
		"\xef\xbb\xbfMember State\tID\tAnswer\nÖsterreich\td-3.4\t✓\n",
		"\xff\xfeC\x00o\x00u\x00n\x00t\x00r\x00y\x00",
		"Country,Item,Status,Comment\nAT,D-3.4,yes,\"open quote\n",
		"Country,Item\nAT,D-3.4\n",
		"Country,Item,Status\rAT,D-3.4,yes\r\rBE,D-3.4,\"no\r\"\r",
		"Country,Item,Status,Comment\nAT,D-3.4,\"yes\"x,\"a\nBE,D-3.4,no,\"b\"\"\n",
		"Title\n\nID;Ref;AT;Germny;XX\nOffences;;;;\nD-3.4;x;ja;no;\nD-3.44;;yes;;\n;;no\nN-CASES;;12,5;;\n",
		"Timestamp,Country,Respondent,D-3.4 Engaging,D-3.4 comment,D-3.55,N-CASES\n1,AT,,yes,c,no,many\n2,XX,Bob,,,,\n",
		"",
	} {
		f.Add([]byte(s))
	}
	cl := testChecklist()
	f.Fuzz(func(t *testing.T, b []byte) {
		opts := &Options{Checklist: cl, MaxRows: 1000}
		ds, err := ReadCSV(bytes.NewReader(b), "fuzz.csv", opts)
		checkDataset(t, ds, err, cl)
	})
}

func FuzzReadXLSX(f *testing.F) {
	for _, b := range seedFiles(f, ".xls") {
		f.Add(b)
	}
	// Every workbook under testdata, and one stored without compression, whose
	// XML the mutations reach directly.
	for _, p := range workbookFixtures(f) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(sheetWorkbook(f, wrapSheet([]byte(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Item</t></is></c>`+
		`<c r="C1" t="inlineStr"><is><t>Status</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>AT</t></is></c>`+
		`<c r="B2" t="inlineStr"><is><t>D-3.4</t></is></c><c r="C2"><f>1</f></c></row>`)), wrapSST([]byte(`<si><t>Country</t></si>`))))
	f.Add([]byte("PK\x03\x04"))
	f.Add(append([]byte{}, oleSignature...))
	cl := testChecklist()
	f.Fuzz(func(t *testing.T, b []byte) {
		opts := &Options{Checklist: cl, MaxRows: 1000, MaxUnpackedSize: 1 << 20}
		ds, err := ReadXLSX(bytes.NewReader(b), "fuzz.xlsx", opts)
		checkDataset(t, ds, err, cl)
	})
}

// FuzzCSVScanner compares the scanner with encoding/csv on the text that
// encoding/csv reads without LazyQuotes (no CR, which it reads differently):
// the same records on the same lines, empty lines aside. On any text, every
// record keeps at most maxCSVColumns fields and the line numbers grow.
func FuzzCSVScanner(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n", "a,\"b\n,\"\"c\"\n\n1", "\"a\"\"\",b", "a,\"b", "\"a\"b,c\nd", "\r\n\r", ",,\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sc := newCSVScanner(strings.NewReader(text), ',')
		var got [][]string
		var lines []int
		last, faults := 0, 0
		for sc.Next() {
			faults += len(sc.faults)
			if sc.recLine <= last {
				t.Fatalf("record on line %d after one on line %d", sc.recLine, last)
			}
			last = sc.recLine
			if len(sc.rec) > maxCSVColumns {
				t.Fatalf("%d fields kept", len(sc.rec))
			}
			if len(sc.rec) == 1 && sc.rec[0] == "" {
				continue // an empty line, which encoding/csv skips
			}
			got = append(got, append([]string(nil), sc.rec...))
			lines = append(lines, sc.recLine)
		}
		if strings.ContainsRune(text, '\r') {
			return
		}
		cr := csv.NewReader(strings.NewReader(text))
		cr.FieldsPerRecord = -1
		var want [][]string
		var wantLines []int
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return // not strictly valid CSV: compared above only
			}
			if len(rec) == 1 && rec[0] == "" {
				continue // `""` alone on a line, compared as an empty line
			}
			line, _ := cr.FieldPos(0)
			want = append(want, rec)
			wantLines = append(wantLines, line)
		}
		if faults > 0 {
			t.Fatalf("%d quoting faults in text that encoding/csv reads", faults)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(lines, wantLines) {
			t.Fatalf("records %q on lines %v, encoding/csv %q on lines %v", got, lines, want, wantLines)
		}
	})
}
