"""The modal4j demo app, for real Modal.

Deploy with Modal's Python SDK 1.2 or newer (older deployments do not accept the CBOR payloads
that modal4j sends):

    modal deploy modal-examples/python/demo_app.py

The modal4j emulator deploys the same app (dev.modal4j.testing.functions.DemoApp plus the Greeter
class), so the examples and tests behave the same against both.
"""

import os
import subprocess
import time

import modal

app = modal.App("modal4j-demo")

web_image = modal.Image.debian_slim().pip_install("fastapi[standard]")


@app.function()
def echo(value):
    return value


@app.function()
def square(x):
    return x * x


@app.function()
def add(a, b):
    return a + b


@app.function()
def sleep(seconds: float):
    time.sleep(seconds)
    return seconds


@app.function()
def log_lines(n: int, delay: float = 0.0):
    for i in range(1, n + 1):
        if i > 1 and delay > 0:
            time.sleep(delay)
        print(f"line {i}", flush=True)
    return n


@app.function()
def fail(message: str):
    raise ValueError(message)


@app.function()
def countdown(n: int):
    for i in range(n, 0, -1):
        yield i


# A routing region puts the function behind Modal's input plane.
@app.function(routing_region="us-east")
def square_ip(x):
    return x * x


@app.function(image=web_image)
@modal.fastapi_endpoint(method="GET")
def web(name: str = "world"):
    return {"hello": name}


@app.cls()
class Greeter:
    greeting: str = modal.parameter(default="Hello")

    @modal.method()
    def greet(self, name: str) -> str:
        return f"{self.greeting}, {name}!"

    @modal.method()
    def resources(self) -> dict:
        return {"gpu": _gpu(), "cpu": _cpu(), "memory_mb": _memory_mb()}


def _gpu():
    """The container's GPUs as "TYPE:COUNT" (e.g. "A100-80GB:1"), or None without GPUs."""
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader,nounits"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    rows = [line.split(",") for line in out.strip().splitlines() if line.strip()]
    if not rows:
        return None
    name, memory_mib = rows[0][0].strip(), int(rows[0][1].strip())
    gpu_type = name.replace("NVIDIA", "").strip().split("-")[0].split(" ")[0].upper()
    if gpu_type == "A100":
        gpu_type = "A100-80GB" if memory_mib > 50_000 else "A100-40GB"
    return f"{gpu_type}:{len(rows)}"


def _cpu() -> float:
    """CPU cores granted to the container (cgroup v2 quota, else the visible cores)."""
    try:
        with open("/sys/fs/cgroup/cpu.max") as f:
            quota, period = f.read().split()
        if quota != "max":
            return int(quota) / int(period)
    except (OSError, ValueError):
        pass
    return float(len(os.sched_getaffinity(0)))


def _memory_mb() -> int:
    """Memory granted to the container in MiB (cgroup v2 limit, else physical memory)."""
    try:
        with open("/sys/fs/cgroup/memory.max") as f:
            limit = f.read().strip()
        if limit != "max":
            return int(limit) // (1024 * 1024)
    except (OSError, ValueError):
        pass
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
