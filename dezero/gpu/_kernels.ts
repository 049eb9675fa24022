/**
 * The WGSL sources of the GPU's kernels, generated per kind of operation: elementwise maps (with
 * broadcasting, which also serve transposes, casts and index offsets), reductions, the matrix
 * product, gathers and scatter-adds. Shapes, strides and scalars are not compiled in: they come
 * in a parameter buffer (`pm`, u32 words), so one pipeline serves every shape.
 *
 * Element types on the device: `f32` for float32, `i32` for int64, uint8 and bool (see
 * `_array.ts`).
 *
 * @module
 */

/** An element type on the device. */
export type Scalar = "f32" | "i32";

// Reports an error: the first kernel to fail writes its code, then the index and value.
const FAIL = `
fn fail(code: u32, index: u32, value: f32) {
  loop {
    let r = atomicCompareExchangeWeak(&err[0], 0u, code);
    if (r.exchanged) {
      atomicStore(&err[1], index);
      atomicStore(&err[2], bitcast<u32>(value));
      return;
    }
    if (r.old_value != 0u) { return; }
  }
}`;

function errBinding(at: number): string {
  return `@group(0) @binding(${at}) var<storage, read_write> err: array<atomic<u32>, 4>;`;
}

/** One input of an elementwise map: an array (bound, read through strides) or a scalar. */
export interface MapInput {
  /** Its element type. */
  readonly type: Scalar;
  /** Whether it is a scalar, passed in the parameters rather than bound. */
  readonly scalar: boolean;
}

/** An elementwise map: `out[i] = body(x0, x1, ...)`. */
export interface MapSpec {
  /** The inputs `x0`, `x1`, ... in order. */
  readonly inputs: readonly MapInput[];
  /** The output's element type. */
  readonly out: Scalar;
  /**
   * WGSL statements that set `r` (of the output's type) from `x0`, `x1`, ... (of their types),
   * the output index `i`, extra parameters `p(k)`, and `fail(pm[2], index, value)`.
   */
  readonly body: string;
  /** Whether every array input has the output's shape, read at `i` without strides. */
  readonly contiguous: boolean;
  /** How many extra u32 parameters `p(0)`, `p(1)`, ... the body reads. */
  readonly extra: number;
  /** WGSL functions the body calls, at module scope. */
  readonly helpers: string;
}

/**
 * The parameter words of a map, after the extra ones: `[n, ndim, code, scalar bits per input,
 * ...extra, ...shape, ...strides of each array input]`.
 */
const MAP_HEADER = 3;

/** The WGSL of an elementwise map over `n = pm[0]` output elements, 256 per workgroup. */
export function mapKernel(spec: MapSpec): string {
  const { inputs, out, body, contiguous, extra, helpers } = spec;
  const pb = MAP_HEADER + inputs.length; // extra parameters
  const sb = pb + extra; // shape, then strides
  const lines: string[] = [
    `@group(0) @binding(0) var<storage, read_write> out: array<${out}>;`,
    "@group(0) @binding(1) var<storage, read> pm: array<u32>;",
  ];
  let binding = 2;
  const arrays: number[] = [];
  for (const [j, x] of inputs.entries()) {
    if (x.scalar) continue;
    lines.push(`@group(0) @binding(${binding++}) var<storage, read> src${j}: array<${x.type}>;`);
    arrays.push(j);
  }
  const checks = body.includes("fail(");
  if (checks) lines.push(errBinding(binding), FAIL);
  lines.push(
    helpers,
    `fn p(k: u32) -> u32 { return pm[${pb}u + k]; }`,
    "@compute @workgroup_size(256)",
    "fn main(@builtin(global_invocation_id) gid: vec3<u32>, " +
      "@builtin(num_workgroups) groups: vec3<u32>) {",
    "  let i = gid.x + gid.y * groups.x * 256u;",
    "  if (i >= pm[0]) { return; }",
  );
  if (!contiguous && arrays.length > 0) {
    lines.push(
      "  let ndim = pm[1];",
      ...arrays.map((j) => `  var o${j} = 0u;`),
      "  var rem = i;",
      "  for (var d = ndim; d > 0u; d = d - 1u) {",
      "    let k = d - 1u;",
      `    let size = pm[${sb}u + k];`,
      "    let c = rem % size;",
      "    rem = rem / size;",
      ...arrays.map((j, a) => `    o${j} = o${j} + c * pm[${sb}u + ndim * ${a + 1}u + k];`),
      "  }",
    );
  }
  for (const [j, x] of inputs.entries()) {
    const value = x.scalar
      ? `bitcast<${x.type}>(pm[${MAP_HEADER + j}u])`
      : `src${j}[${contiguous ? "i" : `o${j}`}]`;
    lines.push(`  let x${j} = ${value};`);
  }
  lines.push(`  var r: ${out};`, body, "  out[i] = r;", "}");
  return lines.join("\n");
}

/** What a reduction computes. */
export type ReduceOp = "sum" | "mean" | "max" | "min" | "argmax" | "argmin";

/**
 * The parameter words of a reduction: `[outputs, reduced count, outer ndim, reduced ndim, code,
 * ...outer shape, ...outer strides, ...reduced shape, ...reduced strides]`.
 */
const REDUCE_HEADER = 5;

/**
 * The WGSL of a reduction: one workgroup of 64 per output element, each invocation walking a
 * strided share of the reduced elements, then a tree in workgroup memory. `in` is the input's
 * element type; sums and means of `i32` are checked for overflow.
 */
export function reduceKernel(op: ReduceOp, type: Scalar): string {
  const arg = op === "argmax" || op === "argmin";
  const out = arg ? "i32" : op === "mean" ? "f32" : type;
  const acc = op === "mean" ? "f32" : type;
  const checked = type === "i32" && op === "sum";
  // Combines value b (at index ib) into a (at ia): NaN wins, then the larger (smaller) value,
  // then, for arg*, the first index.
  const better = op === "argmin" || op === "min" ? "<" : ">";
  let step: string;
  let merge: string;
  if (op === "sum" || op === "mean") {
    const add = (a: string, b: string) =>
      checked
        ? `{ let t = ${a} + ${b}; if (((${a} ^ t) & (${b} ^ t)) < 0) { fail(pm[4], 0u, ` +
          `f32(${a}) + f32(${b})); } ${a} = t; }`
        : `${a} = ${a} + ${b};`;
    step = add("best", "v");
    merge = add("acc[lid]", "acc[lid + s]");
  } else {
    const nan = type === "f32";
    const take = (a: string, ia: string, b: string, ib: string) =>
      nan
        ? `(${b} != ${b} && (${a} == ${a} || ${ib} < ${ia})) || (${a} == ${a} && ${b} == ${b} && ` +
          `(${b} ${better} ${a} || (${b} == ${a} && ${ib} < ${ia})))`
        : `${b} ${better} ${a} || (${b} == ${a} && ${ib} < ${ia})`;
    step = `if (${take("best", "bi", "v", "r")}) { best = v; bi = r; }`;
    merge = `if (${take("acc[lid]", "at[lid]", "acc[lid + s]", "at[lid + s]")}) { ` +
      "acc[lid] = acc[lid + s]; at[lid] = at[lid + s]; }";
  }
  const first = op === "sum" || op === "mean" ? `${acc}(0)` : "src[base]";
  const finish = arg ? "i32(at[0])" : op === "mean" ? "acc[0] / f32(count)" : "acc[0]";
  return [
    `@group(0) @binding(0) var<storage, read_write> out: array<${out}>;`,
    "@group(0) @binding(1) var<storage, read> pm: array<u32>;",
    `@group(0) @binding(2) var<storage, read> src: array<${type}>;`,
    ...(checked ? [errBinding(3), FAIL] : []),
    `var<workgroup> acc: array<${acc}, 64>;`,
    "var<workgroup> at: array<u32, 64>;",
    "@compute @workgroup_size(64)",
    "fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, " +
    "@builtin(local_invocation_index) lid: u32) {",
    "  let o = wid.x + wid.y * groups.x;",
    "  if (o >= pm[0]) { return; }",
    "  let count = pm[1];",
    "  let no = pm[2];",
    "  let nr = pm[3];",
    "  var base = 0u;",
    "  var rem = o;",
    "  for (var d = no; d > 0u; d = d - 1u) {",
    "    let k = d - 1u;",
    `    let size = pm[${REDUCE_HEADER}u + k];`,
    `    base = base + (rem % size) * pm[${REDUCE_HEADER}u + no + k];`,
    "    rem = rem / size;",
    "  }",
    `  let rb = ${REDUCE_HEADER}u + 2u * no;`,
    `  var best: ${acc} = ${first};`,
    "  var bi = 0u;",
    "  for (var r = lid; r < count; r = r + 64u) {",
    "    var off = base;",
    "    var q = r;",
    "    for (var d = nr; d > 0u; d = d - 1u) {",
    "      let k = d - 1u;",
    "      let size = pm[rb + k];",
    "      off = off + (q % size) * pm[rb + nr + k];",
    "      q = q / size;",
    "    }",
    `    let v = ${acc}(src[off]);`,
    `    ${step}`,
    "  }",
    "  acc[lid] = best;",
    "  at[lid] = bi;",
    "  workgroupBarrier();",
    "  for (var s = 32u; s > 0u; s = s >> 1u) {",
    `    if (lid < s) { ${merge} }`,
    "    workgroupBarrier();",
    "  }",
    `  if (lid == 0u) { out[o] = ${finish}; }`,
    "}",
  ].join("\n");
}

/**
 * The matrix product `out[M, N] = a[M, K] @ b[K, N]` of float32 matrices in C order
 * (`pm = [M, N, K]`): workgroups of 16 × 16 invocations compute tiles of 64 × 64, each
 * invocation 4 × 4 elements, from tiles of 16 along K staged in workgroup memory.
 */
export const MATMUL = `
@group(0) @binding(0) var<storage, read_write> out: array<f32>;
@group(0) @binding(1) var<storage, read> pm: array<u32>;
@group(0) @binding(2) var<storage, read> a: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;
var<workgroup> as_: array<f32, 1024>;
var<workgroup> bs: array<f32, 1024>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let M = pm[0];
  let N = pm[1];
  let K = pm[2];
  let row0 = wid.y * 64u;
  let col0 = wid.x * 64u;
  let t = lid.y * 16u + lid.x;
  var acc: array<f32, 16>;
  for (var i = 0u; i < 16u; i = i + 1u) { acc[i] = 0.0; }
  for (var k0 = 0u; k0 < K; k0 = k0 + 16u) {
    for (var l = 0u; l < 4u; l = l + 1u) {
      let e = t + l * 256u;
      let ar = row0 + e / 16u;
      let ak = k0 + e % 16u;
      var av = 0.0;
      if (ar < M && ak < K) { av = a[ar * K + ak]; }
      as_[e] = av;
      let bk = k0 + e / 64u;
      let bc = col0 + e % 64u;
      var bv = 0.0;
      if (bk < K && bc < N) { bv = b[bk * N + bc]; }
      bs[e] = bv;
    }
    workgroupBarrier();
    for (var k = 0u; k < 16u; k = k + 1u) {
      var ra: array<f32, 4>;
      var rb: array<f32, 4>;
      for (var i = 0u; i < 4u; i = i + 1u) {
        ra[i] = as_[(lid.y + 16u * i) * 16u + k];
        rb[i] = bs[k * 64u + lid.x + 16u * i];
      }
      for (var i = 0u; i < 4u; i = i + 1u) {
        for (var j = 0u; j < 4u; j = j + 1u) {
          acc[i * 4u + j] = acc[i * 4u + j] + ra[i] * rb[j];
        }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i = i + 1u) {
    let row = row0 + lid.y + 16u * i;
    for (var j = 0u; j < 4u; j = j + 1u) {
      let col = col0 + lid.x + 16u * j;
      if (row < M && col < N) { out[row * N + col] = acc[i * 4u + j]; }
    }
  }
}`;

/** `out[i] = src[index[i]]` for `pm[0]` elements (the index checked where it was made). */
export function gatherKernel(type: Scalar): string {
  return `
@group(0) @binding(0) var<storage, read_write> out: array<${type}>;
@group(0) @binding(1) var<storage, read> pm: array<u32>;
@group(0) @binding(2) var<storage, read> src: array<${type}>;
@group(0) @binding(3) var<storage, read> index: array<i32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = gid.x + gid.y * groups.x * 256u;
  if (i >= pm[0]) { return; }
  out[i] = src[u32(index[i])];
}`;
}

/**
 * `dst[index[i]] += values[i]` for `pm[0]` elements, repeated positions adding up (NumPy's
 * `add.at`): float32 through a compare-and-swap loop on the bits, int32 with `atomicAdd`.
 */
export function scatterAddKernel(type: Scalar): string {
  const update = type === "i32" ? "atomicAdd(&dst[o], values[i]);" : `var old = atomicLoad(&dst[o]);
  loop {
    let r = atomicCompareExchangeWeak(&dst[o], old, bitcast<u32>(bitcast<f32>(old) + values[i]));
    if (r.exchanged) { break; }
    old = r.old_value;
  }`;
  return `
@group(0) @binding(0) var<storage, read_write> dst: array<atomic<${
    type === "i32" ? "i32" : "u32"
  }>>;
@group(0) @binding(1) var<storage, read> pm: array<u32>;
@group(0) @binding(2) var<storage, read> index: array<i32>;
@group(0) @binding(3) var<storage, read> values: array<${type}>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = gid.x + gid.y * groups.x * 256u;
  if (i >= pm[0]) { return; }
  let o = u32(index[i]);
  ${update}
}`;
}
