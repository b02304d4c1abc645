// Which semantic diff the diff view uses. The project's compiler/diff (the versions issue) is not
// in this tree yet, so the editor's own IR summary (analysis/semantic-summary.ts) is used; when
// compiler/diff lands, adapt its output here.
import type { SemanticDiffEngine } from "../analysis/diff.js";

export const semanticEngine: SemanticDiffEngine | undefined = undefined;
