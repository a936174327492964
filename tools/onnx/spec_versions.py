#!/usr/bin/env python3
"""Write tools/onnx/spec-versions.json: ONNX op type (default domain) -> sorted since_versions.

Source: onnx.defs.get_all_schemas_with_history() of the installed onnx package
(Debian python3-onnx 1.12 knows opsets up to 17).

Usage: python3 tools/onnx/spec_versions.py [--out tools/onnx/spec-versions.json]
"""
import argparse
import json
import os

import onnx
import onnx.defs


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(here, "spec-versions.json"))
    args = ap.parse_args()

    versions = {}
    for s in onnx.defs.get_all_schemas_with_history():
        if s.domain not in ("", "ai.onnx"):
            continue
        versions.setdefault(s.name, set()).add(int(s.since_version))
    out = {k: sorted(v) for k, v in sorted(versions.items())}
    with open(args.out, "w") as f:
        # one op per line: {"Abs": [1, 6, 13], ...}
        f.write("{\n")
        f.write(",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in out.items()))
        f.write("\n}\n")
    max_opset = onnx.defs.onnx_opset_version()
    print(f"onnx {onnx.__version__}: max opset (default domain) = {max_opset}")
    print(f"wrote {len(out)} op types to {args.out}")


if __name__ == "__main__":
    main()
