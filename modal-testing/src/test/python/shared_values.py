"""Issue 12: Modal's Python SDK (modal==1.6.4) shares a Queue and a Dict with modal4j.

PythonInteropIT fills the queue "interop-java-to-py" and the dict "interop-java-to-py-dict" with
Java before this script runs, and reads "interop-py-to-java" / "interop-py-to-java-dict" after.
Prints one PASS or FAIL line per check and a summary line; exits non-zero if any check failed.
"""
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


def same(actual, expected, what):
    # == alone would take 1 == 1.0 == True and a list for a tuple: compare the types too
    def shape(v):
        if isinstance(v, (list, tuple)):
            return (type(v).__name__, [shape(x) for x in v])
        if isinstance(v, dict):
            return ("dict", sorted((repr(k), shape(x)) for k, x in v.items()))
        if isinstance(v, (set, frozenset)):
            return ("set", sorted(repr(x) for x in v))
        return (type(v).__name__, v)

    if shape(actual) != shape(expected):
        raise AssertionError(f"{what}: expected {expected!r} but got {actual!r}")


EXPECTED_FROM_JAVA = [
    40000,
    2**40,
    2**70,
    -(2**70),
    1.5,
    -0.25,
    1e300,
    "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c \U0001F600",
    b"\x00\x01\xff",
    [1, [2, [3, "four"]]],
    {"a": [1, {"b": None}], "\u00fc": True, "n": False},
    (1, "x", (2.5, None)),
    {1, 2, 3},
    None,
]


def read_java_queue():
    q = modal.Queue.from_name("interop-java-to-py")
    got = q.get_many(len(EXPECTED_FROM_JAVA), timeout=10)
    same(len(got), len(EXPECTED_FROM_JAVA), "how many values")
    for i, (a, e) in enumerate(zip(got, EXPECTED_FROM_JAVA)):
        same(a, e, f"value {i}")
    return f"{len(got)} values"


def read_java_dict():
    d = modal.Dict.from_name("interop-java-to-py-dict")
    same(d["s"], "str key", "d['s']")
    same(d[7], [7, 2**40], "d[7]")
    same(d[(1, "x")], {"tuple": "key"}, "d[(1, 'x')]")
    same(d[2**70], 2**70, "d[2**70]")
    same("7" in d, False, "'7' in d")
    same(d.len(), 4, "len")
    return "4 keys matched by their pickles"


def write_for_java():
    q = modal.Queue.from_name("interop-py-to-java", create_if_missing=True)
    q.put_many([40000, 2**40, 2**70, -3, 1.25, "gr\u00fc\u00dfe \u4e16\u754c", b"\x09\x08",
                [1, [2]], {"k": (1, 2)}, (None, True), {5}])
    d = modal.Dict.from_name("interop-py-to-java-dict", create_if_missing=True)
    d["s"] = "from python"
    d[7] = 2**70
    d[(1, "x")] = [b"\x00", 1.5]
    same(q.len(), 11, "queue len")
    same(d.len(), 3, "dict len")


def queue_and_dict_semantics():
    q = modal.Queue.from_name("interop-py-scratch", create_if_missing=True)
    q.put("p", partition="a")
    same(q.len(partition="a"), 1, "partition len")
    same(q.len(total=True), 1, "total len")
    same(q.get(block=False, partition="a"), "p", "get")
    try:
        q.get(timeout=0.3)
        raise AssertionError("get on an empty queue returned")
    except __import__("queue").Empty:
        pass
    modal.Queue.objects.delete("interop-py-scratch")
    d = modal.Dict.from_name("interop-py-scratch-d", create_if_missing=True)
    same(d.put("k", 1, skip_if_exists=True), True, "first put")
    same(d.put("k", 2, skip_if_exists=True), False, "second put skipped")
    same(d.pop("k"), 1, "pop")
    same(d.get("k", "dflt"), "dflt", "get with default")


check("reads the values Java put in a queue, with the same meaning", read_java_queue)
check("reads a dict Java wrote, finding Java's keys by Python's keys", read_java_dict)
check("puts values and dict entries for Java to read", write_for_java)
check("Python's own queue and dict calls against the emulator", queue_and_dict_semantics)

failed = results.count(False)
print(f"shared_values: {len(results) - failed} passed, {failed} failed", flush=True)
sys.exit(0 if failed == 0 and results else 1)
