// The page's entry: Monaco's own words (menus, "View Problem", "No quick fixes available") come from
// its localisation table, which must be in place before Monaco's modules load — so the Chinese
// table is loaded first when the interface is Chinese, then the editor.
import { uiLang } from "./i18n.js";

if (uiLang() === "zh") await import("monaco-editor/nls/lang/zh-cn.js");
await import("./main.js");
