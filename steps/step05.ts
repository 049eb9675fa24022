/**
 * Step 5: Backpropagation theory — 역전파 이론
 *
 * Since step 4:
 * - No code (the book's step 5 has none): only the theory that steps 6 to 10 implement, below.
 *
 * The chain rule: the derivative of a composite function is the product of the derivatives of
 * the functions it is made of. For y = C(B(A(x))) with a = A(x) and b = B(a):
 *
 *     dy/dx = dy/db · db/da · da/dx
 *
 * Backpropagation multiplies from the output side, starting with dy/dy = 1:
 *
 *     dy/dx = ((dy/dy · dy/db) · db/da) · da/dx
 *
 * so each step multiplies the gradient coming from the output by one function's derivative,
 * evaluated at that function's input (hence functions must remember their inputs). One backward
 * pass gives the derivative with respect to every input, where numerical differentiation
 * (step 4) needs two evaluations per input, and it is exact instead of approximate.
 *
 * For step 3's y = (e^(x²))² (A and C are x², B is eˣ): dy/dx = 2b · eᵃ · 2x = 4x·e^(2x²),
 * which at x = 0.5 is 2·e^0.5 ≈ 3.29744254140026: steps 6 to 9 get it by backpropagation,
 * step 4 got 3.2974426293330694 numerically.
 *
 * Differences from the book: none.
 *
 * Run: deno run steps/step05.ts (prints nothing)
 * @module
 */
