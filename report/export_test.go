package report

// SetDataSheetRows sets the number of rows a Data sheet holds (header row
// included) and returns a function that restores it.
func SetDataSheetRows(n int) (restore func()) {
	old := dataSheetRows
	dataSheetRows = n
	return func() { dataSheetRows = old }
}
