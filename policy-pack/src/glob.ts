/** Whether `name` matches `pattern`, where `*` matches any run of characters and nothing else is special. */
export function globMatches(pattern: string, name: string, options: { ignoreCase?: boolean } = {}): boolean {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, options.ignoreCase ? "i" : "").test(name);
}
