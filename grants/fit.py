"""The fit score of a call: 0–100 in five parts of 20 points, each explained.

Parts are stored as plain data (points and the facts behind them); the
sentence that explains each part is written when it is shown, in the
reader's language.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import country_name

from .money import convert, format_money

PART_POINTS = 20
PARTS = ("theme", "country", "amount", "eligibility", "capacity")


def network_profile():
    """The network's themes and countries: those of its member organisations
    in good standing (all themes and configured countries before there are any)."""
    from members.models import Organisation, Theme

    members = Organisation.objects.in_network()
    theme_ids = set(Theme.objects.filter(organisations__in=members).values_list("pk", flat=True))
    countries = set(members.values_list("country", flat=True))
    if not theme_ids:
        theme_ids = set(Theme.objects.values_list("pk", flat=True))
    if not countries:
        countries = {code for code, _label in settings.RELAIS_COUNTRIES}
    return theme_ids, countries


def usual_range():
    """The network's usual grant range (settings.RELAIS_GRANT_RANGE)."""
    config = getattr(settings, "RELAIS_GRANT_RANGE", {"currency": "EUR", "min": "10000", "max": "500000"})
    return Decimal(str(config["min"])), Decimal(str(config["max"])), config["currency"]


def score_parts(*, opportunity, eligibility_met: bool, capacity_rating: int) -> list[dict]:
    theme_ids, network_countries = network_profile()
    parts = []

    # Theme: the share of the call's themes the network works on.
    call_themes = list(opportunity.themes.all())
    matched = [t for t in call_themes if t.pk in theme_ids]
    if not call_themes:
        parts.append({"code": "theme", "points": PART_POINTS // 2, "case": "unknown", "matched": [], "total": 0})
    else:
        points = round(PART_POINTS * len(matched) / len(call_themes))
        parts.append({"code": "theme", "points": points, "case": "ratio",
                      "matched": [t.code for t in matched], "total": len(call_themes)})

    # Country: at least one member country eligible, more is better.
    eligible = set(opportunity.country_codes)
    if not eligible:
        parts.append({"code": "country", "points": PART_POINTS, "case": "open", "matched": [], "total": len(network_countries)})
    else:
        overlap = sorted(eligible & network_countries)
        points = 0 if not overlap else PART_POINTS // 2 + round(PART_POINTS / 2 * len(overlap) / len(network_countries))
        parts.append({"code": "country", "points": points, "case": "ratio", "matched": overlap, "total": len(network_countries)})

    # Amount: within the network's usual range (converted at a recorded rate if need be).
    low, high, range_currency = usual_range()
    amount_part = {"code": "amount", "range": [str(low), str(high), range_currency]}
    if opportunity.amount_min is None and opportunity.amount_max is None:
        amount_part.update(points=PART_POINTS // 2, case="unknown")
    else:
        call_low = opportunity.amount_min if opportunity.amount_min is not None else opportunity.amount_max
        call_high = opportunity.amount_max if opportunity.amount_max is not None else opportunity.amount_min
        amount_part["call"] = [str(call_low), str(call_high), opportunity.currency]
        if opportunity.currency != range_currency:
            low_conv = convert(call_low, opportunity.currency, range_currency)
            high_conv = convert(call_high, opportunity.currency, range_currency)
            if low_conv is None or high_conv is None:
                amount_part.update(points=PART_POINTS // 2, case="no_rate")
                parts.append(amount_part)
                amount_part = None
            else:
                call_low, call_high = low_conv.amount, high_conv.amount
                amount_part["rate"] = [str(low_conv.rate), low_conv.rate_date.isoformat()]
        if amount_part is not None:
            if call_high < low:
                amount_part.update(points=PART_POINTS // 4, case="below")
            elif call_low > high:
                amount_part.update(points=PART_POINTS // 4, case="above")
            else:
                amount_part.update(points=PART_POINTS, case="within")
    if amount_part is not None:
        parts.append(amount_part)

    parts.append({"code": "eligibility", "points": PART_POINTS if eligibility_met else 0, "case": "yes" if eligibility_met else "no"})
    parts.append({"code": "capacity", "points": capacity_rating * PART_POINTS // 5, "rating": capacity_rating})
    for part in parts:
        part["max"] = PART_POINTS
    return parts


def total(parts) -> int:
    return max(0, min(100, sum(int(part["points"]) for part in parts)))


PART_LABELS = {
    "theme": lambda: _("Thèmes"),
    "country": lambda: _("Pays"),
    "amount": lambda: _("Montant"),
    "eligibility": lambda: _("Éligibilité"),
    "capacity": lambda: _("Capacité du réseau"),
}


def explain(part: dict) -> str:
    """One sentence, in the current language, saying why this part scored so."""
    code, case = part.get("code"), part.get("case")
    if code == "theme":
        if case == "unknown":
            return _("L'appel ne précise pas de thème : score moyen.")
        from members.models import Theme

        names = [t.label for t in Theme.objects.filter(code__in=part.get("matched", []))]
        return ngettext(
            "%(matched)d thème de l'appel sur %(total)d est travaillé par le réseau%(names)s.",
            "%(matched)d thèmes de l'appel sur %(total)d sont travaillés par le réseau%(names)s.",
            len(names),
        ) % {"matched": len(names), "total": part.get("total", 0), "names": f" : {', '.join(names)}" if names else ""}
    if code == "country":
        if case == "open":
            return _("Aucune restriction de pays : tous les pays du réseau sont éligibles.")
        matched = part.get("matched", [])
        if not matched:
            return _("Aucun pays membre du réseau n'est éligible.")
        return _("%(count)d pays membre(s) éligible(s) sur %(total)d : %(names)s.") % {
            "count": len(matched),
            "total": part.get("total", 0),
            "names": ", ".join(country_name(code) for code in matched),
        }
    if code == "amount":
        low, high, currency = part.get("range", ["", "", ""])
        usual = _("habituellement %(low)s à %(high)s") % {
            "low": format_money(Decimal(low), currency) if low else "",
            "high": format_money(Decimal(high), currency) if high else "",
        }
        if case == "unknown":
            return _("Montant de l'appel non précisé : score moyen (%(usual)s).") % {"usual": usual}
        if case == "no_rate":
            return _(
                "Montant en %(currency)s et aucun taux de change enregistré vers %(range_currency)s : score moyen."
            ) % {"currency": part["call"][2], "range_currency": currency}
        rate = ""
        if part.get("rate"):
            rate = " " + _("(converti au taux %(rate)s du %(date)s)") % {"rate": part["rate"][0], "date": part["rate"][1]}
        call = _("%(low)s à %(high)s") % {
            "low": format_money(Decimal(part["call"][0]), part["call"][2]),
            "high": format_money(Decimal(part["call"][1]), part["call"][2]),
        }
        if case == "within":
            return _("Montant de l'appel (%(call)s) dans la fourchette du réseau, %(usual)s%(rate)s.") % {
                "call": call, "usual": usual, "rate": rate}
        if case == "below":
            return _("Montant de l'appel (%(call)s) en dessous de la fourchette du réseau, %(usual)s%(rate)s.") % {
                "call": call, "usual": usual, "rate": rate}
        return _("Montant de l'appel (%(call)s) au-dessus de la fourchette du réseau, %(usual)s%(rate)s.") % {
            "call": call, "usual": usual, "rate": rate}
    if code == "eligibility":
        if case == "yes":
            return _("L'évaluateur a vérifié que le réseau remplit les critères d'éligibilité.")
        return _("Selon l'évaluateur, le réseau ne remplit pas (ou pas encore) les critères d'éligibilité.")
    if code == "capacity":
        return _("Capacité du réseau à mener le projet estimée à %(rating)d sur 5.") % {"rating": part.get("rating", 0)}
    return ""


def explained(parts) -> list[dict]:
    return [
        {**part, "label": PART_LABELS.get(part.get("code"), lambda: part.get("code", ""))(), "explanation": explain(part)}
        for part in parts
    ]
