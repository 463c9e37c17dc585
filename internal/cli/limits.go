package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/importers"
)

// passwordEnv is the environment variable that gives the password of encrypted
// workbooks when --password is not given.
const passwordEnv = "GAPSTUDY_PASSWORD"

// importFlags are the flags of run and validate that say how survey files are
// read: the password of encrypted workbooks and the limits (SPEC 10).
type importFlags struct {
	password string
	maxSize  string
	maxRows  int
	replies  string
}

// addImportFlags registers --password, --max-size and --max-rows.
func addImportFlags(cmd *cobra.Command, f *importFlags) {
	cmd.Flags().StringVar(&f.password, "password", "",
		"password of encrypted (password-protected) workbooks; default: the "+passwordEnv+" environment variable")
	cmd.Flags().StringVar(&f.maxSize, "max-size", "256MiB",
		`largest file read, unpacked: a number of bytes with an optional unit (KiB, MiB, GiB, or KB, MB, GB), or "none"`)
	cmd.Flags().IntVar(&f.maxRows, "max-rows", importers.DefaultMaxRows, "most rows read from one sheet; -1: no limit")
	cmd.Flags().StringVar(&f.replies, "replies", importers.RepliesDated,
		`two questionnaires of one respondent for one country: "dated" keeps the one with the later Cover date, "latest" also the file read last when the dates do not tell`)
}

// apply sets the password and the limits of the import options from the flags;
// the password comes from the environment when the flag is not given.
func (f *importFlags) apply(o *importers.Options) error {
	switch f.replies {
	case "", importers.RepliesDated, importers.RepliesLatest:
		o.Replies = f.replies
	default:
		return usagef("--replies: %q is not %s or %s", f.replies, importers.RepliesDated, importers.RepliesLatest)
	}
	o.Password = f.password
	if o.Password == "" {
		o.Password = os.Getenv(passwordEnv)
	}
	size, err := parseSize(f.maxSize)
	if err != nil {
		return usagef("--max-size: %v", err)
	}
	o.MaxUnpackedSize = size
	switch {
	case f.maxRows == -1:
		o.MaxRows = -1
	case f.maxRows <= 0:
		return usagef("--max-rows: %d is not a number of rows (give a positive number, or -1 for no limit)", f.maxRows)
	default:
		o.MaxRows = f.maxRows
	}
	return nil
}

// sizeUnits are the units parseSize accepts, in lower case.
var sizeUnits = map[string]float64{
	"": 1, "b": 1, "byte": 1, "bytes": 1,
	"k": 1 << 10, "kib": 1 << 10, "kb": 1e3,
	"m": 1 << 20, "mib": 1 << 20, "mb": 1e6,
	"g": 1 << 30, "gib": 1 << 30, "gb": 1e9,
}

// parseSize reads a size such as "256MiB", "1.5 GiB", "500MB" or "1048576": a
// number and a unit, binary (KiB, MiB, GiB, and K, M, G) or decimal (KB, MB,
// GB), case ignored. "none" (or "unlimited", or -1) means no limit, returned as
// -1.
func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "none", "unlimited", "-1":
		return -1, nil
	}
	i := strings.IndexFunc(t, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.') })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], strings.TrimSpace(t[i:])
	}
	mult, ok := sizeUnits[unit]
	v, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || num == "" {
		return 0, fmt.Errorf(`%q is not a size (write it as 256MiB, 1GiB, 500MB or a number of bytes, or "none" for no limit)`, s)
	}
	bytes := v * mult
	if bytes < 1 || bytes > 1<<62 {
		return 0, fmt.Errorf("%q is out of range (at least 1 byte)", s)
	}
	return int64(bytes), nil
}
