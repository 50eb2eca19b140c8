"""Profile the app's script runs on a real server with pyinstrument, and say where the time went.

Starts the server under a profiler (each script run of each page is recorded in the script
thread, where the page's own code runs), opens every page in headless Chromium a few times,
changes the filters bench/run.py times, stops the server and prints, per page, the call tree
of all its runs (pyinstrument's text view, frames under 2% hidden). With --html DIR it also
writes one HTML report per page.

Run: python -m bench.profile [--size 10] [--html /tmp/profiles]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _serve_profiled(out_dir: Path, streamlit_args: list[str]) -> None:
    """Child process: run `streamlit run` with every ScriptRunner._run_script wrapped in a profiler."""
    from pyinstrument import Profiler
    from pyinstrument.session import Session
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    sessions: dict[str, list] = defaultdict(list)
    original = script_runner.ScriptRunner._run_script

    def profiled(self, rerun_data):
        page = rerun_data.page_name or "(first page)"
        if rerun_data.fragment_id_queue:
            page += " [fragment]"
        elif rerun_data.widget_states is not None and rerun_data.widget_states.widgets:
            page += " [rerun]"
        profiler = Profiler(interval=0.002)
        profiler.start()
        try:
            return original(self, rerun_data)
        finally:
            profiler.stop()
            sessions[page].append(profiler.last_session)
            write(page)  # now, not at exit: the server is stopped with a signal

    def write(page: str) -> None:
        from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer

        runs = sessions[page]
        combined = runs[0]
        for run in runs[1:]:
            combined = Session.combine(combined, run)
        name = "".join(c if c.isalnum() else "_" for c in page)
        text = ConsoleRenderer(unicode=False, color=False, show_all=False, time="seconds").render(combined)
        (out_dir / f"{name}.txt").write_text(f"{page}: {len(runs)} runs\n{text}")
        (out_dir / f"{name}.html").write_text(HTMLRenderer().render(combined))

    script_runner.ScriptRunner._run_script = profiled
    sys.argv = ["streamlit", "run", *streamlit_args]
    try:
        cli.main()
    except SystemExit:
        pass


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        _serve_profiled(Path(sys.argv[2]), sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1, help="data size: 1 = shipped, N = bench/synth.py at Nx")
    parser.add_argument("--repeat", type=int, default=2, help="cold opens of each page")
    parser.add_argument("--html", type=Path, default=None, help="also keep the HTML reports here")
    parser.add_argument("--lines", type=int, default=60, help="lines of each call tree to print")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from bench import browser as b
    from bench.run import EXTRA_PAGES, FILTERS
    from bench.synth import write_package

    with tempfile.TemporaryDirectory(prefix="bench-profile-") as scratch:
        data_dir = ROOT / "data"
        if args.size != 1:
            data_dir = Path(scratch) / f"x{args.size}"
            write_package(args.size, data_dir)
        out_dir = args.html or Path(scratch) / "profiles"
        out_dir.mkdir(parents=True, exist_ok=True)
        launcher = [sys.executable, "-m", "bench.profile", "--serve", str(out_dir)]
        env = {"SUPPLYCHAIN_DATA_DIR": str(data_dir)}
        with sync_playwright() as playwright:
            browser = b.launch(playwright)
            try:
                with b.serve(ROOT, env=env, launcher=launcher) as (base, _pid):
                    context, page = b.new_page(browser)
                    page.goto(base + "/", wait_until="commit")
                    b.settle(page, timeout_s=240)
                    paths = b.nav_links(page, base)
                    context.close()
                    for path in paths + EXTRA_PAGES:
                        for _ in range(args.repeat):
                            b.log(f"{path}: {b.open_cold(browser, base + path)['ms']} ms (profiled)")
                    for path, key in FILTERS:
                        context, page = b.new_page(browser)
                        page.goto(base + path, wait_until="commit")
                        b.settle(page)
                        for _ in range(args.repeat):
                            b.change_widget(page, key)
                        context.close()
            finally:
                browser.close()
        time.sleep(1)
        for report in sorted(out_dir.glob("*.txt")):
            lines = report.read_text().splitlines()
            print("\n".join(lines[: args.lines]))
            print()
        if args.html:
            print(f"HTML reports in {args.html}")


if __name__ == "__main__":
    main()
