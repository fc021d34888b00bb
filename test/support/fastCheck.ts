// What the property tests share: the run settings (fixed seed; FC_NUM_RUNS and FC_SEED explore more) and drawing
// from arbitraries inside `fc.gen()`.
import fc from "fast-check";

export const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 100);
export const SEED = Number(process.env.FC_SEED ?? 20261125);
export type G = fc.GeneratorValue;

/** fc.gen caches arbitraries by builder function, forever: each arbitrary gets one builder (no fresh closures). */
const builders = new WeakMap<fc.Arbitrary<unknown>, () => fc.Arbitrary<unknown>>();
export function draw<T>(g: G, arb: fc.Arbitrary<T>): T {
  let builder = builders.get(arb);
  if (builder === undefined) {
    builder = () => arb;
    builders.set(arb, builder);
  }
  return g(builder as () => fc.Arbitrary<T>);
}

/** One builder for every constant pick (see `draw`). */
export const constantFrom = (...values: unknown[]) => fc.constantFrom(...values);
