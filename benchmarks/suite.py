"""The benchmark suite: each measure against its baseline, in the same run.

Started by benchmarks/run (which provides PostgreSQL, Redis and the
environment); see benchmarks/README.md. Prints one table at the end and
keeps it, with the EXPLAIN output, in var/bench/last-run.txt. The measures
live in measures_http.py, measures_letters.py, measures_database.py and
measures_email.py; what they share in common.py.
"""

import argparse
import gc
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import django

from . import common
from .common import ROOT, row, say, table

MEASURES = ("http", "pdf", "count", "perform", "render", "email")


# --- the dataset -----------------------------------------------------------------------


def dataset_stamp(scale: float) -> str:
    digest = hashlib.sha256(f"scale={scale}".encode())
    for path in sorted([*ROOT.glob("*/migrations/*.py"), *ROOT.glob("*/*/migrations/*.py"), ROOT / "benchmarks/dataset.py"]):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_dataset(args):
    bench_dir = Path(os.environ["RELAIS_BENCH_DIR"])
    stamp_file = bench_dir / "dataset.stamp"
    want = dataset_stamp(args.scale)
    if not args.reload and stamp_file.exists() and stamp_file.read_text().strip() == want:
        say(f"dataset: reused ({bench_dir}/pg; migrations, generator and scale unchanged)")
        return False
    pg_bin = os.environ["RELAIS_BENCH_PG_BIN"]
    port = os.environ["RELAIS_BENCH_PG_PORT"]
    say("dataset: (re)loading: migrations, the generator or the scale changed, or --reload")
    stamp_file.unlink(missing_ok=True)
    common = ["-h", "127.0.0.1", "-p", port, "-U", "postgres"]
    subprocess.run([f"{pg_bin}/dropdb", *common, "--if-exists", "relais"], check=True)
    subprocess.run([f"{pg_bin}/createdb", *common, "relais"], check=True)
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from benchmarks import dataset

    figures = dataset.load(args.scale, stdout=sys.stdout)
    dataset.vacuum_analyze()
    seconds = time.perf_counter() - start
    say(
        f"dataset: loaded in {seconds:.0f} s (migrations included): {figures['dossiers']:,} dossiers, "
        f"{figures['user_rows']:,} user + {figures['group_rows']:,} group permission rows, "
        f"{figures['users']:,} users, {figures['timeline']:,} timeline entries"
    )
    stamp_file.write_text(want)
    return True


# --- main ----------------------------------------------------------------------------------------------


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()
    return (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; nproc {os.cpu_count()}; load average {load[0]:.1f} {load[1]:.1f};"
        f" PostgreSQL {pg} (jit {jit}); Python {platform.python_version()}\n{memory}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="benchmarks/run", description=__doc__)
    parser.add_argument("--only", default=",".join(MEASURES), help=f"comma-separated, of: {', '.join(MEASURES)}")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 dossiers")
    parser.add_argument("--reload", action="store_true", help="load the dataset again")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page")
    parser.add_argument("--users", type=int, default=50, help="concurrent locust users")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--letters-1000", action="store_true", help="convert 1,000 letters (batch path only)")
    parser.add_argument("--pdf-sample", type=int, default=10, help="letters converted one by one when the batch path is missing")
    parser.add_argument("--pdf-all", action="store_true", help="without the batch path, convert all 50 one by one")
    parser.add_argument("--count-repeat", type=int, default=7)
    parser.add_argument("--render-repeat", type=int, default=20)
    parser.add_argument("--decisions", type=int, default=20)
    parser.add_argument("--email-timeout", type=float, default=30)
    parser.add_argument("--worker-concurrency", type=int, default=os.cpu_count() or 2,
                        help="Celery worker processes (prefork, as in production); default: the cores")
    args = parser.parse_args(argv)
    chosen = [m.strip() for m in args.only.split(",") if m.strip()]
    unknown = set(chosen) - set(MEASURES)
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(sorted(unknown))}")

    django.setup()
    started = time.perf_counter()
    ensure_dataset(args)
    say(machine())
    # Logs of gunicorn, locust and the worker, kept until the next run.
    work_dir = Path(os.environ["RELAIS_BENCH_DIR"]) / "last-run"
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    from .measures_database import measure_count, measure_perform
    from .measures_email import measure_email
    from .measures_http import measure_http
    from .measures_letters import measure_pdf, measure_render

    steps = {
        "http": lambda: measure_http(args, work_dir),
        "pdf": lambda: measure_pdf(args, work_dir),
        "count": lambda: measure_count(args),
        "perform": lambda: measure_perform(args),
        "render": lambda: measure_render(args),
        "email": lambda: measure_email(args, work_dir),
    }
    failed = []
    for name in MEASURES:
        if name not in chosen:
            continue
        say("")
        # What the measures before left in this process (1,000 letters'
        # objects, gunicorn's and locust's bookkeeping) must not make this
        # one pay for the garbage collector's walks over it: collected,
        # then set aside where the collector no longer walks.
        gc.collect()
        gc.freeze()
        try:
            steps[name]()
        except Exception as exc:  # one broken measure must not hide the others
            import traceback

            traceback.print_exc()
            failed.append(name)
            row(name, f"FAILED: {type(exc).__name__}: {exc}", "—", "—", "—", False)
    say("")
    say(f"benchmarks/run: finished in {time.perf_counter() - started:.0f} s")
    say("")
    say(table())
    out = Path(os.environ["RELAIS_BENCH_DIR"]) / "last-run.txt"
    out.write_text("\n".join(common.OUT) + "\n")
    print(f"\n(kept in {out})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
