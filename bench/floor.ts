/**
 * V8's floor for the book's graph shape: the smallest autograd that still has the book's objects
 * (a Variable with data, grad, creator and generation; a Function with arrays of inputs and
 * outputs and a generation; a `Set` as backward's seen set; functions taken from a binary heap in
 * generation order), with a one-field box instead of an NDArray and no checks. It speaks the
 * package's API as far as the peer harness's `dezero_ts.ts` uses it (W1–W3), so that the harness
 * can time it as one more system: `DEZERO_MOD=file://$PWD/bench/floor.ts`. Not part of `dezero/`.
 */

/** A float64 0-d array reduced to its number. */
class Scalar {
  constructor(readonly v: number) {}
  item(): number {
    return this.v;
  }
}

type Operand = Variable | number;

export class Variable {
  grad: Scalar | null = null;
  creator: Fn | null = null;
  generation = 0;
  constructor(public data: Scalar) {}

  backward(): void {
    if (this.grad === null) this.grad = new Scalar(1);
    const heap: Fn[] = [];
    const seen = new Set<Fn>();
    const addFunc = (f: Fn) => {
      if (!seen.has(f)) {
        seen.add(f);
        push(heap, f);
      }
    };
    if (this.creator !== null) addFunc(this.creator);
    while (heap.length > 0) {
      const f = pop(heap);
      const gxs = f.backward(f.outputs[0].grad!.v);
      for (let i = 0; i < f.inputs.length; i++) {
        const x = f.inputs[i];
        x.grad = x.grad === null ? new Scalar(gxs[i]) : new Scalar(x.grad.v + gxs[i]);
        if (x.creator !== null) addFunc(x.creator);
      }
      for (const y of f.outputs) y.grad = null;
    }
  }

  add(o: Operand): Variable {
    return new Add().call(this, o);
  }
  radd(o: Operand): Variable {
    return new Add().call(this, o);
  }
  mul(o: Operand): Variable {
    return new Mul().call(this, o);
  }
  rmul(o: Operand): Variable {
    return new Mul().call(this, o);
  }
  sub(o: Operand): Variable {
    return new Sub().call(this, o);
  }
  rsub(o: Operand): Variable {
    return new Sub().call(asVariable(o), this);
  }
  pow(c: number): Variable {
    return new Pow(c).call(this);
  }
}

function asVariable(x: Operand): Variable {
  return x instanceof Variable ? x : new Variable(new Scalar(x));
}

abstract class Fn {
  inputs: Variable[] = [];
  outputs: Variable[] = [];
  generation = 0;
  order = 0;

  call(...operands: Operand[]): Variable {
    const inputs = operands.map(asVariable);
    const y = new Variable(new Scalar(this.forward(inputs.map((x) => x.data.v))));
    this.generation = Math.max(...inputs.map((x) => x.generation));
    y.creator = this;
    y.generation = this.generation + 1;
    this.inputs = inputs;
    this.outputs = [y];
    return y;
  }

  abstract forward(xs: number[]): number;
  abstract backward(gy: number): number[];
}

class Add extends Fn {
  forward([a, b]: number[]) {
    return a + b;
  }
  backward(gy: number) {
    return [gy, gy];
  }
}

class Sub extends Fn {
  forward([a, b]: number[]) {
    return a - b;
  }
  backward(gy: number) {
    return [gy, -gy];
  }
}

class Mul extends Fn {
  forward([a, b]: number[]) {
    return a * b;
  }
  backward(gy: number) {
    return [gy * this.inputs[1].data.v, gy * this.inputs[0].data.v];
  }
}

class Pow extends Fn {
  constructor(readonly c: number) {
    super();
  }
  forward([x]: number[]) {
    return x ** this.c;
  }
  backward(gy: number) {
    const x = this.inputs[0].data.v;
    return [this.c * x ** (this.c - 1) * gy];
  }
}

// The heap: highest generation first, among equal ones the last pushed (the book's order).
let pushed = 0;
function later(a: Fn, b: Fn): boolean {
  return a.generation > b.generation || (a.generation === b.generation && a.order > b.order);
}
function push(heap: Fn[], f: Fn): void {
  f.order = pushed++;
  let i = heap.length;
  heap.push(f);
  while (i > 0 && later(f, heap[(i - 1) >> 1])) {
    heap[i] = heap[(i - 1) >> 1];
    i = (i - 1) >> 1;
  }
  heap[i] = f;
}
function pop(heap: Fn[]): Fn {
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= heap.length) break;
      if (c + 1 < heap.length && later(heap[c + 1], heap[c])) c++;
      if (!later(heap[c], last)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
  }
  return top;
}

/** `np.array(v)` as the harness calls it, for a number. */
export const np = { array: (v: number): Scalar => new Scalar(v) };
