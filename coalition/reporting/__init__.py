"""What the dashboard and the steering-group report show: the period figures both read
(`period_figures`), the dashboard, the report, and the charts drawn for them.
"""
