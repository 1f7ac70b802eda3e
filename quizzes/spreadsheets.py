"""Cells for the CSV and XLSX exports (item statistics, gradebooks)."""

# A cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Return `text` so that a spreadsheet shows it instead of running it as a formula (CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
