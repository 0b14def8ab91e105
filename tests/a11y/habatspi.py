# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real Habilitation through the accessibility tree (AT-SPI).

Shared by the accessibility tests: runs the built `habilitation` with a
private HOME and XDG folders, in French, finds it in the AT-SPI tree with
dogtail/pyatspi, reads the tree, sends real key events with xdotool, and
prints TAP. See reference/toolchain.md §10 for what GTK 4.8 offers there:
no screen coordinates (so no clicks: actions, EditableText and keys), and
no "showing" state below the window (a widget is shown when its extents in
the window have an area).

Every wait is bounded, and the application is killed on the way out, even
when a step fails or the test is interrupted.
"""

import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

BUILD_ROOT = os.environ.get("HAB_BUILD_ROOT", "")
SOURCE_ROOT = os.environ.get("HAB_SOURCE_ROOT",
                             os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..")))

_tmp = tempfile.mkdtemp(prefix="hab-a11y-")
_children = []


def _isolate_environment():
    """A HOME and XDG folders of the test's own, settings in memory, the
    build's schemas and catalogues, French; never GTK_A11Y, which hides the
    application from the tree."""
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = os.path.join(_tmp, name.lower())
        os.makedirs(path, exist_ok=True)
        os.environ[name] = path
    # The keyring of the test command lives in its XDG_DATA_HOME: keep it
    # when there is one, else a folder of ours.
    if "XDG_DATA_HOME" not in os.environ:
        os.environ["XDG_DATA_HOME"] = os.path.join(_tmp, "data")
        os.makedirs(os.environ["XDG_DATA_HOME"], exist_ok=True)
    os.environ.pop("GTK_A11Y", None)
    os.environ.pop("NO_AT_BRIDGE", None)
    os.environ["GSETTINGS_BACKEND"] = "memory"
    if BUILD_ROOT:
        os.environ["GSETTINGS_SCHEMA_DIR"] = os.path.join(BUILD_ROOT, "data")
        os.environ["HAB_LOCALEDIR"] = os.path.join(BUILD_ROOT, "po")
    os.environ["GSK_RENDERER"] = "cairo"
    os.environ["GDK_DEBUG"] = "gl-disable"
    os.environ["GDK_BACKEND"] = "x11"
    os.environ["LANGUAGE"] = "fr"
    os.environ["LC_ALL"] = "C.UTF-8"
    # Not the developer's portal: the GTK file chooser, in this process tree.
    os.environ["GTK_USE_PORTAL"] = "0"


_isolate_environment()

try:
    import gi
    gi.require_version("Gio", "2.0")
    from gi.repository import Gio
    # dogtail refuses to run unless toolkit-accessibility is on; the
    # settings are this process's own (memory backend).
    Gio.Settings.new("org.gnome.desktop.interface").set_boolean("toolkit-accessibility", True)
    import pyatspi
    from dogtail.config import config as dogtail_config
    dogtail_config.searchBackoffDuration = 0.2
    dogtail_config.searchCutoffCount = 25
    dogtail_config.logDebugToFile = False
    dogtail_config.logDebugToStdOut = False
    from dogtail import tree
except (ImportError, ValueError) as e:
    print("Bail out! the accessibility tests need python3-dogtail, python3-pyatspi and "
          "at-spi2-core (build-aux/install-deps.sh installs them): %s" % e)
    sys.exit(1)

INTERACTIVE_ROLES = {
    "push button", "toggle button", "check box", "radio button", "text", "password text",
    "entry", "combo box", "spin button", "link", "switch", "menu item", "check menu item",
    "radio menu item", "slider", "page tab", "toggle", "tree item",
}

# The name GTK 4.8 falls back to when a widget has none: its type name.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Hab)[A-Z][A-Za-z]*$")


# TAP

class Tap:
    def __init__(self):
        self.count = 0
        self.failures = 0
        self.started = time.monotonic()

    def ok(self, condition, description, diagnostics=None):
        self.count += 1
        if not condition:
            self.failures += 1
        print("%s %d - %s" % ("ok" if condition else "not ok", self.count, description), flush=True)
        for line in (diagnostics or "").splitlines():
            print("# " + line, flush=True)
        return condition

    def comment(self, text):
        for line in str(text).splitlines():
            print("# " + line, flush=True)

    def finish(self):
        self.comment("%.1f s" % (time.monotonic() - self.started))
        print("1..%d" % self.count, flush=True)
        return 1 if self.failures else 0


class StepFailed(Exception):
    pass


def run_steps(tap, steps):
    """Runs (description, function) pairs in order, one TAP line each; the
    first failure ends the journey (the next steps need it) with a
    screenshot for the log."""
    for description, function in steps:
        try:
            function()
        except Exception as e:
            shot = screenshot("failed")
            detail = traceback.format_exc() if not isinstance(e, StepFailed) else str(e)
            tap.ok(False, description, detail + ("\nscreenshot: %s" % shot if shot else ""))
            return False
        tap.ok(True, description)
    return True


def check(condition, message):
    if not condition:
        raise StepFailed(message)


# Processes

def _cleanup():
    for process in _children:
        if process.poll() is None:
            process.kill()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                pass
    if os.environ.get("HAB_A11Y_KEEP_TMP") != "1":
        shutil.rmtree(_tmp, ignore_errors=True)


atexit.register(_cleanup)


def _on_signal(signum, frame):
    _cleanup()
    os._exit(128 + signum)


signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGINT, _on_signal)


def tmp_path(name):
    return os.path.join(_tmp, name)


def _bus_has(name):
    out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                          "--object-path", "/org/freedesktop/DBus",
                          "--method", "org.freedesktop.DBus.ListActivatableNames"],
                         capture_output=True, text=True, timeout=10).stdout
    owned = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                            "--object-path", "/org/freedesktop/DBus",
                            "--method", "org.freedesktop.DBus.ListNames"],
                           capture_output=True, text=True, timeout=10).stdout
    return ("'%s'" % name) in out or ("'%s'" % name) in owned


def ensure_accessibility_bus():
    """The session bus starts the accessibility bus on demand when
    at-spi2-core's service file is there; else start it ourselves."""
    if "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
        raise StepFailed("no session bus: run under dbus-run-session (build-aux/run-tests.sh)")
    if _bus_has("org.a11y.Bus"):
        return
    launcher = "/usr/libexec/at-spi-bus-launcher"
    _children.append(subprocess.Popen([launcher, "--launch-immediately"]))
    deadline = time.monotonic() + 10
    while not _bus_has("org.a11y.Bus"):
        check(time.monotonic() < deadline, "the accessibility bus did not start")
        time.sleep(0.2)


class App:
    """The application, started on the files given, found in the tree."""

    def __init__(self, *files, timeout=60):
        ensure_accessibility_bus()
        binary = os.path.join(BUILD_ROOT, "src", "ui", "habilitation")
        self.log = open(tmp_path("habilitation-%d.log" % len(_children)), "w")
        self.process = subprocess.Popen([binary] + list(files), stdout=self.log,
                                        stderr=subprocess.STDOUT)
        _children.append(self.process)
        self.node = None
        deadline = time.monotonic() + timeout
        while self.node is None:
            check(self.process.poll() is None,
                  "habilitation exited with %s:\n%s" % (self.process.returncode, self.read_log()))
            check(time.monotonic() < deadline, "habilitation did not appear in the tree")
            for app in tree.root.children:
                try:
                    if app.name == "habilitation" and app.get_process_id() == self.process.pid:
                        self.node = app
                except Exception:
                    pass
            time.sleep(0.3)
        self.frame = wait_for(lambda: next((c for c in self.node.children if c.roleName == "frame"),
                                           None), "the window", timeout=timeout)
        self.window_id = self._window_id(timeout)
        focus_window(self.window_id)

    def _window_id(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                                  str(self.process.pid)], capture_output=True, text=True).stdout
            ids = out.split()
            if ids:
                return ids[-1]
            time.sleep(0.3)
        raise StepFailed("no X window for habilitation")

    def read_log(self):
        self.log.flush()
        with open(self.log.name) as f:
            return f.read()[-4000:]

    def quit(self, timeout=20):
        """Ctrl+Q, as a user quits."""
        key("ctrl+q")
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise StepFailed("habilitation did not quit on Ctrl+Q")

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def windows(self):
        return [c for c in self.node.children if c.roleName in ("frame", "dialog", "file chooser",
                                                              "alert", "window")]


# The tree

def extents(node):
    try:
        box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return (box.x, box.y, box.width, box.height)
    except Exception:
        return None


def is_shown(node):
    """GTK 4.8 sets "showing" on the window only: a widget is shown when it
    has an area in its window (not in a hidden page of a stack, nor in a
    folded expander)."""
    box = extents(node)
    return box is None or (box[2] > 0 and box[3] > 0)


def walk(node, shown_only=True, depth=0):
    """Yields (node, depth) for the node and its descendants; skips what is
    not shown, and its subtree."""
    if shown_only and not is_shown(node):
        return
    yield node, depth
    try:
        children = list(node.children)
    except Exception:
        children = []
    for child in children:
        yield from walk(child, shown_only, depth + 1)


def states(node):
    try:
        return {pyatspi.stateToString(s) for s in node.getState().getStates()}
    except Exception:
        return set()


def text_of(node):
    try:
        t = node.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return ""


def wait_for(function, what, timeout=15, interval=0.2):
    """Polls until function() returns something true; fails after timeout."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            result = function()
            if result:
                return result
        except Exception as e:
            last = e
        if time.monotonic() > deadline:
            raise StepFailed("timed out waiting for %s%s" % (what, " (%s)" % last if last else ""))
        time.sleep(interval)


def find(root, role=None, name=None, pred=None, what=None, timeout=15):
    """The first shown node under root with that role and name (a string
    or a compiled pattern), waiting for it."""
    def matches(node):
        try:
            if role is not None and node.roleName != role:
                return False
            if name is not None:
                if hasattr(name, "search"):
                    if not name.search(node.name or ""):
                        return False
                elif node.name != name:
                    return False
            return pred is None or pred(node)
        except Exception:
            return False

    def look():
        for node, _ in walk(root):
            if matches(node):
                return node
        return None

    return wait_for(look, what or "%s %r" % (role, name), timeout=timeout)


def find_all(root, role=None, name=None):
    found = []
    for node, _ in walk(root):
        if (role is None or node.roleName == role) and (name is None or node.name == name):
            found.append(node)
    return found


def dump(root, path):
    """The shown tree as text, for the log and to learn it."""
    with open(path, "w") as f:
        for node, depth in walk(root):
            f.write("%s%s %r desc=%r %s\n" % ("  " * depth, node.roleName, node.name,
                                               node.description, sorted(states(node))))
    return path


# Keys (real X events, sent to the focused window of the Xvfb display)

def focus_window(window_id):
    subprocess.run(["xdotool", "windowactivate", "--sync", window_id], capture_output=True, timeout=10)
    subprocess.run(["xdotool", "windowfocus", "--sync", window_id], capture_output=True, timeout=10)


def key(*keys, delay=0.15):
    for k in keys:
        subprocess.run(["xdotool", "key", "--clearmodifiers", k], check=True, timeout=10)
        time.sleep(delay)


def type_text(text):
    """Types text. A character outside ASCII goes in through GTK's own
    Unicode entry (Ctrl+Shift+U, its code, space): `xdotool type` maps it
    on a spare key for the time of one press, and GTK reads some of those
    with the old keymap (an "è" after a capital is lost, an "É" comes out
    "é")."""
    for part in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]", text):
        if ord(part[0]) < 0x80:
            subprocess.run(["xdotool", "type", "--delay", "15", part], check=True, timeout=60)
        else:
            key("ctrl+shift+u", delay=0.02)
            subprocess.run(["xdotool", "type", "--delay", "15", "%x " % ord(part)],
                           check=True, timeout=10)
    time.sleep(0.2)


def is_focused(node):
    return "focused" in states(node)


def tab_to(node, what, keys=("Tab", "Down"), limit=60):
    """Presses Tab until node has the keyboard focus; else the next key
    (Down moves between the rows of a list, which Tab leaves)."""
    for k in keys:
        for _ in range(limit):
            if is_focused(node):
                return node
            key(k, delay=0.05)
        time.sleep(0.2)
        if is_focused(node):
            return node
    raise StepFailed("%s never reached %s" % (" then ".join(keys), what))


def focused_in(root):
    for node, _ in walk(root):
        if is_focused(node) and node.roleName not in ("frame",):
            return node
    return None


# Files and screenshots

def screenshot(name):
    if not shutil.which("import") or "DISPLAY" not in os.environ:
        return None
    folder = os.environ.get("HAB_A11Y_SCREENSHOTS") or _tmp
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "%s-%s.png" % (os.path.basename(sys.argv[0]).rsplit(".", 1)[0], name))
    subprocess.run(["import", "-window", "root", path], capture_output=True, timeout=30)
    return path


def cli_check(path):
    cli = os.path.join(BUILD_ROOT, "src", "cli", "habilitation-cli")
    out = subprocess.run([cli, "check", "--json", path], capture_output=True, text=True, timeout=60)
    try:
        return json.loads(out.stdout)
    except ValueError:
        raise StepFailed("habilitation-cli check: %s %s" % (out.stdout, out.stderr))


def load_json(path):
    with open(path) as f:
        return json.load(f)
