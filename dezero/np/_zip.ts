/**
 * The ZIP container of NumPy's `.npz` files: reading the archives NumPy (through Python's
 * `zipfile`) writes, and writing ones it reads. Only what `.npz` needs: stored and deflated
 * members, zip64 fields, one disk, no encryption. Members are found through the central directory,
 * and each one's CRC-32 and sizes are checked.
 *
 * @module
 */

import { deflateRawSync, inflateRawSync } from "node:zlib";
import { ValueError } from "./_errors.ts";

/** One file in a ZIP archive: its name and its (uncompressed) bytes. */
export interface ZipMember {
  /** The member's name, `/` separating folders. */
  readonly name: string;
  /** The member's bytes. */
  readonly data: Uint8Array;
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const END_SIG = 0x06054b50;
const ZIP64_END_SIG = 0x06064b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const END_SIZE = 22;
const ZIP64_END_SIZE = 56;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EXTRA_ID = 0x0001;
const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
/** Python's `zipfile.ZIP64_LIMIT`: it moves a size or offset above this into a zip64 field. */
const ZIP64_LIMIT = 2 ** 31 - 1;
/** The fields NumPy's archives carry: version 4.5 (zip64), made on Unix, mode 0o600, 1980-01-01. */
const VERSION_NEEDED = 45;
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
const EXTERNAL_ATTR = 0o600 << 16;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

const METHOD_NAMES: Record<number, string> = {
  1: "shrink",
  6: "implode",
  9: "deflate64",
  12: "bzip2",
  14: "lzma",
  93: "zstandard",
  95: "xz",
};

/** The upper half of code page 437, which ZIP names not flagged UTF-8 use (as Python reads them). */
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀" +
  "αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

/**
 * CRC-32 tables for eight bytes at a time ("slicing by 8"): table k (entries 256k..256k+255)
 * advances a byte's CRC past k more zero bytes; table 0 is the classic byte-at-a-time table.
 */
const CRC_TABLES = (() => {
  const table = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  for (let i = 256; i < 8 * 256; i++) {
    table[i] = (table[i - 256] >>> 8) ^ table[table[i - 256] & 0xff];
  }
  return table;
})();

/**
 * The CRC-32 of `bytes` (ZIP's and zlib's: polynomial 0xEDB88320, reflected, inverted), as an
 * unsigned number.
 *
 * @param bytes the data
 *
 * @example
 * ```ts
 * import { crc32 } from "./_zip.ts";
 * import assert from "node:assert/strict";
 * assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  const t = CRC_TABLES;
  let c = -1;
  let i = 0;
  for (const end = bytes.length - 8; i <= end; i += 8) {
    const low = c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    c = t[1792 + (low & 0xff)] ^ t[1536 + ((low >>> 8) & 0xff)] ^ t[1280 + ((low >>> 16) & 0xff)] ^
      t[1024 + (low >>> 24)] ^ t[768 + bytes[i + 4]] ^ t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^ t[bytes[i + 7]];
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Writes `v` (a safe integer >= 0) as a little-endian 64-bit unsigned integer. */
function setUint64(view: DataView, offset: number, v: number): void {
  view.setUint32(offset, v % 2 ** 32, true);
  view.setUint32(offset + 4, Math.floor(v / 2 ** 32), true);
}

/**
 * A ZIP archive of `members`, laid out as NumPy's `np.savez` (`compress` false: stored) and
 * `np.savez_compressed` (`compress` true: deflated) lay theirs out: each local header carries a
 * zip64 field (NumPy's `force_zip64=True`), the central directory and end record use zip64 fields
 * where Python's `zipfile` would, names are ASCII or flagged UTF-8, and every date is 1980-01-01,
 * so the same members give the same bytes. `forceZip64` puts every size, offset and count of the
 * central directory and the end record in zip64 fields too (the layout of archives over 2 GiB,
 * for tests).
 *
 * @param members the files, in order
 * @param compress deflate the members (else store them)
 * @param forceZip64 use zip64 fields wherever ZIP has them
 *
 * @example
 * ```ts
 * import { readZip, writeZip } from "./_zip.ts";
 * import assert from "node:assert/strict";
 * const zip = writeZip([{ name: "a/b.txt", data: new Uint8Array([1, 2, 3]) }], true);
 * assert.deepEqual(readZip(zip, "'test.zip'"), [
 *   { name: "a/b.txt", data: new Uint8Array([1, 2, 3]) },
 * ]);
 * ```
 */
export function writeZip(
  members: readonly ZipMember[],
  compress: boolean,
  forceZip64 = false,
): Uint8Array {
  const limit = forceZip64 ? -1 : ZIP64_LIMIT;
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data } of members) {
    const nameBytes = encoder.encode(name);
    const flags = nameBytes.length === name.length ? 0 : FLAG_UTF8;
    const body = compress ? new Uint8Array(deflateRawSync(data)) : data;
    const crc = crc32(data);

    const local = new Uint8Array(LOCAL_SIZE + nameBytes.length + 20);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL_SIG, true);
    lv.setUint16(4, VERSION_NEEDED, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, compress ? DEFLATED : STORED, true);
    lv.setUint16(10, 0, true);
    lv.setUint16(12, DOS_DATE_1980_01_01, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, MAX32, true);
    lv.setUint32(22, MAX32, true);
    lv.setUint16(26, nameBytes.length, true);
    lv.setUint16(28, 20, true);
    local.set(nameBytes, LOCAL_SIZE);
    const ev = LOCAL_SIZE + nameBytes.length;
    lv.setUint16(ev, ZIP64_EXTRA_ID, true);
    lv.setUint16(ev + 2, 16, true);
    setUint64(lv, ev + 4, data.length);
    setUint64(lv, ev + 12, body.length);

    // Python's order of zip64 fields: uncompressed size, compressed size, local header offset.
    const zip64: number[] = [];
    const bigSizes = data.length > limit || body.length > limit;
    if (bigSizes) zip64.push(data.length, body.length);
    if (offset > limit) zip64.push(offset);
    const extraLength = zip64.length ? 4 + 8 * zip64.length : 0;
    const entry = new Uint8Array(CENTRAL_SIZE + nameBytes.length + extraLength);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, CENTRAL_SIG, true);
    cv.setUint16(4, VERSION_MADE_BY, true);
    entry.set(local.subarray(4, 18), 6); // version needed .. CRC-32: as in the local header
    cv.setUint32(20, bigSizes ? MAX32 : body.length, true);
    cv.setUint32(24, bigSizes ? MAX32 : data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint16(30, extraLength, true);
    cv.setUint32(38, EXTERNAL_ATTR, true);
    cv.setUint32(42, offset > limit ? MAX32 : offset, true);
    entry.set(nameBytes, CENTRAL_SIZE);
    if (zip64.length) {
      const at = CENTRAL_SIZE + nameBytes.length;
      cv.setUint16(at, ZIP64_EXTRA_ID, true);
      cv.setUint16(at + 2, 8 * zip64.length, true);
      zip64.forEach((v, i) => setUint64(cv, at + 4 + 8 * i, v));
    }

    parts.push(local, body);
    central.push(entry);
    offset += local.length + body.length;
  }

  const centralOffset = offset;
  const centralSize = central.reduce((n, e) => n + e.length, 0);
  const count = members.length;
  const zip64End = count > (forceZip64 ? -1 : MAX16) || centralSize > limit ||
    centralOffset > limit;
  const tail = new Uint8Array((zip64End ? ZIP64_END_SIZE + ZIP64_LOCATOR_SIZE : 0) + END_SIZE);
  const tv = new DataView(tail.buffer);
  let at = 0;
  if (zip64End) {
    tv.setUint32(0, ZIP64_END_SIG, true);
    setUint64(tv, 4, ZIP64_END_SIZE - 12);
    tv.setUint16(12, VERSION_NEEDED, true);
    tv.setUint16(14, VERSION_NEEDED, true);
    setUint64(tv, 24, count);
    setUint64(tv, 32, count);
    setUint64(tv, 40, centralSize);
    setUint64(tv, 48, centralOffset);
    tv.setUint32(56, ZIP64_LOCATOR_SIG, true);
    setUint64(tv, 64, centralOffset + centralSize);
    tv.setUint32(72, 1, true);
    at = ZIP64_END_SIZE + ZIP64_LOCATOR_SIZE;
  }
  tv.setUint32(at, END_SIG, true);
  tv.setUint16(at + 8, Math.min(count, MAX16), true);
  tv.setUint16(at + 10, Math.min(count, MAX16), true);
  tv.setUint32(at + 12, Math.min(centralSize, MAX32), true);
  tv.setUint32(at + 16, Math.min(centralOffset, MAX32), true);

  const all = [...parts, ...central, tail];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of all) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/**
 * The members of the ZIP archive `bytes`, in the order of its central directory, each checked
 * against its CRC-32 and sizes. Throws a `ValueError` that starts with `label` (the file's name)
 * for anything it cannot read exactly: not a ZIP archive, truncated, corrupted, several disks,
 * encrypted members, compression methods other than stored and deflate, duplicate names.
 *
 * @param bytes the archive
 * @param label the file's name for error messages, e.g. `'weights.npz'`
 *
 * @example
 * ```ts
 * import { readZip, writeZip } from "./_zip.ts";
 * import assert from "node:assert/strict";
 * const zip = writeZip([{ name: "x", data: new Uint8Array([7]) }], false);
 * assert.equal(readZip(zip, "'x.zip'")[0].data[0], 7);
 * zip[zip.indexOf(7)] = 8;
 * assert.throws(() => readZip(zip, "'x.zip'"), /'x.zip': member 'x' fails its CRC-32 check/);
 * ```
 */
export function readZip(bytes: Uint8Array, label: string): ZipMember[] {
  const fail = (problem: string) => new ValueError(`${label}: ${problem}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => {
    const high = u32(at + 4);
    if (high >= 2 ** 21) throw fail(`a 64-bit size or offset is impossibly large (corrupted)`);
    return high * 2 ** 32 + u32(at);
  };

  const end = findEndRecord(bytes, view);
  if (end < 0) {
    throw fail(
      "not a ZIP archive, or a truncated one (no end of central directory record at its end)",
    );
  }
  let disk = u16(end + 4);
  let centralDisk = u16(end + 6);
  let countHere = u16(end + 8);
  let count = u16(end + 10);
  let centralSize = u32(end + 12);
  let centralOffset = u32(end + 16);
  let centralEnd = end;
  const locator = end - ZIP64_LOCATOR_SIZE;
  if (locator >= 0 && u32(locator) === ZIP64_LOCATOR_SIG) {
    if (u32(locator + 4) !== 0 || u32(locator + 16) !== 1) {
      throw fail("the archive spans several disks, which is not supported");
    }
    const record = u64(locator + 8);
    if (record + ZIP64_END_SIZE > locator || u32(record) !== ZIP64_END_SIG) {
      throw fail("its zip64 end of central directory record is missing (corrupted)");
    }
    disk = u32(record + 16);
    centralDisk = u32(record + 20);
    countHere = u64(record + 24);
    count = u64(record + 32);
    centralSize = u64(record + 40);
    centralOffset = u64(record + 48);
    centralEnd = record;
  }
  if (disk !== 0 || centralDisk !== 0 || countHere !== count) {
    throw fail("the archive spans several disks, which is not supported");
  }
  if (centralOffset + centralSize !== centralEnd) {
    throw fail(
      `its central directory (${centralSize} bytes at ${centralOffset}) does not end where ` +
        `its end record begins (${centralEnd}): the file is truncated or corrupted`,
    );
  }

  const members: ZipMember[] = [];
  const seen = new Set<string>();
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > centralEnd || u32(at) !== CENTRAL_SIG) {
      throw fail(`central directory entry ${i} is missing (corrupted)`);
    }
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let startDisk = u16(at + 34);
    let localOffset = u32(at + 42);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > centralEnd) throw fail(`central directory entry ${i} is cut short (corrupted)`);
    const nameBytes = bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    const name = decodeName(nameBytes, flags, () => fail(`member ${i}'s name is not valid UTF-8`));
    const where = `member '${name}'`;

    // The zip64 field holds, in this order, the fields whose 32-bit slot is all ones.
    const extraEnd = at + CENTRAL_SIZE + nameLength + extraLength;
    for (let e = at + CENTRAL_SIZE + nameLength; e + 4 <= extraEnd; e += 4 + u16(e + 2)) {
      if (u16(e) !== ZIP64_EXTRA_ID) continue;
      let field = e + 4;
      const fieldEnd = field + u16(e + 2);
      const take = (width: 4 | 8) => {
        if (field + width > Math.min(fieldEnd, extraEnd)) {
          throw fail(`${where}'s zip64 field is cut short (corrupted)`);
        }
        field += width;
        return width === 8 ? u64(field - 8) : u32(field - 4);
      };
      if (size === MAX32) size = take(8);
      if (compressedSize === MAX32) compressedSize = take(8);
      if (localOffset === MAX32) localOffset = take(8);
      if (startDisk === MAX16) startDisk = take(4);
    }

    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
      throw fail(`${where} is encrypted, which is not supported`);
    }
    if (method !== STORED && method !== DEFLATED) {
      const known = METHOD_NAMES[method] ? ` (${METHOD_NAMES[method]})` : "";
      throw fail(
        `${where} uses compression method ${method}${known}; only stored (0) and deflate (8), ` +
          "which np.savez and np.savez_compressed write, are supported",
      );
    }
    if (startDisk !== 0) throw fail("the archive spans several disks, which is not supported");
    if (seen.has(name)) throw fail(`two members are named '${name}'`);
    seen.add(name);

    if (localOffset + LOCAL_SIZE > centralOffset || u32(localOffset) !== LOCAL_SIG) {
      throw fail(`${where}'s local header is missing (corrupted)`);
    }
    const dataStart = localOffset + LOCAL_SIZE + u16(localOffset + 26) + u16(localOffset + 28);
    const localName = bytes.subarray(
      localOffset + LOCAL_SIZE,
      localOffset + LOCAL_SIZE + nameLength,
    );
    if (u16(localOffset + 26) !== nameLength || !localName.every((b, k) => b === nameBytes[k])) {
      throw fail(`${where}'s local header names another file (corrupted)`);
    }
    if (dataStart + compressedSize > centralOffset) {
      throw fail(`${where}'s data runs past the start of the central directory (corrupted)`);
    }
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    let data: Uint8Array;
    if (method === STORED) {
      if (compressedSize !== size) {
        throw fail(`${where} is stored but its two sizes differ (${compressedSize}, ${size})`);
      }
      data = raw;
    } else {
      try {
        // The limit keeps a corrupted (or malicious) stream from inflating past the stated size.
        data = new Uint8Array(inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) }));
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        throw fail(`${where}'s deflate data is corrupted or truncated (zlib: ${reason})`);
      }
      if (data.length !== size) {
        throw fail(`${where} inflates to ${data.length} bytes, not the ${size} its header states`);
      }
    }
    if (crc32(data) !== crc) throw fail(`${where} fails its CRC-32 check (corrupted)`);
    members.push({ name, data });
    at = next;
  }
  if (at !== centralEnd) throw fail("its central directory holds more than its entries");
  return members;
}

/** The offset of the end of central directory record (-1 if none): its comment ends the file. */
function findEndRecord(bytes: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, bytes.length - END_SIZE - MAX16);
  for (let at = bytes.length - END_SIZE; at >= lowest; at--) {
    if (
      view.getUint32(at, true) === END_SIG &&
      at + END_SIZE + view.getUint16(at + 20, true) === bytes.length
    ) return at;
  }
  return -1;
}

/** A member's name: UTF-8 where flagged, else code page 437 (as Python's `zipfile` reads it). */
function decodeName(bytes: Uint8Array, flags: number, invalid: () => Error): string {
  if (flags & FLAG_UTF8) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw invalid();
    }
  }
  let name = "";
  for (const b of bytes) name += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return name;
}
