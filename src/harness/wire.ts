// Encoding for values crossing the Node <-> page boundary. CDP moves JSON, which
// turns typed arrays into index-keyed objects and NaN/Infinity into null; binary
// data therefore travels as base64 of its bytes, which is exact and compact.
// Shared by Node and the page, so it relies only on atob/btoa (both have them).

const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;

type TypedName = keyof typeof TYPED;

interface EncodedBinary {
  __wire: TypedName | 'ArrayBuffer';
  b64: string;
}

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000; // keeps String.fromCharCode under the argument-count limit
  for (let i = 0; i < bytes.length; i += chunk) {
    s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(s);
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// By instanceof, not constructor.name, so subclasses such as Node's Buffer map too.
function typedName(view: ArrayBufferView): TypedName {
  const names = Object.keys(TYPED) as TypedName[];
  const name = names.find((n) => view instanceof TYPED[n]);
  if (!name) throw new TypeError(`cannot transfer ${view.constructor.name}`);
  return name;
}

function isEncoded(v: unknown): v is EncodedBinary {
  return typeof v === 'object' && v !== null && '__wire' in v && 'b64' in v;
}

export function encode(value: unknown): unknown {
  if (value instanceof ArrayBuffer) {
    return { __wire: 'ArrayBuffer', b64: bytesToBase64(new Uint8Array(value)) };
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return { __wire: typedName(value), b64: bytesToBase64(bytes) };
  }
  if (Array.isArray(value)) return value.map(encode);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encode(v);
    return out;
  }
  return value;
}

export function decode(value: unknown): unknown {
  if (isEncoded(value)) {
    const bytes = base64ToBytes(value.b64);
    if (value.__wire === 'ArrayBuffer') return bytes.buffer;
    const Ctor = TYPED[value.__wire];
    return new Ctor(bytes.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
  }
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decode(v);
    return out;
  }
  return value;
}
