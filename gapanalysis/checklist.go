package gapanalysis

import (
	"sync/atomic"

	"go.yaml.in/yaml/v3"
)

// ItemID identifies a checklist item, e.g. "D-3.4" or "BP-HOTLINE".
type ItemID string

// ThemeID identifies a theme (a group of items inside a pillar).
type ThemeID string

// PillarID identifies a pillar (the top level of the checklist hierarchy).
type PillarID string

// MeasureID identifies a candidate priority measure.
type MeasureID string

// CriterionID identifies a ranking criterion: an expert criterion of the checklist
// (e.g. "feasibility") or one derived from the data ("gap_points", "countries",
// "binding_gaps", and "adopters", which a config may select but which is not a
// default criterion).
type CriterionID string

// Obligation says how binding an item is.
type Obligation string

// Obligations of an item. Items of obligation Mandatory or Optional belong to the
// instrument and do not apply to countries it does not bind (Instrument.NotBound).
const (
	Mandatory Obligation = "mandatory" // a duty the instrument imposes ("shall")
	Optional  Obligation = "optional"  // a provision Member States may use
	Practice  Obligation = "practice"  // a best-practice measure, not a legal duty
)

// ItemType says what an answer to an item holds.
type ItemType string

// Item types. The zero value "" means StatusItem.
const (
	StatusItem  ItemType = "status"  // a status from the vocabulary (full, partial, …)
	NumericItem ItemType = "numeric" // a number, normalised across countries
)

// Direction says which way a numeric item or a criterion is better.
type Direction string

// Directions. Higher and Benefit mean larger is better; Lower and Cost mean smaller
// is better. The zero value "" means Higher (items) or Benefit (criteria).
const (
	Higher  Direction = "higher"
	Lower   Direction = "lower"
	Benefit Direction = "benefit"
	Cost    Direction = "cost"
)

// IsCost reports whether smaller values are better.
func (d Direction) IsCost() bool { return d == Lower || d == Cost }

// Normalization says how a numeric item's values become scores in [0, 1].
type Normalization string

// Normalizations of numeric items. The zero value "" means MinMax.
const (
	MinMax Normalization = "minmax" // (x−min)/(max−min) across countries
	Target Normalization = "target" // min(x/target, 1)
)

// Checklist is the yardstick of a study: a hierarchy pillar → theme → item, the
// expert criteria that measures may carry, and the candidate priority measures.
// Build one with LoadChecklist or Builtin, or in code (then call Validate); a
// Checklist is read-only once loaded and safe for concurrent use — one built in
// code as well, even before Validate (which itself must not run concurrently
// with readers).
type Checklist struct {
	ID         string      `yaml:"id"`
	Title      string      `yaml:"title"`
	Version    string      `yaml:"version"`
	Note       string      `yaml:"note,omitempty"`
	Instrument Instrument  `yaml:"instrument"`
	Pillars    []*Pillar   `yaml:"pillars"`
	Criteria   []Criterion `yaml:"criteria,omitempty"`
	Measures   []*Measure  `yaml:"measures,omitempty"`

	// SHA256 is the hex SHA-256 of the file the checklist was loaded from
	// ("" when built in code).
	SHA256 string `yaml:"-"`
	// Source names where the checklist was loaded from (the name given to
	// LoadChecklist, e.g. a file path or "builtin:dir-2011-93"); "" when built in
	// code.
	Source string `yaml:"-"`

	// index holds the *checklistIndex, built once by the first reader (or by
	// Validate) and swapped atomically, so that concurrent readers of a
	// checklist built in code without Validate do not race.
	index atomic.Value
}

// checklistIndex holds the lookup maps of a checklist.
type checklistIndex struct {
	items    []*Item
	itemByID map[ItemID]*Item
	themeOf  map[ItemID]*Theme
	pillarOf map[ThemeID]*Pillar
}

// Instrument is the legal act the binding items come from.
type Instrument struct {
	Title string `yaml:"title,omitempty"`
	// ELI is the European Legislation Identifier of the act.
	ELI string `yaml:"eli,omitempty"`
	// NotBound lists the countries (EU codes) that the act does not bind; its
	// mandatory and optional items count as not applicable for them.
	NotBound []CountryCode `yaml:"not_bound,omitempty,flow"`
}

// Pillar is the top level of the hierarchy (e.g. legal compliance, best practice).
type Pillar struct {
	ID     PillarID `yaml:"id"`
	Title  string   `yaml:"title"`
	Weight float64  `yaml:"weight"` // relative weight among pillars, ≥ 0; 1 when omitted
	Themes []*Theme `yaml:"themes"`

	node *yaml.Node // where it was read from (nil: built in code)
}

// Theme groups the items of a pillar (e.g. substantive criminal law).
type Theme struct {
	ID     ThemeID `yaml:"id"`
	Title  string  `yaml:"title"`
	Weight float64 `yaml:"weight"` // relative weight among the pillar's themes, ≥ 0; 1 when omitted
	Items  []*Item `yaml:"items"`

	node *yaml.Node
}

// Item is one requirement or practice against which a country is assessed.
type Item struct {
	ID         ItemID     `yaml:"id"`
	Ref        string     `yaml:"ref,omitempty"` // provision, e.g. "Art. 3(4)"
	Title      string     `yaml:"title"`
	Question   string     `yaml:"question,omitempty"`
	Obligation Obligation `yaml:"obligation"`
	Weight     float64    `yaml:"weight"` // relative weight among the theme's items, ≥ 0; 1 when omitted
	Type       ItemType   `yaml:"type,omitempty"`
	// ELI links to the provision (or the act) in the EU's legislation portal.
	ELI string `yaml:"eli,omitempty"`
	// MinMaxPenalty is the lowest maximum prison term, in years, that national law
	// must allow for the offence (0: the instrument sets none); where the
	// instrument sets two figures, the one for a child below the age of sexual
	// consent. MinMaxPenaltyAboveConsent is the figure for a child at or above
	// that age (0: no second figure). PenaltyNote gives the detail in words.
	MinMaxPenalty             float64 `yaml:"min_max_penalty,omitempty"`
	MinMaxPenaltyAboveConsent float64 `yaml:"min_max_penalty_above_consent,omitempty"`
	PenaltyNote               string  `yaml:"penalty_note,omitempty"`
	// Note is free guidance for assessors (e.g. an unverified point).
	Note string `yaml:"note,omitempty"`

	// Numeric items only.
	Direction Direction     `yaml:"direction,omitempty"`
	Normalize Normalization `yaml:"normalize,omitempty"`
	Target    float64       `yaml:"target,omitempty"`

	line int
	node *yaml.Node
}

// Criterion is an expert criterion that measures may carry a value for.
type Criterion struct {
	ID          CriterionID `yaml:"id"`
	Title       string      `yaml:"title"`
	Direction   Direction   `yaml:"direction,omitempty"` // Benefit (default) or Cost
	Description string      `yaml:"description,omitempty"`
}

// Measure is a candidate priority measure that would close the gaps on the items
// it addresses.
type Measure struct {
	ID        MeasureID               `yaml:"id"`
	Title     string                  `yaml:"title"`
	Addresses []ItemID                `yaml:"addresses,flow"`
	Criteria  map[CriterionID]float64 `yaml:"criteria,omitempty,flow"`
	Note      string                  `yaml:"note,omitempty"`

	line int
	node *yaml.Node
}

// Items returns all items in checklist order (pillar, theme, item).
func (c *Checklist) Items() []*Item { return c.ensureIndex().items }

// Item returns the item with the given ID, or nil.
func (c *Checklist) Item(id ItemID) *Item { return c.ensureIndex().itemByID[id] }

// ThemeOf returns the theme an item belongs to, or nil.
func (c *Checklist) ThemeOf(id ItemID) *Theme { return c.ensureIndex().themeOf[id] }

// PillarOf returns the pillar a theme belongs to, or nil.
func (c *Checklist) PillarOf(id ThemeID) *Pillar { return c.ensureIndex().pillarOf[id] }

// Binds reports whether the item applies to the country: items of obligation
// Mandatory or Optional do not apply to the countries in Instrument.NotBound.
func (c *Checklist) Binds(country CountryCode, it *Item) bool {
	if it.Obligation == Practice {
		return true
	}
	for _, nb := range c.Instrument.NotBound {
		if nb == country {
			return false
		}
	}
	return true
}

// Themes returns all themes in checklist order.
func (c *Checklist) Themes() []*Theme {
	var out []*Theme
	for _, p := range c.Pillars {
		out = append(out, p.Themes...)
	}
	return out
}

// ensureIndex returns the lookup maps, building them on first use. A checklist
// is meant to be indexed at load time (LoadChecklist and Validate do it); one
// built in code may be read from several goroutines at once without Validate:
// each may build an index, the first one stored wins, and all are equal.
func (c *Checklist) ensureIndex() *checklistIndex {
	if ix, ok := c.index.Load().(*checklistIndex); ok {
		return ix
	}
	c.index.CompareAndSwap(nil, c.newIndex())
	return c.index.Load().(*checklistIndex)
}

// buildIndex (re)builds the lookup maps after the hierarchy changed.
func (c *Checklist) buildIndex() { c.index.Store(c.newIndex()) }

func (c *Checklist) newIndex() *checklistIndex {
	ix := &checklistIndex{
		itemByID: map[ItemID]*Item{},
		themeOf:  map[ItemID]*Theme{},
		pillarOf: map[ThemeID]*Pillar{},
	}
	for _, p := range c.Pillars {
		if p == nil {
			continue
		}
		for _, t := range p.Themes {
			if t == nil {
				continue
			}
			ix.pillarOf[t.ID] = p
			for _, it := range t.Items {
				if it == nil {
					continue
				}
				ix.items = append(ix.items, it)
				if _, dup := ix.itemByID[it.ID]; !dup {
					ix.itemByID[it.ID] = it
					ix.themeOf[it.ID] = t
				}
			}
		}
	}
	return ix
}

// EffectiveWeight returns the share of the index an item carries:
// (wᵢ / Σ item weights in its theme) × (w_t / Σ theme weights in its pillar) ×
// (w_p / Σ pillar weights). A zero denominator gives 0.
func (c *Checklist) EffectiveWeight(id ItemID) float64 {
	ix := c.ensureIndex()
	t := ix.themeOf[id]
	if t == nil {
		return 0
	}
	p := ix.pillarOf[t.ID]
	var si, st, sp float64
	for _, it := range t.Items {
		si += it.Weight
	}
	for _, th := range p.Themes {
		st += th.Weight
	}
	for _, pl := range c.Pillars {
		sp += pl.Weight
	}
	if si == 0 || st == 0 || sp == 0 {
		return 0
	}
	return ix.itemByID[id].Weight / si * t.Weight / st * p.Weight / sp
}
