"""One page under load: locust --headless with BENCH_PATH (and BENCH_COOKIE,
a session cookie value) in the environment. Each simulated user requests the
page again as soon as the previous answer came back."""

import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_PATH"]
COOKIE = os.environ.get("BENCH_COOKIE", "")
EXPECT = int(os.environ.get("BENCH_EXPECT_STATUS", "200"))


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self):
        headers = {"Cookie": f"sessionid={COOKIE}"} if COOKIE else {}
        with self.client.get(PATH, headers=headers, name=PATH, catch_response=True, allow_redirects=False) as response:
            if response.status_code != EXPECT:
                response.failure(f"status {response.status_code}")
