#!/usr/bin/env python3
"""A small reference ONNX interpreter (numpy + torch CPU kernels, float64) for checking
test data without onnxruntime.

It implements the ONNX semantics of the ops used by models/zoo and by the
test/data/onnx-node subset (pads/auto_pad/ceil_mode/dilations of Conv, ConvTranspose
and pools, opset<13 Softmax coercion, Resize through the onnx package's own reference
coefficient functions, ...). Float tensors are computed in float64.

  python3 tools/onnx/ref_runner.py --node-tests test/data/onnx-node   # validate the runner
  python3 tools/onnx/ref_runner.py --zoo models/zoo                   # check zoo outputs
  python3 tools/onnx/ref_runner.py --zoo /work/shared/fixtures/zoo
"""
import argparse
import json
import math
import os
import sys

import numpy as np

for _a, _b in [("float", float), ("int", int), ("bool", bool), ("object", object), ("complex", complex)]:
    if _a not in np.__dict__:
        setattr(np, _a, _b)

import onnx  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from onnx import numpy_helper, helper  # noqa: E402

try:
    from onnx.backend.test.case.node import resize as _resize_ref  # noqa: E402
except Exception:  # pragma: no cover
    _resize_ref = None

OPS = {}


def op(*names):
    def deco(fn):
        for n in names:
            OPS[n] = fn
        return fn
    return deco


def T(x):
    return torch.from_numpy(np.ascontiguousarray(x))


def N(t):
    return t.numpy()


def f64(x):
    return x.astype(np.float64) if x.dtype in (np.float32, np.float16) else x


# ---------------------------------------------------------------- elementwise
_UNARY = {
    "Relu": lambda x: np.maximum(x, 0),
    "Sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "Tanh": np.tanh,
    "Exp": np.exp,
    "Log": np.log,
    "Sqrt": np.sqrt,
    "Neg": np.negative,
    "Abs": np.abs,
    "Reciprocal": lambda x: 1 / x,
    "Floor": np.floor,
    "Ceil": np.ceil,
    "Sign": np.sign,
    "Erf": lambda x: N(torch.erf(T(x))),
    "Softplus": lambda x: np.logaddexp(0, x),
    "Identity": lambda x: x,
}
for _n, _f in _UNARY.items():
    OPS[_n] = (lambda f: lambda node, ins, a, ctx: [f(ins[0])])(_f)


@op("Add")
def _add(node, ins, a, ctx):
    return [ins[0] + ins[1]]


@op("Sub")
def _sub(node, ins, a, ctx):
    return [ins[0] - ins[1]]


@op("Mul")
def _mul(node, ins, a, ctx):
    return [ins[0] * ins[1]]


@op("Div")
def _div(node, ins, a, ctx):
    x, y = ins
    if np.issubdtype(x.dtype, np.integer):
        return [np.trunc(x / y).astype(x.dtype)]
    return [x / y]


@op("Pow")
def _pow(node, ins, a, ctx):
    x, y = ins
    r = np.power(x.astype(np.float64), y.astype(np.float64))
    return [r.astype(x.dtype) if np.issubdtype(x.dtype, np.integer) else r]


@op("Equal")
def _eq(node, ins, a, ctx):
    return [np.equal(*ins)]


@op("Less")
def _lt(node, ins, a, ctx):
    return [np.less(*ins)]


@op("Greater")
def _gt(node, ins, a, ctx):
    return [np.greater(*ins)]


@op("Where")
def _where(node, ins, a, ctx):
    return [np.where(*ins)]


@op("Max", "Min", "Sum", "Mean")
def _variadic(node, ins, a, ctx):
    f = {"Max": np.maximum, "Min": np.minimum, "Sum": np.add, "Mean": np.add}[node.op_type]
    r = ins[0]
    for x in ins[1:]:
        r = f(r, x)
    if node.op_type == "Mean":
        r = r / len(ins)
    return [r]


@op("LeakyRelu")
def _lrelu(node, ins, a, ctx):
    al = a.get("alpha", 0.01)
    return [np.where(ins[0] >= 0, ins[0], al * ins[0])]


@op("Elu")
def _elu(node, ins, a, ctx):
    al = a.get("alpha", 1.0)
    x = ins[0]
    return [np.where(x >= 0, x, al * (np.exp(x) - 1))]


@op("Selu")
def _selu(node, ins, a, ctx):
    al = a.get("alpha", 1.67326319217681884765625)
    g = a.get("gamma", 1.05070102214813232421875)
    x = ins[0]
    return [g * np.where(x > 0, x, al * (np.exp(x) - 1))]


@op("Celu")
def _celu(node, ins, a, ctx):
    al = a.get("alpha", 1.0)
    x = ins[0]
    return [np.maximum(0, x) + np.minimum(0, al * (np.exp(x / al) - 1))]


@op("HardSigmoid")
def _hsig(node, ins, a, ctx):
    return [np.clip(a.get("alpha", 0.2) * ins[0] + a.get("beta", 0.5), 0, 1)]


@op("HardSwish")
def _hswish(node, ins, a, ctx):
    x = ins[0]
    return [x * np.clip(x / 6 + 0.5, 0, 1)]


@op("Mish")
def _mish(node, ins, a, ctx):
    x = ins[0]
    return [x * np.tanh(np.logaddexp(0, x))]


@op("PRelu")
def _prelu(node, ins, a, ctx):
    x, s = ins
    return [np.where(x >= 0, x, s * x)]


@op("Clip")
def _clip(node, ins, a, ctx):
    x = ins[0]
    if ctx.opset < 11:
        lo, hi = a.get("min", -np.inf), a.get("max", np.inf)
    else:
        lo = ins[1] if len(ins) > 1 and ins[1] is not None else None
        hi = ins[2] if len(ins) > 2 and ins[2] is not None else None
    r = x
    if lo is not None:
        r = np.maximum(r, lo)
    if hi is not None:
        r = np.minimum(r, hi)
    return [r.astype(x.dtype)]


@op("Cast")
def _cast(node, ins, a, ctx):
    dt = helper.tensor_dtype_to_np_dtype(a["to"]) if hasattr(helper, "tensor_dtype_to_np_dtype") else \
        onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]]
    if dt == np.float32:
        dt = np.float64  # computed in float64
    return [ins[0].astype(dt)]


@op("Dropout")
def _dropout(node, ins, a, ctx):
    return [ins[0], np.ones(ins[0].shape, dtype=bool)]


# ---------------------------------------------------------------- softmax family
def _coerced(x, axis, fn):
    axis = axis % x.ndim
    shp = x.shape
    x2 = x.reshape(int(np.prod(shp[:axis], dtype=np.int64)), -1)
    return fn(x2, 1).reshape(shp)


def _softmax(x, axis):
    m = np.max(x, axis=axis, keepdims=True)
    e = np.exp(x - m)
    return e / e.sum(axis=axis, keepdims=True)


def _logsoftmax(x, axis):
    m = np.max(x, axis=axis, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


@op("Softmax", "LogSoftmax")
def _sm(node, ins, a, ctx):
    fn = _softmax if node.op_type == "Softmax" else _logsoftmax
    if ctx.opset >= 13:
        return [fn(ins[0], a.get("axis", -1))]
    return [_coerced(ins[0], a.get("axis", 1), fn)]


# ---------------------------------------------------------------- reductions
def _axes(node, ins, a, ctx, input_from):
    if ctx.opset >= input_from and len(ins) > 1 and ins[1] is not None:
        return [int(v) for v in ins[1]]
    return a.get("axes")


@op("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceL2", "ReduceProd", "ReduceL1", "ReduceSumSquare")
def _reduce(node, ins, a, ctx):
    x = ins[0]
    axes = _axes(node, ins, a, ctx, 13 if node.op_type == "ReduceSum" else 18)
    keep = bool(a.get("keepdims", 1))
    if not axes:
        if a.get("noop_with_empty_axes", 0):
            return [x]
        axes = None
    else:
        axes = tuple(int(v) % x.ndim for v in axes)
    f = {
        "ReduceMean": lambda v: np.mean(v, axis=axes, keepdims=keep),
        "ReduceSum": lambda v: np.sum(v, axis=axes, keepdims=keep),
        "ReduceMax": lambda v: np.max(v, axis=axes, keepdims=keep),
        "ReduceMin": lambda v: np.min(v, axis=axes, keepdims=keep),
        "ReduceProd": lambda v: np.prod(v, axis=axes, keepdims=keep),
        "ReduceL1": lambda v: np.sum(np.abs(v), axis=axes, keepdims=keep),
        "ReduceL2": lambda v: np.sqrt(np.sum(v * v, axis=axes, keepdims=keep)),
        "ReduceSumSquare": lambda v: np.sum(v * v, axis=axes, keepdims=keep),
    }[node.op_type]
    r = np.asarray(f(x))
    return [r.astype(x.dtype) if np.issubdtype(x.dtype, np.integer) else r]


@op("ArgMax", "ArgMin")
def _argmax(node, ins, a, ctx):
    x = ins[0]
    axis = a.get("axis", 0) % x.ndim
    keep = a.get("keepdims", 1)
    f = np.argmax if node.op_type == "ArgMax" else np.argmin
    if a.get("select_last_index", 0):
        r = x.shape[axis] - 1 - f(np.flip(x, axis), axis=axis)
    else:
        r = f(x, axis=axis)
    if keep:
        r = np.expand_dims(r, axis)
    return [r.astype(np.int64)]


# ---------------------------------------------------------------- normalization
@op("BatchNormalization")
def _bn(node, ins, a, ctx):
    x, s, b, m, v = ins[:5]
    eps = a.get("epsilon", 1e-5)
    sh = [1, -1] + [1] * (x.ndim - 2)
    return [(x - m.reshape(sh)) / np.sqrt(v.reshape(sh) + eps) * s.reshape(sh) + b.reshape(sh)]


@op("InstanceNormalization")
def _in(node, ins, a, ctx):
    x, s, b = ins
    eps = a.get("epsilon", 1e-5)
    ax = tuple(range(2, x.ndim))
    mu = x.mean(axis=ax, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=ax, keepdims=True)
    sh = [1, -1] + [1] * (x.ndim - 2)
    return [(x - mu) / np.sqrt(var + eps) * s.reshape(sh) + b.reshape(sh)]


@op("LayerNormalization")
def _ln(node, ins, a, ctx):
    x, s = ins[0], ins[1]
    b = ins[2] if len(ins) > 2 and ins[2] is not None else 0
    eps = a.get("epsilon", 1e-5)
    axis = a.get("axis", -1) % x.ndim
    ax = tuple(range(axis, x.ndim))
    mu = x.mean(axis=ax, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=ax, keepdims=True)
    inv = 1 / np.sqrt(var + eps)
    y = (x - mu) * inv * s + b
    return [y, mu, inv]


# ---------------------------------------------------------------- linear algebra
@op("MatMul")
def _matmul(node, ins, a, ctx):
    return [np.matmul(ins[0], ins[1])]


@op("Gemm")
def _gemm(node, ins, a, ctx):
    A, B = ins[0], ins[1]
    if a.get("transA", 0):
        A = A.T
    if a.get("transB", 0):
        B = B.T
    y = a.get("alpha", 1.0) * (A @ B)
    if len(ins) > 2 and ins[2] is not None:
        y = y + a.get("beta", 1.0) * ins[2]
    return [y]


# ---------------------------------------------------------------- conv / pool
def _auto_pads(auto_pad, in_sp, k_eff, strides):
    pb, pe = [], []
    for n, k, s in zip(in_sp, k_eff, strides):
        out = -(-n // s)
        tot = max(0, (out - 1) * s + k - n)
        if auto_pad == "SAME_UPPER":
            pb.append(tot // 2)
            pe.append(tot - tot // 2)
        else:
            pb.append(tot - tot // 2)
            pe.append(tot // 2)
    return pb, pe


def _pads(a, x, kernel, strides, dilations):
    nd = x.ndim - 2
    auto_pad = a.get("auto_pad", b"NOTSET")
    auto_pad = auto_pad.decode() if isinstance(auto_pad, bytes) else auto_pad
    if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        k_eff = [(k - 1) * d + 1 for k, d in zip(kernel, dilations)]
        return _auto_pads(auto_pad, x.shape[2:], k_eff, strides)
    if auto_pad == "VALID":
        return [0] * nd, [0] * nd
    p = a.get("pads", [0] * (2 * nd))
    return list(p[:nd]), list(p[nd:])


def _torch_pad_arg(pb, pe):
    out = []
    for b, e in zip(reversed(pb), reversed(pe)):
        out += [b, e]
    return out


@op("Conv")
def _conv(node, ins, a, ctx):
    x, w = ins[0], ins[1]
    b = ins[2] if len(ins) > 2 and ins[2] is not None else None
    nd = x.ndim - 2
    kernel = a.get("kernel_shape", list(w.shape[2:]))
    strides = a.get("strides", [1] * nd)
    dil = a.get("dilations", [1] * nd)
    pb, pe = _pads(a, x, kernel, strides, dil)
    xt = F.pad(T(f64(x)), _torch_pad_arg(pb, pe))
    conv = [None, F.conv1d, F.conv2d, F.conv3d][nd]
    y = conv(xt, T(f64(w)), None if b is None else T(f64(b)), stride=strides, dilation=dil, groups=a.get("group", 1))
    return [N(y)]


@op("ConvTranspose")
def _convT(node, ins, a, ctx):
    x, w = ins[0], ins[1]
    b = ins[2] if len(ins) > 2 and ins[2] is not None else None
    nd = x.ndim - 2
    kernel = a.get("kernel_shape", list(w.shape[2:]))
    strides = a.get("strides", [1] * nd)
    dil = a.get("dilations", [1] * nd)
    opad = a.get("output_padding", [0] * nd)
    g = a.get("group", 1)
    convT = [None, F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d][nd]
    full = N(convT(T(f64(x)), T(f64(w)), None, stride=strides, dilation=dil, groups=g))
    in_sp = x.shape[2:]
    k_eff = [(k - 1) * d + 1 for k, d in zip(kernel, dil)]
    auto_pad = a.get("auto_pad", b"NOTSET")
    auto_pad = auto_pad.decode() if isinstance(auto_pad, bytes) else auto_pad
    if "output_shape" in a:
        out_shape = list(a["output_shape"])[-nd:]
    elif auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        out_shape = [n * s for n, s in zip(in_sp, strides)]
    else:
        out_shape = None
    if out_shape is not None:
        pb, pe = [], []
        for i in range(nd):
            tot = strides[i] * (in_sp[i] - 1) + opad[i] + k_eff[i] - out_shape[i]
            if auto_pad == "SAME_UPPER":
                pb.append(tot // 2)
                pe.append(tot - tot // 2)
            else:
                pb.append(tot - tot // 2)
                pe.append(tot // 2)
    else:
        p = a.get("pads", [0] * (2 * nd))
        pb, pe = list(p[:nd]), list(p[nd:])
    # append output_padding (zeros) at the end, then crop the pads
    # (negative pads, from an output_shape larger than the full result, extend with zeros)
    full = np.pad(full, [(0, 0), (0, 0)] + [(max(0, -pb[i]), o + max(0, -pe[i])) for i, o in enumerate(opad)])
    pb, pe = [max(0, v) for v in pb], [max(0, v) for v in pe]
    sl = [slice(None), slice(None)] + [slice(pb[i], full.shape[2 + i] - pe[i]) for i in range(nd)]
    y = full[tuple(sl)]
    if b is not None:
        y = y + f64(b).reshape([1, -1] + [1] * nd)
    return [y]


def _pool(x, kernel, strides, dil, pb, pe, ceil_mode, kind, count_include_pad=0, want_idx=False,
          storage_order=0):
    nd = x.ndim - 2
    in_sp = x.shape[2:]
    k_eff = [(k - 1) * d + 1 for k, d in zip(kernel, dil)]
    outs = []
    for i in range(nd):
        span = in_sp[i] + pb[i] + pe[i] - k_eff[i]
        o = (-(-span // strides[i]) if ceil_mode else span // strides[i]) + 1
        if ceil_mode and (o - 1) * strides[i] >= in_sp[i] + pb[i]:
            o -= 1
        outs.append(o)
    need = [(o - 1) * s + k for o, s, k in zip(outs, strides, k_eff)]
    ext = [max(0, n - (in_sp[i] + pb[i] + pe[i])) for i, n in enumerate(need)]
    xf = f64(x).astype(np.float64)
    pad_val = 0.0 if (kind == "AVG" and count_include_pad) else np.nan
    xp = np.pad(xf, [(0, 0), (0, 0)] + [(pb[i], pe[i]) for i in range(nd)], constant_values=pad_val)
    xp = np.pad(xp, [(0, 0), (0, 0)] + [(0, e) for e in ext], constant_values=np.nan)
    win = np.lib.stride_tricks.sliding_window_view(xp, k_eff, axis=tuple(range(2, 2 + nd)))
    sl = [slice(None), slice(None)] + [slice(0, o * s, s) for o, s in zip(outs, strides)] + \
         [slice(None, None, d) for d in dil]
    win = win[tuple(sl)]
    flat = win.reshape(win.shape[:2 + nd] + (-1,))
    if kind == "MAX":
        y = np.nanmax(np.where(np.isnan(flat), -np.inf, flat), axis=-1)
        if not want_idx:
            return y, None
        if storage_order:
            idx = np.arange(x.size).reshape(x.shape[:2] + tuple(reversed(in_sp)))
            idx = np.moveaxis(idx, list(range(2, 2 + nd)), list(reversed(range(2, 2 + nd))))
            base = idx
        else:
            base = np.arange(x.size).reshape(x.shape)
        ip = np.pad(base.astype(np.float64), [(0, 0), (0, 0)] + [(pb[i], pe[i] + ext[i]) for i in range(nd)],
                    constant_values=-1)
        iw = np.lib.stride_tricks.sliding_window_view(ip, k_eff, axis=tuple(range(2, 2 + nd)))[tuple(sl)]
        iw = iw.reshape(flat.shape)
        am = np.argmax(np.where(np.isnan(flat), -np.inf, flat), axis=-1)
        return y, np.take_along_axis(iw, am[..., None], -1)[..., 0].astype(np.int64)
    return np.nanmean(flat, axis=-1), None


@op("MaxPool", "AveragePool")
def _pools(node, ins, a, ctx):
    x = ins[0]
    nd = x.ndim - 2
    kernel = a["kernel_shape"]
    strides = a.get("strides", [1] * nd)
    dil = a.get("dilations", [1] * nd)
    pb, pe = _pads(a, x, kernel, strides, dil)
    kind = "MAX" if node.op_type == "MaxPool" else "AVG"
    y, idx = _pool(x, kernel, strides, dil, pb, pe, a.get("ceil_mode", 0), kind,
                   a.get("count_include_pad", 0), want_idx=len(node.output) > 1,
                   storage_order=a.get("storage_order", 0))
    return [y, idx] if idx is not None else [y]


@op("GlobalAveragePool")
def _gap(node, ins, a, ctx):
    x = ins[0]
    return [x.mean(axis=tuple(range(2, x.ndim)), keepdims=True)]


@op("GlobalMaxPool")
def _gmp(node, ins, a, ctx):
    x = ins[0]
    return [x.max(axis=tuple(range(2, x.ndim)), keepdims=True)]


# ---------------------------------------------------------------- shape / data movement
@op("Shape")
def _shape(node, ins, a, ctx):
    s = np.array(ins[0].shape, dtype=np.int64)
    start = a.get("start", 0)
    end = a.get("end", None)
    return [s[start:end]]


@op("Size")
def _size(node, ins, a, ctx):
    return [np.array(ins[0].size, dtype=np.int64)]


@op("Constant")
def _const(node, ins, a, ctx):
    for at in node.attribute:
        if at.name == "value":
            return [f64(numpy_helper.to_array(at.t))]
        if at.name == "value_float":
            return [np.array(at.f, dtype=np.float64)]
        if at.name == "value_floats":
            return [np.array(list(at.floats), dtype=np.float64)]
        if at.name == "value_int":
            return [np.array(at.i, dtype=np.int64)]
        if at.name == "value_ints":
            return [np.array(list(at.ints), dtype=np.int64)]
    raise NotImplementedError("Constant without a supported value attribute")


@op("ConstantOfShape")
def _cos(node, ins, a, ctx):
    val = np.zeros(1, dtype=np.float64)
    for at in node.attribute:
        if at.name == "value":
            val = f64(numpy_helper.to_array(at.t))
    return [np.full(tuple(int(v) for v in ins[0]), val.reshape(-1)[0], dtype=val.dtype)]


@op("Range")
def _range(node, ins, a, ctx):
    s, l, d = [v.item() for v in ins]
    n = max(int(math.ceil((l - s) / d)), 0)
    return [(s + d * np.arange(n)).astype(ins[0].dtype)]


@op("Reshape")
def _reshape(node, ins, a, ctx):
    x, shp = ins
    shp = [int(v) for v in shp]
    if not a.get("allowzero", 0):
        shp = [x.shape[i] if v == 0 else v for i, v in enumerate(shp)]
    return [x.reshape(shp)]


@op("Flatten")
def _flatten(node, ins, a, ctx):
    x = ins[0]
    axis = a.get("axis", 1)
    axis = axis + x.ndim if axis < 0 else axis
    return [x.reshape(int(np.prod(x.shape[:axis], dtype=np.int64)), -1)]


@op("Transpose")
def _transpose(node, ins, a, ctx):
    return [np.transpose(ins[0], a.get("perm"))]


@op("Squeeze")
def _squeeze(node, ins, a, ctx):
    x = ins[0]
    axes = _axes(node, ins, a, ctx, 13)
    if axes is None:
        return [np.squeeze(x)]
    return [np.squeeze(x, axis=tuple(int(v) % x.ndim for v in axes))]


@op("Unsqueeze")
def _unsqueeze(node, ins, a, ctx):
    x = ins[0]
    axes = _axes(node, ins, a, ctx, 13)
    r = x.ndim + len(axes)
    for ax in sorted(int(v) % r for v in axes):
        x = np.expand_dims(x, ax)
    return [x]


@op("Concat")
def _concat(node, ins, a, ctx):
    return [np.concatenate([v for v in ins if v is not None], axis=a["axis"])]


@op("Split")
def _split(node, ins, a, ctx):
    x = ins[0]
    axis = a.get("axis", 0) % x.ndim
    if ctx.opset >= 13:
        split = ins[1] if len(ins) > 1 and ins[1] is not None else None
    else:
        split = a.get("split")
    n = len(node.output)
    if split is None:
        k = x.shape[axis] // n
        split = [k] * n
    idx = np.cumsum([int(v) for v in split])[:-1]
    return list(np.split(x, idx, axis=axis))


@op("Slice")
def _slice(node, ins, a, ctx):
    x = ins[0]
    if ctx.opset < 10:
        starts, ends = a["starts"], a["ends"]
        axes = a.get("axes", list(range(len(starts))))
        steps = [1] * len(starts)
    else:
        starts, ends = [int(v) for v in ins[1]], [int(v) for v in ins[2]]
        axes = [int(v) for v in ins[3]] if len(ins) > 3 and ins[3] is not None else list(range(len(starts)))
        steps = [int(v) for v in ins[4]] if len(ins) > 4 and ins[4] is not None else [1] * len(starts)
    sl = [slice(None)] * x.ndim
    for s, e, ax, st in zip(starts, ends, axes, steps):
        ax = ax % x.ndim
        n = x.shape[ax]
        if st > 0:
            s = max(0, min(n, s + n if s < 0 else s))
            e = max(0, min(n, e + n if e < 0 else e))
        else:
            s = max(-1, min(n - 1, s + n if s < 0 else s))
            e = max(-1, min(n - 1, e + n if e < 0 else e))
            if e == -1:
                e = None
        sl[ax] = slice(s, e, st)
    return [x[tuple(sl)]]


@op("Gather")
def _gather(node, ins, a, ctx):
    x, idx = ins
    axis = a.get("axis", 0) % x.ndim
    idx = np.where(idx < 0, idx + x.shape[axis], idx)
    return [np.take(x, idx, axis=axis)]


@op("Tile")
def _tile(node, ins, a, ctx):
    return [np.tile(ins[0], [int(v) for v in ins[1]])]


@op("Expand")
def _expand(node, ins, a, ctx):
    x, shp = ins
    return [x * np.ones([int(v) for v in shp], dtype=x.dtype)]


@op("Pad")
def _pad(node, ins, a, ctx):
    x = ins[0]
    mode = a.get("mode", b"constant")
    mode = mode.decode() if isinstance(mode, bytes) else mode
    if ctx.opset < 11:
        pads, cval = a["pads"], a.get("value", 0.0)
    else:
        pads = [int(v) for v in ins[1]]
        cval = ins[2].item() if len(ins) > 2 and ins[2] is not None and ins[2].size else 0
    nd = x.ndim
    pw = [(pads[i], pads[i + nd]) for i in range(nd)]
    # negative pads crop
    crop = tuple(slice(-min(b, 0), x.shape[i] + min(e, 0)) for i, (b, e) in enumerate(pw))
    x = x[crop]
    pw = [(max(b, 0), max(e, 0)) for b, e in pw]
    if mode == "constant":
        return [np.pad(x, pw, mode="constant", constant_values=cval)]
    return [np.pad(x, pw, mode={"reflect": "reflect", "edge": "edge"}[mode])]


@op("DepthToSpace")
def _d2s(node, ins, a, ctx):
    x = ins[0]
    b = a["blocksize"]
    n, c, h, w = x.shape
    mode = a.get("mode", b"DCR")
    mode = mode.decode() if isinstance(mode, bytes) else mode
    if mode == "DCR":
        t = x.reshape(n, b, b, c // (b * b), h, w).transpose(0, 3, 4, 1, 5, 2)
    else:
        t = x.reshape(n, c // (b * b), b, b, h, w).transpose(0, 1, 4, 2, 5, 3)
    return [t.reshape(n, c // (b * b), h * b, w * b)]


@op("SpaceToDepth")
def _s2d(node, ins, a, ctx):
    x = ins[0]
    b = a["blocksize"]
    n, c, h, w = x.shape
    t = x.reshape(n, c, h // b, b, w // b, b).transpose(0, 3, 5, 1, 2, 4)
    return [t.reshape(n, c * b * b, h // b, w // b)]


# ---------------------------------------------------------------- resize
def _resize_matrix(n_in, n_out, scale, coeff_fn, ctm, roi, exclude_outside, extrap):
    """W [n_out, n_in] and an extrapolation mask, from onnx's reference interpolate_1d_with_x."""
    f = _resize_ref.interpolate_1d_with_x
    W = np.zeros((n_out, n_in))
    mask = np.zeros(n_out, dtype=bool)
    for xo in range(n_out):
        kw = dict(roi=roi, coordinate_transformation_mode=ctm, exclude_outside=exclude_outside)
        if f(np.zeros(n_in), scale, xo, coeff_fn, extrapolation_value=1.0, **kw) == 1.0:
            mask[xo] = True
            continue
        for j in range(n_in):
            e = np.zeros(n_in)
            e[j] = 1.0
            W[xo, j] = f(e, scale, xo, coeff_fn, extrapolation_value=0.0, **kw)
    return W, mask


def _resize_common(x, scales, sizes, roi, a):
    mode = a.get("mode", b"nearest")
    mode = mode.decode() if isinstance(mode, bytes) else mode
    ctm = a.get("coordinate_transformation_mode", b"half_pixel")
    ctm = ctm.decode() if isinstance(ctm, bytes) else ctm
    nmode = a.get("nearest_mode", b"round_prefer_floor")
    nmode = nmode.decode() if isinstance(nmode, bytes) else nmode
    cubic_a = a.get("cubic_coeff_a", -0.75)
    excl = bool(a.get("exclude_outside", 0))
    extrap = a.get("extrapolation_value", 0.0)
    if mode == "nearest":
        coeff = lambda r: _resize_ref.nearest_coeffs(r, mode=nmode)  # noqa: E731
    elif mode == "linear":
        coeff = _resize_ref.linear_coeffs
    else:
        coeff = lambda r: _resize_ref.cubic_coeffs(r, A=cubic_a)  # noqa: E731
    if sizes is not None:
        out_shape = [int(v) for v in sizes]
        scales = [o / i for o, i in zip(out_shape, x.shape)]
    else:
        scales = [float(v) for v in scales]
        out_shape = [int(math.floor(i * s)) for i, s in zip(x.shape, scales)]
    y = x.astype(np.float64)
    for ax in reversed(range(x.ndim)):
        if out_shape[ax] == x.shape[ax] and scales[ax] == 1.0 and ctm != "tf_crop_and_resize":
            continue
        r = None if roi is None or len(roi) == 0 else [float(roi[ax]), float(roi[ax + x.ndim])]
        W, mask = _resize_matrix(x.shape[ax], out_shape[ax], scales[ax], coeff, ctm, r, excl, extrap)
        y = np.moveaxis(np.tensordot(W, np.moveaxis(y, ax, 0), axes=(1, 0)), 0, ax)
        if mask.any():
            sl = [slice(None)] * x.ndim
            sl[ax] = mask
            y[tuple(sl)] = extrap
    return y


@op("Resize")
def _resize(node, ins, a, ctx):
    x = ins[0]
    roi = ins[1] if len(ins) > 1 and ins[1] is not None and ins[1].size else None
    if ctx.opset == 10:
        scales, sizes = ins[1], None
        roi = None
    else:
        scales = ins[2] if len(ins) > 2 and ins[2] is not None and ins[2].size else None
        sizes = ins[3] if len(ins) > 3 and ins[3] is not None and ins[3].size else None
    return [_resize_common(x, scales, sizes, roi, a)]


@op("Upsample")
def _upsample(node, ins, a, ctx):
    x = ins[0]
    scales = ins[1] if len(ins) > 1 else a["scales"]
    mode = a.get("mode", b"nearest")
    mode = mode.decode() if isinstance(mode, bytes) else mode
    aa = {"mode": mode, "coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"}
    return [_resize_common(x, scales, None, None, aa)]


# ---------------------------------------------------------------- runner
class Ctx:
    def __init__(self, opset):
        self.opset = opset


def attrs_of(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def run_model(model, feeds):
    opset = max([o.version for o in model.opset_import if o.domain in ("", "ai.onnx")] or [1])
    ctx = Ctx(opset)
    env = {}
    for init in model.graph.initializer:
        env[init.name] = f64(numpy_helper.to_array(init))
    for k, v in feeds.items():
        env[k] = f64(v)
    for node in model.graph.node:
        fn = OPS.get(node.op_type)
        if fn is None:
            raise NotImplementedError(node.op_type)
        ins = [env[i] if i else None for i in node.input]
        outs = fn(node, ins, attrs_of(node), ctx)
        for name, val in zip(node.output, outs):
            if name:
                env[name] = np.asarray(val)
    return [env[o.name] for o in model.graph.output]


def compare(got, want):
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return False, f"shape {got.shape} != {want.shape}"
    if got.dtype == bool or want.size == 0:
        return bool(np.array_equal(got, want)), ""
    err = np.abs(got - want)
    scale = max(1e-6, float(np.abs(want).max()))
    rel = float(err.max() / scale) if err.size else 0.0
    return rel < 1e-4, f"max abs {err.max():.3g}, rel to max|want| {rel:.3g}"


def read_pb(path):
    t = onnx.TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    return numpy_helper.to_array(t)


def node_tests(root):
    idx = json.load(open(os.path.join(root, "index.json")))["tests"]
    bad = 0
    for name, e in idx.items():
        m = onnx.load(os.path.join(root, name, "model.onnx"))
        feeds = {i["name"]: read_pb(os.path.join(root, i["file"])) for i in e["inputs"]}
        try:
            outs = run_model(m, feeds)
        except Exception as ex:  # noqa: BLE001
            print(f"FAIL {name}: {type(ex).__name__}: {ex}")
            bad += 1
            continue
        for o, got in zip(e["outputs"], outs):
            want = read_pb(os.path.join(root, o["file"]))
            if name.startswith("test_dropout") and o is not e["outputs"][0]:
                continue
            ok, msg = compare(got, want)
            if not ok:
                print(f"FAIL {name} {o['name']}: {msg}")
                bad += 1
    print(f"node tests: {len(idx) - bad}/{len(idx)} ok")
    return bad


def zoo(root):
    cases = json.load(open(os.path.join(root, "cases.json")))
    bad = 0
    for name, c in cases.items():
        m = onnx.load(os.path.join(root, name + ".onnx"))
        names = [i.name for i in m.graph.input if i.name not in {t.name for t in m.graph.initializer}]
        shapes = c.get("inputs") or {names[0]: c["input"]}
        feeds = {}
        for n in names:
            f = os.path.join(root, f"{name}.input.bin" if len(names) == 1 else f"{name}.{n}.input.bin")
            feeds[n] = np.fromfile(f, "<f4").reshape(shapes[n])
        want = np.fromfile(os.path.join(root, name + ".output.bin"), "<f4").reshape(c["output"])
        try:
            got = run_model(m, feeds)[0]
        except Exception as ex:  # noqa: BLE001
            print(f"FAIL {name}: {type(ex).__name__}: {ex}")
            bad += 1
            continue
        ok, msg = compare(got, want)
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {msg}")
        bad += not ok
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--node-tests")
    ap.add_argument("--zoo", action="append", default=[])
    args = ap.parse_args()
    torch.set_num_threads(2)
    bad = 0
    if args.node_tests:
        bad += node_tests(args.node_tests)
    for z in args.zoo:
        bad += zoo(z)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
