package report

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Names and marks of the questionnaire workbook that WriteTemplate writes and
// the importers read back (see docs/input-format.md, "Questionnaires").
const (
	// SheetCover is the first sheet of a questionnaire: title, country, the
	// respondent's details, instructions and the "About this file" block.
	SheetCover = "Cover"
	// SheetQuestionnaire holds the items, one row each, grouped under pillar and
	// theme heading rows.
	SheetQuestionnaire = "Questionnaire"
	// QuestionnaireFormat is the value of the "File format" cell of the Cover's
	// "About this file" block; it identifies a workbook as a gapstudy
	// questionnaire. The number is the version of the layout.
	QuestionnaireFormat = "gapstudy questionnaire 1"
)

// Labels of the Cover sheet's fields, in column A; the value is in column B.
// Readers match them ignoring case, spacing and anything in brackets.
const (
	CoverCountryCode      = "Country code"
	CoverCountry          = "Country"
	CoverRespondent       = "Respondent (your name)"
	CoverOrganisation     = "Organisation"
	CoverDate             = "Date"
	CoverFileFormat       = "File format"
	CoverChecklist        = "Checklist"
	CoverChecklistVersion = "Checklist version"
	CoverChecklistSHA     = "Checklist SHA-256"
	CoverMadeFor          = "Made for country"
)

// QuestionnaireHeaders are the column headers of the Questionnaire sheet, in
// order: the item, then the answer cells, then the link to the provision.
// "Value" is written only when the checklist has numeric items.
var QuestionnaireHeaders = []string{"ID", "Ref", "Title", "Question", "Guidance", "Status", "Evidence", "Comment", "Value", "ELI link"}

// Columns of the Questionnaire sheet (1-based). Without numeric items there is
// no Value column, and the ELI link is in the Value column's place.
const (
	qcID = iota + 1
	qcRef
	qcTitle
	qcQuestion
	qcGuidance
	qcStatus
	qcEvidence
	qcComment
	qcValue
)

// qWidths are the column widths of the Questionnaire sheet, in characters, by
// column; the last one is the ELI link's.
var qWidths = [...]float64{qcID: 12, qcRef: 14, qcTitle: 36, qcQuestion: 60, qcGuidance: 45,
	qcStatus: 12, qcEvidence: 40, qcComment: 40, qcValue: 12}

// eliWidth is the width of the ELI link column: an ELI of an article fits.
const eliWidth = 50

// TemplateOptions configures WriteTemplate. The zero value (and a nil
// *TemplateOptions) gives the defaults.
type TemplateOptions struct {
	// Title is the title on the Cover sheet. "" gives "Questionnaire: <checklist
	// title>".
	Title string
	// ReturnTo says where to send the filled-in file (an e-mail address, a
	// name); "" leaves it out of the instructions.
	ReturnTo string
	// Deadline is the date by which to return the file, as text ("30 June
	// 2026"); "" leaves it out of the instructions.
	Deadline string
	// Tool names the program and version that wrote the file, shown in the
	// "About this file" block. "" gives "gapstudy".
	Tool string
}

var errNilChecklist = errors.New("report: nil checklist")

// WriteTemplate writes the questionnaire workbook for one country to w (SPEC 1,
// step 2): a Cover sheet and a Questionnaire sheet.
//
// The Cover holds the title, the country (code and name), fields for the
// respondent's name, organisation and the date (unlocked cells to fill in), the
// instructions in plain language (what each status means, that evidence cites
// the national provision, that the file goes back as .xlsx) and an "About this
// file" block: the format marker QuestionnaireFormat, the checklist's ID,
// version and SHA-256, and the country the file was made for.
//
// The Questionnaire sheet has one row per checklist item in checklist order,
// under a heading row for each pillar and each theme, with the columns of
// QuestionnaireHeaders: the item's ID, provision, title, question and guidance
// (its note, penalty and obligation in words); the answer cells Status (a
// dropdown of full, partial, none, na and unknown; other spellings are kept
// after a warning), Evidence, Comment and, when the checklist has numeric items,
// Value (unlocked on numeric rows only); and a link to the provision's ELI (the
// act's for a provision without its own; none for a best practice without one).
// Items of an instrument that does not bind the country are prefilled with na,
// say so in their guidance and stay locked, so that the file is complete.
//
// Both sheets are protected without a password, so that the structure stays
// intact; only the answer cells are unlocked. Columns and rows can still be
// resized. The header row and the ID column are frozen. Every font has a family
// and a size, the sheet dimensions are set, and the output is deterministic: the
// same checklist, country and options give the same bytes.
//
// It returns an error when cl is nil or has no items, when country is not a
// known country (gapanalysis.CountryByCode), and any error of w.
func WriteTemplate(w io.Writer, cl *gapanalysis.Checklist, country gapanalysis.CountryCode, opts *TemplateOptions) error {
	if cl == nil {
		return errNilChecklist
	}
	if len(checklistItems(cl)) == 0 {
		return fmt.Errorf("report: checklist %s has no items", cl.ID)
	}
	c, ok := gapanalysis.CountryByCode(country)
	if !ok {
		return fmt.Errorf("report: unknown country code %q", country)
	}
	var o TemplateOptions
	if opts != nil {
		o = *opts
	}
	f := excelize.NewFile()
	defer f.Close()
	t, err := newTemplate(f, cl, c, o)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetCover); err != nil {
		return fmt.Errorf("report: sheet %s: %w", SheetCover, err)
	}
	if _, err := f.NewSheet(SheetQuestionnaire); err != nil {
		return fmt.Errorf("report: sheet %s: %w", SheetQuestionnaire, err)
	}
	if err := t.cover(); err != nil {
		return fmt.Errorf("report: sheet %s: %w", SheetCover, err)
	}
	if err := t.questionnaire(); err != nil {
		return fmt.Errorf("report: sheet %s: %w", SheetQuestionnaire, err)
	}
	f.SetActiveSheet(0)
	if err := t.properties(); err != nil {
		return err
	}
	return saveCanonical(w, f, "questionnaire")
}

// template holds what the questionnaire's sheet functions need.
type template struct {
	f        *excelize.File
	cl       *gapanalysis.Checklist
	country  gapanalysis.Country
	o        TemplateOptions
	items    []*gapanalysis.Item // in checklist order
	numeric  bool                // the checklist has numeric items: write the Value column
	notBound int                 // items that do not bind the country
	st       templateStyles
}

// templateStyles are the cell styles of a questionnaire. "Input" styles are
// unlocked; every other style is locked (the default).
type templateStyles struct {
	title, label, text, wrap, header, pillar, theme, section, link int
	input, inputWrap, inputDate, status, fixed, fixedWrap          int
}

func newTemplate(f *excelize.File, cl *gapanalysis.Checklist, c gapanalysis.Country, o TemplateOptions) (*template, error) {
	t := &template{f: f, cl: cl, country: c, o: o}
	t.items = checklistItems(cl)
	for _, it := range t.items {
		if it.Type == gapanalysis.NumericItem {
			t.numeric = true
		}
		if !cl.Binds(c.Code, it) {
			t.notBound++
		}
	}
	top := &excelize.Alignment{Vertical: "top"}
	topWrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	unlocked := &excelize.Protection{Locked: false}
	box := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	const inputFill = "FFF2CC" // pale yellow: the cells to fill in
	dateFmt := "yyyy-mm-dd"
	defs := []struct {
		id    *int
		style *excelize.Style
	}{
		{&t.st.title, &excelize.Style{Font: font(true, 16, "")}},
		{&t.st.label, &excelize.Style{Font: font(true, fontSize, ""), Alignment: top}},
		{&t.st.text, &excelize.Style{Font: font(false, fontSize, ""), Alignment: top}},
		{&t.st.wrap, &excelize.Style{Font: font(false, fontSize, ""), Alignment: topWrap}},
		{&t.st.header, &excelize.Style{Font: font(true, fontSize, ""), Fill: solid("D9E1F2"),
			Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}, Alignment: topWrap}},
		{&t.st.pillar, &excelize.Style{Font: font(true, 13, "FFFFFF"), Fill: solid("1F3864")}},
		{&t.st.theme, &excelize.Style{Font: font(true, fontSize, "1F3864"), Fill: solid("DDEBF7")}},
		{&t.st.section, &excelize.Style{Font: font(true, 13, "1F3864")}},
		{&t.st.link, &excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: fontSize, Color: "0563C1", Underline: "single"},
			Alignment: top}},
		{&t.st.input, &excelize.Style{Font: font(false, fontSize, ""), Fill: solid(inputFill), Border: box,
			Alignment: top, Protection: unlocked}},
		{&t.st.inputWrap, &excelize.Style{Font: font(false, fontSize, ""), Fill: solid(inputFill), Border: box,
			Alignment: topWrap, Protection: unlocked}},
		{&t.st.inputDate, &excelize.Style{Font: font(false, fontSize, ""), Fill: solid(inputFill), Border: box,
			Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, Protection: unlocked, CustomNumFmt: &dateFmt}},
		{&t.st.status, &excelize.Style{Font: font(false, fontSize, ""), Fill: solid(inputFill), Border: box,
			Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}, Protection: unlocked}},
		{&t.st.fixed, &excelize.Style{Font: font(false, fontSize, "595959"), Fill: solid("D9D9D9"), Border: box,
			Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&t.st.fixedWrap, &excelize.Style{Font: font(false, fontSize, "595959"), Fill: solid("D9D9D9"), Border: box,
			Alignment: topWrap}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.style)
		if err != nil {
			return nil, fmt.Errorf("report: style: %w", err)
		}
		*d.id = id
	}
	return t, nil
}

// checklistItems returns the items of a checklist in order, walking its
// hierarchy rather than its lazily built index, so that templates written
// concurrently from one checklist built in code do not race.
func checklistItems(cl *gapanalysis.Checklist) []*gapanalysis.Item {
	var out []*gapanalysis.Item
	for _, p := range cl.Pillars {
		for _, th := range p.Themes {
			out = append(out, th.Items...)
		}
	}
	return out
}

// countryLabel is "Austria (AT)".
func (t *template) countryLabel() string {
	return fmt.Sprintf("%s (%s)", t.country.Name, t.country.Code)
}

func (t *template) instrument() string {
	return firstNonEmpty(t.cl.Instrument.Title, t.cl.Title, "the instrument")
}

// qsheet writes the cells of one template sheet; the first error sticks.
type qsheet struct {
	f     *excelize.File
	name  string
	width []float64   // column widths in characters, by 1-based column (0: default)
	lines map[int]int // row → lines its tallest wrapped cell needs
	rows  int         // last row written
	cols  int         // last column written
	err   error
}

func newQsheet(f *excelize.File, name string, width []float64) *qsheet {
	return &qsheet{f: f, name: name, width: width, lines: map[int]int{}}
}

func (s *qsheet) cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil && s.err == nil {
		s.err = err
	}
	return name
}

func (s *qsheet) touch(col, row int) {
	s.rows, s.cols = max(s.rows, row), max(s.cols, col)
}

// text writes v as a string cell (never a formula) with a style; an empty v
// writes only the style, so that input cells show as such.
func (s *qsheet) text(col, row int, v string, style int) {
	s.put(col, row, v, style, false)
}

// wrapped writes v as text wrapped in its column, and makes its row tall enough
// to show it all.
func (s *qsheet) wrapped(col, row int, v string, style int) {
	s.put(col, row, v, style, true)
}

func (s *qsheet) put(col, row int, v string, style int, wrap bool) {
	if s.err != nil {
		return
	}
	if wrap && col < len(s.width) && s.width[col] > 0 {
		s.lines[row] = max(s.lines[row], wrapLines(v, s.width[col]))
	}
	c := s.cell(col, row)
	if v != "" && s.err == nil {
		s.err = s.f.SetCellStr(s.name, c, v)
	}
	if s.err == nil {
		s.err = s.f.SetCellStyle(s.name, c, c, style)
	}
	s.touch(col, row)
}

// merge merges the cells of a row from col1 to col2.
func (s *qsheet) merge(row, col1, col2 int) {
	if s.err == nil {
		s.err = s.f.MergeCell(s.name, s.cell(col1, row), s.cell(col2, row))
	}
	s.touch(col2, row)
}

// lineHeight is the height of one line of 11-point text, in points.
const lineHeight = 15

// wrapLines returns how many lines v takes when wrapped at word boundaries in a
// column width characters wide (a width unit is the width of a digit; about 1.2
// characters of running text fit in one, 1.1 are counted). It errs on the side
// of too many: a spreadsheet program that does not fit row heights itself
// (LibreOffice does not, on opening an xlsx file) would otherwise cut the text
// off.
func wrapLines(v string, width float64) int {
	capacity := max(int(width*1.1)-1, 8)
	lines := 0
	for _, para := range strings.Split(v, "\n") {
		lines++
		n := 0
		for _, word := range strings.Fields(para) {
			w := utf8.RuneCountInString(word)
			switch {
			case n == 0:
				n = w
			case n+1+w <= capacity:
				n += 1 + w
			default:
				lines++
				n = w
			}
			for n > capacity { // a word longer than a line (a URL) breaks anywhere
				lines++
				n -= capacity
			}
		}
	}
	return max(lines, 1)
}

// layout sets the column widths and the height of every row with wrapped text
// of more than one line.
func (s *qsheet) layout() {
	for col := 1; col < len(s.width) && s.err == nil; col++ {
		if s.width[col] <= 0 {
			continue
		}
		name, err := excelize.ColumnNumberToName(col)
		if err != nil {
			s.err = err
			return
		}
		s.err = s.f.SetColWidth(s.name, name, name, s.width[col])
	}
	for row := 1; row <= s.rows && s.err == nil; row++ {
		if n := s.lines[row]; n > 1 {
			s.err = s.f.SetRowHeight(s.name, row, float64(n*lineHeight+3))
		}
	}
}

// finish protects the sheet (no password: the structure stays as written, and
// columns and rows can still be resized), sets the page layout and the sheet
// dimension (SPEC 11), and returns the first error.
func (s *qsheet) finish(landscape bool, header string) error {
	s.layout()
	if s.err != nil {
		return s.err
	}
	if err := s.f.ProtectSheet(s.name, &excelize.SheetProtectionOptions{
		SelectLockedCells:   true,
		SelectUnlockedCells: true,
		FormatColumns:       true,
		FormatRows:          true,
	}); err != nil {
		return err
	}
	if err := setupPrint(s.f, s.name, s.cols, fontSize, landscape, "&L"+escapeHeader(header)); err != nil {
		return err
	}
	return s.f.SetSheetDimension(s.name, "A1:"+s.cell(max(s.cols, 1), max(s.rows, 1)))
}

// escapeHeader doubles the "&" of a page header text, which would otherwise
// start a control code.
func escapeHeader(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// statusHelp explains each status in plain language, in the order of the
// dropdown.
var statusHelp = []struct {
	status gapanalysis.Status
	text   string
}{
	{gapanalysis.StatusFull, "National law and practice meet the requirement entirely."},
	{gapanalysis.StatusPartial, "The requirement is met in part: some elements are missing, the scope is narrower, or the penalty is lower than required. Say what is missing in the comment. For an optional provision: your country uses the option, but meets the conditions the Directive attaches to it only in part (for example an exemption wider than the Directive allows)."},
	{gapanalysis.StatusNone, "The requirement is not met: national law and practice do not address it. For an optional provision: your country does not use the option, which the Directive allows; it is not counted as a gap."},
	{gapanalysis.StatusNA, "The question does not apply to your country. Say why in the comment."},
	{gapanalysis.StatusUnknown, "You do not know, or no information is available. An empty status also counts as unknown."},
}

// cover writes the Cover sheet.
func (t *template) cover() error {
	s := newQsheet(t.f, SheetCover, []float64{0, 26, 90})
	st := t.st
	title := firstNonEmpty(t.o.Title, "Questionnaire: "+firstNonEmpty(t.cl.Title, t.cl.ID))
	s.text(1, 1, title, st.title)
	s.text(1, 2, "Country: "+t.countryLabel(), st.section)

	row := 4
	field := func(label, value string, style int) {
		s.text(1, row, label, st.label)
		s.text(2, row, value, style)
		row++
	}
	field(CoverCountryCode, string(t.country.Code), st.text)
	field(CoverCountry, t.country.Name, st.text)
	field(CoverRespondent, "", st.input)
	field(CoverOrganisation, "", st.input)
	field(CoverDate+" (YYYY-MM-DD)", "", st.inputDate)

	row++
	s.text(1, row, "How to answer", st.section)
	row++
	para := func(label, text string) {
		s.text(1, row, label, st.label)
		s.wrapped(2, row, text, st.wrap)
		row++
	}
	answerCells := "Status, Evidence and Comment"
	if t.numeric {
		answerCells = "Status, Evidence, Comment and, for questions that ask for a number, Value"
	}
	para("Where", fmt.Sprintf("Answer each question on the %s sheet, one row per question. Only the pale yellow cells can be edited: %s. Please also fill in your name, organisation and the date above.", SheetQuestionnaire, answerCells))
	para("Status", "Choose one of the following from the dropdown list in the Status column:")
	for _, h := range statusHelp {
		para(h.status.String(), h.text)
	}
	para("Evidence", "Cite the national provision the answer rests on: the act, article and paragraph (for example \"Criminal Code, § 207(1)\"). For practice questions, cite the source (a guideline, report, statistics or website).")
	para("Comment", "Anything that qualifies the answer: what is missing, reforms under way, case law, the age of sexual consent where a question asks for it.")
	if t.numeric {
		para("Value", "For questions that ask for a number, type the number only, without units.")
	}
	para("Guidance", "The Guidance column explains how to answer some questions, for example optional provisions of the Directive. The ELI link opens the provision.")
	if t.notBound > 0 {
		para("Not applicable", fmt.Sprintf("%d questions are about provisions of %s, which does not bind %s. They are shown in grey, already answered na, and need no answer.",
			t.notBound, t.instrument(), t.country.Name))
	}
	para("Do not", "Do not add, delete or move rows or columns, and do not rename the sheets: the file is read automatically. The sheets are protected without a password only to keep their structure intact.")
	back := "Save the file as an Excel workbook (.xlsx) — not .xls, .ods, PDF or CSV — and return it"
	if t.o.ReturnTo != "" {
		back += " to " + t.o.ReturnTo
	}
	if t.o.Deadline != "" {
		back += " by " + t.o.Deadline
	}
	para("Return", back+".")

	row++
	s.text(1, row, "About this file (do not change)", st.section)
	row++
	sha := firstNonEmpty(t.cl.SHA256, "—")
	field(CoverFileFormat, QuestionnaireFormat, st.text)
	field(CoverChecklist, t.cl.ID, st.text)
	field("Checklist title", t.cl.Title, st.wrap)
	field(CoverChecklistVersion, t.cl.Version, st.text)
	field(CoverChecklistSHA, sha, st.text)
	field(CoverMadeFor, string(t.country.Code), st.text)
	field("Questions", fmt.Sprint(len(t.items)), st.text)
	field("Written by", firstNonEmpty(t.o.Tool, "gapstudy"), st.text)

	return s.finish(false, title+" — "+t.countryLabel())
}

// questionnaire writes the Questionnaire sheet.
func (t *template) questionnaire() error {
	st := t.st
	headers := QuestionnaireHeaders
	width := append([]float64(nil), qWidths[:]...)
	if !t.numeric {
		headers = append(append([]string(nil), headers[:qcValue-1]...), headers[qcValue:]...)
		width = width[:qcValue]
	}
	width = append(width, eliWidth)
	// The ID column shows the longest item ID whole (it repeats on every
	// printed page).
	for _, it := range t.items {
		width[qcID] = max(width[qcID], float64(utf8.RuneCountInString(string(it.ID)))+2)
	}
	eliCol := len(headers)
	s := newQsheet(t.f, SheetQuestionnaire, width)
	for col, h := range headers {
		s.text(col+1, 1, h, st.header)
	}
	row := 2
	for _, p := range t.cl.Pillars {
		s.text(1, row, firstNonEmpty(p.Title, string(p.ID)), st.pillar)
		s.merge(row, 1, eliCol)
		row++
		for _, th := range p.Themes {
			s.text(1, row, firstNonEmpty(th.Title, string(th.ID)), st.theme)
			s.merge(row, 1, eliCol)
			row++
			for _, it := range th.Items {
				t.itemRow(s, row, it, eliCol)
				row++
			}
		}
	}
	lastRow := row - 1

	// The status dropdown: the canonical statuses, in the SPEC's order. Other
	// spellings of the vocabulary are accepted on import, so a value typed by
	// hand is kept after a warning rather than refused.
	dv := excelize.NewDataValidation(true)
	dv.Sqref = s.cell(qcStatus, 2) + ":" + s.cell(qcStatus, lastRow)
	names := make([]string, 0, 5)
	for _, x := range gapanalysis.Statuses() {
		names = append(names, x.String())
	}
	if err := dv.SetDropList(names); err != nil {
		return err
	}
	dv.SetInput("Status", "Choose full, partial, none, na or unknown (see the Cover sheet).")
	dv.SetError(excelize.DataValidationErrorStyleWarning, "Status",
		"Please choose full, partial, none, na or unknown from the list. Keep this entry anyway?")
	if s.err == nil {
		s.err = t.f.AddDataValidation(SheetQuestionnaire, dv)
	}
	if s.err == nil {
		s.err = t.f.SetPanes(SheetQuestionnaire, &excelize.Panes{
			Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
			Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}},
		})
	}
	return s.finish(true, fmt.Sprintf("%s — %s — checklist %s %s", SheetQuestionnaire, t.countryLabel(), t.cl.ID, t.cl.Version))
}

// itemRow writes the row of one item; eliCol is the column of the ELI link.
func (t *template) itemRow(s *qsheet, row int, it *gapanalysis.Item, eliCol int) {
	st := t.st
	s.text(qcID, row, string(it.ID), st.label)
	s.text(qcRef, row, it.Ref, st.text)
	s.wrapped(qcTitle, row, it.Title, st.wrap)
	s.wrapped(qcQuestion, row, firstNonEmpty(it.Question, it.Title), st.wrap)
	bound := t.cl.Binds(t.country.Code, it)
	s.wrapped(qcGuidance, row, t.guidance(it, bound), st.wrap)

	// Answer cells: unlocked, except on items that do not bind the country
	// (prefilled na) and in the Value column of status items.
	status, text, value := st.status, st.inputWrap, st.input
	statusText := ""
	if !bound {
		status, text, value = st.fixed, st.fixedWrap, st.fixed
		statusText = gapanalysis.StatusNA.String()
	}
	if it.Type != gapanalysis.NumericItem {
		value = st.fixed
	}
	s.text(qcStatus, row, statusText, status)
	s.text(qcEvidence, row, "", text)
	s.text(qcComment, row, "", text)
	if t.numeric {
		s.text(qcValue, row, "", value)
	}

	// The link: a web address becomes a hyperlink; it is not wrapped, and may
	// run on into the empty cells to its right.
	eli := it.ELI
	if eli == "" && it.Obligation != gapanalysis.Practice {
		eli = t.cl.Instrument.ELI // a provision of the instrument: link the act
	}
	if isWebURL(eli) {
		s.text(eliCol, row, eli, st.link)
		if s.err == nil {
			s.err = t.f.SetCellHyperLink(SheetQuestionnaire, s.cell(eliCol, row), eli, "External")
		}
	} else {
		s.text(eliCol, row, eli, st.text)
	}
}

// OptionalGuidance says how to answer an optional provision (SPEC 5); the
// Guidance column of every optional status item carries it.
const OptionalGuidance = "Answer none if your country does not use the option (lawful, not a gap); " +
	"full if it uses the option and meets every condition the Directive attaches to it; " +
	"partial if it uses the option but meets those conditions only in part."

// guidance returns the Guidance text of an item: whether it is optional or a
// practice, a numeric item's unit of answer, the penalty the instrument
// requires, and the item's note; for an item that does not bind the country,
// why it is not applicable.
func (t *template) guidance(it *gapanalysis.Item, bound bool) string {
	var parts []string
	if !bound {
		parts = append(parts, fmt.Sprintf("Not applicable: this provision does not bind %s; the question needs no answer.",
			t.country.Name))
	}
	switch it.Obligation {
	case gapanalysis.Optional:
		parts = append(parts, "Optional provision: Member States may, but need not, use it.")
		if bound && it.Type != gapanalysis.NumericItem {
			parts = append(parts, OptionalGuidance)
		}
	case gapanalysis.Practice:
		parts = append(parts, "Best practice, not a legal duty.")
	}
	if it.Type == gapanalysis.NumericItem {
		parts = append(parts, "Answer with a number in the Value column.")
	}
	switch {
	case it.MinMaxPenalty > 0 && it.MinMaxPenaltyAboveConsent > 0:
		parts = append(parts, fmt.Sprintf("Penalty: national law must allow a maximum term of imprisonment of at least %s where the child is below the age of sexual consent, and of at least %s where the child has reached it.",
			years(it.MinMaxPenalty), years(it.MinMaxPenaltyAboveConsent)))
	case it.MinMaxPenalty > 0:
		parts = append(parts, fmt.Sprintf("Penalty: national law must allow a maximum term of imprisonment of at least %s.",
			years(it.MinMaxPenalty)))
	}
	if it.PenaltyNote != "" {
		parts = append(parts, strings.TrimSpace(it.PenaltyNote))
	}
	if it.Note != "" {
		parts = append(parts, strings.TrimSpace(it.Note))
	}
	return strings.Join(parts, " ")
}

func plural(n float64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// properties sets fixed document properties, so that the output is
// deterministic.
func (t *template) properties() error {
	tool := firstNonEmpty(t.o.Tool, "gapstudy")
	title := firstNonEmpty(t.o.Title, "Questionnaire: "+firstNonEmpty(t.cl.Title, t.cl.ID))
	if err := t.f.SetDocProps(&excelize.DocProperties{
		Title:          title + " — " + t.countryLabel(),
		Subject:        t.cl.Title,
		Description:    fmt.Sprintf("%s for %s, checklist %s %s", QuestionnaireFormat, t.country.Code, t.cl.ID, t.cl.Version),
		Keywords:       QuestionnaireFormat,
		Creator:        tool,
		LastModifiedBy: tool,
		Created:        fixedDate,
		Modified:       fixedDate,
		Language:       "en",
		Revision:       "1",
	}); err != nil {
		return fmt.Errorf("report: document properties: %w", err)
	}
	if err := t.f.SetAppProps(&excelize.AppProperties{Application: "gapstudy"}); err != nil {
		return fmt.Errorf("report: application properties: %w", err)
	}
	return nil
}

// TemplateFileName returns the file name of a country's questionnaire:
// "questionnaire-<CC>-<checklist ID>.xlsx", with characters other than letters,
// digits, ".", "_" and "-" in the checklist ID replaced by "-".
func TemplateFileName(cl *gapanalysis.Checklist, country gapanalysis.CountryCode) string {
	id := "checklist"
	if cl != nil && cl.ID != "" {
		id = cl.ID
	}
	var b strings.Builder
	for _, r := range id {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return fmt.Sprintf("questionnaire-%s-%s.xlsx", country, b.String())
}
