// The shared lexer and parser skip Chevrotain's definition checks at start-up (they cost most of
// it); here they run: a token or grammar rule that breaks them fails the build.
import { describe, expect, it } from "vitest";
import { createToken, Lexer } from "chevrotain";
import { makeLexer } from "../../dsl/lexer.js";
import { PolicyParser } from "../../dsl/parser.js";

describe("Chevrotain's definition checks", () => {
  it("pass for the lexer's tokens", () => {
    const lexer = makeLexer({ validate: true });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
  });

  it("do run when asked for: a token that can never match is refused", () => {
    const A = createToken({ name: "A", pattern: /a/ });
    const AA = createToken({ name: "AA", pattern: /a/ });
    expect(() => new Lexer([A, AA], { skipValidations: false })).toThrow();
  });

  it("pass for the grammar (the parser's constructor throws on a definition error)", () => {
    expect(() => new PolicyParser({ validate: true })).not.toThrow();
  });
});
