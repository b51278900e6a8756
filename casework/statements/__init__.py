"""Statements of an emergency fund for its donors, per fund and period.

What comes in (contributions, per funder of the donor map) and what goes
out (commitments and disbursements), the latter by country, support type,
profile and gender of the people helped. Anonymised: no case reference, no
code name, no name, no date finer than the period. Suppressed: in every
breakdown, a group of fewer than SMALL_CELL people shows "<3", and its
amounts are hidden with it (indicators.tables.suppress, which also hides
the next smallest group when only one would be hidden).

The ledger (`ledger` table) is the fund's own books: its all-time column
equals the fund's running totals to the unit (tests/casework/test_statements.py).
"""

from .build import Statement, statement_build

__all__ = ["Statement", "statement_build"]
