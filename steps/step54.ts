/**
 * Step 54: Dropout and test mode — 드롭아웃과 테스트 모드
 *
 * Since step 53: `F.dropout(x, dropoutRatio = 0.5)` and the switch `Config.train`. In training,
 * dropout zeroes each element with probability `dropoutRatio` and scales the others by
 * `1 / (1 - dropoutRatio)` ("inverted dropout"), so that nothing changes at test time: there it
 * passes `x` through. `testMode()` sets `Config.train` to false until the end of the block, as
 * `noGrad()` does for `Config.enableBackprop`.
 *
 * Differences from the book: `with test_mode():` is a block with `using _ = testMode();`. The mask
 * is random and unseeded, as in the book, so the second line differs from run to run (each
 * element 0 or 2).
 *
 * Run: deno run steps/step54.ts
 * @module
 */
import { F, np, testMode } from "../dezero/full.ts";

if (import.meta.main) {
  const x = np.ones(5);
  console.log(x);

  // When training
  let y = F.dropout(x);
  console.log(y);

  // When testing (predicting)
  {
    using _ = testMode();
    y = F.dropout(x);
    console.log(y);
  }
}
