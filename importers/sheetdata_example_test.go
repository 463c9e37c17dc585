package importers_test

import (
	"fmt"
	"log"
	"reflect"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

func ExampleEngine() {
	checklist, err := gapanalysis.Builtin()
	if err != nil {
		log.Fatal(err)
	}
	// The same workbook read with each engine: the sheet-data reader (the
	// default) and excelize's row iterator.
	var got []*gapanalysis.Dataset
	for _, engine := range []importers.Engine{importers.EngineFast, importers.EngineExcelize} {
		ds, err := importers.Open("../testdata/synthetic-eu27-survey.xlsx",
			&importers.Options{Checklist: checklist, Engine: engine})
		if err != nil {
			log.Fatal(err)
		}
		a := ds.Accounts[0]
		fmt.Printf("%-8s %s: %d rows read, %d responses\n", engine, a.Sheet, a.RowsRead, ds.Responses.Len())
		got = append(got, ds)
	}
	// openpyxl counts the same 3,882 non-empty rows below the header.
	fmt.Println("same responses:", reflect.DeepEqual(got[0].Responses, got[1].Responses))
	// Output:
	// fast     Survey: 4523 rows read, 4523 responses
	// excelize Survey: 4523 rows read, 4523 responses
	// same responses: true
}
