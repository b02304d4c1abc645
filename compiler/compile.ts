// The compiler's entry point: source → AST → checked AST → IR (compile-core.ts), with both
// front-ends, the text form and the YAML form, loaded.
import { parseYamlPolicy } from "../dsl/yaml/parse-yaml.js";
import { setYamlFrontEnd } from "./compile-core.js";

setYamlFrontEnd(parseYamlPolicy);

export * from "./compile-core.js";
