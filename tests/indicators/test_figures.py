"""Each indicator on the scripted year (tests/indicators/dataset.py), whose
answers are known by construction."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.figures import indicator_tables
from indicators.periods import Period
from members.models import Theme

from .conftest import values

pytestmark = pytest.mark.django_db


def test_every_table_has_a_unique_key_and_cells_in_column_order(scripted, tables_for):
    found = indicator_tables(period=Period.year(2025))
    assert len({table.key for table in found}) == len(found) >= 20
    for table in found:
        assert all(len(cells) == len(table.columns) for _label, cells in table.rows), table.key


def test_membership_applications_and_time_to_decision_across_time_zones(scripted, tables_for):
    tables = tables_for()
    assert values(tables["membership-applications"]) == {
        "Demandes reçues": [3],  # 1 Mar, 5 Jan, 31 Dec 2025 23:30 (Douala); not 31 Dec 2024, not 1 Jan 2026 00:15
        "Demandes décidées": [3],  # including 1 Jan 2025 00:30 in Douala, still 2024 in UTC
        "Demandes approuvées": [2],
        "Demandes rejetées": [1],
    }
    # 10 days (from the first submission, not the resubmission), 4 days, 1 hour: the median is 4.
    assert values(tables["membership-delay"]) == {"Soumission → décision": [3, 4.0]}


def test_a_quarter_ends_at_local_midnight(scripted, tables_for):
    first = tables_for(Period.quarter(2025, 1))
    assert values(first["membership-applications"])["Demandes reçues"] == [2]
    assert values(first["membership-applications"])["Demandes décidées"] == [3]
    last = tables_for(Period.quarter(2025, 4))
    assert values(last["membership-applications"])["Demandes reçues"] == [1]
    # 1 Jan 2026 00:15 in Douala belongs to 2026, even though it is 2025 in UTC.
    assert values(tables_for(Period.between(dt.date(2026, 1, 1), dt.date(2026, 1, 1)))["membership-applications"])["Demandes reçues"] == [1]


def test_members_per_country_and_domain(scripted, tables_for):
    tables = tables_for()
    per_country = values(tables["members-country"])
    assert per_country["Cameroun"] == [2]  # the withdrawn one is not a member
    assert per_country["Gabon"] == [1]  # the one who joined in 2026 is not counted for 2025
    assert per_country["Tchad"] == [0]
    per_domain = values(tables["members-domain"])
    assert per_domain[Theme.objects.get(code="civic-space").label] == [3]
    assert per_domain[Theme.objects.get(code="womens-rights").label] == [1]
    assert sum(v[0] for v in per_domain.values()) == 4
    only_gabon = tables_for(country="GA")
    assert values(only_gabon["members-country"]) == {"Gabon": [1]}


def test_fundraising_steps_amounts_and_success_rates(scripted, tables_for):
    tables = tables_for()
    assert values(tables["fundraising-opportunities"]) == {
        "Opportunités repérées": [3],
        "Go du COPIL": [2],
        "Soumises au bailleur": [3],
        "Financements obtenus": [1],
    }
    amounts = values(tables["fundraising-amounts"])
    # EUR 15 000 at the recorded 655.957 = 9 839 355 XAF
    assert amounts["EUR"] == [Decimal("15000"), Decimal("15000"), Decimal("9839355.00"), Decimal("9839355.00")]
    assert amounts["XAF"] == [Decimal("3000000"), Decimal("1000000"), Decimal("3000000.00"), Decimal("1000000.00")]
    assert amounts["Total converti en XAF"] == [None, None, Decimal("12839355.00"), Decimal("10839355.00")]
    assert any("655.957" in note for note in tables["fundraising-amounts"].notes)
    per_funder = list(values(tables["fundraising-success-funder"]).values())
    assert per_funder == [[2, 1, 50.0]]  # the other funder answered in 2026
    per_theme = values(tables["fundraising-success-theme"])
    assert list(per_theme.values()) == [[1, 1, 100.0]]


def test_joint_proposals_and_partners(scripted, tables_for):
    tables = tables_for()
    assert values(tables["proposals"]) == {
        "En préparation aujourd'hui": [1],  # the one opened in 2026 is not counted for 2025
        "Soumises au bailleur": [2],
        "Financées": [1],
    }
    assert values(tables["proposals-partners"]) == {"Cameroun": [2], "Gabon": [1]}


def test_emergency_requests_by_urgency_gender_country(scripted, tables_for):
    tables = tables_for()
    # received in 2025: 3 critical (the fourth on 31 Dec 2024 in Douala), 3 high, 3 standard
    assert values(tables["emergency-urgency"]) == {"Critique (24 h)": [3], "Élevée (72 h)": [3], "Normale (10 jours)": [3]}
    # female 5, male 3, non-binary 1: the 1 is hidden, and the next smallest with it
    assert values(tables["emergency-gender"]) == {"Femme": [5], "Homme": ["<3"], "Non binaire": ["<3"], "Non précisé": [0]}
    per_country = values(tables["emergency-country"])
    assert per_country["Cameroun"] == [5] and per_country["Tchad"] == ["<3"] and per_country["Gabon"] == ["<3"]
    women = tables_for(gender="female")
    assert values(women["emergency-gender"]) == {"Femme": [5]}
    # 3 critical, 0 high, 2 standard: the 2 is hidden, and the 3 with it (zero singles no one out)
    assert values(women["emergency-urgency"]) == {"Critique (24 h)": ["<3"], "Élevée (72 h)": [0], "Normale (10 jours)": ["<3"]}


def test_emergency_delays_against_the_clocks_and_share_decided_in_time(scripted, tables_for):
    delays = values(tables_for()["emergency-delays"])
    # critical: 10 h, 25 h (late), 6 h, 1.5 h (across midnight and the year) -> median 8, 3 of 4 in 24 h;
    # two paid: hidden, and the high ones with them (the next smallest).
    assert delays["Critique (24 h)"] == [4, 24, 8.0, 75.0, "<3", "<3"]
    assert delays["Élevée (72 h)"] == [3, 72, 70.0, 66.7, "<3", "<3"]
    assert delays["Normale (10 jours)"] == [3, 240, 200.0, 66.7, 0, None]
    # all: 10 decided, 7 in time; first tranche after 24, 72, 96, 100, 120 h (refused ones ignored)
    assert delays["Toutes urgences"] == [10, None, 59.0, 70.0, 5, 96.0]


def test_emergency_amounts_disbursed(scripted, tables_for):
    tables = tables_for()
    per_fund = list(values(tables["emergency-paid-fund"]).values())
    # 100 000 + 100 000 + 3 × 300 000 + 5 × 50 000 later tranches (all in 2025)
    assert per_fund == [[5, Decimal("1350000.00")]]
    assert values(tables["emergency-paid-country"]) == {"Cameroun (XAF)": [5, Decimal("1350000.00")]}
    per_support = values(tables["emergency-paid-support"])
    assert per_support["Frais juridiques (XAF)"] == [3, Decimal("1050000.00")]
    assert per_support["Relocalisation temporaire (XAF)"] == ["<3", "<3"]
    assert per_support["Soins médicaux ou psychosociaux (XAF)"] == ["<3", "<3"]


def test_incidents_per_country_type_and_month(scripted, tables_for):
    tables = tables_for()
    per_country = values(tables["incidents-country"])
    assert (per_country["Cameroun"], per_country["Gabon"], per_country["Tchad"]) == ([4], [3], [0])  # unfounded and 2024 left out
    per_type = values(tables["incidents-type"])
    assert (per_type["Menace"], per_type["Arrestation ou détention"], per_type["Attaque numérique"]) == ([4], [3], [0])
    per_month = values(tables["incidents-month"])
    assert len(per_month) == 12
    assert (per_month["01/2025"], per_month["03/2025"], per_month["06/2025"]) == ([3], [4], [0])
