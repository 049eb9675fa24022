/**
 * Printing as NumPy does: {@link formatArray} reproduces NumPy 2.4's `str(ndarray)` with the
 * default print options, {@link formatFloat} reproduces Python's `repr(float)`. float32 elements
 * print with the shortest digits that identify the float32 (`0.1`, not `0.10000000149011612`), as
 * NumPy's Dragon4 does.
 *
 * The algorithm follows `numpy/_core/arrayprint.py`: pick the elements that will be shown
 * (summarising big arrays to their edges), choose one format for all of them (common widths,
 * positional or scientific notation), then lay the words out in nested brackets wrapped at 75
 * columns.
 *
 * @module
 */

import type { DType } from "./_dtypes.ts";

// NumPy's default print options.
const PRECISION = 8;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;

/**
 * NumPy's `str()` of an array given its flat C-order values (bools as 0/1). 0-d arrays print like
 * Python's scalar repr.
 *
 * Arrays with more than 1000 elements are summarised with `...`, and only the shown edge items are
 * ever formatted, so printing a huge array is cheap.
 *
 * @param values The elements in C order; only the first is used for a 0-d array.
 * @param shape The array's shape (`[]` for 0-d).
 * @param dtype The element type, which selects the element format.
 * @returns Exactly the text NumPy prints.
 *
 * @example
 * ```ts
 * import { formatArray } from "./_print.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatArray([0.5, 1.25, -3], [3], "float64"), "[ 0.5   1.25 -3.  ]");
 * assert.equal(formatArray([1, 2, 3, 4], [2, 2], "int64"), "[[1 2]\n [3 4]]");
 * assert.equal(formatArray([1e-5, 1], [2], "float64"), "[1.e-05 1.e+00]");
 * assert.equal(formatArray([1], [], "bool"), "True");
 * ```
 */
export function formatArray(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
): string {
  if (shape.length === 0) return formatScalar(values[0], dtype);
  const size = shape.reduce((n, d) => n * d, 1);
  if (size === 0) return "[]";
  const summarise = size > THRESHOLD;
  const shown = shownOffsets(shape, summarise).map((i) => values[i]);
  return layOut(formatElements(shown, dtype), shape, summarise);
}

/**
 * Python's repr() of a float: shortest round-trip digits, '1e-05', '1e+16', '123456789.0', '-0.0',
 * 'nan', 'inf'.
 *
 * Positional notation is used for decimal exponents from -4 to 15, scientific otherwise.
 *
 * @param x Any number.
 * @returns The text Python's `repr(x)` gives.
 *
 * @example
 * ```ts
 * import { formatFloat } from "./_print.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatFloat(1e-5), "1e-05");
 * assert.equal(formatFloat(1e16), "1e+16");
 * assert.equal(formatFloat(123456789), "123456789.0");
 * assert.equal(formatFloat(0.1 + 0.2), "0.30000000000000004");
 * assert.equal(formatFloat(-0), "-0.0");
 * ```
 */
export function formatFloat(x: number): string {
  if (!Number.isFinite(x)) return nonFiniteWord(x);
  const decimal = shortestDecimal(x);
  if (decimal.exponent >= -4 && decimal.exponent < 16) {
    const [int, frac] = positionalParts(decimal);
    return `${signOf(x)}${int}.${frac || "0"}`;
  }
  const { digits, exponent } = decimal;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${signOf(x)}${mantissa}e${exponentText(exponent, 2)}`;
}

function formatScalar(x: number, dtype: DType): string {
  switch (dtype) {
    case "float64":
      return formatFloat(x);
    case "float32":
      return formatFloat32(x);
    case "int64":
    case "uint8":
      return String(x);
    case "bool":
      return x ? "True" : "False";
  }
}

/**
 * NumPy's `str()` of a float32 scalar: its shortest float32 digits, positional from 1e-4 up to
 * 1e6 (float32's 6 significant digits; Python floats switch at 1e16), scientific otherwise.
 */
function formatFloat32(x: number): string {
  if (!Number.isFinite(x)) return nonFiniteWord(x);
  const decimal = shortestDecimal(x, "float32");
  const abs = Math.abs(x);
  if (abs === 0 || (abs >= 1e-4 && abs < 1e6)) {
    const [int, frac] = positionalParts(decimal);
    return `${signOf(x)}${int}.${frac || "0"}`;
  }
  const { digits, exponent } = decimal;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${signOf(x)}${mantissa}e${exponentText(exponent, 2)}`;
}

// ---------------------------------------------------------------------------------------------
// Decimal digits

/** A non-negative decimal `d.ddd × 10^exponent`; `digits` has no trailing zeros (zero is "0"). */
interface Decimal {
  digits: string;
  exponent: number;
}

/**
 * The shortest digits that read back as |x| (x finite) in its dtype: what Python and NumPy print.
 * For float32, the shortest that `Math.fround` maps back to x; among equally short ones, the
 * nearest, and of two equally near the even one (as NumPy's Dragon4 picks).
 */
function shortestDecimal(x: number, dtype: FloatType = "float64"): Decimal {
  const abs = Math.abs(x);
  const exact = parseExponential(abs.toExponential());
  if (dtype === "float64" || abs === 0) return exact;
  for (let p = 1; p < 9; p++) {
    let nearest = abs.toExponential(p - 1);
    // toExponential breaks an exact tie upwards (2^-12 = 2.44140625e-4 gives 2.4414063e-4),
    // Dragon4 towards the even digit; an odd digit there comes from rounding up without a carry.
    const last = p === 1 ? 0 : p; // the mantissa's last digit, after "d."
    if (isExactTie(abs, exact, p) && Number(nearest[last]) % 2 === 1) {
      nearest = nearest.slice(0, last) + (Number(nearest[last]) - 1) + nearest.slice(last + 1);
    }
    if (Math.fround(Number(nearest)) === abs) return parseExponential(nearest);
    // Just above a power of two the gap below is half the gap above, so the nearest p-digit
    // decimal may miss while the next one up still rounds to x.
    const up = nextDecimalUp(nearest);
    if (Math.fround(Number(up)) === abs) return parseExponential(up);
  }
  return parseExponential(abs.toExponential(8)); // 9 digits always identify a float32
}

/** The decimal one unit in the last digit above `text` (JS exponential notation). */
function nextDecimalUp(text: string): string {
  const e = text.indexOf("e");
  const mantissa = text.slice(0, e).replace(".", "");
  const bumped = (BigInt(mantissa) + 1n).toString();
  const exponent = Number(text.slice(e + 1)) + (bumped.length - mantissa.length);
  return `${bumped[0]}.${bumped.slice(1) || "0"}e${exponent}`;
}

/** The float dtypes, whose elements print with their own shortest digits. */
type FloatType = "float64" | "float32";

/** Parses JS exponential notation such as "1.250e-7" or "5e+0". */
function parseExponential(text: string): Decimal {
  const e = text.indexOf("e");
  return { digits: trimZeros(text[0] + text.slice(2, e)), exponent: Number(text.slice(e + 1)) };
}

/** Drops trailing zeros, keeping at least one digit ("0" stays "0"). */
function trimZeros(digits: string): string {
  let end = digits.length;
  while (end > 1 && digits[end - 1] === "0") end--;
  return digits.slice(0, end);
}

/**
 * |x| cut to at most `significant` digits the way NumPy's Dragon4 does with `unique=True`: the
 * shortest digits if they fit, otherwise the exact binary value rounded half to even.
 */
function roundDecimal(x: number, shortest: Decimal, significant: number): Decimal {
  if (shortest.digits.length <= significant) return shortest;
  const { digits, exponent } = roundExact(x, significant);
  return { digits: trimZeros(digits), exponent };
}

/**
 * The exact binary value of |x| rounded to `significant` digits (all of them kept, trailing zeros
 * too), half to even as Dragon4 does: toExponential rounds correctly too, but breaks ties away
 * from zero. A float32's exact value is its double's, whose shortest digits are exact at a tie.
 */
function roundExact(x: number, significant: number): Decimal {
  const exact = parseExponential(Math.abs(x).toExponential());
  if (isExactTie(x, exact, significant) && Number(exact.digits[significant - 1]) % 2 === 0) {
    return { digits: exact.digits.slice(0, significant), exponent: exact.exponent };
  }
  const text = Math.abs(x).toExponential(significant - 1);
  const e = text.indexOf("e");
  return { digits: text[0] + text.slice(2, e), exponent: Number(text.slice(e + 1)) };
}

/** Is |x| exactly halfway between two decimals of `significant` digits? */
function isExactTie(x: number, shortest: Decimal, significant: number): boolean {
  // A tie is a decimal with one more digit, a final 5; being exact, it is also the shortest.
  const { digits, exponent } = shortest;
  if (digits.length !== significant + 1 || !digits.endsWith("5")) return false;
  const scale = exponent - significant; // the tie candidate is digits × 10^scale
  const abs = Math.abs(x);
  if (scale >= 0) {
    return Number.isInteger(abs) && BigInt(abs) === BigInt(digits) * 10n ** BigInt(scale);
  }
  // A binary fraction has as many decimal places as it has fractional bits, so |x| has at most
  // -scale decimal places (and then equals the candidate) exactly when |x| × 2^-scale is whole.
  return Number.isInteger(abs * 2 ** -scale);
}

/** Integer and fraction digits of a decimal: 1.5e2 → ["150", ""], 1.5e-2 → ["0", "015"]. */
function positionalParts({ digits, exponent }: Decimal): [string, string] {
  if (exponent < 0) return ["0", "0".repeat(-exponent - 1) + digits];
  return [digits.slice(0, exponent + 1).padEnd(exponent + 1, "0"), digits.slice(exponent + 1)];
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? "-" : "";
}

/** An exponent with its sign and at least `minDigits` digits: "+05", "-123". */
function exponentText(exponent: number, minDigits: number): string {
  return (exponent < 0 ? "-" : "+") + String(Math.abs(exponent)).padStart(minDigits, "0");
}

function nonFiniteWord(x: number): string {
  if (Number.isNaN(x)) return "nan";
  return x > 0 ? "inf" : "-inf";
}

// ---------------------------------------------------------------------------------------------
// Element formats: every shown element gets the same width so that columns line up.

function formatElements(values: number[], dtype: DType): string[] {
  switch (dtype) {
    case "float64":
    case "float32":
      return formatFloats(values, dtype);
    case "int64":
    case "uint8":
      return alignRight(values.map(String));
    case "bool":
      // " True" has the width of "False".
      return values.map((v) => (v ? " True" : "False"));
  }
}

function alignRight(words: string[]): string[] {
  const width = words.reduce((max, w) => Math.max(max, w.length), 0);
  return words.map((w) => w.padStart(width));
}

/**
 * Scientific notation is used when the non-zero finite magnitudes are too large (>= 1e8, or 1e6
 * for float32: 10 ** min(8, the dtype's decimal precision)), too small (< 1e-4) or span too many
 * orders of magnitude (max / min > 1000) for positional notation, each compared in the dtype.
 */
function formatFloats(values: number[], dtype: FloatType): string[] {
  let max = 0;
  let min = Infinity;
  for (const v of values) {
    const abs = Math.abs(v);
    if (abs !== 0 && Number.isFinite(abs)) {
      max = Math.max(max, abs);
      min = Math.min(min, abs);
    }
  }
  const cutoff = dtype === "float32" ? 1e6 : 1e8;
  // NumPy compares in the array's dtype: a float32's smallest magnitude against float32(1e-4)
  // (so 0.0001 itself is not too small), and the float32 quotient against 1000.
  const round = dtype === "float32" ? Math.fround : (x: number) => x;
  const scientific = max > 0 && (max >= cutoff || min < round(1e-4) || round(max / min) > 1000);
  return scientific ? formatScientific(values, dtype) : formatPositional(values, dtype);
}

/** Up to 8 decimals, trailing zeros dropped ("1."), aligned on the decimal point. */
function formatPositional(values: number[], dtype: FloatType): string[] {
  const parts = values.map((x) => {
    if (!Number.isFinite(x)) return undefined;
    const shortest = shortestDecimal(x, dtype);
    // PRECISION decimals are exponent + 1 + PRECISION significant digits.
    const [int, frac] = positionalParts(
      roundDecimal(x, shortest, shortest.exponent + 1 + PRECISION),
    );
    return { int: signOf(x) + int, frac };
  });
  let padLeft = 0;
  let padRight = 0;
  for (const part of parts) {
    if (!part) continue;
    padLeft = Math.max(padLeft, part.int.length);
    padRight = Math.max(padRight, part.frac.length);
  }
  padLeft = fitNonFinite(values, padLeft, padRight);
  return values.map((x, i) => {
    const part = parts[i];
    if (!part) return nonFiniteWord(x).padStart(padLeft + 1 + padRight);
    return `${part.int.padStart(padLeft)}.${part.frac.padEnd(padRight)}`;
  });
}

/**
 * Up to 9 significant digits; all mantissas get as many decimals as the longest one needs, and
 * all exponents as many digits (at least 2).
 */
function formatScientific(values: number[], dtype: FloatType): string[] {
  const rounded = values.map((x) =>
    Number.isFinite(x) ? roundDecimal(x, shortestDecimal(x, dtype), PRECISION + 1) : undefined
  );
  const decimals = rounded.reduce((n, d) => Math.max(n, d ? d.digits.length - 1 : 0), 0);
  const parts = values.map((x, i) => {
    let decimal = rounded[i];
    if (!decimal) return undefined;
    // NumPy fills a shorter mantissa with digits of the exact binary value, not with zeros. They
    // differ where the shortest digits are few for the precision: float32s (75944.0625 is
    // 7.5944062e+04 beside 7.3788969e+04, not 7.5944060e+04) and subnormals (5e-324 is exactly
    // 4.94065646e-324).
    if (decimal.digits.length - 1 < decimals) decimal = roundExact(x, decimals + 1);
    return {
      int: signOf(x) + decimal.digits[0],
      frac: decimal.digits.slice(1),
      exponent: decimal.exponent,
    };
  });
  let padLeft = 0;
  let exponentDigits = 0;
  for (const part of parts) {
    if (!part) continue;
    padLeft = Math.max(padLeft, part.int.length);
    exponentDigits = Math.max(exponentDigits, exponentText(part.exponent, 2).length - 1);
  }
  const padRight = decimals + 2 + exponentDigits; // the part after "." : decimals, "e", sign, digits
  padLeft = fitNonFinite(values, padLeft, padRight);
  return values.map((x, i) => {
    const part = parts[i];
    if (!part) return nonFiniteWord(x).padStart(padLeft + 1 + padRight);
    const mantissa = `${part.int.padStart(padLeft)}.${part.frac}`;
    return `${mantissa}e${exponentText(part.exponent, exponentDigits)}`;
  });
}

/** Widens the left padding so that "nan", "inf" or "-inf" fit in the column. */
function fitNonFinite(values: number[], padLeft: number, padRight: number): number {
  if (values.every(Number.isFinite)) return padLeft;
  const longest = values.includes(-Infinity) ? "-inf".length : "inf".length;
  return Math.max(padLeft, longest - 1 - padRight);
}

// ---------------------------------------------------------------------------------------------
// Layout

/**
 * Flat C-order offsets of the elements that get printed: all of them, or when summarising only
 * the first and last EDGE_ITEMS along every axis longer than 2 × EDGE_ITEMS.
 */
function shownOffsets(shape: readonly number[], summarise: boolean): number[] {
  let offsets = [0];
  for (const n of shape) {
    const indices = shownIndices(n, summarise);
    offsets = offsets.flatMap((base) => indices.map((i) => base * n + i));
  }
  return offsets;
}

function shownIndices(n: number, summarise: boolean): number[] {
  const all = (count: number, start = 0) => Array.from({ length: count }, (_, i) => start + i);
  if (!isSummarised(n, summarise)) return all(n);
  return [...all(EDGE_ITEMS), ...all(EDGE_ITEMS, n - EDGE_ITEMS)];
}

function isSummarised(n: number, summarise: boolean): boolean {
  return summarise && n > 2 * EDGE_ITEMS;
}

/**
 * Nests the formatted elements (in C order) into brackets. Rows are wrapped to LINE_WIDTH, leaving
 * room for the closing brackets; sub-arrays are separated by one newline per remaining axis, so
 * 2-d blocks of a 3-d array get a blank line between them.
 */
function layOut(words: string[], shape: readonly number[], summarise: boolean): string {
  let next = 0; // the next word to place; sub-arrays are visited in C order

  const nest = (axis: number, indent: string, width: number): string => {
    const n = shape[axis];
    const summarised = isSummarised(n, summarise);
    const count = summarised ? 2 * EDGE_ITEMS : n;
    if (axis === shape.length - 1) {
      const row = words.slice(next, next + count);
      next += count;
      return "[" + wrapRow(row, summarised, indent, width - 1) + "]";
    }

    const items: string[] = [];
    for (let i = 0; i < count; i++) {
      if (summarised && i === EDGE_ITEMS) items.push("...");
      items.push(nest(axis + 1, indent + " ", width - 1));
    }
    const separator = "\n".repeat(shape.length - axis - 1) + indent;
    return "[" + items.join(separator) + "]";
  };

  return nest(0, " ", LINE_WIDTH);
}

/**
 * Joins a row's words with spaces, starting a new line (after `indent`) whenever the next word
 * would pass `width`. The first line's indent is left out, as the opening brackets take its place.
 */
function wrapRow(words: string[], summarised: boolean, indent: string, width: number): string {
  const row = summarised
    ? [...words.slice(0, EDGE_ITEMS), "...", ...words.slice(EDGE_ITEMS)]
    : words;
  let text = "";
  let line = indent;
  for (const [i, word] of row.entries()) {
    // Starting a new line cannot help a word too wide for an empty line, so it overflows.
    if (line.length + word.length > width && line.length > indent.length) {
      text += line.trimEnd() + "\n";
      line = indent;
    }
    line += i < row.length - 1 ? word + " " : word;
  }
  text += line;
  return text.slice(indent.length);
}
