// @ts-self-types="./_source_import.d.ts"
// JavaScript, not TypeScript: TypeScript cannot parse `import.source` (a source-phase import)
// yet. Its types are in _source_import.d.ts.

export function importSource(specifier) {
  return import.source(specifier);
}
