package gapanalysis

import (
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// wholeNumber returns a *ConfigError when the top-level key of the config
// document root holds a number that is not a whole number (YAML would
// truncate 2.5 to 2 when decoding it into an int), nil otherwise.
func wholeNumber(file string, root *yaml.Node, key string) error {
	k, v := keyNode(root, key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return nil
	}
	if _, err := strconv.Atoi(v.Value); err != nil {
		if _, ferr := strconv.ParseFloat(v.Value, 64); ferr == nil {
			return &ConfigError{File: file, Line: k.Line, Key: key, Msg: fmt.Sprintf("%s is not a whole number", v.Value)}
		}
	}
	return nil
}
