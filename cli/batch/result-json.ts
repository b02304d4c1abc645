// A result as one JSON line, byte for byte what JSON.stringify gives, faster: the parts every
// result of a grade shares (measures, notifications, the policy reference — frozen by the generated
// module) are serialised once and reused.
const shared = new WeakMap<object, string>();
const keys = new Map<string, string>();

function part(v: unknown): string | undefined {
  if (v !== null && typeof v === "object" && Object.isFrozen(v)) {
    let text = shared.get(v);
    if (text === undefined) {
      text = JSON.stringify(v);
      shared.set(v, text);
    }
    return text;
  }
  return JSON.stringify(v);
}

export function resultJson(result: object): string {
  let out = "{";
  for (const k in result) {
    const text = part((result as Record<string, unknown>)[k]);
    if (text === undefined) continue;
    let key = keys.get(k);
    if (key === undefined) {
      key = JSON.stringify(k);
      keys.set(k, key);
    }
    out += (out.length > 1 ? "," : "") + key + ":" + text;
  }
  return out + "}";
}
