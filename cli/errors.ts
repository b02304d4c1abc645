// The command line's own errors, in a module of their own so that a command's option table and
// the dispatcher load nothing else: a usage error (exit 2) and a policy that cannot be used (its
// diagnostics as lines for standard error, exit 2).
export class UsageError extends Error {}

/** A policy that cannot be used: its diagnostics as lines for stderr (exit 2). */
export class PolicyLoadError extends UsageError {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
}
