#!/usr/bin/env python3
"""The web view in a real browser: starts `orrery serve` on port 0 and headless Chromium, loads /view/demo, and
checks from the page's own state (`window.orreryView`) that frames arrived with contiguous seqs and entities were
drawn by the game's schema (kind styles, the universe state in the HUD); then plays (holds the up arrow and space, through the DevTools protocol) and checks the server applied the
inputs; then watches (/view/demo?watch=1) and checks the whole world is drawn. Saves screenshots of both to
reports/browser/ (webview.png: playing, webview-watch.png: watching).

    .venv/bin/python Tests/Browser/webview_check.py [ORRERY_BIN]

ORRERY_BIN defaults to $ORRERY_BIN or .build/debug/orrery; the browser is $CHROMIUM or `chromium`
(scripts/setup-test-tools installs Debian's). Prints one line per check and closes with
`browser: N passed, M failed`; exits 0 only when every check passed. Every wait is bounded (WAIT_SECONDS).
"""
import asyncio
import base64
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request

from websockets.asyncio.client import connect

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
REPORTS = ROOT / "reports/browser"
WAIT_SECONDS = 30
FRAMES_WANTED = 20


class Checks:
    """Records named checks and prints each as it is made."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}{': ' + detail if detail else ''}")
        return ok


def start_server(binary):
    """`orrery serve` on a free port; returns (process, http base URL) once it prints its listening line."""
    process = subprocess.Popen(
        [binary, "serve", "--port", "0", "--universes", "demo", "--loops", "1", "--world", "1024", "--asteroids", "120",
         "--npcs", "30", "--seed", "3", "--log-level", "warn"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    if not line.startswith("listening ws://"):
        process.kill()
        raise SystemExit(f"browser: orrery serve did not start ({line!r}): {process.stderr.read()[-2000:]}")
    return process, "http://" + line[len("listening ws://"):].rstrip("/")


def start_browser(profile):
    """Headless Chromium with remote debugging on a free port; returns (process, DevTools port)."""
    binary = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not binary:
        raise SystemExit("browser: chromium is missing (scripts/setup-test-tools installs it, or set CHROMIUM)")
    log = open(profile / "chromium.log", "w")
    process = subprocess.Popen(
        [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--no-default-browser-check", "--mute-audio", "--hide-scrollbars", "--window-size=1280,800",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    port_file = profile / "DevToolsActivePort"
    for _ in range(WAIT_SECONDS * 10):
        if port_file.exists() and port_file.read_text().strip():
            return process, int(port_file.read_text().split()[0])
        if process.poll() is not None:
            break
        subprocess.run(["sleep", "0.1"])
    stop(process, group=True)
    raise SystemExit(f"browser: chromium gave no DevToolsActivePort: {(profile / 'chromium.log').read_text()[-2000:]}")


def stop(process, group=False):
    if process.poll() is not None:
        return
    try:
        if group:
            os.killpg(process.pid, signal.SIGTERM)
        else:
            process.terminate()
        process.wait(timeout=10)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        process.kill()
        process.wait()


class Page:
    """A DevTools protocol session with one page target."""

    def __init__(self, socket):
        self.socket = socket
        self.next_id = 0
        self.console = []

    async def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        await self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(await asyncio.wait_for(self.socket.recv(), WAIT_SECONDS))
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.note(message)

    def note(self, message):
        """Keeps console errors and uncaught exceptions (events that arrive between answers)."""
        method = message.get("method")
        params = message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.console.append(" ".join(str(arg.get("value", arg.get("description", ""))) for arg in params["args"]))
        elif method == "Runtime.exceptionThrown":
            self.console.append(params["exceptionDetails"].get("exception", {}).get("description", "exception"))

    async def evaluate(self, expression):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def view(self):
        return await self.evaluate("window.orreryView ?? null")

    async def wait_for(self, predicate):
        """Polls the page's state until `predicate(state)` holds or WAIT_SECONDS pass; returns the last state."""
        state = None
        for _ in range(WAIT_SECONDS * 5):
            state = await self.view()
            if state is not None and predicate(state):
                return state
            await asyncio.sleep(0.2)
        return state

    async def key(self, kind, code, key, key_code):
        await self.call("Input.dispatchKeyEvent", type=kind, code=code, key=key, windowsVirtualKeyCode=key_code)

    async def screenshot(self, path):
        result = await self.call("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(result["data"]))


def frames_drawn(state):
    return state["frames"] + state["resets"] >= FRAMES_WANTED and state["drawnFrames"] >= 10 \
        and state["drawnEntities"] > 0


async def run(base, devtools_port, checks):
    targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list", timeout=WAIT_SECONDS))
    target = next(t for t in targets if t.get("type") == "page")
    async with connect(target["webSocketDebuggerUrl"], max_size=None, open_timeout=WAIT_SECONDS) as socket:
        page = Page(socket)
        await page.call("Runtime.enable")
        await page.call("Page.enable")
        await page.call("Emulation.setDeviceMetricsOverride", width=1280, height=800, deviceScaleFactor=1, mobile=False)

        await page.call("Page.navigate", url=f"{base}/view/demo")
        state = await page.wait_for(frames_drawn)
        checks.check("the page exposes window.orreryView", state is not None)
        state = state or {}
        frames = state.get("frames", 0) + state.get("resets", 0)
        checks.check(f"frames arrived ({frames}, wanted {FRAMES_WANTED})", frames >= FRAMES_WANTED,
                     json.dumps(state))
        checks.check("seqs contiguous from 1", state.get("seqContiguous") is True and state.get("firstSeq") == 1
                     and state.get("lastSeq") == frames, f"first {state.get('firstSeq')}, last {state.get('lastSeq')}"
                     f", frames {frames}, contiguous {state.get('seqContiguous')}")
        checks.check(f"entities drawn ({state.get('drawnEntities')} of {state.get('entityCount')} in view)",
                     state.get("drawnEntities", 0) > 0 and state.get("drawnFrames", 0) >= 10, json.dumps(state))
        checks.check("playing with an avatar", state.get("role") == "player" and state.get("avatarId", 0) > 0)
        checks.check("the RTT is measured", state.get("rttMs") is not None, json.dumps(state))
        checks.check(f"kinds drawn by the schema of {state.get('game')!r} ({state.get('styledEntities')} entities)",
                     bool(state.get("game")) and state.get("styledEntities", 0) > 0, json.dumps(state))
        checks.check(f"the universe state is shown ({state.get('universeState')})", bool(state.get("universeState")),
                     json.dumps(state))

        # Play: full throttle (hold the up arrow) and fire (hold space), then let go.
        await page.key("keyDown", "ArrowUp", "ArrowUp", 38)
        await page.key("keyDown", "Space", " ", 32)
        before = state.get("lastInputApplied", 0)
        played = await page.wait_for(lambda s: s["throttle"] >= 255 and s["lastInputApplied"] > before + 5)
        await page.key("keyUp", "Space", " ", 32)
        await page.key("keyUp", "ArrowUp", "ArrowUp", 38)
        played = played or {}
        checks.check("keys steer: inputs sent and applied by the server",
                     played.get("inputsSent", 0) > 0 and played.get("lastInputApplied", 0) > before,
                     json.dumps(played))
        checks.check("the page reported no error", not played.get("errors") and not page.console,
                     json.dumps(played.get("errors")) + " " + json.dumps(page.console))
        await page.screenshot(REPORTS / "webview.png")

        await page.call("Page.navigate", url=f"{base}/view/demo?watch=1")
        watched = await page.wait_for(lambda s: s["role"] == "spectator" and frames_drawn(s)) or {}
        checks.check("watch mode: a spectator sees frames with contiguous seqs",
                     watched.get("role") == "spectator" and watched.get("seqContiguous") is True
                     and watched.get("firstSeq") == 1 and frames_drawn(watched), json.dumps(watched))
        checks.check(f"watch mode draws the whole world ({watched.get('drawnEntities')} entities)",
                     watched.get("drawnEntities", 0) > state.get("drawnEntities", 0), json.dumps(watched))
        checks.check("watch mode draws by the schema and shows the universe state, no private state",
                     watched.get("styledEntities", 0) > 0 and bool(watched.get("universeState"))
                     and watched.get("playerState") == {}, json.dumps(watched))
        checks.check("watch mode reported no error", not watched.get("errors") and not page.console,
                     json.dumps(watched.get("errors")) + " " + json.dumps(page.console))
        await page.screenshot(REPORTS / "webview-watch.png")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ORRERY_BIN", ".build/debug/orrery")
    binary = str((ROOT / binary).resolve()) if not os.path.isabs(binary) else binary
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"browser: no server binary at {binary} (swift build, or pass its path)")
    checks = Checks()
    for old in REPORTS.glob("webview*.png"):
        old.unlink()
    profile = pathlib.Path(tempfile.mkdtemp(prefix="orrery-chromium-"))
    server, base = start_server(binary)
    browser = None
    try:
        browser, devtools_port = start_browser(profile)
        asyncio.run(asyncio.wait_for(run(base, devtools_port, checks), WAIT_SECONDS * 4))
    except Exception as error:  # any failure of the harness is one failed check, with its reason
        checks.check("the browser session ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        if browser is not None:
            stop(browser, group=True)
        stop(server)
        shutil.rmtree(profile, ignore_errors=True)
    if (REPORTS / "webview.png").exists():
        print(f"browser: screenshots in {REPORTS.relative_to(ROOT)}/ (webview.png, webview-watch.png)")
    print(f"browser: {checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
