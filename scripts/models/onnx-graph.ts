// Small builders for ONNX ModelProto, so the project can make its own models
// in Node: the machine cannot reach the Hugging Face hub, and Python's torch
// exporter is not available, so graphs are written out op by op.
import { endianness } from 'node:os';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type TensorProto = onnxProto.onnx.ITensorProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;
export type GraphProto = onnxProto.onnx.IGraphProto;

export const DataType = onnx.TensorProto.DataType;
const AttrType = onnx.AttributeProto.AttributeType;

// ONNX raw_data is little-endian; copying typed-array bytes as they are is
// only correct on a little-endian host.
if (endianness() !== 'LE') {
  throw new Error('onnx-graph writes raw tensor bytes and needs a little-endian host');
}

type TypedData = Float32Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

const dataTypeOf = (data: TypedData): number => {
  if (data instanceof Float32Array) return DataType.FLOAT;
  if (data instanceof BigInt64Array) return DataType.INT64;
  if (data instanceof Int32Array) return DataType.INT32;
  if (data instanceof Int8Array) return DataType.INT8;
  return DataType.UINT8;
};

/** Tensor (initializer or attribute value); element type follows the typed array. */
export function tensor(name: string, dims: number[], data: TypedData): TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new Error(`tensor ${name}: dims ${JSON.stringify(dims)} hold ${count} values, got ${data.length}`);
  }
  return {
    name,
    dims,
    dataType: dataTypeOf(data),
    // raw_data keeps large weights as one contiguous copy instead of a repeated field.
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

export const floats = (name: string, dims: number[], values: ArrayLike<number>): TensorProto =>
  tensor(name, dims, Float32Array.from(values));

export const int64s = (name: string, dims: number[], values: ArrayLike<number>): TensorProto =>
  tensor(name, dims, BigInt64Array.from(Array.from(values), (v) => BigInt(v)));

/** Scalar (rank-0) tensors: ops like Range and Gather-with-index need them. */
export const scalarFloat = (name: string, value: number): TensorProto => floats(name, [], [value]);
export const scalarInt64 = (name: string, value: number): TensorProto => int64s(name, [], [value]);

// Attribute values are tagged so that 1 (int) and 1.0 (float) stay distinct.
export type AttrValue =
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { floats: number[] }
  | { string: string }
  | { tensor: TensorProto };

export const int = (v: number): AttrValue => ({ int: v });
export const float = (v: number): AttrValue => ({ float: v });
export const ints = (v: number[]): AttrValue => ({ ints: v });

function attribute(name: string, value: AttrValue): AttributeProto {
  if ('int' in value) return { name, type: AttrType.INT, i: value.int };
  if ('float' in value) return { name, type: AttrType.FLOAT, f: value.float };
  if ('ints' in value) return { name, type: AttrType.INTS, ints: value.ints };
  if ('floats' in value) return { name, type: AttrType.FLOATS, floats: value.floats };
  if ('string' in value) return { name, type: AttrType.STRING, s: new TextEncoder().encode(value.string) };
  return { name, type: AttrType.TENSOR, t: value.tensor };
}

export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attrs: Record<string, AttrValue> = {},
  name = outputs[0] ?? opType,
  domain = '',
): NodeProto {
  return {
    opType,
    input: inputs,
    output: outputs,
    name,
    domain,
    // Sorted so the encoded bytes do not depend on object key order at call sites.
    attribute: Object.keys(attrs)
      .sort()
      .map((k) => attribute(k, attrs[k]!)),
  };
}

/** Graph input/output; string dims become symbolic (dynamic) dimensions. */
export function valueInfo(name: string, elemType: number, shape: (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export interface GraphSpec {
  name: string;
  nodes: NodeProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  initializers: TensorProto[];
}

export function graph(spec: GraphSpec): GraphProto {
  return {
    name: spec.name,
    node: spec.nodes,
    input: spec.inputs,
    output: spec.outputs,
    initializer: spec.initializers,
  };
}

export interface ModelOptions {
  opset?: number;
  /** Extra operator sets, e.g. com.microsoft for contrib ops. */
  extraOpsets?: { domain: string; version: number }[];
  producerName?: string;
  docString?: string;
}

/**
 * Encodes a model. IR version 8 pairs with opset 17 and is read by every
 * onnxruntime the project ships; no timestamps or versions of the build
 * machine go in, so the same graph always gives the same bytes.
 */
export function encodeModel(g: GraphProto, options: ModelOptions = {}): Uint8Array {
  const proto: onnxProto.onnx.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: options.opset ?? 17 }, ...(options.extraOpsets ?? [])],
    producerName: options.producerName ?? 'intelligent-queue/scripts/models',
    producerVersion: '1',
    docString: options.docString ?? '',
    graph: g,
  };
  return onnx.ModelProto.encode(proto).finish();
}

/** Deterministic PRNG (mulberry32): seeded weights make the bench model reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
