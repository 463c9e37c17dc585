# Writes register-openpyxl.xlsx, a known-issues register as a spreadsheet
# program other than Excel writes it: a title row above the header, headers
# with other names and accents, real date cells and a second sheet of notes.
# Run with /usr/bin/python3 (openpyxl) from this folder.
import datetime
import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Register"
ws.append(["Known issues raised before the study (example register)"])
ws.append([])
ws.append(["Member State", "Item ID", "Raised in", "Date raised", "Remarks", "Owner"])
rows = [
    ["Austria", "D-3.4", "COM(2016) 871", datetime.date(2016, 12, 16), "Offence defined too narrowly", "team A"],
    ["Belgique", "art 3 (4)", "INFR(2019)2215", datetime.date(2019, 7, 25), None, None],
    ["DE", "D-3.5.i", "COM(2016) 871", "December 2016", None, None],
    ["Atlantis", "D-3.4", "COM(2016) 871", None, None, None],
    ["FR", "D-99", "COM(2016) 871", None, None, None],
    ["IT", "D-3.5.ii", None, datetime.date(2019, 1, 24), None, None],
]
for r in rows:
    ws.append(r)
for row in ws.iter_rows(min_row=4, min_col=4, max_col=4):
    for c in row:
        if isinstance(c.value, datetime.date):
            c.number_format = "dd/mm/yyyy"
notes = wb.create_sheet("Read me")
notes.append(["One row per problem found earlier; the verdicts come from the current survey."])
wb.save("register-openpyxl.xlsx")
