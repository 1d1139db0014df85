"""Modal's Python SDK puts local files into a sandbox through the emulator's mounts: a file and a
directory baked into the image (add_local_file / add_local_dir with copy=True: a context mount
and a COPY build; dockerfile_commands with a COPY from a context directory, and a RUN of a copied
script), a file and a directory attached at start (the default copy=False: the sandbox's
mount_ids), and a file large enough to go through a blob. Each check prints a PASS line (or FAIL, and exit 1).
usage: sandbox_local_files.py SCRATCH_DIR"""

import hashlib
import os
import sys
import uuid

import modal

failures = 0


def check(name, ok, detail=""):
    global failures
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)
    if not ok:
        failures += 1


scratch = sys.argv[1]
marker = uuid.uuid4().hex
baked = os.path.join(scratch, "baked.txt")
attached = os.path.join(scratch, "attached.txt")
tree = os.path.join(scratch, "tree")
os.makedirs(os.path.join(tree, "sub"), exist_ok=True)
with open(baked, "w") as f:
    f.write("baked " + marker + "\n")
with open(attached, "w") as f:
    f.write("attached " + marker + "\n")
with open(os.path.join(tree, "sub", "leaf.txt"), "w") as f:
    f.write("leaf " + marker + "\n")
script = os.path.join(tree, "run.sh")
with open(script, "w") as f:
    f.write("#!/bin/sh\necho ran " + marker + "\n")
os.chmod(script, 0o755)
big = os.path.join(scratch, "big.bin")
with open(big, "wb") as f:
    f.write(os.urandom(5 * 1024 * 1024 + 17))  # past Python's 4 MiB limit for inline uploads
with open(big, "rb") as f:
    big_sha = hashlib.sha256(f.read()).hexdigest()

app = modal.App.lookup("py-interop-local-files", create_if_missing=True)
image = (
    modal.Image.from_registry("alpine:3.21")
    .add_local_file(baked, "/x/y.txt", copy=True)
    .add_local_dir(tree, "/opt/baked-tree", copy=True)
    .dockerfile_commands(
        ["COPY tree/sub /opt/from-dockerfile", "RUN /opt/baked-tree/run.sh > /ran.txt"],
        context_dir=scratch,
    )
    .add_local_file(attached, "/x/z.txt")
    .add_local_dir(tree, "/srv/tree")
    .add_local_file(big, "/data/big.bin")
)

sb = modal.Sandbox.create("sleep", "120", app=app, image=image)
try:
    p = sb.exec("cat", "/x/y.txt", "/x/z.txt")
    got = (p.stdout.read(), p.wait())
    check(
        "a copied file and an attached file are both there",
        got == ("baked " + marker + "\nattached " + marker + "\n", 0),
        repr(got),
    )
    p = sb.exec("sh", "-c", "cat /srv/tree/sub/leaf.txt && /srv/tree/run.sh")
    got = (p.stdout.read(), p.wait())
    check(
        "an attached directory keeps its tree and modes",
        got == ("leaf " + marker + "\nran " + marker + "\n", 0),
        repr(got),
    )
    p = sb.exec("sh", "-c", "cat /opt/from-dockerfile/leaf.txt /ran.txt")
    got = (p.stdout.read(), p.wait())
    check(
        "a copied directory keeps its modes; dockerfile_commands COPY from a context directory",
        got == ("leaf " + marker + "\nran " + marker + "\n", 0),
        repr(got),
    )
    p = sb.exec("sha256sum", "/data/big.bin")
    out, code = p.stdout.read(), p.wait()
    check("an attached file uploaded through a blob", code == 0 and out.split()[0] == big_sha, repr(out))
finally:
    sb.terminate()

sys.exit(1 if failures else 0)
