/**
 * The namespace `F` that `full.ts` exports: the functions of `functions.ts` and those of
 * `functions_conv.ts`, as the book's `functions.py` re-exports `functions_conv`'s at its end
 * (`functions_conv.ts` imports `functions.ts`, so `functions.ts` cannot re-export it). Internal:
 * import `F` from `full.ts`.
 *
 * @module
 */

export * from "./functions.ts";
export * from "./functions_conv.ts";
