// `--help` is generated from each command's option table, and parseArgs is given that same table
// (cli/command.ts), not a copy: an option cannot reach the parser without being in the table, so
// comparing the help with the table, and the table with what the parser accepts, is enough to keep
// help and parser in step. The spy below pins down the "same table" half.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { parseCommandArgs, type Command } from "../../cli/command.js";
import { COMMANDS } from "../../cli/registry.js";
import { cli, ROOT } from "./run-cli.js";

vi.mock("node:util", async (original) => {
  const util = await original<typeof import("node:util")>();
  return { ...util, parseArgs: vi.fn(util.parseArgs) };
});

/** The long options a text names: --as-of, --exit-code. */
function optionsNamed(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((m) => m[1] as string))].sort();
}

/** Positionals that satisfy the command, so that only the option under test can make parsing fail. */
function positionalsFor(c: Command): string[] {
  return c.positionals.map((p) => p.name.toLowerCase());
}

function valueFor(c: Command, name: string): string[] {
  const spec = c.options[name];
  if (!spec || spec.type === "boolean") return [];
  return ["choices" in spec ? (spec.choices[0] as string) : "x"];
}

it("registers each command once, none claiming --help or -h (the dispatcher's)", () => {
  const names = COMMANDS.map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
  for (const c of COMMANDS) {
    expect(Object.keys(c.options)).not.toContain("help");
    expect(Object.values(c.options).map((o) => o.short)).not.toContain("h");
  }
});

describe.each(COMMANDS.map((c) => [c.name, c] as const))("%s", (name, c) => {
  beforeEach(() => vi.mocked(parseArgs).mockClear());

  it("--help names exactly the options of its table, and exits 0 without the required arguments", () => {
    const r = cli([name, "--help"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(optionsNamed(r.stdout)).toEqual(Object.keys(c.options).sort());
    expect(cli([name, "-h"]).stdout).toBe(r.stdout);
    expect(cli(["help", name]).stdout).toBe(r.stdout);
  });

  it("its parser is given the table itself and accepts every option in it, long and short", () => {
    const positionals = positionalsFor(c);
    for (const [option, spec] of Object.entries(c.options)) {
      const value = valueFor(c, option);
      expect(parseCommandArgs(c, [...positionals, `--${option}`, ...value]).values).toHaveProperty(option);
      if (spec.short) expect(parseCommandArgs(c, [...positionals, `-${spec.short}`, ...value]).values).toHaveProperty(option);
      expect(vi.mocked(parseArgs).mock.lastCall?.[0]?.options).toBe(c.options);
    }
    expect(() => parseCommandArgs(c, [...positionals, "--not-an-option"])).toThrow(/Unknown option '--not-an-option'/);
  });

  it("describes every option: a help text, and a placeholder or the allowed values for a value", () => {
    for (const spec of Object.values(c.options)) {
      expect(spec.help.trim()).not.toBe("");
      if (spec.type === "string") expect("value" in spec || "choices" in spec).toBe(true);
    }
  });
});

describe("credit-policy --help", () => {
  const r = cli(["--help"]);

  it("lists every registered command, with the way to each command's help and the exit codes", () => {
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  credit-policy ${c.name} `, "m"));
    expect(r.stdout).toContain("credit-policy COMMAND --help");
    expect(r.stdout).toMatch(/^ {2}70 +internal error/m);
    expect(cli(["-h"]).stdout).toBe(r.stdout);
    expect(cli(["help"]).stdout).toBe(r.stdout);
  });

  it("is printed with exit 2 when there is no command at all", () => {
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(r.stdout);
  });
});

it("eval --help documents --engine and its values", () => {
  expect(cli(["eval", "--help"]).stdout).toMatch(/--engine compiled\|interpreter/);
});

it("--version prints the package's version", () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  expect(cli(["--version"]).stdout).toBe(`credit-policy ${version}\n`);
});

it("an unknown command is a usage error", () => {
  const r = cli(["grade"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("credit-policy: unknown command grade; see credit-policy --help\n");
});
