"""The reviewer's table: one row per plan over a folder of plans, written as CSV or XLSX."""
