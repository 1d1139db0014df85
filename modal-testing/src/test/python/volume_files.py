"""Issue 11: Modal's Python SDK (modal==1.6.4) uses the emulator's volume files API.

For a v1 and a v2 named volume: batch_upload (put_file of a small file, of a file larger than one
8 MiB block, of a file-like object, put_directory), listdir (flat and recursive), read_file and
read_file_into_fileobj (bytes compared by SHA-256), overwrite refused then forced, copy_files,
remove_file, and Volume.from_name(create_if_missing=True, version=2).

Prints one PASS or FAIL line per check, "SHA <volume> <path> <hex>" lines for PythonInteropIT to
compare with what it reads through the API itself, and exits non-zero if any check failed.
Argument: a scratch directory for the local files.
"""
import hashlib
import io
import os
import random
import sys
import traceback

import modal
from modal.exception import InvalidError
from modal.volume import FileEntryType

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


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return data


scratch = sys.argv[1]
rng = random.Random(11)
BLOCK = 8 * 1024 * 1024
small = write(os.path.join(scratch, "small.txt"), b"hello from python\n")
# more than one block, with a run of zeros across a block boundary and trailing zeros
big = bytearray(rng.randbytes(BLOCK + 3 * 1024 * 1024 + 17))
big[BLOCK - 1000 : BLOCK + 1000] = bytes(2000)
big[-50:] = bytes(50)
big = write(os.path.join(scratch, "big.bin"), bytes(big))
tree = os.path.join(scratch, "tree")
tree_files = {
    "a.txt": b"a\n",
    "sub/b.txt": b"bee\n" * 1000,
    "sub/deeper/c.bin": rng.randbytes(300 * 1024),
    "odd name+plus.txt": b"odd\n",
}
for rel, data in tree_files.items():
    write(os.path.join(tree, rel), data)
from_bytes = b"from a BytesIO\n"


def read(vol, path):
    return b"".join(vol.read_file(path))


def run(version):
    name = f"interop-py-files-v{version}"
    vol = modal.Volume.from_name(name, create_if_missing=True, version=version)
    tag = f"v{version}"

    def upload():
        with vol.batch_upload() as batch:
            batch.put_file(os.path.join(scratch, "small.txt"), "/small.txt")
            batch.put_file(os.path.join(scratch, "big.bin"), "/data/big.bin")
            batch.put_file(io.BytesIO(from_bytes), "bytes.txt")
            batch.put_directory(tree, "/tree")
        return f"volume {vol.object_id}"

    check(f"{tag} batch_upload of a small file, a {len(big)}-byte file, a BytesIO and a directory", upload)

    def listing():
        top = sorted((e.path, e.type) for e in vol.listdir("/"))
        expect(
            top
            == [
                ("bytes.txt", FileEntryType.FILE),
                ("data", FileEntryType.DIRECTORY),
                ("small.txt", FileEntryType.FILE),
                ("tree", FileEntryType.DIRECTORY),
            ],
            f"listdir('/') gave {top}",
        )
        deep = {e.path: e for e in vol.listdir("/", recursive=True)}
        for rel, data in tree_files.items():
            entry = deep.get("tree/" + rel)
            expect(entry is not None, f"recursive listdir lacks tree/{rel}: {sorted(deep)}")
            expect(entry.size == len(data), f"tree/{rel} has size {entry.size}, not {len(data)}")
        expect(deep["data/big.bin"].size == len(big), "big.bin size")
        expect(deep["tree/sub/deeper"].type == FileEntryType.DIRECTORY, "a nested directory entry")
        sub = sorted(e.path for e in vol.listdir("tree/sub"))
        expect(sub == ["tree/sub/b.txt", "tree/sub/deeper"], f"listdir('tree/sub') gave {sub}")
        one = [e.path for e in vol.listdir("data/big.bin")]
        expect(one == ["data/big.bin"], f"listdir of a file gave {one}")
        return f"{len(deep)} entries"

    check(f"{tag} listdir flat, recursive, of a directory and of a file", listing)

    def reading():
        expect(read(vol, "small.txt") == small, "small.txt differs")
        expect(read(vol, "/bytes.txt") == from_bytes, "bytes.txt differs")
        got = read(vol, "data/big.bin")
        expect(sha(got) == sha(big), f"big.bin: {len(got)} bytes, sha {sha(got)}")
        buf = io.BytesIO()
        n = vol.read_file_into_fileobj("data/big.bin", buf)
        expect(n == len(big) and sha(buf.getvalue()) == sha(big), "read_file_into_fileobj differs")
        for rel, data in tree_files.items():
            expect(read(vol, "tree/" + rel) == data, f"tree/{rel} differs")
        print(f"SHA {name} data/big.bin {sha(big)}", flush=True)
        print(f"SHA {name} small.txt {sha(small)}", flush=True)
        return "bytes equal by sha256"

    check(f"{tag} read_file and read_file_into_fileobj give the uploaded bytes", reading)

    def missing():
        try:
            read(vol, "no/such/file")
        except FileNotFoundError:
            return "FileNotFoundError"
        raise AssertionError("reading a missing file did not fail")

    check(f"{tag} read_file of a missing file raises FileNotFoundError", missing)

    def overwrite():
        try:
            with vol.batch_upload() as batch:
                batch.put_file(io.BytesIO(b"changed\n"), "/small.txt")
            raise AssertionError("overwriting without force did not fail")
        except FileExistsError:
            pass
        expect(read(vol, "small.txt") == small, "small.txt changed by a refused upload")
        with vol.batch_upload(force=True) as batch:
            batch.put_file(io.BytesIO(b"changed\n"), "/small.txt")
        expect(read(vol, "small.txt") == b"changed\n", "forced overwrite did not land")
        return "FileExistsError, then force=True replaced it"

    check(f"{tag} batch_upload refuses to overwrite unless forced", overwrite)

    def copying():
        vol.copy_files(["small.txt"], "copied.txt")
        expect(read(vol, "copied.txt") == b"changed\n", "copied.txt differs")
        vol.copy_files(["bytes.txt", "copied.txt"], "copies")
        names = sorted(e.path for e in vol.listdir("copies"))
        expect(names == ["copies/bytes.txt", "copies/copied.txt"], f"copies/ holds {names}")
        if version == 2:
            vol.copy_files(["tree"], "tree-copy", recursive=True)
            for rel, data in tree_files.items():
                expect(read(vol, "tree-copy/" + rel) == data, f"tree-copy/{rel} differs")
        else:
            try:
                vol.copy_files(["tree"], "tree-copy", recursive=True)
                raise AssertionError("a recursive copy on a v1 volume did not fail")
            except ValueError:
                pass
        return "file, files into a directory" + (", a tree recursively" if version == 2 else "")

    check(f"{tag} copy_files", copying)

    def removing():
        vol.remove_file("copied.txt")
        try:
            read(vol, "copied.txt")
            raise AssertionError("a removed file can still be read")
        except FileNotFoundError:
            pass
        try:
            vol.remove_file("tree")
            raise AssertionError("removing a directory without recursive did not fail")
        except Exception as e:  # noqa: BLE001 - the kind of error is the server's
            refused = type(e).__name__
        vol.remove_file("tree", recursive=True)
        top = sorted(e.path for e in vol.listdir("/"))
        expect("tree" not in top, f"tree still listed: {top}")
        try:
            vol.remove_file("no-such-file")
            raise AssertionError("removing a missing file did not fail")
        except FileNotFoundError:
            pass
        return f"a directory without recursive refused ({refused})"

    check(f"{tag} remove_file of a file, of a directory, of a missing path", removing)

    def control():
        info = vol.info()
        expect(info.name == name, f"info().name is {info.name}")
        vol.reload()
        return f"info {info.name}, reload"

    check(f"{tag} info and reload", control)
    return vol


v1 = run(1)
v2 = run(2)


def from_name_v2():
    again = modal.Volume.from_name("interop-py-files-v2", create_if_missing=True, version=2)
    again.hydrate()
    expect(again.object_id == v2.object_id, f"{again.object_id} != {v2.object_id}")
    fresh = modal.Volume.from_name("interop-py-files-fresh-v2", create_if_missing=True, version=2)
    with fresh.batch_upload() as batch:
        batch.put_file(io.BytesIO(b"fresh\n"), "f.txt")
    expect(b"".join(fresh.read_file("f.txt")) == b"fresh\n", "fresh volume read")
    try:
        modal.Volume.from_name("interop-py-files-v2", version=1).hydrate()
        raise AssertionError("asking for v1 of a v2 volume did not fail")
    except InvalidError:
        pass
    return "same id; a new v2 volume works; version mismatch refused"


check("Volume.from_name(create_if_missing=True, version=2)", from_name_v2)


def by_id_commit_rename():
    same = modal.Volume.from_id(v2.object_id)
    expect(same.info().name == "interop-py-files-v2", f"from_id info: {same.info()}")
    expect(b"".join(same.read_file("bytes.txt")) == from_bytes, "from_id read")
    v1.commit()
    v2.commit()
    modal.Volume.rename("interop-py-files-fresh-v2", "interop-py-files-renamed-v2")
    renamed = modal.Volume.from_name("interop-py-files-renamed-v2")
    expect(b"".join(renamed.read_file("f.txt")) == b"fresh\n", "renamed volume keeps its files")
    try:
        modal.Volume.from_name("interop-py-files-fresh-v2").hydrate()
        raise AssertionError("the old name still resolves")
    except modal.exception.NotFoundError:
        pass
    return "from_id, commit (v1 and v2), rename"


check("Volume.from_id, commit and rename", by_id_commit_rename)

# PythonInteropIT: the Java SDK <-> Python cross read (Java uploads, Python reads, and back) goes
# here once modal4j's volume files API exists (branch volsdk).

ok = all(results)
print(f"{'ALL PASSED' if ok else 'SOME FAILED'}: {sum(results)}/{len(results)}", flush=True)
sys.exit(0 if ok else 1)
