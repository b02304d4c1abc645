// Boolean and integer terms with JS constants folded before they reach the solver: most of a
// policy's structure is known while encoding (a window that always holds, a field no rule reads),
// and each folded constant is a term Z3 never has to see.
import type { Ctx, ZArith, ZBool } from "./z3.js";

/** A boolean term, or a constant. */
export type Bx = ZBool | boolean;
/** An integer term, or a constant. */
export type Ix = ZArith | bigint;

export class Terms {
  constructor(readonly z: Ctx) {}

  bool(b: Bx): ZBool {
    return typeof b === "boolean" ? this.z.Bool.val(b) : b;
  }

  int(i: Ix | number): ZArith {
    return typeof i === "bigint" || typeof i === "number" ? this.z.Int.val(BigInt(i)) : i;
  }

  and(...xs: Bx[]): Bx {
    const rest: ZBool[] = [];
    for (const x of xs) {
      if (x === false) return false;
      if (x !== true) rest.push(x);
    }
    return rest.length === 0 ? true : rest.length === 1 ? (rest[0] as ZBool) : this.z.And(...rest);
  }

  or(...xs: Bx[]): Bx {
    const rest: ZBool[] = [];
    for (const x of xs) {
      if (x === true) return true;
      if (x !== false) rest.push(x);
    }
    return rest.length === 0 ? false : rest.length === 1 ? (rest[0] as ZBool) : this.z.Or(...rest);
  }

  not(x: Bx): Bx {
    return typeof x === "boolean" ? !x : this.z.Not(x);
  }

  implies(a: Bx, b: Bx): Bx {
    return this.or(this.not(a), b);
  }

  /** a ⇔ b */
  iff(a: Bx, b: Bx): Bx {
    if (typeof a === "boolean") return a ? b : this.not(b);
    if (typeof b === "boolean") return b ? a : this.not(a);
    return a.eq(b);
  }

  xor(a: Bx, b: Bx): Bx {
    return this.not(this.iff(a, b));
  }

  ite(c: Bx, a: Ix, b: Ix): Ix {
    if (c === true) return a;
    if (c === false) return b;
    if (typeof a === "bigint" && typeof b === "bigint" && a === b) return a;
    return this.z.If(c, this.int(a), this.int(b)) as ZArith;
  }

  iteB(c: Bx, a: Bx, b: Bx): Bx {
    if (c === true) return a;
    if (c === false) return b;
    if (a === b) return a;
    if (typeof a === "boolean" && typeof b === "boolean") return a ? c : this.not(c);
    return this.z.If(c, this.bool(a), this.bool(b)) as ZBool;
  }

  add(...xs: Ix[]): Ix {
    let k = 0n;
    const rest: ZArith[] = [];
    for (const x of xs) {
      if (typeof x === "bigint") k += x;
      else rest.push(x);
    }
    if (rest.length === 0) return k;
    if (k !== 0n) rest.push(this.z.Int.val(k));
    return rest.length === 1 ? (rest[0] as ZArith) : this.z.Sum(rest[0] as ZArith, ...rest.slice(1));
  }

  mul(x: Ix, k: bigint): Ix {
    if (typeof x === "bigint") return x * k;
    return k === 1n ? x : x.mul(this.z.Int.val(k));
  }

  neg(x: Ix): Ix {
    return typeof x === "bigint" ? -x : x.neg();
  }

  /** Floor division by a positive constant (JS bigint division of a non-negative value). */
  div(x: Ix, k: bigint): Ix {
    if (typeof x === "bigint") return x >= 0n ? x / k : -((-x + k - 1n) / k);
    return k === 1n ? x : (this.z.Div(x, this.z.Int.val(k)) as ZArith);
  }

  cmp(op: "<" | "<=" | ">" | ">=" | "=" | "!=", a: Ix, b: Ix): Bx {
    if (typeof a === "bigint" && typeof b === "bigint") {
      return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : op === ">=" ? a >= b : op === "=" ? a === b : a !== b;
    }
    const x = this.int(a);
    const y = this.int(b);
    switch (op) {
      case "<":
        return x.lt(y);
      case "<=":
        return x.le(y);
      case ">":
        return x.gt(y);
      case ">=":
        return x.ge(y);
      case "=":
        return x.eq(y);
      case "!=":
        return this.z.Not(x.eq(y));
    }
  }

  max(a: Ix, b: Ix): Ix {
    return this.ite(this.cmp(">=", a, b), a, b);
  }

  min(a: Ix, b: Ix): Ix {
    return this.ite(this.cmp("<=", a, b), a, b);
  }
}
