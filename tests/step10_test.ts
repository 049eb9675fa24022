/**
 * Registers the book's step-10 tests (`SquareTest`), which live in the step file itself, with the
 * test suite: `deno test` only discovers files named `*_test.ts`.
 */
import "../steps/step10.ts";
