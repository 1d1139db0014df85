"""Modal's Python SDK runs a sandbox through the emulator: its entrypoint's output, an exec's
output and exit code, and stdin written to an exec, each a PASS line (or FAIL and exit 1)."""

import sys

import modal

failures = 0


def check(name, ok, detail=""):
    global failures
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)
    if not ok:
        failures += 1


app = modal.App.lookup("py-interop-sandbox", create_if_missing=True)
image = modal.Image.from_registry("alpine:3.21")

sb = modal.Sandbox.create("sh", "-c", "echo out-line; echo err-line >&2", app=app, image=image)
out, err = sb.stdout.read(), sb.stderr.read()
sb.wait()
check("entrypoint stdout and stderr", out == "out-line\n" and err == "err-line\n", repr((out, err)))
check("entrypoint exit code", sb.returncode == 0, repr(sb.returncode))

sb = modal.Sandbox.create("sleep", "60", app=app, image=image)
try:
    p = sb.exec("sh", "-c", "echo exec-out; echo exec-err >&2; exit 3")
    got = (p.stdout.read(), p.stderr.read(), p.wait())
    check("exec output and exit code", got == ("exec-out\n", "exec-err\n", 3), repr(got))
    p = sb.exec("cat")
    p.stdin.write(b"through stdin\n")
    p.stdin.write_eof()
    p.stdin.drain()
    got = (p.stdout.read(), p.wait())
    check("exec stdin", got == ("through stdin\n", 0), repr(got))
finally:
    sb.terminate()

sys.exit(1 if failures else 0)
