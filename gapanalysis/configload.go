package gapanalysis

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/gapstudy/gapstudy/scoring"
)

// ErrConfigKey is wrapped by a *ConfigError about an unknown key or a bad value.
var ErrConfigKey = errors.New("bad study config")

// ConfigError is one problem in a study config file: the key (dotted path, e.g.
// "ranking.method" or "ranking.criteria[1].weight") and its YAML line. It wraps
// ErrConfigKey, and also Err when set: ErrNonFinite for a NaN or infinite
// number, ErrSecondDocument for a file of several YAML documents.
type ConfigError struct {
	File string
	Line int
	Key  string
	Msg  string
	Err  error
}

func (e *ConfigError) Error() string {
	pos := e.File
	if e.Line > 0 {
		pos = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Key != "" {
		return fmt.Sprintf("%s: %s: %s", pos, e.Key, e.Msg)
	}
	return fmt.Sprintf("%s: %s", pos, e.Msg)
}

// Unwrap returns ErrConfigKey and, when set, Err.
func (e *ConfigError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrConfigKey, e.Err}
	}
	return []error{ErrConfigKey}
}

// LoadConfig reads a study config (SPEC 9) over DefaultConfig. Every key is
// optional; an unknown key or a bad value is an error naming the key and its line
// (errors joined, each a *ConfigError). Numbers must be finite (YAML's .nan,
// .inf and -.inf are errors wrapping ErrNonFinite), weights ≥ 0 and, when
// ranking criteria are listed, not all 0. The file must hold one YAML document.
func LoadConfig(r io.Reader, name string) (Config, error) {
	cfg := DefaultConfig()
	data, err := io.ReadAll(r)
	if err != nil {
		return cfg, fmt.Errorf("read config %s: %w", name, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		return cfg, &ConfigError{File: name, Msg: err.Error()}
	}
	if line, syntax, ok := secondDocument(dec); ok {
		return cfg, &ConfigError{File: name, Line: line, Err: ErrSecondDocument, Msg: secondDocumentMsg("a study config", syntax)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return cfg, &ConfigError{File: name, Msg: err.Error()}
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = *root.Content[0]
	}
	if w := cfg.Ranking.Weights; w != nil {
		w.file = name
		if _, r := keyNode(&root, "ranking"); r != nil {
			if k, _ := keyNode(r, "weights"); k != nil {
				w.line = k.Line
			}
		}
	}
	line := func(path ...string) int {
		n := &root
		l := n.Line
		for _, p := range path {
			if i, err := strconv.Atoi(p); err == nil && n.Kind == yaml.SequenceNode {
				if i >= len(n.Content) {
					return l
				}
				n = n.Content[i]
				l = n.Line
				continue
			}
			k, v := keyNode(n, p)
			if k == nil {
				return l
			}
			l, n = k.Line, v
		}
		return l
	}
	return cfg, errors.Join(cfg.check(name, line), wholeNumber(name, &root, "exemplars"))
}

func keyNode(n *yaml.Node, key string) (k, v *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

// Check validates a config built in code.
func (c Config) Check() error { return c.check("config", func(...string) int { return 0 }) }

func (c Config) check(file string, line func(...string) int) error {
	var errs []error
	bad := func(msg string, path ...string) {
		errs = append(errs, &ConfigError{File: file, Line: line(path...), Key: configKey(path), Msg: msg})
	}
	errs = append(errs, c.checkNumbers(file, line))
	s := c.Scale
	for _, v := range []struct {
		k string
		x float64
	}{{"full", s.Full}, {"partial", s.Partial}, {"none", s.None}} {
		if isFinite(v.x) && (v.x < 0 || v.x > 1) {
			bad(fmt.Sprintf("%g is outside [0, 1]", v.x), "scale", v.k)
		}
	}
	if isFinite(s.Full) && isFinite(s.Partial) && isFinite(s.None) && !(s.Full >= s.Partial && s.Partial >= s.None) {
		bad("must satisfy full ≥ partial ≥ none", "scale")
	}
	if !validMissing(c.Missing) {
		bad(fmt.Sprintf("%q is not exclude or zero", c.Missing), "missing")
	}
	if _, err := scoring.ParseMethod(c.Ranking.Method); err != nil {
		bad(fmt.Sprintf("%q is not one of %v", c.Ranking.Method, scoring.Methods()), "ranking", "method")
	}
	if v := c.Ranking.VikorV; v != nil && isFinite(*v) && (*v < 0 || *v > 1) {
		bad(fmt.Sprintf("%g is outside [0, 1]", *v), "ranking", "vikor_v")
	}
	if c.Exemplars < 0 {
		bad(fmt.Sprintf("%d is negative; give the number of exemplars per gap (0 for none)", c.Exemplars), "exemplars")
	}
	if c.Ranking.TopK < 1 {
		bad("must be at least 1", "ranking", "top_k")
	}
	for _, cw := range c.Ranking.Criteria {
		if cw.ID == "" {
			bad("a criterion has no id", "ranking", "criteria")
		}
		if !slices.Contains([]Direction{"", Benefit, Cost, Higher, Lower}, cw.Direction) {
			bad(fmt.Sprintf("%s: direction %q is not benefit or cost", cw.ID, cw.Direction), "ranking", "criteria")
		}
		if cw.Preference != "" {
			if _, err := scoring.ParsePreferenceFunc(cw.Preference); err != nil {
				bad(fmt.Sprintf("%s: %v", cw.ID, err), "ranking", "criteria")
			}
		}
	}
	u := c.Uncertainty
	if u.Samples < 0 {
		bad("must not be negative", "uncertainty", "samples")
	}
	if len(u.Partial) != 2 || isFinite(u.Partial[0]) && isFinite(u.Partial[1]) && !(u.Partial[0] <= u.Partial[1] && u.Partial[0] >= 0 && u.Partial[1] <= 1) {
		bad("must be two values lo ≤ hi in [0, 1]", "uncertainty", "partial")
	}
	if isFinite(u.WeightJitter) && !(u.WeightJitter >= 0 && u.WeightJitter < 1) {
		bad("must be in [0, 1)", "uncertainty", "weight_jitter")
	}
	if isFinite(u.CriteriaJitter) && !(u.CriteriaJitter >= 0 && u.CriteriaJitter < 1) {
		bad("must be in [0, 1)", "uncertainty", "criteria_jitter")
	}
	if u.Sobol < 0 || u.Sobol == 1 {
		bad("must be 0 (no Sobol analysis) or at least 2", "uncertainty", "sobol")
	}
	if u.Bootstrap < 0 {
		bad("must not be negative", "uncertainty", "bootstrap")
	}
	for _, m := range u.MissingRules {
		if !validMissing(m) {
			bad(fmt.Sprintf("%q is not exclude or zero", m), "uncertainty", "missing_rules")
		}
	}
	for _, m := range u.Methods {
		if _, err := scoring.ParseMethod(m); err != nil {
			bad(fmt.Sprintf("%q is not one of %v", m, scoring.Methods()), "uncertainty", "methods")
		}
	}
	if _, err := NewVocabulary(c.Vocabulary); err != nil {
		bad(err.Error(), "vocabulary")
	}
	switch c.Panel.Aggregate {
	case "", PanelMedian, PanelMean, PanelGeomean:
	default:
		bad(fmt.Sprintf("%q is not median, mean or geomean", c.Panel.Aggregate), "panel", "aggregate")
	}
	if w := c.Ranking.Weights; w != nil {
		w.check(func(sentinel error, l int, msg string) {
			if l == 0 {
				l = line("ranking", "weights")
			}
			errs = append(errs, &ConfigError{File: file, Line: l, Key: "ranking.weights", Msg: msg, Err: sentinel})
		})
		for i, cw := range c.Ranking.Criteria {
			if cw.Weight != nil {
				bad(fmt.Sprintf("%s: a weight is given here and ranking.weights derives the weights; remove one of them", cw.ID), "ranking", "criteria", strconv.Itoa(i), "weight")
			}
		}
	}
	return errors.Join(errs...)
}

func validMissing(m MissingRule) bool { return m == MissingExclude || m == MissingZero }

// configKey writes a key path as "ranking.criteria[1].weight".
func configKey(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if _, err := strconv.Atoi(p); err == nil {
			b.WriteString("[" + p + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// checkNumbers checks the numbers of c that the analysis computes with: every
// one finite (errors wrapping ErrNonFinite), ranking criteria weights ≥ 0 and,
// when criteria are listed, not all 0. Range checks are check's. line gives the
// YAML line of a key path (numbers index sequences).
func (c Config) checkNumbers(file string, line func(...string) int) error {
	var errs []error
	add := func(sentinel error, msg string, path ...string) {
		errs = append(errs, &ConfigError{File: file, Line: line(path...), Key: configKey(path), Msg: msg, Err: sentinel})
	}
	nonFinite := func(v float64, path ...string) {
		if !isFinite(v) {
			add(ErrNonFinite, fmt.Sprintf("%g is not a finite number", v), path...)
		}
	}
	nonFinite(c.Scale.Full, "scale", "full")
	nonFinite(c.Scale.Partial, "scale", "partial")
	nonFinite(c.Scale.None, "scale", "none")
	if v := c.Ranking.VikorV; v != nil {
		nonFinite(*v, "ranking", "vikor_v")
	}
	allZero := len(c.Ranking.Criteria) > 0
	for i, cw := range c.Ranking.Criteria {
		at := strconv.Itoa(i)
		w := 1.0
		if cw.Weight != nil {
			w = *cw.Weight
		}
		switch {
		case !isFinite(w):
			add(ErrNonFinite, fmt.Sprintf("%s: weight %g is not a finite number", cw.ID, w), "ranking", "criteria", at, "weight")
		case w < 0:
			add(scoring.ErrWeights, fmt.Sprintf("%s: negative weight %g; weights must be ≥ 0", cw.ID, w), "ranking", "criteria", at, "weight")
		}
		if w != 0 {
			allZero = false
		}
		for _, th := range []struct {
			k string
			v float64
		}{{"q", cw.Q}, {"p", cw.P}, {"s", cw.S}} {
			if !isFinite(th.v) {
				add(ErrNonFinite, fmt.Sprintf("%s: threshold %s = %g is not a finite number", cw.ID, th.k, th.v), "ranking", "criteria", at, th.k)
			}
		}
	}
	if allZero {
		add(scoring.ErrWeights, "every criterion weight is 0, so no measure can be ranked; give at least one criterion a weight > 0", "ranking", "criteria")
	}
	u := c.Uncertainty
	for i, v := range u.Partial {
		nonFinite(v, "uncertainty", "partial", strconv.Itoa(i))
	}
	nonFinite(u.WeightJitter, "uncertainty", "weight_jitter")
	nonFinite(u.CriteriaJitter, "uncertainty", "criteria_jitter")
	return errors.Join(errs...)
}
