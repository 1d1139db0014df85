#!/usr/bin/env python3
"""Writes modal4j's .proto declarations from the wire facts of Modal's API.

The facts (names, numbers, types, labels, oneofs, presence) come from
../shared/wire/modal-api.json; which RPCs we declare, how they are split into files, and every
comment come from spec.py beside this script. Run it after adding an RPC to spec.py:

    python3 modal-proto/tools/declare.py ../shared/wire/modal-api.json modal-proto/src/main/proto
"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spec

SCALARS = {
    "TYPE_STRING": "string", "TYPE_BYTES": "bytes", "TYPE_BOOL": "bool", "TYPE_INT32": "int32",
    "TYPE_INT64": "int64", "TYPE_UINT32": "uint32", "TYPE_UINT64": "uint64", "TYPE_FLOAT": "float",
    "TYPE_DOUBLE": "double", "TYPE_SINT32": "sint32", "TYPE_SINT64": "sint64",
    "TYPE_FIXED32": "fixed32", "TYPE_FIXED64": "fixed64", "TYPE_SFIXED32": "sfixed32",
    "TYPE_SFIXED64": "sfixed64",
}


def main(facts_path, out_dir):
    facts = json.load(open(facts_path))
    messages, enums = facts["messages"], facts["enums"]
    pkg = spec.PACKAGE
    service = facts["services"][f"{pkg}.{spec.SERVICE}"]
    owner = {}          # full type name -> file name
    file_types = {}     # file name -> ordered list of full type names

    def visit(t, fname):
        if not t.startswith(pkg + ".") or t in owner:
            return
        owner[t] = fname
        file_types[fname].append(t)
        for f in sorted(messages.get(t, {}).get("fields", {}).values(), key=lambda f: f["name"]):
            if f["type_name"]:
                visit(f["type_name"], fname)

    for fname, desc, rpcs, *extra in spec.FILES:
        file_types[fname] = []
        for r in rpcs:
            visit(service[r]["input"], fname)
            visit(service[r]["output"], fname)
        for t in (extra[0] if extra else []):
            visit(f"{pkg}.{t}", fname)

    def short(t):
        return t[len(pkg) + 1:] if t.startswith(pkg + ".") else t

    def ftype(f):
        if f["type"] in SCALARS:
            return SCALARS[f["type"]]
        tn = f["type_name"]
        if messages.get(tn, {}).get("map_entry"):
            kf, vf = messages[tn]["fields"]["1"], messages[tn]["fields"]["2"]
            return f"map<{ftype(kf)}, {ftype(vf)}>"
        return short(tn)

    def deps_of(t):
        out = set()
        for f in messages.get(t, {}).get("fields", {}).values():
            tn = f["type_name"]
            if not tn:
                continue
            if messages.get(tn, {}).get("map_entry"):
                for g in messages[tn]["fields"].values():
                    if g["type_name"]:
                        out.add(g["type_name"])
            else:
                out.add(tn)
        return out

    def top_of(t):
        # the top-level declaration that holds t (t itself, or the message it is nested in)
        parts = short(t).split(".")
        return f"{pkg}.{parts[0]}"

    def emit_enum(name, full, ind):
        lines = []
        c = spec.COMMENTS.get(short(full))
        if c:
            lines.append(f"{ind}// {c}")
        lines.append(f"{ind}enum {name} {{")
        for v, n in sorted(enums[full].items(), key=lambda kv: kv[1]):
            lines.append(f"{ind}  {v} = {n};")
        lines.append(f"{ind}}}")
        return lines

    shells = set()

    def emit_message(full, ind, nested_wanted):
        name = short(full).split(".")[-1]
        lines = []
        c = spec.COMMENTS.get(short(full))
        if c:
            lines.append(f"{ind}// {c}")
        lines.append(f"{ind}message {name} {{")
        for child in sorted(nested_wanted.get(full, [])):
            cname = short(child).split(".")[-1]
            if child in enums:
                lines += emit_enum(cname, child, ind + "  ")
            else:
                lines += emit_message(child, ind + "  ", nested_wanted)
        fields = {} if full in shells else messages.get(full, {}).get("fields", {})
        oneofs = {}
        plain = []
        for num, f in sorted(fields.items(), key=lambda kv: int(kv[0])):
            if f["oneof"] and not f["optional"]:
                oneofs.setdefault(f["oneof"], []).append((int(num), f))
            else:
                plain.append((int(num), f))
        emitted_oneofs = set()
        items = sorted(plain + [(n, f) for fs in oneofs.values() for n, f in fs], key=lambda x: x[0])
        for num, f in items:
            if f["oneof"] and not f["optional"]:
                o = f["oneof"]
                if o in emitted_oneofs:
                    continue
                emitted_oneofs.add(o)
                lines.append(f"{ind}  oneof {o} {{")
                for n2, g in oneofs[o]:
                    lines.append(f"{ind}    {ftype(g)} {g['name']} = {n2};")
                lines.append(f"{ind}  }}")
                continue
            label = ""
            t = ftype(f)
            if f["label"] == "LABEL_REPEATED" and not t.startswith("map<"):
                label = "repeated "
            elif f["optional"]:
                label = "optional "
            lines.append(f"{ind}  {label}{t} {f['name']} = {num};")
        lines.append(f"{ind}}}")
        return lines

    os.makedirs(out_dir, exist_ok=True)
    written = []
    for fname, desc, rpcs, *_ in spec.FILES:
        types = file_types[fname]
        tops, nested = [], {}
        for t in types:
            if messages.get(t, {}).get("map_entry"):
                continue
            parent = top_of(t)
            if parent == t:
                tops.append(t)
            else:
                nested.setdefault(parent, []).append(t)
                if parent not in tops and parent not in owner:
                    shells.add(parent)
                    tops.append(parent)  # a shell that only holds the nested declaration
        imports = set()
        for t in types:
            for d in deps_of(t):
                if d.startswith("google.protobuf."):
                    imports.add("google/protobuf/" + d.split(".")[-1].lower() + ".proto")
                elif owner.get(d) and owner[d] != fname:
                    imports.add(owner[d])
        out = [f"// {line}" if line else "//" for line in desc.split("\n")]
        out += ["", 'syntax = "proto3";', "", f"package {pkg};", ""]
        for i in sorted(imports):
            out.append(f'import "{i}";')
        if imports:
            out.append("")
        out += [f'option java_package = "{spec.JAVA_PACKAGE}";', "option java_multiple_files = true;", ""]
        for t in tops:
            if t in enums:
                out += emit_enum(short(t), t, "")
            else:
                out += emit_message(t, "", nested)
            out.append("")
        path = os.path.join(out_dir, fname)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "w").write("\n".join(out).rstrip() + "\n")
        written.append(fname)

    # The service file: every RPC of every file, in file order.
    sf = spec.SERVICE_FILE
    out = [f"// {line}" if line else "//" for line in spec.SERVICE_DESC.split("\n")]
    out += ["", 'syntax = "proto3";', "", f"package {pkg};", ""]
    imps = set()
    for _, _, rpcs, *_ in spec.FILES:
        for r in rpcs:
            for t in (service[r]["input"], service[r]["output"]):
                imps.add(owner.get(t) or "google/protobuf/" + t.split(".")[-1].lower() + ".proto")
    imps = sorted(imps)
    out += [f'import "{i}";' for i in imps] + [""]
    out += [f'option java_package = "{spec.JAVA_PACKAGE}";', "option java_multiple_files = true;", ""]
    out.append(f"service {spec.SERVICE} {{")
    for fname, _, rpcs, *_ in spec.FILES:
        for r in rpcs:
            m = service[r]
            c = spec.COMMENTS.get("rpc " + r)
            if c:
                out.append(f"  // {c}")
            i = ("stream " if m["client_streaming"] else "") + short(m["input"])
            o = ("stream " if m["server_streaming"] else "") + short(m["output"])
            out.append(f"  rpc {r}({i}) returns ({o});")
    out.append("}")
    open(os.path.join(out_dir, sf), "w").write("\n".join(out) + "\n")
    print("wrote", ", ".join(written + [sf]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
