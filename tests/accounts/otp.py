"""Compute the code a person's authenticator app shows, as a test would need it."""

import time

from django_otp.oath import TOTP


def totp_code(device) -> str:
    """The code for now, or for the next time step if now's code was already used
    (the device accepts one step ahead, and never the same step twice)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time = device.t0 + (device.last_t + 1) * device.step
    return f"{totp.token():0{device.digits}d}"
