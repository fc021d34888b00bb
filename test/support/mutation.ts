// Mutation testing (`npm run mutation`, CCC_MUTATION=1) runs the in-process tests against mutated source in a
// sandbox without the examples or a rebuilt pack. Tests that need either are skipped there, and say why.
export const MUTATING = process.env.CCC_MUTATION !== undefined && process.env.CCC_MUTATION !== "";

const skipped = (name: string, why: string) => `${name} [skipped under mutation testing: ${why}]`;

/** Under mutation the body is not even collected (it may read the examples): one skipped test stands for it. */
export const describeUnlessMutating = (name: string, why: string, body: () => void): void =>
  MUTATING ? it.skip(skipped(name, why), () => undefined) : describe(name, body);

export const itUnlessMutating = (name: string, why: string, body: () => Promise<void>, timeout?: number): void =>
  MUTATING ? it.skip(skipped(name, why), body) : it(name, body, timeout);
