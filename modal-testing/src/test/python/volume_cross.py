"""Issue 11: modal4j and Modal's Python SDK (modal==1.6.4) read each other's volume uploads.

PythonInteropIT has modal4j upload files to a v1 and a v2 volume first and writes a manifest
(one "<volume> <path> <size> <sha256>" line per file) into the scratch directory. This script
checks each of those files with listdir (recursive, sizes) and read_file (bytes by SHA-256), then
uploads files of its own with batch_upload (put_file of a path and of a BytesIO, put_directory)
under /from-py and prints one "PYSHA <volume> <path> <sha256>" line per file for modal4j to read
back. One PASS or FAIL line per check; exits non-zero if any check failed.
Argument: the scratch directory.
"""
import hashlib
import io
import os
import random
import sys
import traceback

import modal

results = []


def check(name, body):
    try:
        detail = body()
        print(f"PASS {name}" + (f": {detail}" if detail else ""), flush=True)
        results.append(True)
    except Exception as e:  # noqa: BLE001 - every failure is reported as FAIL
        print(f"FAIL {name}: {type(e).__name__}: {e}", flush=True)
        traceback.print_exc(file=sys.stdout)
        results.append(False)


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def sha(data):
    return hashlib.sha256(data).hexdigest()


scratch = sys.argv[1]
manifest = {}
with open(os.path.join(scratch, "manifest.txt")) as f:
    for line in f:
        vol_name, path, size, digest = line.split()
        manifest.setdefault(vol_name, []).append((path, int(size), digest))

rng = random.Random(29)
BLOCK = 8 * 1024 * 1024
py_big = bytearray(rng.randbytes(2 * BLOCK + 12345))
py_big[BLOCK - 500 : BLOCK + 500] = bytes(1000)
py_big[-300:] = bytes(300)
py_big = bytes(py_big)
big_path = os.path.join(scratch, "py", "big.bin")
os.makedirs(os.path.join(scratch, "py", "dir", "nested"), exist_ok=True)
with open(big_path, "wb") as f:
    f.write(py_big)
py_tree = {"dir/one.txt": b"one from python\n", "dir/nested/two.bin": rng.randbytes(70000)}
for rel, data in py_tree.items():
    with open(os.path.join(scratch, "py", rel), "wb") as f:
        f.write(data)
py_bytes = b"a BytesIO from python\n"

for vol_name in sorted(manifest):
    vol = modal.Volume.from_name(vol_name)

    def reads_java(vol=vol, vol_name=vol_name):
        deep = {e.path.lstrip("/"): e for e in vol.listdir("/", recursive=True)}
        for path, size, digest in manifest[vol_name]:
            rel = path.lstrip("/")
            expect(rel in deep, f"listdir lacks {rel}: {sorted(deep)}")
            expect(deep[rel].size == size, f"{rel} listed with size {deep[rel].size}, not {size}")
            got = b"".join(vol.read_file(rel))
            expect(sha(got) == digest, f"{rel}: read {len(got)} bytes, sha {sha(got)}")
        return f"{len(manifest[vol_name])} files"

    check(f"{vol_name} Python reads what modal4j uploaded", reads_java)

    def uploads(vol=vol, vol_name=vol_name):
        with vol.batch_upload(force=True) as batch:
            batch.put_file(big_path, "/from-py/big.bin")
            batch.put_file(io.BytesIO(py_bytes), "/from-py/bytes.txt")
            batch.put_directory(os.path.join(scratch, "py", "dir"), "/from-py/dir")
        print(f"PYSHA {vol_name} from-py/big.bin {sha(py_big)}", flush=True)
        print(f"PYSHA {vol_name} from-py/bytes.txt {sha(py_bytes)}", flush=True)
        for rel, data in py_tree.items():
            print(f"PYSHA {vol_name} from-py/{rel} {sha(data)}", flush=True)
        return "big.bin, bytes.txt, dir/"

    check(f"{vol_name} Python uploads for modal4j", uploads)

sys.exit(0 if results and all(results) else 1)
