#!/usr/bin/env python3
"""Copy a subset of the official ONNX backend node tests into test/data/onnx-node/.

The tests come from the generators shipped in the onnx Python package
(onnx.backend.test.case.node, Debian python3-onnx 1.12.0). Each test is a
directory with model.onnx and test_data_set_N/{input,output}_K.pb (TensorProto).

Selection:
  * every op type in the model graph (subgraphs included) is in OPS below and in
    the default domain (so *_expanded tests are kept only when all the ops of the
    expansion are in OPS);
  * every graph input/output (and every .pb tensor) is float32, int64 or bool;
  * not a training-mode test (name contains "training", or a node has
    training_mode=1 / a training_mode input);
  * the test directory holds <= --max-test-bytes (default 2 MB).
If the total is above --budget-bytes (default 6 MB) the largest tests are
dropped until it fits, and listed.

Usage:
  python3 tools/onnx/node_tests.py [--gen /tmp/onnxnode] [--no-generate]
                                   [--out test/data/onnx-node]
"""
import argparse
import json
import os
import shutil
import sys

import numpy as np

# onnx 1.12's test generators use aliases that numpy >= 1.24 removed.
for _a, _b in [("float", float), ("int", int), ("bool", bool), ("object", object), ("complex", complex)]:
    if _a not in np.__dict__:
        setattr(np, _a, _b)

import onnx  # noqa: E402
from onnx import TensorProto, numpy_helper  # noqa: E402

OPS = set("""
Abs Add ArgMax AveragePool BatchNormalization Cast Ceil Clip Concat Constant
ConstantOfShape Conv ConvTranspose DepthToSpace Div Dropout Elu Equal Erf Exp
Expand Flatten Floor Gather Gemm GlobalAveragePool GlobalMaxPool Greater
HardSigmoid HardSwish Identity InstanceNormalization LayerNormalization
LeakyRelu Less Log LogSoftmax MatMul Max MaxPool Mean Min Mish Mul Neg Pad Pow
PRelu Range Reciprocal ReduceL2 ReduceMax ReduceMean ReduceMin ReduceSum Relu
Reshape Resize Selu Shape Sigmoid Sign Size Slice Softmax Softplus SpaceToDepth
Split Sqrt Squeeze Sub Sum Tanh Tile Transpose Unsqueeze Upsample Where
GroupNormalization Gelu
""".split())

OK_DTYPES = {TensorProto.FLOAT: "float32", TensorProto.INT64: "int64", TensorProto.BOOL: "bool"}


def generate(gen_dir):
    from onnx.backend.test import cmd_tools

    argv = sys.argv
    try:
        sys.argv = ["onnx-backend-test", "generate-data", "-o", gen_dir]
        cmd_tools.main()
    finally:
        sys.argv = argv


def graph_nodes(graph):
    for n in graph.node:
        yield n
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                yield from graph_nodes(a.g)
            elif a.type == onnx.AttributeProto.GRAPHS:
                for g in a.graphs:
                    yield from graph_nodes(g)


def internal_dtypes(model):
    """Tensor element types created inside the graph (Cast 'to', Constant values, initializers)."""
    found = set()
    for n in graph_nodes(model.graph):
        for a in n.attribute:
            if n.op_type == "Cast" and a.name == "to":
                found.add(a.i)
            elif a.type == onnx.AttributeProto.TENSOR:
                found.add(a.t.data_type)
    for t in model.graph.initializer:
        found.add(t.data_type)
    return sorted(TensorProto.DataType.Name(d).lower() for d in found if d not in OK_DTYPES)


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def read_tensor(path):
    t = TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    return t


def examine(test_dir, name, max_bytes):
    """Return (entry, None) for a kept test or (None, reason)."""
    model = onnx.load(os.path.join(test_dir, "model.onnx"))
    nodes = list(graph_nodes(model.graph))
    ops = sorted({n.op_type for n in nodes})
    bad_domain = sorted({n.domain for n in nodes if n.domain not in ("", "ai.onnx")})
    if bad_domain:
        return None, f"domain {bad_domain}"
    extra = [o for o in ops if o not in OPS]
    if extra:
        return None, f"ops {extra}"
    if "training" in name:
        return None, "training mode"
    for n in nodes:
        for a in n.attribute:
            if a.name == "training_mode" and a.i != 0:
                return None, "training mode"
        if n.op_type == "Dropout" and len(n.input) >= 3 and n.input[2]:
            return None, "training mode (training_mode input)"
    for vi in list(model.graph.input) + list(model.graph.output):
        if not vi.type.HasField("tensor_type"):
            return None, f"non-tensor io {vi.name}"
        if vi.type.tensor_type.elem_type not in OK_DTYPES:
            return None, f"dtype {TensorProto.DataType.Name(vi.type.tensor_type.elem_type)} ({vi.name})"
    nbytes = dir_bytes(test_dir)
    if nbytes > max_bytes:
        return None, f"{nbytes} bytes > {max_bytes}"

    opset = None
    for imp in model.opset_import:
        if imp.domain in ("", "ai.onnx"):
            opset = imp.version
    sets = sorted(d for d in os.listdir(test_dir) if d.startswith("test_data_set_"))
    data_sets = []
    for s in sets:
        sd = os.path.join(test_dir, s)
        entry = {}
        for kind, vis in (("inputs", model.graph.input), ("outputs", model.graph.output)):
            files = sorted(
                (f for f in os.listdir(sd) if f.startswith(kind[:-1] + "_") and f.endswith(".pb")),
                key=lambda f: int(f.split("_")[1].split(".")[0]),
            )
            if len(files) != len(vis):
                return None, f"{s}: {len(files)} {kind} files for {len(vis)} graph {kind}"
            items = []
            for vi, f in zip(vis, files):
                t = read_tensor(os.path.join(sd, f))
                if t.data_type not in OK_DTYPES:
                    return None, f"dtype {TensorProto.DataType.Name(t.data_type)} in {s}/{f}"
                items.append({
                    "name": vi.name,
                    "dtype": OK_DTYPES[t.data_type],
                    "shape": [int(d) for d in t.dims],
                    "file": f"{name}/{s}/{f}",
                })
            entry[kind] = items
        data_sets.append(entry)
    if not data_sets:
        return None, "no test_data_set"

    out = {
        "ops": ops,
        "opset": opset,
        "inputs": data_sets[0]["inputs"],
        "outputs": data_sets[0]["outputs"],
        "bytes": nbytes,
    }
    if len(data_sets) > 1:
        out["extra_data_sets"] = data_sets[1:]
    inner = internal_dtypes(model)
    if inner:
        out["internal_dtypes"] = inner  # e.g. a Cast to double inside an *_expanded graph
    return out, None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--gen", default="/tmp/onnxnode", help="where generate-data writes (node/ under it)")
    ap.add_argument("--no-generate", action="store_true", help="reuse an existing --gen directory")
    ap.add_argument("--out", default=os.path.join(repo, "test", "data", "onnx-node"))
    ap.add_argument("--max-test-bytes", type=int, default=2 * 1024 * 1024)
    ap.add_argument("--budget-bytes", type=int, default=6 * 1024 * 1024)
    ap.add_argument("--report", help="write the skip reasons (JSON) here")
    args = ap.parse_args()

    if not args.no_generate:
        if os.path.isdir(args.gen):
            shutil.rmtree(args.gen)
        generate(args.gen)
    node_dir = os.path.join(args.gen, "node")

    kept, skipped = {}, {}
    for name in sorted(os.listdir(node_dir)):
        d = os.path.join(node_dir, name)
        if not os.path.isfile(os.path.join(d, "model.onnx")):
            continue
        entry, why = examine(d, name, args.max_test_bytes)
        if entry is None:
            skipped[name] = why
        else:
            kept[name] = entry

    dropped = []
    total = sum(e["bytes"] for e in kept.values())
    while total > args.budget_bytes:
        big = max(kept, key=lambda k: kept[k]["bytes"])
        dropped.append((big, kept[big]["bytes"]))
        total -= kept.pop(big)["bytes"]
        skipped[big] = "dropped for the size budget"

    # Replace only the test directories and index.json; keep README.md.
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        p = os.path.join(args.out, old)
        if old.startswith("test_") and os.path.isdir(p):
            shutil.rmtree(p)
    for name in kept:
        shutil.copytree(os.path.join(node_dir, name), os.path.join(args.out, name))
    with open(os.path.join(args.out, "index.json"), "w") as f:
        json.dump({
            "source": f"onnx {onnx.__version__} backend node test generators (onnx.backend.test.case.node)",
            "license": "Apache-2.0 (the ONNX project)",
            "tests": kept,
        }, f, indent=1)
        f.write("\n")
    if args.report:
        with open(args.report, "w") as f:
            json.dump(skipped, f, indent=1, sort_keys=True)

    ops_seen = sorted({o for e in kept.values() for o in e["ops"]})
    print(f"kept {len(kept)} tests, {total} bytes ({total / 1048576:.2f} MiB) -> {args.out}")
    print(f"ops covered ({len(ops_seen)}): {' '.join(ops_seen)}")
    print(f"ops in the list with no kept test: {' '.join(sorted(OPS - set(ops_seen)))}")
    if dropped:
        print("dropped for the size budget: " + ", ".join(f"{n} ({b})" for n, b in dropped))


if __name__ == "__main__":
    main()
