"""Importing registers kept in spreadsheets: read every row, check it, and write all or nothing.

`register_file` reads a CSV file; `commitment_file` and `kpi_file` say what their columns mean;
`attendance`, `commitments` and `kpis` match and write the rows inside `all_or_nothing`;
`commands` are the `flask import ...` commands.
"""
