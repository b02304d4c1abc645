// The Z3 solver (its official WASM build, npm `z3-solver`), loaded only by the analyses that need
// it: `import("z3-solver")` runs here on first use, never when another module imports this one, so
// `check`, `eval` and the editor pay nothing for it. One context serves a whole run; its solver
// calls run one at a time (the WASM build allows no two at once).
import type { Arith, Bool, Context, Model } from "z3-solver";

export type Ctx = Context<"cp">;
export type ZBool = Bool<"cp">;
export type ZArith = Arith<"cp">;
export type ZModel = Model<"cp">;

export interface Z3 {
  ctx: Ctx;
  /** Ends the solver's worker threads (a Node process exits without it too, but sooner with it). */
  close(): Promise<void>;
}

let loading: Promise<Z3> | undefined;

/** The solver, loaded and initialised once per process. */
export function loadZ3(): Promise<Z3> {
  loading ??= (async () => {
    const mod = await import("z3-solver");
    const api = await mod.init();
    const ctx = new api.Context("cp") as unknown as Ctx;
    return {
      ctx,
      async close() {
        loading = undefined;
        await mod.killThreads(api.em);
      },
    };
  })();
  return loading;
}
