/**
 * `import.source(specifier)`: the WebAssembly module at `specifier`, compiled but not
 * instantiated. Loading it as a module needs no read permission, where fetching the file would;
 * written in JavaScript, since TypeScript cannot parse source-phase imports yet. Internal.
 *
 * @param specifier the `.wasm` file, e.g. in an npm package
 *
 * @example
 * ```ts
 * import { importSource } from "./_source_import.js";
 * import assert from "node:assert/strict";
 * assert.equal(typeof importSource, "function");
 * ```
 */
export function importSource(specifier: string): Promise<WebAssembly.Module>;
