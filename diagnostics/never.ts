// The end of every exhaustive switch over AST, IR and registry kinds: a kind added to a union and
// not handled fails the build at each switch that must handle it, and a malformed tree built at
// run time (JSON from elsewhere) fails loudly instead of being skipped.
export function assertNever(x: never, what = "node"): never {
  throw new TypeError(`unhandled ${what}: ${JSON.stringify(x)}`);
}
