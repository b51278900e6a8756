"""The annual report: a .docx from the period's figures and charts, and its PDF."""

from .document import ReportFailed, annual_report_docx, annual_report_pdf, report_context

__all__ = ["ReportFailed", "annual_report_docx", "annual_report_pdf", "report_context"]
