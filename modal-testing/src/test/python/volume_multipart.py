"""Modal's Python SDK (modal==1.6.4) uploads through the emulator's multipart blob uploads.

Run against a standalone emulator started with a small --blob-multipart-threshold: on a v1 volume
every file of 4 MiB or more goes through BlobCreate, which then answers with multipart parts that
Python PUTs and completes with its CompleteMultipartUpload XML body. Uploads a file and a BytesIO
above the threshold, reads both back, prints "SHA <volume> <path> <hex>" lines for PythonInteropIT
to compare with what Java reads, and one PASS or FAIL line per check; exits non-zero on a failure.
Argument: a scratch directory for the local files.
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


def sha(data):
    return hashlib.sha256(data).hexdigest()


scratch = sys.argv[1]
rng = random.Random(3)
on_disk = rng.randbytes(9 * 1024 * 1024 + 123)
in_memory = rng.randbytes(5 * 1024 * 1024 + 7)
path = os.path.join(scratch, "multipart.bin")
with open(path, "wb") as f:
    f.write(on_disk)

name = "interop-py-multipart-v1"
vol = modal.Volume.from_name(name, create_if_missing=True, version=1)


def upload():
    with vol.batch_upload() as batch:
        batch.put_file(path, "/multipart.bin")
        batch.put_file(io.BytesIO(in_memory), "/from-bytes.bin")
    return f"{len(on_disk)} and {len(in_memory)} bytes"


check("batch_upload of a file and a BytesIO through multipart blob uploads", upload)


def reading():
    got = b"".join(vol.read_file("multipart.bin"))
    if sha(got) != sha(on_disk):
        raise AssertionError(f"multipart.bin: {len(got)} bytes, sha {sha(got)}")
    got = b"".join(vol.read_file("from-bytes.bin"))
    if sha(got) != sha(in_memory):
        raise AssertionError(f"from-bytes.bin: {len(got)} bytes, sha {sha(got)}")
    print(f"SHA {name} multipart.bin {sha(on_disk)}", flush=True)
    print(f"SHA {name} from-bytes.bin {sha(in_memory)}", flush=True)
    return "bytes equal by sha256"


check("read_file gives the bytes uploaded in parts", reading)
sys.exit(0 if all(results) else 1)
