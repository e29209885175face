//! The analysis page (`analysis.html`).
