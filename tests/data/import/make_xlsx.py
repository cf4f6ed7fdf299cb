"""Writes pipedrive_deals.xlsx (run from this folder: ../../../.venv/bin/python make_xlsx.py)."""

from datetime import date, datetime

from openpyxl import Workbook

wb = Workbook()
info = wb.active
info.title = "About"
info.append(["Exported from Pipedrive (test data)"])
ws = wb.create_sheet("Deals flow")
ws.append(["Deal - ID", "Deal - Title", "Deal - Owner", "Deal - Stage", "Deal - Stage change time",
           "Deal - Value", "Deal - Status", "Deal - Lost reason", "Deal - Deal created"])
ws.append([101, "Oscorp", "David Lindqvist", "Qualified", datetime(2026, 3, 2, 9, 0), 1500, "open", None,
           date(2026, 3, 2)])
ws.append([101, "Oscorp", "David Lindqvist", "Demo", datetime(2026, 3, 5, 15, 30), 1500, "open", None,
           date(2026, 3, 2)])
ws.append([102, "Hooli", "Grace Kim", "Qualified", 46085.5, 2500.5, "won", None, date(2026, 3, 3)])  # serial date
ws.append([102, "Hooli", "Grace Kim", "Demo", "2026-03-09T10:00:00Z", 2500.5, "won", None, date(2026, 3, 3)])
ws.append([102, "Hooli", "Grace Kim", "Won", datetime(2026, 3, 20, 12, 0), 2500.5, "won", None, date(2026, 3, 3)])
ws.append([None, None, None, None, None, None, None, None, None])  # a blank row
ws.append([103, "Pied Piper", "David Lindqvist", "Qualified", datetime(2026, 3, 4, 8, 0), None, "lost", "Timing",
           date(2026, 3, 4)])
for row in ws.iter_rows(min_row=2):
    for cell in row:
        if isinstance(cell.value, (datetime, date)):
            cell.number_format = "yyyy-mm-dd hh:mm"
wb.save("pipedrive_deals.xlsx")
