package importers

import "testing"

// setBigPartSize sets, for one test, the unpacked size above which a worksheet
// read by the sheet-data reader is a stub in what excelize is given (and above
// which excelize would unpack a worksheet into a temporary file), so that the
// tests need no 16 MiB sheet.
func setBigPartSize(t testing.TB, n int64) {
	t.Helper()
	old := bigPartSize
	bigPartSize = n
	t.Cleanup(func() { bigPartSize = old })
}
