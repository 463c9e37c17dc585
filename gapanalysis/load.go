package gapanalysis

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"

	"go.yaml.in/yaml/v3"
)

// BuiltinID is the ID of the built-in checklist for Directive 2011/93/EU.
const BuiltinID = "dir-2011-93"

//go:embed checklists/*.yaml
var builtinFS embed.FS

// Checklist validation errors; a *ChecklistError wraps one of them.
var (
	ErrChecklistSyntax  = errors.New("checklist syntax")
	ErrDuplicateID      = errors.New("duplicate id")
	ErrEmptyID          = errors.New("empty id")
	ErrUnknownAddress   = errors.New("measure addresses an unknown item")
	ErrNegativeWeight   = errors.New("negative weight")
	ErrBadObligation    = errors.New("unknown obligation")
	ErrBadField         = errors.New("bad field value")
	ErrUnknownCriterion = errors.New("unknown criterion")
	// ErrZeroWeights: every weight of a level (the items of a theme, the
	// themes of a pillar, or the pillars) is 0, so its mean is not defined.
	ErrZeroWeights = errors.New("all weights zero")
	// ErrSecondDocument: a checklist or config file holds more than one YAML
	// document ("---" followed by more content).
	ErrSecondDocument = errors.New("second YAML document")
)

// ChecklistError is one problem in a checklist file, with its YAML line (0 when
// the checklist was not read from YAML).
type ChecklistError struct {
	File string
	Line int
	Msg  string
	Err  error
}

func (e *ChecklistError) Error() string {
	pos := e.File
	if e.Line > 0 {
		if pos != "" {
			pos += ":"
		}
		pos += fmt.Sprintf("line %d", e.Line)
	}
	if pos != "" {
		pos += ": "
	}
	return pos + e.Msg
}

func (e *ChecklistError) Unwrap() error { return e.Err }

// LoadChecklist reads a checklist in the YAML form of SPEC 3, fills defaults
// (weights 1, type status) and validates it (see Validate). name is used in
// error messages. The file must hold one YAML document. The error, when not nil,
// joins one *ChecklistError per problem, each with its line.
func LoadChecklist(r io.Reader, name string) (*Checklist, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read checklist %s: %w", name, err)
	}
	var cl Checklist
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cl); err != nil {
		return nil, &ChecklistError{File: name, Msg: err.Error(), Err: ErrChecklistSyntax}
	}
	if line, syntax, ok := secondDocument(dec); ok {
		return nil, &ChecklistError{File: name, Line: line, Err: ErrSecondDocument, Msg: secondDocumentMsg("a checklist file", syntax)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &ChecklistError{File: name, Msg: err.Error(), Err: ErrChecklistSyntax}
	}
	applyNodeInfo(&cl, &root)
	sum := sha256.Sum256(data)
	cl.SHA256 = hex.EncodeToString(sum[:])
	cl.Source = name
	if err := cl.validate(name); err != nil {
		return nil, err
	}
	return &cl, nil
}

// Validate checks a checklist built in code (LoadChecklist validates already):
// unique IDs (item IDs also when compared ignoring case and spaces, as surveys
// match them), known obligations, measures addressing known items with known
// criteria, and its numbers: weights, penalties, targets and criteria values
// must be finite (a NaN or infinite one gives a *ChecklistError wrapping
// ErrNonFinite), weights ≥ 0 (ErrNegativeWeight) and not all 0 within a level
// (ErrZeroWeights). It fills the defaults of types, directions and
// normalisations, and (re)builds the lookup indexes; it must not run while
// other goroutines read the checklist.
func (c *Checklist) Validate() error { return c.validate("") }

var (
	builtinOnce sync.Once
	builtinCL   *Checklist
	builtinErr  error
)

// BuiltinYAML returns the YAML source of the built-in checklist.
func BuiltinYAML() []byte {
	b, err := builtinFS.ReadFile("checklists/" + BuiltinID + ".yaml")
	if err != nil {
		panic("gapanalysis: built-in checklist missing: " + err.Error())
	}
	return b
}

// Builtin returns the built-in checklist for Directive 2011/93/EU. The returned
// value is shared: treat it as read-only.
func Builtin() (*Checklist, error) {
	builtinOnce.Do(func() {
		builtinCL, builtinErr = LoadChecklist(bytes.NewReader(BuiltinYAML()), "builtin:"+BuiltinID)
	})
	return builtinCL, builtinErr
}

// mapping returns the value node of key in a mapping node, or nil.
func mapping(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func seq(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// applyNodeInfo walks the YAML tree in the order the decoder filled the structs:
// it records line numbers and sets weights that were omitted to 1.
func applyNodeInfo(cl *Checklist, root *yaml.Node) {
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	pnodes := seq(mapping(doc, "pillars"))
	for pi, p := range cl.Pillars {
		if pi >= len(pnodes) || p == nil {
			break
		}
		pn := pnodes[pi]
		p.node = pn
		if mapping(pn, "weight") == nil {
			p.Weight = 1
		}
		tnodes := seq(mapping(pn, "themes"))
		for ti, t := range p.Themes {
			if ti >= len(tnodes) || t == nil {
				break
			}
			tn := tnodes[ti]
			t.node = tn
			if mapping(tn, "weight") == nil {
				t.Weight = 1
			}
			inodes := seq(mapping(tn, "items"))
			for ii, it := range t.Items {
				if ii >= len(inodes) || it == nil {
					break
				}
				in := inodes[ii]
				it.line = in.Line
				it.node = in
				if mapping(in, "weight") == nil {
					it.Weight = 1
				}
			}
		}
	}
	mnodes := seq(mapping(doc, "measures"))
	for mi, m := range cl.Measures {
		if mi < len(mnodes) && m != nil {
			m.line = mnodes[mi].Line
			m.node = mnodes[mi]
		}
	}
}

func (c *Checklist) validate(file string) error {
	var errs []error
	add := func(line int, sentinel error, format string, args ...any) {
		errs = append(errs, &ChecklistError{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Err: sentinel})
	}
	if c.ID == "" {
		add(0, ErrEmptyID, "checklist has no id")
	}
	for _, code := range c.Instrument.NotBound {
		if _, ok := CountryByCode(code); !ok {
			add(0, ErrBadField, "instrument.not_bound: unknown country code %q (use EU codes such as DK, EL)", code)
		}
	}
	pillars := map[PillarID]bool{}
	themes := map[ThemeID]bool{}
	items := map[ItemID]int{}
	for _, p := range c.Pillars {
		if p == nil {
			add(0, ErrEmptyID, "empty pillar")
			continue
		}
		if p.ID == "" {
			add(0, ErrEmptyID, "pillar %q has no id", p.Title)
		} else if pillars[p.ID] {
			add(0, ErrDuplicateID, "duplicate pillar id %q", p.ID)
		}
		pillars[p.ID] = true
		for _, t := range p.Themes {
			if t == nil {
				add(0, ErrEmptyID, "pillar %s: empty theme", p.ID)
				continue
			}
			if t.ID == "" {
				add(0, ErrEmptyID, "pillar %s: theme %q has no id", p.ID, t.Title)
			} else if themes[t.ID] {
				add(0, ErrDuplicateID, "duplicate theme id %q", t.ID)
			}
			themes[t.ID] = true
			for _, it := range t.Items {
				if it == nil {
					add(0, ErrEmptyID, "theme %s: empty item", t.ID)
					continue
				}
				c.validateItem(it, items, add)
			}
		}
	}
	criteria := map[CriterionID]bool{}
	for _, cr := range c.Criteria {
		switch {
		case cr.ID == "":
			add(0, ErrEmptyID, "criterion %q has no id", cr.Title)
		case criteria[cr.ID] || isDerivedCriterion(cr.ID):
			add(0, ErrDuplicateID, "duplicate criterion id %q", cr.ID)
		}
		criteria[cr.ID] = true
		switch cr.Direction {
		case "", Benefit, Cost:
		default:
			add(0, ErrBadField, "criterion %s: direction %q is not benefit or cost", cr.ID, cr.Direction)
		}
	}
	measures := map[MeasureID]bool{}
	for _, m := range c.Measures {
		if m == nil {
			add(0, ErrEmptyID, "empty measure")
			continue
		}
		if m.ID == "" {
			add(m.line, ErrEmptyID, "measure %q has no id", m.Title)
		} else if measures[m.ID] {
			add(m.line, ErrDuplicateID, "duplicate measure id %q", m.ID)
		}
		measures[m.ID] = true
		if len(m.Addresses) == 0 {
			add(m.line, ErrBadField, "measure %s addresses no item", m.ID)
		}
		for _, a := range m.Addresses {
			if _, ok := items[a]; !ok {
				add(m.line, ErrUnknownAddress, "measure %s addresses unknown item %q%s", m.ID, a, suggestion(string(a), itemIDs(items)))
			}
		}
		for _, k := range sortedCriterionKeys(m.Criteria) {
			if !criteria[k] {
				add(m.line, ErrUnknownCriterion, "measure %s: criterion %q is not defined under criteria", m.ID, k)
			}
		}
	}
	c.validateNumbers(add)
	c.validateItemKeys(add)
	c.buildIndex()
	return errors.Join(errs...)
}

func (c *Checklist) validateItem(it *Item, seen map[ItemID]int, add func(int, error, string, ...any)) {
	if it.ID == "" {
		add(it.line, ErrEmptyID, "item %q has no id", it.Title)
	} else if first, dup := seen[it.ID]; dup {
		add(it.line, ErrDuplicateID, "duplicate item id %q (first at line %d)", it.ID, first)
	} else {
		seen[it.ID] = it.line
	}
	switch it.Obligation {
	case Mandatory, Optional, Practice:
	default:
		add(it.line, ErrBadObligation, "item %s: obligation %q is not mandatory, optional or practice", it.ID, it.Obligation)
	}
	switch it.Type {
	case "":
		it.Type = StatusItem
	case StatusItem:
	case NumericItem:
		switch it.Direction {
		case "":
			it.Direction = Higher
		case Higher, Lower:
		default:
			add(it.line, ErrBadField, "item %s: direction %q is not higher or lower", it.ID, it.Direction)
		}
		switch it.Normalize {
		case "":
			it.Normalize = MinMax
		case MinMax:
		case Target:
			if it.Target <= 0 { // NaN and ±Inf: validateNumbers
				add(it.line, ErrBadField, "item %s: normalize target needs a target > 0", it.ID)
			}
		default:
			add(it.line, ErrBadField, "item %s: normalize %q is not minmax or target", it.ID, it.Normalize)
		}
	default:
		add(it.line, ErrBadField, "item %s: type %q is not status or numeric", it.ID, it.Type)
	}
}

func itemIDs(m map[ItemID]int) []string {
	out := make([]string, 0, len(m))
	for id := range m {
		out = append(out, string(id))
	}
	return out
}

// suggestion returns " — did you mean X?" for the closest candidate, or "".
func suggestion(s string, candidates []string) string {
	if best, ok := Suggest(s, candidates); ok {
		return " — did you mean " + best + "?"
	}
	return ""
}

// secondDocument reports whether dec holds another YAML document with content
// after the one decoded (empty documents, such as a trailing "---", are
// allowed), the line where it starts, and the syntax error when it does not
// parse.
func secondDocument(dec *yaml.Decoder) (line int, syntax string, ok bool) {
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		switch {
		case errors.Is(err, io.EOF):
			return 0, "", false
		case err != nil:
			return 0, err.Error(), true
		case !emptyDocument(&next):
			return next.Line, "", true
		}
	}
}

// emptyDocument reports whether a document node holds nothing (or a null
// written as nothing).
func emptyDocument(doc *yaml.Node) bool {
	if len(doc.Content) == 0 {
		return true
	}
	n := doc.Content[0]
	return len(doc.Content) == 1 && n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == ""
}

// secondDocumentMsg is the message of a second YAML document in a file of kind.
func secondDocumentMsg(kind, syntax string) string {
	msg := "a second YAML document starts here; " + kind + " holds one document (remove the \"---\" line or split the file)"
	if syntax != "" {
		msg = "after the first YAML document, more text follows that " + kind + " cannot hold (" + syntax + ")"
	}
	return msg
}

// MarshalYAML-friendly copy: Items' unexported fields are ignored by yaml.

// YAML returns the checklist in its YAML form.
func (c *Checklist) YAML() ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func sortedCriterionKeys(m map[CriterionID]float64) []CriterionID {
	out := make([]CriterionID, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
