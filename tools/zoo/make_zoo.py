#!/usr/bin/env python3
"""Reproducible ONNX model zoo for the profiler's import/numerics tests.

  python3 tools/zoo/make_zoo.py --out models/zoo [--only NAME,...] [--large OUTDIR] [--verify] [--list]

For every case in tools/zoo/zoo_models.py this writes
  NAME.onnx
  NAME.input.bin              (NAME.<input-name>.input.bin when the model has several inputs)
  NAME.output.bin             PyTorch's output on that input
all raw little-endian float32 in the tensor's layout (NCHW / NCL); an int64 output
(argmax) is stored as float32 of the indices, and its case says "output_dtype": "int64".
OUT/cases.json gets one entry per model (existing entries of other models are kept):
  input, output (shapes), opset, ops (sorted op types of the exported graph), params
  (PyTorch parameter count), bytes (size of the .onnx), dynamic; plus inputs
  (name -> shape) for multi-input models and dynamic_dims ({io name: {axis: dim_param}})
  for models exported with dynamic_axes.

Cases marked large (full-width torchvision models, several MB each) are written only
with --large OUTDIR, into OUTDIR (with its own cases.json).

Recipe per model (deterministic on one torch build): torch.manual_seed(crc32(key));
build; constant-initialized parameters (zero biases, unit norm weights, PReLU 0.25,
ConvNeXt layer scale) are redrawn (0 -> N(0, 0.1^2), c -> c * U(0.5, 1.5));
BatchNorm running statistics are measured on one random N(0, 1) batch (batch >= 2,
everything else in eval mode) and then perturbed (mean += 0.1 * std * N(0, 1),
var *= U(0.75, 1.35)) so no BN is an identity; model.eval(); input ~ N(0, 1) from
seed + 1 (a "mask" input is N(0, 1) > 0 as 0/1 float); torch.onnx.export with
do_constant_folding=True; onnx.checker.check_model(full_check=True); the shapes
ONNX infers for the outputs must match PyTorch's. With --verify the exported file is
also run by tools/onnx/ref_runner.py (an ONNX-semantics interpreter, float64) and
compared with PyTorch (dynamic models at a second input size too).

Needs Debian's python3-torch (1.13), python3-torchvision (0.14), python3-onnx (1.12).
"""
import argparse
import json
import os
import sys
import time
import warnings
import zlib

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zoo_models  # noqa: E402

import onnx  # noqa: E402


def seed_of(key):
    return zlib.crc32(key.encode()) & 0x7FFFFFFF


def redraw_constant_params(model, gen):
    with torch.no_grad():
        for _, p in model.named_parameters():
            flat = p.detach().reshape(-1)
            if flat.numel() == 0 or not bool((flat == flat[0]).all()):
                continue
            c = float(flat[0])
            if c == 0.0:
                p.copy_(0.1 * torch.randn(p.shape, generator=gen))
            else:
                p.copy_(c * (0.5 + torch.rand(p.shape, generator=gen)))


def make_inputs(case, gen, batch_at_least=1):
    out = []
    for name, shape in case.inputs.items():
        shape = list(shape)
        shape[0] = max(shape[0], batch_at_least)
        x = torch.randn(shape, generator=gen)
        if case.input_kinds.get(name) == "mask":
            x = (x > 0).float()
        out.append(x)
    return out


def calibrate_bn(model, case, gen):
    bns = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    if not bns:
        return 0
    model.eval()
    saved = []
    for m in bns:
        saved.append(m.momentum)
        m.reset_running_stats()
        m.momentum = None  # cumulative average: the stats of this one batch
        m.train()
    with torch.no_grad():
        model(*make_inputs(case, gen, batch_at_least=2))
    with torch.no_grad():
        for m, mom in zip(bns, saved):
            m.momentum = mom
            std = m.running_var.clamp_min(1e-6).sqrt()
            m.running_mean += 0.1 * std * torch.randn(m.running_mean.shape, generator=gen)
            m.running_var *= 0.75 + 0.6 * torch.rand(m.running_var.shape, generator=gen)
    model.eval()
    return len(bns)


def graph_ops(graph):
    ops = set()
    for n in graph.node:
        ops.add(n.op_type)
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                ops |= graph_ops(a.g)
            elif a.type == onnx.AttributeProto.GRAPHS:
                for g in a.graphs:
                    ops |= graph_ops(g)
    return ops


def dims_of(vi):
    return [d.dim_param if d.HasField("dim_param") else d.dim_value for d in vi.type.tensor_type.shape.dim]


def verify(case, model, path, inputs, out):
    """Run the exported file with tools/onnx/ref_runner.py (ONNX semantics, float64) and compare
    with PyTorch; dynamic models also at a second input size."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "onnx"))
    import ref_runner

    m = onnx.load(path)
    trials = [(inputs, out)]
    if case.dynamic_axes:
        g = torch.Generator().manual_seed(1234)
        alt = []
        for x, name in zip(inputs, case.inputs):
            shape = list(x.shape)
            for axis in case.dynamic_axes.get(name, {}):
                shape[axis] = {0: 1}.get(axis, shape[axis] // 2 + 4)
            alt.append(torch.randn(shape, generator=g))
        with torch.no_grad():
            trials.append((alt, model(*alt)))
    for xs, want in trials:
        got = ref_runner.run_model(m, {n: x.numpy() for n, x in zip(case.inputs, xs)})[0]
        ok, msg = ref_runner.compare(got, want.numpy())
        tag = "x".join(str(d) for d in xs[0].shape)
        print(f"{'':40s} verify {tag}: {'ok' if ok else 'MISMATCH'} ({msg})", flush=True)
        if not ok:
            raise SystemExit(f"{case.name}: the ONNX reference run differs from PyTorch")


def build_case(case, out_dir, check=False):
    t0 = time.time()
    seed = seed_of(case.seed_key or case.name)
    torch.manual_seed(seed)
    model = case.build()
    gen = torch.Generator().manual_seed(seed)
    redraw_constant_params(model, gen)
    n_bn = calibrate_bn(model, case, gen)
    model.eval()

    in_gen = torch.Generator().manual_seed(seed + 1)
    inputs = make_inputs(case, in_gen)
    with torch.no_grad():
        out = model(*inputs)
    if isinstance(out, (tuple, list)):
        raise SystemExit(f"{case.name}: several outputs are not supported by this script")

    path = os.path.join(out_dir, case.name + ".onnx")
    names = list(case.inputs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model, tuple(inputs), path,
            opset_version=case.opset,
            do_constant_folding=True,
            input_names=names,
            output_names=case.output_names,
            dynamic_axes=case.dynamic_axes,
        )

    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(m, strict_mode=True)
    got = dims_of(inferred.graph.output[0])
    want = list(out.shape)
    for axis, (g, w) in enumerate(zip(got, want)):
        if isinstance(g, int) and g != w:
            raise SystemExit(f"{case.name}: ONNX infers output {got}, PyTorch gives {want}")
    if len(got) != len(want):
        raise SystemExit(f"{case.name}: ONNX infers output rank {len(got)}, PyTorch gives {want}")
    elem = inferred.graph.output[0].type.tensor_type.elem_type
    if check:
        verify(case, model, path, inputs, out)

    # data files
    if len(names) == 1:
        inputs[0].numpy().astype("<f4").tofile(os.path.join(out_dir, case.name + ".input.bin"))
    else:
        for n, x in zip(names, inputs):
            x.numpy().astype("<f4").tofile(os.path.join(out_dir, f"{case.name}.{n}.input.bin"))
    out_np = out.numpy()
    out_np.astype("<f4").tofile(os.path.join(out_dir, case.name + ".output.bin"))

    entry = {
        "input": list(inputs[0].shape),
        "output": want,
        "opset": case.opset,
        "ops": sorted(graph_ops(m.graph)),
        "params": int(sum(p.numel() for p in model.parameters())),
        "bytes": os.path.getsize(path),
        "dynamic": bool(case.dynamic_axes),
    }
    if len(names) > 1:
        entry["inputs"] = {n: list(x.shape) for n, x in zip(names, inputs)}
    if case.dynamic_axes:
        dd = {}
        for vi in list(m.graph.input) + list(m.graph.output):
            d = {str(i): v for i, v in enumerate(dims_of(vi)) if isinstance(v, str)}
            if d:
                dd[vi.name] = d
        entry["dynamic_dims"] = dd
    if elem != onnx.TensorProto.FLOAT:
        entry["output_dtype"] = onnx.TensorProto.DataType.Name(elem).lower()

    data_bytes = sum(x.numel() * 4 for x in inputs) + out_np.size * 4
    o = out_np.astype(np.float64)
    print(f"{case.name:40s} onnx {entry['bytes'] / 1024:8.1f} KiB  data {data_bytes / 1024:7.1f} KiB  "
          f"params {entry['params']:9d}  bn {n_bn:3d}  out {want} mean {o.mean():+.4f} std {o.std():.4f}  "
          f"{time.time() - t0:.1f}s", flush=True)
    print(f"{'':40s} ops: {' '.join(entry['ops'])}", flush=True)
    return entry


def write_cases(out_dir, entries, order):
    path = os.path.join(out_dir, "cases.json")
    old = {}
    if os.path.exists(path):
        with open(path) as f:
            old = json.load(f)
    old.update(entries)
    ordered = {k: old[k] for k in order if k in old}
    ordered.update({k: v for k, v in old.items() if k not in ordered})
    with open(path, "w") as f:
        json.dump(ordered, f, indent=1)
        f.write("\n")


def table(out_dir):
    """Markdown table of OUT/cases.json (for tools/zoo/README.md)."""
    with open(os.path.join(out_dir, "cases.json")) as f:
        cases = json.load(f)
    about = {c.name: c.about for c in zoo_models.CASES}
    print("| model | .onnx KiB | data KiB | input(s) | output | opset | params | ops | covers |")
    print("|---|---:|---:|---|---|---:|---:|---|---|")
    tot = 0
    for name, c in cases.items():
        data = sum(os.path.getsize(os.path.join(out_dir, f)) for f in os.listdir(out_dir)
                   if f.startswith(name + ".") and f.endswith(".bin"))
        tot += data + c["bytes"]
        ins = c.get("inputs") or {"input": c["input"]}
        ins = ", ".join(("" if len(ins) == 1 else k + " ") + "x".join(map(str, v)) for k, v in ins.items())
        out = "x".join(map(str, c["output"])) + (f" ({c['output_dtype']})" if "output_dtype" in c else "")
        print(f"| `{name}` | {c['bytes'] / 1024:.0f} | {data / 1024:.0f} | {ins} | {out} | {c['opset']} | "
              f"{c['params']} | {' '.join(c['ops'])} | {about.get(name, '')} |")
    print(f"\nTotal: {len(cases)} models, {tot / 1048576:.2f} MiB ({tot} bytes) with cases.json excluded.")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="models/zoo")
    ap.add_argument("--only", help="comma-separated case names")
    ap.add_argument("--large", metavar="OUTDIR", help="also write the large cases, into OUTDIR")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--table", action="store_true", help="print a markdown table of OUT/cases.json and exit")
    ap.add_argument("--verify", action="store_true",
                    help="also run each exported model with tools/onnx/ref_runner.py and compare (slow for large)")
    args = ap.parse_args()

    cases = zoo_models.CASES
    if args.table:
        table(args.out)
        return
    if args.list:
        for c in cases:
            print(f"{c.name:40s} {'large ' if c.large else ''}opset {c.opset}  {c.about}")
        return
    if args.only:
        want = [s.strip() for s in args.only.split(",") if s.strip()]
        known = {c.name for c in cases}
        unknown = [w for w in want if w not in known]
        if unknown:
            raise SystemExit(f"unknown case(s): {', '.join(unknown)}")
        cases = [c for c in cases if c.name in want]

    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    print(f"torch {torch.__version__}, torchvision {zoo_models.torchvision.__version__}, onnx {onnx.__version__}")
    targets = [(args.out, [c for c in cases if not c.large])]
    if args.large:
        targets.append((args.large, [c for c in cases if c.large]))
    for out_dir, group in targets:
        if not group:
            continue
        os.makedirs(out_dir, exist_ok=True)
        entries = {c.name: build_case(c, out_dir, args.verify) for c in group}
        write_cases(out_dir, entries, [c.name for c in zoo_models.CASES])
        total = sum(os.path.getsize(os.path.join(out_dir, f)) for f in os.listdir(out_dir))
        print(f"{out_dir}: {len(os.listdir(out_dir))} files, {total / 1048576:.2f} MiB")


if __name__ == "__main__":
    main()
