#!/usr/bin/python3
"""Writes the LibreOffice fixtures of testdata/import/cells/ with LibreOffice Calc
(Debian packages libreoffice-calc-nogui and python3-uno), driven through UNO:

  cells_synthetic_libreoffice.xlsx  a synthetic long-layout survey with the traps of
                                    real files: a two-row header whose "Country" and
                                    "Item" cells are merged down and whose "Answer"
                                    heading is merged across Status, Evidence and
                                    Comment; statuses typed as numbers (0.5 shown as
                                    50 %); a status computed by a formula; dates in
                                    evidence and comment cells; a hidden row; a
                                    hidden sheet; trailing formatted empty rows and
                                    columns.
  cells_synthetic_libreoffice.xlsm  the same workbook saved as a macro-enabled
                                    workbook (.xlsm).
  cells_synthetic_password.xlsx     the same workbook protected with the password
                                    "synthetic" (ECMA-376 standard encryption, AES-128,
                                    as Excel 2007 writes it; LibreOffice 7.4 writes no
                                    other kind).

Run: /usr/bin/python3 make_libreoffice.py   (takes a few seconds)
"""
import os
import shutil
import subprocess
import tempfile
import time

import uno
from com.sun.star.beans import NamedValue, PropertyValue

here = os.path.dirname(os.path.abspath(__file__))
out_dir = os.path.join(here, "..")


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def encryption(password):
    """The media descriptor entry that makes LibreOffice encrypt an OOXML file, as
    its Save dialog does with "Save with password"."""
    values = []
    for name, value in [("OOXPassword", password), ("CryptoType", "Standard")]:
        nv = NamedValue()
        nv.Name, nv.Value = name, value
        values.append(nv)
    return prop("EncryptionData", uno.Any("[]com.sun.star.beans.NamedValue", tuple(values)))


def start_office(profile):
    pipe = "gapstudy_fixtures_%d" % os.getpid()
    proc = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--nologo", "--norestore",
        "-env:UserInstallation=file://" + profile,
        "--accept=pipe,name=%s;urp;" % pipe,
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(100):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return proc, ctx
        except Exception:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("soffice did not start")


def build(doc):
    sheets = doc.Sheets
    ws = sheets.getByIndex(0)
    ws.Name = "Answers"
    formats = doc.NumberFormats
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")

    def fmt(code):
        key = formats.queryKey(code, locale, False)
        if key == -1:
            key = formats.addNew(code, locale)
        return key

    def cell(name):
        return ws.getCellRangeByName(name)

    # Rows 1-2: the two-row header.
    for name, text in [("A1", "Country"), ("B1", "Item"), ("C1", "Answer"),
                       ("C2", "Status"), ("D2", "Evidence"), ("E2", "Comment")]:
        cell(name).String = text
    ws.getCellRangeByName("A1:A2").merge(True)
    ws.getCellRangeByName("B1:B2").merge(True)
    ws.getCellRangeByName("C1:E1").merge(True)

    # Rows 3-8: answers.
    cell("A3").String, cell("B3").String, cell("C3").Value = "AT", "D-3.4", 1
    cell("D3").String = "StGB § 207"
    cell("A4").String, cell("B4").String, cell("C4").Value = "BE", "D-3.5", 0.5
    cell("C4").NumberFormat = fmt("0%")                      # shown as 50%
    cell("A5").String, cell("B5").String = "CZ", "D-5.2"
    cell("C5").Formula = '=IF(1>0;"yes";"no")'               # computed: "yes"
    cell("A6").String, cell("B6").String, cell("C6").String = "DE", "D-3.4", "partly"
    cell("D6").Value = 45366                                 # 2024-03-15
    cell("D6").NumberFormat = fmt("DD/MM/YYYY")
    cell("E6").Value = 45366.5                               # 2024-03-15 12:00
    cell("E6").NumberFormat = fmt("YYYY-MM-DD HH:MM")
    cell("A7").String, cell("B7").String, cell("C7").String = "EE", "D-3.5", "no"
    ws.getRows().getByIndex(6).IsVisible = False             # row 7 hidden
    cell("A8").String, cell("B8").String, cell("C8").String = "FI", "D-5.2", "n/a"
    cell("E8").Value = 12.5                                  # a plain number stays a number
    # Trailing empty rows and columns that only carry formatting.
    ws.getCellRangeByName("A9:E30").CellBackColor = 0xFFF2CC
    ws.getCellRangeByName("F1:H30").CellBackColor = 0xFFF2CC

    # A hidden sheet with more answers.
    sheets.insertNewByName("Late answers", 1)
    extra = sheets.getByName("Late answers")
    for i, row in enumerate([["Country", "Item", "Status"], ["HR", "D-3.4", "yes"]]):
        for j, v in enumerate(row):
            extra.getCellByPosition(j, i).String = v
    extra.IsVisible = False


def main():
    work = tempfile.mkdtemp()
    profile = os.path.join(work, "profile")
    proc, ctx = start_office(profile)
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
        build(doc)
        doc.calculateAll()
        outputs = [
            ("cells_synthetic_libreoffice.xlsx", (prop("FilterName", "Calc MS Excel 2007 XML"),)),
            ("cells_synthetic_libreoffice.xlsm", (prop("FilterName", "Calc MS Excel 2007 VBA XML"),)),
            ("cells_synthetic_password.xlsx", (prop("FilterName", "Calc MS Excel 2007 XML"),
                                               encryption("synthetic"))),
        ]
        for name, props in outputs:
            path = os.path.join(work, name)
            uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(path),
                                           uno.Any("[]com.sun.star.beans.PropertyValue", props)))
            if not os.path.getsize(path):
                raise SystemExit("LibreOffice wrote no " + name)
            shutil.copy(path, os.path.join(out_dir, name))
            print("wrote", os.path.normpath(os.path.join(out_dir, name)))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)


main()
