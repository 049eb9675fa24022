/**
 * The worker behind `utils.getFile`: downloads one URL to a file while the caller waits with
 * `Atomics.wait`, so that `getFile` (and `new datasets.MNIST()`, which needs it) stays
 * synchronous, as the book's `urllib` is. It writes `PATH.part` and renames it to `PATH` only when
 * the whole body has arrived, so the cache never keeps a half-downloaded file. It reports into the
 * shared buffer: an int32 status (1 done, 2 failed), then the message's byte length and the
 * message in UTF-8. Internal to the package.
 *
 * @module
 */

/** What the caller posts. */
interface Job {
  url: string;
  path: string;
  shared: SharedArrayBuffer;
}

function report(shared: SharedArrayBuffer, status: 1 | 2, message: string): void {
  const bytes = new TextEncoder().encode(message).slice(0, shared.byteLength - 8);
  new Uint8Array(shared, 8).set(bytes);
  const head = new Int32Array(shared, 0, 2);
  head[1] = bytes.length;
  Atomics.store(head, 0, status);
  Atomics.notify(head, 0);
}

async function download({ url, path }: Job): Promise<void> {
  const response = await fetch(url);
  if (!response.ok || response.body === null) {
    throw new Error(`${url} answered ${response.status} ${response.statusText}`);
  }
  const total = Number(response.headers.get("content-length") ?? 0);
  const part = `${path}.part`;
  const file = await Deno.open(part, { write: true, create: true, truncate: true });
  let received = 0;
  try {
    for await (const chunk of response.body) {
      await file.write(chunk);
      received += chunk.length;
      if (total > 0) {
        const p = Math.min(100, (received / total) * 100);
        const bar = "#".repeat(Math.floor(p * 0.3)).padEnd(30, ".");
        await Deno.stdout.write(new TextEncoder().encode(`\r[${bar}] ${p.toFixed(2)}%`));
      }
    }
  } finally {
    file.close();
  }
  if (total > 0 && received !== total) {
    await Deno.remove(part);
    throw new Error(`${url}: got ${received} of ${total} bytes`);
  }
  await Deno.rename(part, path);
}

globalThis.addEventListener("message", async (event) => {
  const job = (event as MessageEvent<Job>).data;
  try {
    await download(job);
    report(job.shared, 1, "");
  } catch (e) {
    await Deno.remove(`${job.path}.part`).catch(() => {});
    report(job.shared, 2, e instanceof Error ? e.message : String(e));
  }
});
