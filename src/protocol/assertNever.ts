/** Ends every exhaustive `switch` over a union: adding a member then fails to compile until handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
