"""Demo data of the indicators: a year of dated activity for the page,
then the action plan's axes and targets (whose computed sources read it)."""

from . import demo_year
from .plan import demo as plan_demo


def load(stdout):
    demo_year.load(stdout)
    plan_demo.load(stdout)
