// `npm start` (vite --config editor/vite.config.ts): the editor on localhost, policies from the
// repository's policies/ or from the folder CREDIT_POLICY_EDITOR_POLICIES names.
import { defineConfig } from "vite";
import { editorConfig } from "./server/config.js";

export default defineConfig(editorConfig());
