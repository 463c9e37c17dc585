#!/usr/bin/python3
"""Writes ../long_synthetic_cp1252_semicolon.csv: a synthetic long-layout survey
as Excel on a French or German Windows saves "CSV (separator: semicolon)" —
Windows-1252 bytes, semicolons, CRLF line ends, a comma as decimal mark, a quoted
field holding a semicolon, and an empty line.

Run: /usr/bin/python3 make_cp1252.py
"""
import os

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "long_synthetic_cp1252_semicolon.csv")

lines = [
    "Pays;Item;Réponse;Commentaire",
    "Österreich;D-3.4;oui;\"Loi pénale § 207; article 2\"",
    "España;D-3.5;sí;",
    "Danmark;D-5.2;nej;",
    "",
    "Ísland;D-3.4;já;",
    "Éire;D-3.5;tá;",
    "Sverige;D-3.5;delvis;«partiel»",
    "France;BP-HOTLINE;partiellement;",
    "Deutschland;N-CASES;12,5;Anzahl der Fälle",
    "Frankreich;D-3.4;non;",
]
with open(out, "w", encoding="cp1252", newline="") as f:
    f.write("\r\n".join(lines) + "\r\n")
print("wrote", out)
