const compiled = new Map<string, RegExp>();

/** Whether `name` matches `pattern`, where `*` matches any run of characters and nothing else is special. */
export function globMatches(pattern: string, name: string, options: { ignoreCase?: boolean } = {}): boolean {
  const flags = options.ignoreCase ? "i" : "";
  const key = `${flags}\u0000${pattern}`;
  let regex = compiled.get(key);
  // Stryker disable next-line ConditionalExpression: a cache; compiling the pattern again gives the same regex
  if (regex === undefined) {
    const body = pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    regex = new RegExp(`^${body}$`, flags);
    compiled.set(key, regex);
  }
  return regex.test(name);
}
