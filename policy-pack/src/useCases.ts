import { USE_CASES, UseCase, UseCaseTag, Value, isUnknown } from "./model";

/** The tag that declares a resource's use cases (issue contract: comma-separated, case and spaces ignored). */
export const USE_CASE_TAG = "ccc-use-case";

export function parseUseCaseTag(raw: Value<string>): UseCaseTag {
  if (raw === undefined || isUnknown(raw)) return { raw, values: [], invalid: [] };
  const values: UseCase[] = [];
  const invalid: string[] = [];
  for (const part of raw.split(",")) {
    const item = part.replace(/\s/g, "").toLowerCase();
    if (item === "") continue;
    if ((USE_CASES as readonly string[]).includes(item)) {
      if (!values.includes(item as UseCase)) values.push(item as UseCase);
    } else {
      invalid.push(part.trim());
    }
  }
  return { raw, values, invalid };
}

/** A tag that is present but lists no valid value still counts as not declaring anything. */
export function declares(tag: UseCaseTag): boolean {
  return tag.values.length > 0;
}

export const ALLOWED_USE_CASES_TEXT = USE_CASES.join(", ");
