from .plan import Axis, Indicator, IndicatorValue

__all__ = ["Axis", "Indicator", "IndicatorValue"]
