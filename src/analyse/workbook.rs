//! The analysis workbook (`analysis.xlsx`).
