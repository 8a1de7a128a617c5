/** A command line that cannot be run as given: printed with the usage, exit status 2. */
export class UsageError extends Error {}

/**
 * The value of the option at `args[i]`, written `--flag=value` or `--flag value`, and the index of
 * the last argument it used.
 */
export function optionValue(args: readonly string[], i: number): { value: string; last: number } {
  const a = args[i];
  const eq = a.indexOf('=');
  const value = eq >= 0 ? a.slice(eq + 1) : args[i + 1];
  if (value === undefined || value === '') throw new UsageError(`${eq >= 0 ? a.slice(0, eq) : a} needs a value.`);
  return { value, last: eq >= 0 ? i : i + 1 };
}
