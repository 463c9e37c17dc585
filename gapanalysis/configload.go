package gapanalysis

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/gapstudy/gapstudy/scoring"
)

// ErrConfigKey is wrapped by a *ConfigError about an unknown key or a bad value.
var ErrConfigKey = errors.New("bad study config")

// ConfigError is one problem in a study config file: the key (dotted path, e.g.
// "ranking.method") and its YAML line.
type ConfigError struct {
	File string
	Line int
	Key  string
	Msg  string
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

func (e *ConfigError) Unwrap() error { return ErrConfigKey }

// LoadConfig reads a study config (SPEC 9) over DefaultConfig. Every key is
// optional; an unknown key or a bad value is an error naming the key and its line
// (errors joined, each a *ConfigError).
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
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return cfg, &ConfigError{File: name, Msg: err.Error()}
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = *root.Content[0]
	}
	line := func(path ...string) int {
		n := &root
		l := n.Line
		for _, p := range path {
			k, v := keyNode(n, p)
			if k == nil {
				return l
			}
			l, n = k.Line, v
		}
		return l
	}
	return cfg, cfg.check(name, line)
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
		key := ""
		for i, p := range path {
			if i > 0 {
				key += "."
			}
			key += p
		}
		errs = append(errs, &ConfigError{File: file, Line: line(path...), Key: key, Msg: msg})
	}
	s := c.Scale
	for _, v := range []struct {
		k string
		x float64
	}{{"full", s.Full}, {"partial", s.Partial}, {"none", s.None}} {
		if v.x < 0 || v.x > 1 {
			bad(fmt.Sprintf("%g is outside [0, 1]", v.x), "scale", v.k)
		}
	}
	if !(s.Full >= s.Partial && s.Partial >= s.None) {
		bad("must satisfy full ≥ partial ≥ none", "scale")
	}
	if !validMissing(c.Missing) {
		bad(fmt.Sprintf("%q is not exclude or zero", c.Missing), "missing")
	}
	if _, err := scoring.ParseMethod(c.Ranking.Method); err != nil {
		bad(fmt.Sprintf("%q is not one of %v", c.Ranking.Method, scoring.Methods()), "ranking", "method")
	}
	if v := c.Ranking.VikorV; v != nil && (*v < 0 || *v > 1) {
		bad(fmt.Sprintf("%g is outside [0, 1]", *v), "ranking", "vikor_v")
	}
	if c.Ranking.TopK < 1 {
		bad("must be at least 1", "ranking", "top_k")
	}
	for _, cw := range c.Ranking.Criteria {
		if cw.ID == "" {
			bad("a criterion has no id", "ranking", "criteria")
		}
		if cw.Weight != nil && *cw.Weight < 0 {
			bad(fmt.Sprintf("%s: negative weight", cw.ID), "ranking", "criteria")
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
	if len(u.Partial) != 2 || u.Partial[0] > u.Partial[1] || u.Partial[0] < 0 || u.Partial[1] > 1 {
		bad("must be two values lo ≤ hi in [0, 1]", "uncertainty", "partial")
	}
	if u.WeightJitter < 0 || u.WeightJitter >= 1 {
		bad("must be in [0, 1)", "uncertainty", "weight_jitter")
	}
	if u.CriteriaJitter < 0 || u.CriteriaJitter >= 1 {
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
	return errors.Join(errs...)
}

func validMissing(m MissingRule) bool { return m == MissingExclude || m == MissingZero }
