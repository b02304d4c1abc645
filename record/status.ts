// A record's status on a day (credit-record.md, "Status history"): the status of the last
// status_history entry from on or before the day, in_force before the first; without a history,
// `status` on every day (in_force when absent). Grading a past day therefore reproduces after a
// later repair is recorded.

export const IN_FORCE = "in_force";

export function statusOn(element: { readonly [key: string]: unknown }, day: string): string {
  const history = element["status_history"];
  if (Array.isArray(history) && history.length > 0) {
    let status = IN_FORCE;
    for (const entry of history) {
      if (!entry || typeof entry !== "object") continue;
      const from = (entry as Record<string, unknown>)["from"];
      const st = (entry as Record<string, unknown>)["status"];
      if (typeof from === "string" && from <= day && typeof st === "string") status = st;
    }
    return status;
  }
  const status = element["status"];
  return typeof status === "string" ? status : IN_FORCE;
}
