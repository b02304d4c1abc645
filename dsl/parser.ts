// The grammar: a pure Chevrotain parser producing a CST, with error recovery on. The CST → AST
// step lives in cst-to-ast.ts. Entry rules other than `policyFile` serve the YAML front-end,
// which parses its expression strings with this same grammar.
import { CstParser, EOF, type CstNode } from "chevrotain";
import {
  AggregateOfTok,
  AggregateTok,
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
  ReasonKind,
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
  /**
   * `validate`: run Chevrotain's grammar checks (ambiguity, left recursion …) while building the
   * parser. They cost most of its start-up, and the grammar does not change at run time: the
   * shared parser skips them and test/dsl/grammar-checks.test.ts runs them.
   */
  constructor(opts: { validate?: boolean } = {}) {
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: "full", maxLookahead: 3, skipValidations: !opts.validate });
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
      { ALT: () => this.CONSUME(K.Todo) },
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
      { ALT: () => this.SUBRULE(this.gradeMapDecl) },
      { ALT: () => this.SUBRULE(this.measuresDecl) },
      { ALT: () => this.SUBRULE(this.noticeDecl) },
      { ALT: () => this.SUBRULE(this.recordKeepingDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
      { ALT: () => this.SUBRULE(this.bandsDecl) },
      { ALT: () => this.SUBRULE(this.overrideDecl) },
      { ALT: () => this.SUBRULE(this.categoryDecl) },
      { ALT: () => this.SUBRULE(this.modelDecl) },
      { ALT: () => this.SUBRULE(this.obligationDecl) },
      { ALT: () => this.SUBRULE(this.snapshotDecl) },
      { ALT: () => this.SUBRULE(this.annexDecl) },
      { ALT: () => this.SUBRULE(this.collectsDecl) },
      { ALT: () => this.SUBRULE(this.requiresDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.fieldDecl) },
      { ALT: () => this.SUBRULE(this.filterDecl) },
      { ALT: () => this.SUBRULE(this.itemRuleDecl) },
      { ALT: () => this.SUBRULE(this.notEncodedDecl) },
      { ALT: () => this.SUBRULE(this.periodDecl) },
      { ALT: () => this.SUBRULE(this.claimDecl) },
    ]);
  });

  // `不予编码 第十五条, 第十二条 组织性 "…"`, or one article with the sentences left out quoted:
  // `不予编码 第十四条 "采取书面信用提醒方式的，…" 程序性 "…"`. The reason is a category, then words.
  private notEncodedDecl = this.RULE("notEncodedDecl", () => {
    this.CONSUME(K.NotEncoded);
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => this.OR([{ ALT: () => this.CONSUME(Article) }, { ALT: () => this.CONSUME(K.Annex) }]),
    });
    this.OPTION(() => this.CONSUME(StringLit));
    this.CONSUME(ReasonKind);
    this.OPTION2(() => this.CONSUME2(StringLit));
  });

  // `评价周期 第三条 "信用等级评定实行动态管理，实时更新信用等级。"`: the evaluation period in the text's words.
  private periodDecl = this.RULE("periodDecl", () => {
    this.CONSUME(K.Period);
    this.OPTION(() => this.CONSUME(Article));
    this.CONSUME(StringLit);
  });

  // `适用例外 二（六） "…"`: a department uses its parent plan's exception (cited by the plan's article).
  private claimDecl = this.RULE("claimDecl", () => {
    this.CONSUME(K.ClaimsException);
    this.CONSUME(Article);
    this.OPTION(() => this.CONSUME(StringLit));
  });

  // `参数 罚款公示门槛 = 3万元 第十三条 "…"`: a value set elsewhere (the province), overridable per run.
  private paramDecl = this.RULE("paramDecl", () => {
    this.CONSUME(K.Param);
    this.CONSUME(Identifier);
    this.CONSUME(Eq);
    this.SUBRULE(this.primary);
    this.OPTION(() => this.CONSUME(Article));
    this.OPTION2(() => this.CONSUME(StringLit));
  });

  // `字段 处理决定.整改情况 文字 "…"`: a field the policy reads beyond the record schema.
  private fieldDecl = this.RULE("fieldDecl", () => {
    this.CONSUME(K.FieldKw);
    this.CONSUME(Identifier);
    this.CONSUME(Dot);
    this.CONSUME2(Identifier);
    this.CONSUME3(Identifier);
    this.OPTION(() => this.CONSUME(StringLit));
  });

  // `条件 罚款类 = 种类 属于 (罚款, 没收)`: a named filter, usable wherever a filter goes.
  private filterDecl = this.RULE("filterDecl", () => {
    this.CONSUME(K.Filter);
    this.CONSUME(Identifier);
    this.CONSUME(Eq);
    this.SUBRULE(this.expression);
  });

  // `逐项 公示 针对 处理决定 第十三条 "…" { 定义 … 输出 … 类别 … 措施 … 义务 … }`: decided for each item.
  private itemRuleDecl = this.RULE("itemRuleDecl", () => {
    this.CONSUME(K.ItemRule);
    this.CONSUME(Identifier);
    this.CONSUME(K.ForEach);
    this.CONSUME2(Identifier);
    this.OPTION(() => this.CONSUME(Article));
    this.OPTION2(() => this.CONSUME(StringLit));
    this.CONSUME(LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.noteDecl) },
        { ALT: () => this.SUBRULE(this.valueDecl) },
        { ALT: () => this.SUBRULE(this.outputDecl) },
        { ALT: () => this.SUBRULE(this.categoryDecl) },
        { ALT: () => this.SUBRULE(this.measuresDecl) },
        { ALT: () => this.SUBRULE(this.obligationDecl) },
      ]),
    );
    this.CONSUME(RBrace);
  });

  // `输出 应公示 第十三条 任一 { 第十三条第一款 "…"： … }` or `输出 公示截止日 第十四条 "…"： 日期 + 3年`.
  private outputDecl = this.RULE("outputDecl", () => {
    this.CONSUME(K.Output);
    this.CONSUME(Identifier);
    this.OPTION({
      GATE: () => this.LA(2).tokenType !== StringLit && this.LA(2).tokenType !== Colon,
      DEF: () => this.CONSUME(Article),
    });
    this.SUBRULE(this.condition);
  });

  // Score bands: `分档 统一评价 二（六） 依据 得分 范围 0分 至 100分 { 优 "优级" 二（四）: 高于 85分 … }`
  private bandsDecl = this.RULE("bandsDecl", () => {
    this.CONSUME(K.Bands);
    this.CONSUME(Identifier);
    this.OPTION(() => this.CONSUME(Article));
    this.CONSUME(K.BasedOn);
    this.SUBRULE(this.additive);
    this.CONSUME(K.Range);
    this.SUBRULE(this.primary);
    this.CONSUME(K.To);
    this.SUBRULE2(this.primary);
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.bandItem));
    this.CONSUME(RBrace);
  });

  private bandItem = this.RULE("bandItem", () => {
    this.CONSUME(Identifier);
    this.CONSUME(StringLit);
    this.CONSUME(Article);
    this.OPTION(() => this.CONSUME2(StringLit));
    this.CONSUME(Colon);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.bound));
  });

  private overrideDecl = this.RULE("overrideDecl", () => {
    this.CONSUME(K.Override);
    this.CONSUME(Identifier);
    this.CONSUME(Article);
    this.OPTION(() => this.CONSUME(StringLit));
    this.CONSUME(Colon);
    this.SUBRULE(this.expression);
  });

  // `类别 守信激励对象 "…" 三（七） "…"： …`, or with its own citation and a block of cited conditions.
  private categoryDecl = this.RULE("categoryDecl", () => {
    this.CONSUME(K.Category);
    this.CONSUME(Identifier);
    this.CONSUME(StringLit);
    this.OPTION({
      GATE: () => this.LA(2).tokenType !== StringLit && this.LA(2).tokenType !== Colon,
      DEF: () => this.CONSUME(Article),
    });
    this.SUBRULE(this.condition);
  });

  // `评价模型 行业信用评价 二（六） 满分 100分 缺失按 0分 { 指标项 … 权重 40分 = … 减分项 … 每次 5分 最多 30分 = … }`
  private modelDecl = this.RULE("modelDecl", () => {
    this.CONSUME(K.Model);
    this.CONSUME(Identifier);
    this.OPTION(() => this.CONSUME(Article));
    this.OPTION2(() => this.CONSUME(StringLit));
    this.CONSUME(K.Total);
    this.SUBRULE(this.primary);
    this.CONSUME(K.MissingAs);
    this.SUBRULE2(this.primary);
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.modelItem));
    this.CONSUME(RBrace);
  });

  private modelItem = this.RULE("modelItem", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Indicator);
          this.CONSUME(Identifier);
          this.CONSUME(K.Weight);
          this.SUBRULE(this.primary);
        },
      },
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(K.Deduct) }, { ALT: () => this.CONSUME(K.Bonus) }]);
          this.CONSUME2(Identifier);
          // Chinese puts 每次 first (每次 5分), English after the number (5 points each).
          this.OR3([
            {
              ALT: () => {
                this.CONSUME(K.Each);
                this.SUBRULE2(this.primary);
              },
            },
            {
              ALT: () => {
                this.SUBRULE3(this.primary);
                this.CONSUME2(K.Each);
              },
            },
          ]);
          this.OPTION(() => {
            this.CONSUME(K.Max);
            this.SUBRULE4(this.primary);
          });
        },
      },
    ]);
    this.CONSUME(Eq);
    this.SUBRULE(this.additive);
  });

  // `义务 限期整改 三（八） "…" 针对 失信警示 满足 … 期限 整改期限`
  // Inside a per-item rule the part is the rule's and `针对` is left out; without `期限` (or with
  // `期限 无`) the duty is open with no due day.
  private obligationDecl = this.RULE("obligationDecl", () => {
    this.CONSUME(K.Obligation);
    this.CONSUME(Identifier);
    this.CONSUME(Article);
    this.CONSUME(StringLit);
    this.OPTION3(() => {
      this.CONSUME(K.ForEach);
      this.CONSUME2(Identifier);
    });
    this.OPTION(() => {
      this.CONSUME(K.Where);
      this.SUBRULE(this.expression);
    });
    this.OPTION2(() => {
      this.CONSUME(K.InLast);
      this.SUBRULE(this.quantity);
    });
    this.OPTION4(() => {
      this.CONSUME(K.Due);
      this.SUBRULE(this.additive);
    });
  });

  // `评价时点 二（二） "…" 每年 10月31日`
  private snapshotDecl = this.RULE("snapshotDecl", () => {
    this.CONSUME(K.Snapshot);
    this.OPTION(() => this.CONSUME(Article));
    this.OPTION2(() => this.CONSUME(StringLit));
    this.CONSUME(K.Yearly);
    this.SUBRULE(this.primary);
    this.SUBRULE2(this.primary);
  });

  private annexDecl = this.RULE("annexDecl", () => {
    this.CONSUME(K.Annex);
    this.CONSUME(StringLit);
    this.OPTION(() => this.CONSUME(Article));
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.annexRow));
    this.CONSUME(RBrace);
  });

  private annexRow = this.RULE("annexRow", () => {
    this.CONSUME(K.UnitKw);
    this.CONSUME(StringLit);
    this.CONSUME(K.Domain);
    this.CONSUME2(StringLit);
  });

  private collectsDecl = this.RULE("collectsDecl", () => {
    this.CONSUME(K.Collects);
    this.OPTION(() => this.CONSUME(Article));
    this.CONSUME(LBrace);
    this.MANY(() => this.CONSUME(StringLit));
    this.CONSUME(RBrace);
  });

  private requiresDecl = this.RULE("requiresDecl", () => {
    this.CONSUME(K.Requires);
    this.CONSUME(Article);
    this.OPTION(() => this.CONSUME(StringLit));
    this.CONSUME(LBrace);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.requirement) }, { ALT: () => this.SUBRULE(this.exceptionDecl) }]));
    this.CONSUME(RBrace);
  });

  // `例外 二（六） "先前已开展…按原标准继续执行" 免除 等级, 评价模型`: requirements a plan itself waives.
  private exceptionDecl = this.RULE("exceptionDecl", () => {
    this.CONSUME(K.Exception);
    this.CONSUME(Article);
    this.OPTION(() => this.CONSUME(StringLit));
    this.CONSUME(K.Exempts);
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () =>
        this.OR([
          { ALT: () => this.CONSUME(K.Collects) },
          { ALT: () => this.CONSUME(K.Grade) },
          { ALT: () => this.CONSUME(K.Model) },
          { ALT: () => this.CONSUME(K.Period) },
          { ALT: () => this.CONSUME(K.Measures) },
        ]),
    });
  });

  private requirement = this.RULE("requirement", () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Collects) },
      { ALT: () => this.CONSUME(K.Period) },
      { ALT: () => this.CONSUME(K.Measures) },
      {
        ALT: () => {
          this.CONSUME(K.Model);
          this.SUBRULE(this.primary);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Grade);
          this.AT_LEAST_ONE_SEP({
            SEP: Comma,
            DEF: () => {
              this.CONSUME(Identifier);
              this.CONSUME(StringLit);
            },
          });
        },
      },
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
          this.CONSUME(AggregateTok);
          this.CONSUME(Identifier);
        },
      },
      {
        ALT: () => {
          this.CONSUME(AggregateOfTok);
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

  /** 等级对应 "2021-121" { A = 优, D = 无 }: an earlier revision's grades in this one. */
  private gradeMapDecl = this.RULE("gradeMapDecl", () => {
    this.CONSUME(K.GradeMap);
    this.CONSUME(StringLit);
    this.CONSUME(LBrace);
    this.MANY(() => {
      this.SUBRULE(this.gradeMapEntry);
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
  });

  private gradeMapEntry = this.RULE("gradeMapEntry", () => {
    this.CONSUME(Identifier);
    this.CONSUME(Eq);
    this.OR([{ ALT: () => this.CONSUME2(Identifier) }, { ALT: () => this.CONSUME(K.None) }]);
  });

  private measuresDecl = this.RULE("measuresDecl", () => {
    this.CONSUME(K.Measures);
    this.CONSUME(Identifier);
    this.OPTION2(() => this.CONSUME(MeasureKind));
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
      {
        ALT: () => {
          this.CONSUME(K.Category);
          this.MANY_SEP3({ SEP: Comma, DEF: () => this.CONSUME2(Identifier) });
        },
      },
      {
        // `预期 义务 上网公开 2021-02-20 overdue`, `预期 义务 限期整改 无 open`; `预期 义务 无`: none at all
        ALT: () => {
          this.CONSUME(K.Obligation);
          this.OR4([
            {
              ALT: () => {
                this.CONSUME3(Identifier);
                this.OR3([{ ALT: () => this.CONSUME(DateLit) }, { ALT: () => this.CONSUME2(K.None) }]);
                this.CONSUME4(Identifier);
              },
            },
            { ALT: () => this.CONSUME3(K.None) },
          ]);
        },
      },
      {
        // `预期 评价模型 行业信用评价 85分`: a score model's total
        ALT: () => {
          this.CONSUME(K.Model);
          this.CONSUME5(Identifier);
          this.SUBRULE(this.quantity);
        },
      },
      {
        // `预期 逐项 "/sanctions/0" 应公示 = 是`
        ALT: () => {
          this.CONSUME(K.ItemRule);
          this.CONSUME(StringLit);
          this.CONSUME6(Identifier);
          this.CONSUME(Eq);
          this.SUBRULE(this.primary);
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
      { ALT: () => this.CONSUME(K.Todo) },
      { ALT: () => this.SUBRULE(this.reference) },
      {
        // An aggregate inside an expression is parenthesised: `(计数 处罚 满足 种类 = 罚款) 2次 以上`.
        ALT: () => {
          this.CONSUME2(LParen);
          this.SUBRULE(this.aggregate);
          this.CONSUME2(RParen);
        },
      },
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

  /** Entry for YAML band bounds: `85分（含）以下 高于 70分`, a band item's bounds without the rest. */
  public boundsOnly = this.RULE("boundsOnly", () => {
    this.AT_LEAST_ONE(() => this.SUBRULE(this.bound));
    this.CONSUME(EOF);
  });
}

/** One parser instance: Chevrotain parsers are reusable and costly to build. */
export const parser = new PolicyParser();

export type { CstNode };
