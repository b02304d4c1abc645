// The grammar: a pure Chevrotain parser producing a CST, with error recovery on. The CST → AST
// step lives in cst-to-ast.ts. Entry rules other than `policyFile` serve the YAML front-end,
// which parses its expression strings with this same grammar.
import { CstParser, EOF, type CstNode } from "chevrotain";
import {
  allTokens,
  Article,
  BoolLit,
  BoundaryWordTok,
  CmpOpTok,
  Colon,
  Comma,
  DateLit,
  Dot,
  Eq,
  Gt,
  Identifier,
  K,
  LBrace,
  LBracket,
  LParen,
  Lt,
  MarkerTok,
  MeasureKind,
  MetaKey,
  Minus,
  NumberLit,
  Plus,
  RBrace,
  RBracket,
  RParen,
  StringLit,
  Unit,
} from "./tokens.js";

export class PolicyParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: "full", maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  public policyFile = this.RULE("policyFile", () => {
    this.SUBRULE(this.policyHeader);
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  private policyHeader = this.RULE("policyHeader", () => {
    this.CONSUME(K.Policy);
    this.OR([{ ALT: () => this.CONSUME(StringLit) }, { ALT: () => this.CONSUME(Identifier) }]);
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.metaEntry));
    this.CONSUME(RBrace);
  });

  private metaEntry = this.RULE("metaEntry", () => {
    this.CONSUME(MetaKey);
    this.OR([
      { ALT: () => this.CONSUME(StringLit) },
      { ALT: () => this.CONSUME(DateLit) },
      { ALT: () => this.CONSUME(BoolLit) },
      { ALT: () => this.CONSUME(K.Unstated) },
    ]);
  });

  private declaration = this.RULE("declaration", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.noteDecl) },
      { ALT: () => this.SUBRULE(this.severityDecl) },
      { ALT: () => this.SUBRULE(this.disregardDecl) },
      { ALT: () => this.SUBRULE(this.valueDecl) },
      { ALT: () => this.SUBRULE(this.gradeDecl) },
      { ALT: () => this.SUBRULE(this.precedenceDecl) },
      { ALT: () => this.SUBRULE(this.defaultDecl) },
      { ALT: () => this.SUBRULE(this.measuresDecl) },
      { ALT: () => this.SUBRULE(this.noticeDecl) },
      { ALT: () => this.SUBRULE(this.recordKeepingDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
    ]);
  });

  public noteDecl = this.RULE("noteDecl", () => {
    this.CONSUME(K.Note);
    this.OPTION(() => this.CONSUME(Article));
    this.CONSUME(StringLit);
  });

  private severityDecl = this.RULE("severityDecl", () => {
    this.CONSUME(K.Severity);
    this.OPTION(() => this.CONSUME(Article));
    this.CONSUME(LBrace);
    this.SUBRULE(this.severityChain);
    this.CONSUME(RBrace);
  });

  /** order_to_correct < warning < fine = confiscation < … */
  public severityChain = this.RULE("severityChain", () => {
    this.CONSUME(Identifier);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Lt) }, { ALT: () => this.CONSUME(Eq) }]);
      this.CONSUME2(Identifier);
    });
  });

  private disregardDecl = this.RULE("disregardDecl", () => {
    this.CONSUME(K.Disregard);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.CONSUME(Identifier) });
    this.CONSUME(Article);
    this.OPTION(() => this.CONSUME(StringLit));
  });

  private valueDecl = this.RULE("valueDecl", () => {
    this.CONSUME(K.Let);
    this.CONSUME(Identifier);
    this.CONSUME(Eq);
    this.SUBRULE(this.valueExpr);
    this.MANY(() => this.SUBRULE(this.noteDecl));
  });

  /** The right-hand side of `let`: an aggregate over a record part, or an expression. */
  public valueExpr = this.RULE("valueExpr", () => {
    this.OR([{ ALT: () => this.SUBRULE(this.aggregate) }, { ALT: () => this.SUBRULE(this.expression) }]);
  });

  private aggregate = this.RULE("aggregate", () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(K.Count) }, { ALT: () => this.CONSUME(K.Exists) }]);
          this.CONSUME(Identifier);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Sum);
          this.SUBRULE(this.expression);
          this.CONSUME(K.Of);
          this.CONSUME2(Identifier);
        },
      },
    ]);
    this.OPTION(() => {
      this.CONSUME(K.Where);
      this.SUBRULE2(this.expression);
    });
    this.OPTION2(() => {
      this.CONSUME(K.InLast);
      this.SUBRULE(this.quantity);
    });
  });

  private gradeDecl = this.RULE("gradeDecl", () => {
    this.CONSUME(K.Grade);
    this.CONSUME(Identifier);
    this.CONSUME(StringLit);
    // The grade's own citation, unless that article begins a bare clause (`第九条 "…": …`).
    this.OPTION({
      GATE: () => this.LA(2).tokenType !== StringLit && this.LA(2).tokenType !== Colon,
      DEF: () => this.CONSUME(Article),
    });
    this.SUBRULE(this.condition);
  });

  public condition = this.RULE("condition", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.anyBlock) },
      { ALT: () => this.SUBRULE(this.allBlock) },
      { ALT: () => this.SUBRULE(this.notCondition) },
      { ALT: () => this.SUBRULE(this.clause) },
    ]);
  });

  private anyBlock = this.RULE("anyBlock", () => {
    this.CONSUME(K.Any);
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.condition));
    this.CONSUME(RBrace);
  });

  private allBlock = this.RULE("allBlock", () => {
    this.CONSUME(K.All);
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.condition));
    this.CONSUME(RBrace);
  });

  private notCondition = this.RULE("notCondition", () => {
    this.CONSUME(K.Not);
    this.SUBRULE(this.condition);
  });

  private clause = this.RULE("clause", () => {
    this.CONSUME(Article);
    this.OPTION(() => this.CONSUME(StringLit));
    this.CONSUME(Colon);
    this.SUBRULE(this.expression);
    this.MANY(() => this.SUBRULE(this.noteDecl));
  });

  private precedenceDecl = this.RULE("precedenceDecl", () => {
    this.CONSUME(K.Precedence);
    this.CONSUME(Identifier);
    this.MANY(() => {
      this.CONSUME(Gt);
      this.CONSUME2(Identifier);
    });
  });

  private defaultDecl = this.RULE("defaultDecl", () => {
    this.CONSUME(K.Default);
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(K.None) }]);
  });

  private measuresDecl = this.RULE("measuresDecl", () => {
    this.CONSUME(K.Measures);
    this.CONSUME(Identifier);
    this.CONSUME(MeasureKind);
    this.CONSUME(Article);
    this.OPTION(() => this.CONSUME(StringLit));
    this.SUBRULE(this.measureBlock);
  });

  private measureBlock = this.RULE("measureBlock", () => {
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.measureItem));
    this.CONSUME(RBrace);
  });

  private measureItem = this.RULE("measureItem", () => {
    this.CONSUME(Article);
    this.CONSUME(StringLit);
    this.MANY(() => this.SUBRULE(this.tag));
    this.OPTION(() => this.SUBRULE(this.measureBlock));
  });

  private tag = this.RULE("tag", () => {
    this.CONSUME(K.Tag);
    this.CONSUME(Identifier);
    this.CONSUME(Eq);
    this.CONSUME2(Identifier);
  });

  private noticeDecl = this.RULE("noticeDecl", () => {
    this.CONSUME(K.Notice);
    this.CONSUME(Identifier);
    this.CONSUME(Article);
    this.CONSUME(StringLit);
    this.CONSUME(K.Options);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.CONSUME2(StringLit) });
  });

  private recordKeepingDecl = this.RULE("recordKeepingDecl", () => {
    this.CONSUME(K.RecordKeeping);
    this.CONSUME(Article);
    this.CONSUME(StringLit);
  });

  private testDecl = this.RULE("testDecl", () => {
    this.CONSUME(K.Test);
    this.CONSUME(StringLit);
    this.CONSUME(K.AsOf);
    this.CONSUME(DateLit);
    this.CONSUME(LBrace);
    this.CONSUME(K.RecordKw);
    this.SUBRULE(this.json);
    this.MANY(() => this.SUBRULE(this.expectation));
    this.CONSUME(RBrace);
  });

  private expectation = this.RULE("expectation", () => {
    this.CONSUME(K.Expect);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Grade);
          this.OR2([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(K.None) }]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Matched);
          this.MANY_SEP({ SEP: Comma, DEF: () => this.CONSUME(Article) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Measures);
          this.MANY_SEP2({ SEP: Comma, DEF: () => this.CONSUME2(Article) });
        },
      },
    ]);
  });

  public json = this.RULE("json", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.jsonObject) },
      { ALT: () => this.SUBRULE(this.jsonArray) },
      { ALT: () => this.CONSUME(StringLit) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(Minus));
          this.CONSUME(NumberLit);
        },
      },
      { ALT: () => this.CONSUME(BoolLit) },
      { ALT: () => this.CONSUME(K.None) },
    ]);
  });

  private jsonObject = this.RULE("jsonObject", () => {
    this.CONSUME(LBrace);
    this.MANY_SEP({
      SEP: Comma,
      DEF: () => {
        this.CONSUME(StringLit);
        this.CONSUME(Colon);
        this.SUBRULE(this.json);
      },
    });
    this.CONSUME(RBrace);
  });

  private jsonArray = this.RULE("jsonArray", () => {
    this.CONSUME(LBracket);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.json) });
    this.CONSUME(RBracket);
  });

  // Expressions, loosest binding first.
  public expression = this.RULE("expression", () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(K.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  private andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(K.And);
      this.SUBRULE2(this.notExpr);
    });
  });

  private notExpr = this.RULE("notExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  private comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.additive);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.In);
          this.CONSUME(LParen);
          this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE2(this.additive) });
          this.CONSUME(RParen);
        },
      },
      { ALT: () => this.MANY(() => this.SUBRULE(this.bound)) },
    ]);
  });

  /** `< 3次`, `不超过 50万元`, `3次（不含）以内`, `高于 70分`. */
  private bound = this.RULE("bound", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(CmpOpTok);
          this.SUBRULE(this.additive);
          this.OPTION(() => this.CONSUME(MarkerTok));
        },
      },
      {
        ALT: () => {
          this.CONSUME(BoundaryWordTok);
          this.SUBRULE2(this.additive);
          this.OPTION2(() => this.CONSUME2(MarkerTok));
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.quantity);
          this.OPTION3(() => this.CONSUME3(MarkerTok));
          this.CONSUME2(BoundaryWordTok);
        },
      },
    ]);
  });

  private additive = this.RULE("additive", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Plus) }, { ALT: () => this.CONSUME(Minus) }]);
      this.SUBRULE2(this.primary);
    });
  });

  private primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.CONSUME(DateLit) },
      { ALT: () => this.CONSUME(StringLit) },
      { ALT: () => this.CONSUME(BoolLit) },
      { ALT: () => this.CONSUME(K.None) },
      { ALT: () => this.SUBRULE(this.reference) },
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(RParen);
        },
      },
    ]);
  });

  /** name, name.field, fn(args). */
  private reference = this.RULE("reference", () => {
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(LParen);
      this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.additive) });
      this.CONSUME(RParen);
    });
    this.MANY(() => {
      this.CONSUME(Dot);
      this.CONSUME2(Identifier);
    });
  });

  public quantity = this.RULE("quantity", () => {
    this.CONSUME(NumberLit);
    this.OPTION(() => this.CONSUME(Unit));
  });

  /** Entry for YAML strings: an expression and nothing after it. */
  public expressionOnly = this.RULE("expressionOnly", () => {
    this.SUBRULE(this.expression);
    this.CONSUME(EOF);
  });

  public valueOnly = this.RULE("valueOnly", () => {
    this.SUBRULE(this.valueExpr);
    this.CONSUME(EOF);
  });

  public severityOnly = this.RULE("severityOnly", () => {
    this.SUBRULE(this.severityChain);
    this.CONSUME(EOF);
  });

  public quantityOnly = this.RULE("quantityOnly", () => {
    this.SUBRULE(this.quantity);
    this.CONSUME(EOF);
  });
}

/** One parser instance: Chevrotain parsers are reusable and costly to build. */
export const parser = new PolicyParser();

export type { CstNode };
