package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Sheets and columns of the xlsx form of a checklist (SPEC 3), as
// importers.ReadChecklistXLSX reads them.
var (
	checklistAboutHeaders    = []string{"Field", "Value", "Meaning"}
	checklistItemHeaders     = []string{"pillar_id", "pillar_title", "pillar_weight", "theme_id", "theme_title", "theme_weight", "id", "ref", "title", "question", "obligation", "weight", "type", "eli", "min_max_penalty", "min_max_penalty_above_consent", "penalty_note", "note", "direction", "normalize", "target"}
	checklistCriteriaHeaders = []string{"id", "title", "direction", "description"}
	// checklistMeasureFixed are the Measures columns that are not criteria
	// (compared as lower-case letters and digits).
	checklistMeasureFixed = map[string]bool{"id": true, "measure": true, "measureid": true, "title": true, "addresses": true, "note": true}
)

// WriteChecklistXLSX writes a checklist in its xlsx form, the one
// importers.ReadChecklistXLSX reads back into the same checklist: the sheets
// About (the checklist's id, title, version, note and instrument, one field per
// row, with what each means), Items (one row per item, with its pillar and
// theme), Measures (one row per measure: id, title, the items it addresses
// separated by commas, one column per criterion, note) and Criteria. Numbers are
// written as numbers, everything else as text; a zero min_max_penalty or target
// is an empty cell. Every sheet has a frozen header and a filter. The output is
// deterministic.
//
// It returns an error when cl is nil, when a criterion ID would be read back as
// one of the fixed Measures columns (id, title, addresses, note), and any error
// of w.
func WriteChecklistXLSX(w io.Writer, cl *gapanalysis.Checklist) error {
	if cl == nil {
		return errNoChecklist
	}
	for _, c := range cl.Criteria {
		if checklistMeasureFixed[letterKey(string(c.ID))] {
			return fmt.Errorf("report: criterion %q has the name of a fixed column of the Measures sheet; rename it", c.ID)
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sheets := []struct {
		name  string
		write func(*sheetWriter, *gapanalysis.Checklist)
	}{
		{"About", writeChecklistAbout},
		{"Items", writeChecklistItems},
		{"Measures", writeChecklistMeasures},
		{"Criteria", writeChecklistCriteria},
	}
	for i, sh := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", sh.name)
		} else {
			_, err = f.NewSheet(sh.name)
		}
		if err != nil {
			return fmt.Errorf("report: sheet %s: %w", sh.name, err)
		}
		s := &sheetWriter{f: f, st: st, name: sh.name, widths: map[int]float64{}}
		sh.write(s, cl)
		if err := s.finish(); err != nil {
			return fmt.Errorf("report: sheet %s: %w", sh.name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          cl.Title,
		Subject:        "Checklist " + cl.ID + " " + cl.Version,
		Description:    "Gapstudy checklist; read it back with --checklist",
		Creator:        "gapstudy",
		LastModifiedBy: "gapstudy",
		Created:        fixedDate,
		Modified:       fixedDate,
		Language:       "en",
		Revision:       "1",
	}); err != nil {
		return fmt.Errorf("report: document properties: %w", err)
	}
	return saveCanonical(w, f, "checklist workbook")
}

// letterKey is s in lower case with only its letters and digits.
func letterKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func writeChecklistAbout(s *sheetWriter, cl *gapanalysis.Checklist) {
	s.header(1, checklistAboutHeaders...)
	codes := make([]string, len(cl.Instrument.NotBound))
	for i, c := range cl.Instrument.NotBound {
		codes[i] = string(c)
	}
	fields := []struct{ name, value, meaning string }{
		{"id", cl.ID, "identifier of the checklist (required)"},
		{"title", cl.Title, "title of the checklist"},
		{"version", cl.Version, "version, written into every result"},
		{"note", cl.Note, "free note on the checklist"},
		{"instrument.title", cl.Instrument.Title, "the legal act the mandatory and optional items come from"},
		{"instrument.eli", cl.Instrument.ELI, "its European Legislation Identifier"},
		{"instrument.not_bound", strings.Join(codes, ", "), "countries (EU codes, separated by commas) the act does not bind"},
	}
	for i, fd := range fields {
		row := i + 2
		s.text(1, row, fd.name, s.st.label)
		if fd.name == "instrument.eli" {
			s.link(2, row, fd.value)
		} else {
			s.text(2, row, fd.value, s.st.text)
		}
		s.text(3, row, fd.meaning, s.st.text)
	}
	s.table(len(checklistAboutHeaders), 1)
}

func writeChecklistItems(s *sheetWriter, cl *gapanalysis.Checklist) {
	s.header(1, checklistItemHeaders...)
	row := 1
	for _, p := range cl.Pillars {
		for _, t := range p.Themes {
			for _, it := range t.Items {
				row++
				s.text(1, row, string(p.ID), s.st.text)
				s.text(2, row, p.Title, s.st.text)
				s.number(3, row, p.Weight, s.st.general)
				s.text(4, row, string(t.ID), s.st.text)
				s.text(5, row, t.Title, s.st.text)
				s.number(6, row, t.Weight, s.st.general)
				s.text(7, row, string(it.ID), s.st.text)
				s.text(8, row, it.Ref, s.st.text)
				s.text(9, row, it.Title, s.st.text)
				s.text(10, row, it.Question, s.st.text)
				s.text(11, row, string(it.Obligation), s.st.text)
				s.number(12, row, it.Weight, s.st.general)
				s.text(13, row, string(it.Type), s.st.text)
				s.link(14, row, it.ELI)
				if it.MinMaxPenalty != 0 {
					s.number(15, row, it.MinMaxPenalty, s.st.general)
				}
				if it.MinMaxPenaltyAboveConsent != 0 {
					s.number(16, row, it.MinMaxPenaltyAboveConsent, s.st.general)
				}
				s.text(17, row, it.PenaltyNote, s.st.text)
				s.text(18, row, it.Note, s.st.text)
				s.text(19, row, string(it.Direction), s.st.text)
				s.text(20, row, string(it.Normalize), s.st.text)
				if it.Target != 0 {
					s.number(21, row, it.Target, s.st.general)
				}
			}
		}
	}
	s.table(len(checklistItemHeaders), 0)
}

func writeChecklistMeasures(s *sheetWriter, cl *gapanalysis.Checklist) {
	headers := []string{"id", "title", "addresses"}
	for _, c := range cl.Criteria {
		headers = append(headers, string(c.ID))
	}
	headers = append(headers, "note")
	s.header(1, headers...)
	for i, m := range cl.Measures {
		row := i + 2
		ids := make([]string, len(m.Addresses))
		for j, a := range m.Addresses {
			ids[j] = string(a)
		}
		s.text(1, row, string(m.ID), s.st.text)
		s.text(2, row, m.Title, s.st.text)
		s.text(3, row, strings.Join(ids, ", "), s.st.text)
		for j, c := range cl.Criteria {
			if v, ok := m.Criteria[c.ID]; ok {
				s.number(4+j, row, v, s.st.general)
			}
		}
		s.text(4+len(cl.Criteria), row, m.Note, s.st.text)
	}
	s.table(len(headers), 1)
}

func writeChecklistCriteria(s *sheetWriter, cl *gapanalysis.Checklist) {
	s.header(1, checklistCriteriaHeaders...)
	for i, c := range cl.Criteria {
		row := i + 2
		s.text(1, row, string(c.ID), s.st.text)
		s.text(2, row, c.Title, s.st.text)
		s.text(3, row, string(c.Direction), s.st.text)
		s.text(4, row, c.Description, s.st.text)
	}
	s.table(len(checklistCriteriaHeaders), 1)
}
