"""A stand-in app's demo hook, to prove load_demo calls it after the users."""

from accounts.demo import demo_user
from accounts.roles import Role

calls = []


def load(stdout):
    calls.append(demo_user(Role.CASE_OFFICER).email)
    stdout.write("hookapp demo loaded\n")
