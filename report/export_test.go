package report

// SetSheetRows sets the number of rows a Data or Reconcile sheet holds
// (header row included) and returns a function that restores it.
func SetSheetRows(n int) (restore func()) {
	old := sheetRows
	sheetRows = n
	return func() { sheetRows = old }
}
