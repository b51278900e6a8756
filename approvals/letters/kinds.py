"""The letter kinds and the variables each one provides to its templates.

This registry is the contract between three parties: dossier kinds (their
`letter_context()` returns the kind's own keys), the letters engine (which
adds the common keys) and administrators' templates (checked on upload
against it: a template may read these names and nothing else).

Each key maps to a sample value, used to try a template at upload; the
sample's shape (str, list of str, dict, list of dicts) is the key's shape.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Added by the letters engine to every letter.
NETWORK_SAMPLE = {
    "name": "DEFI",
    "long_name": "Réseau des défenseurs des droits humains en Afrique centrale",
    "address": "B.P. 0000, Douala, Cameroun",
    "email": "secretariat@example.org",
    "signatory": "Marie Ngo",
    "signatory_title": "Présidente du comité de pilotage",
    "logo": "",
}
ENGINE_KEYS = {
    "network": NETWORK_SAMPLE,
    "letter_reference": "LET-2026-0001",
    "committee_name": "Comité de pilotage (COPIL)",
    "decision_reference": "COPIL-2026-001",
    "decision_date": "12 mars 2026",
    "outcome": "Approuvé",
    "conditions": "Conditions",
    "amount": "1 500 000",
    "currency": "XAF",
    "today": "12 mars 2026",
    "language": "fr",
    "verification_code": "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23",
    "verify_url": "https://relais.example.org/verify/",
}
# Returned by every dossier's letter_context().
DOSSIER_KEYS = {
    "recipient_name": "Jeanne Mballa",
    "dossier_reference": "ADH-2026-0007",
    "dossier_title": "Titre du dossier",
}
# The engine's keys a document that is no letter reads.
DOCUMENT_KEYS = ("network", "today", "language")
# The annual report (indicators.annual_report): the period, and each figure
# as a table of shown values ("<3" for a suppressed cell) with its chart.
REPORT_TABLE_SAMPLE = {
    "key": "requests-by-country",
    "title": "Demandes par pays",
    "description": "Demandes reçues pendant la période",
    "label_header": "Pays",
    "columns": ["Reçues", "Accordées"],
    "rows": [{"label": "Cameroun", "cells": ["12", "<3"]}],
    "notes": ["Les cellules de moins de 3 personnes sont masquées."],
    "unit": "",
    "chart": "",  # the chart's image in a real report
}
REPORT_KEYS = {
    "report_title": "Rapport annuel 2026",
    "year": "2026",
    "period": "01/01/2026 – 31/12/2026",
    "period_start": "1 janvier 2026",
    "period_end": "31 décembre 2026",
    "facts": [{"label": "Organisations membres", "value": "24"}],
    "tables": [REPORT_TABLE_SAMPLE],
    "small_cell": "3",
}
ORGANISATION_KEYS = {
    "organisation_name": "Association des juristes",
    "organisation_acronym": "ADJ",
    "country": "Cameroun",
}


@dataclass(frozen=True)
class LetterKind:
    code: str
    label: object
    keys: dict = field(default_factory=dict)  # the kind's own keys -> sample values
    follows_decision: bool = True
    # Keys a dossier may give or not: the sample value's type gives the empty default.
    optional: dict = field(default_factory=dict)
    # A document of the network's that is no letter about a dossier (the
    # annual report): only the network, the date and the language of the engine's keys.
    about_dossier: bool = True
    # Characters of text a render may write (None: a letter's, sandbox.MAX_TEXT).
    text_budget: int | None = None

    @property
    def variables(self) -> dict:
        """Every name a template of this kind may read, with a sample value."""
        if not self.about_dossier:
            return {**{key: ENGINE_KEYS[key] for key in DOCUMENT_KEYS}, **self.optional, **self.keys}
        return {**ENGINE_KEYS, **DOSSIER_KEYS, **self.optional, **self.keys}

    def defaults(self) -> dict:
        """Empty values for the optional keys ("" or [] or {})."""
        return {key: type(sample)() for key, sample in self.optional.items()}


_kinds = [
    LetterKind(
        "membership_approved", _("Adhésion approuvée"), ORGANISATION_KEYS, optional={"directory_reference": "ORG-2026-0012"}
    ),
    LetterKind(
        "membership_rejected",
        _("Adhésion refusée"),
        ORGANISATION_KEYS,
        optional={"reasons": ["Statuts non fournis"]},
    ),
    LetterKind(
        "information_requested",
        _("Demande d'informations complémentaires"),
        {**ORGANISATION_KEYS, "requested_items": ["Statuts signés", "Récépissé"]},
        follows_decision=False,
    ),
    LetterKind("opportunity_go", _("Opportunité retenue (go)"), {"opportunity_title": "Appel", "funder_name": "Fondation"}),
    LetterKind("opportunity_no_go", _("Opportunité écartée (no go)"), {"opportunity_title": "Appel", "funder_name": "Fondation"}),
    LetterKind(
        "proposal_validated",
        _("Projet commun validé"),
        {"proposal_title": "Projet", "lead_organisation": "ADJ", "partners": ["Partenaire A", "Partenaire B"]},
    ),
    LetterKind(
        "proposal_changes_requested",
        _("Projet commun : modifications demandées"),
        {"proposal_title": "Projet", "lead_organisation": "ADJ", "partners": ["Partenaire A", "Partenaire B"]},
    ),
    LetterKind(
        "emergency_granted",
        _("Soutien d'urgence accordé"),
        {"beneficiary_code": "COLIBRI-12", "country": "Tchad", "support_types": ["Relogement temporaire"]},
    ),
    LetterKind(
        "emergency_declined",
        _("Soutien d'urgence refusé"),
        {"beneficiary_code": "COLIBRI-12", "country": "Tchad", "support_types": ["Relogement temporaire"]},
    ),
    LetterKind(
        "document_adopted",
        _("Document de groupe de travail adopté"),
        {
            "document_title": "Plan d'action 2026",
            "document_kind": "Plan d'action",
            "working_group": "Groupe de travail Adhésion et gouvernance",
            "audience": "les membres du réseau",
            "version_number": "2",
        },
    ),
    LetterKind(
        "meeting_minutes",
        _("Procès-verbal de réunion"),
        {
            "committee_name": "Comité de pilotage (COPIL)",
            "meeting_title": "Réunion trimestrielle",
            "meeting_kind": "Réunion trimestrielle",
            "meeting_date": "12 mars 2026",
            "meeting_place": "En ligne",
            "attendees": ["Marie Ngo", "Paul Obiang"],
            "absentees": ["Awa Deby"],
            "agenda": ["COPIL — ADH-2026-0007"],
            "decisions": [{"reference": "COPIL-2026-001", "dossier": "ADH-2026-0007", "outcome": "Approuvé"}],
            "notes": "",
        },
        follows_decision=False,
    ),
    LetterKind(
        "annual_report",
        _("Rapport annuel"),
        REPORT_KEYS,
        follows_decision=False,
        about_dossier=False,
        text_budget=2_000_000,
    ),
    LetterKind(
        "election_minutes",
        _("Procès-verbal d'élection"),
        {
            "committee_name": "Comité de pilotage (COPIL)",
            "election_title": "Élection du COPIL 2027-2029",
            "seats": "5",
            "term_start": "1 janvier 2027",
            "term_end": "31 décembre 2029",
            "counted_date": "12 décembre 2026",
            "rules": ["Au plus 2 élu·es par pays", "Au moins 2 femmes élues"],
            "organisations_count": "12",
            "votes_cast": "11",
            "blank_ballots": "0",
            "results": [
                {"rank": "1", "name": "Marie Ngo", "organisation": "ADJ", "country": "Cameroun", "votes": "9",
                 "outcome": "Élue", "note": ""}
            ],
            "elected": ["Marie Ngo (ADJ, Cameroun)"],
            "tie_seed": "3f2a",
            "ties": "",
        },
        follows_decision=False,
    ),
]

LETTER_KINDS: dict[str, LetterKind] = {kind.code: kind for kind in _kinds}
KIND_CHOICES = [(kind.code, kind.label) for kind in _kinds]


def sample_context(kind: str) -> dict:
    return dict(LETTER_KINDS[kind].variables)
