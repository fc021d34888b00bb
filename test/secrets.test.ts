// The runtime hook that learns secret values and deserializes each request once for all policies.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { REDACTED, SecretRegistry, hookPolicyRuntime } from "../policy-pack/src/secrets";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

function fakeRuntime() {
  const calls: unknown[][] = [];
  const module: Record<string, unknown> = {
    deserializeProperties: (struct: Struct | object, ...rest: unknown[]) => {
      calls.push([struct, ...rest]);
      return struct instanceof Struct ? { ...struct.toJavaScript(), keepUnknowns: rest[0] } : struct;
    },
  };
  return { module, calls };
}

describe("hookPolicyRuntime", () => {
  it("deserializes a request once per argument list and hands every policy the same value", () => {
    const { module, calls } = fakeRuntime();
    const registry = new SecretRegistry();
    expect(hookPolicyRuntime(registry, module)).toBe(true);
    const deserialize = module.deserializeProperties as (s: Struct, keep: boolean) => unknown;
    const request = Struct.fromJavaScript({ name: "chat", key: secret("s3cr3t-value") });
    const provider = Struct.fromJavaScript({ version: "3.28.0" });

    const first = deserialize(request, false);
    deserialize(provider, false);
    expect(deserialize(request, false)).toBe(first);
    expect(deserialize(provider, false)).toEqual({ version: "3.28.0", keepUnknowns: false });
    expect(deserialize(request, true)).toEqual({ ...(first as object), keepUnknowns: true });
    expect(calls.map(([struct, keep]) => [struct === request ? "request" : "provider", keep])).toEqual([
      ["request", false],
      ["provider", false],
      ["request", true],
    ]);

    const next = Struct.fromJavaScript({ name: "chat" });
    expect(deserialize(next, false)).not.toBe(first);
    expect(registry.redact("key is s3cr3t-value")).toBe(`key is ${REDACTED}`);
  });

  it("hooks once, and reports a runtime without the deserializer", () => {
    const { module } = fakeRuntime();
    hookPolicyRuntime(new SecretRegistry(), module);
    const hooked = module.deserializeProperties;
    expect(hookPolicyRuntime(new SecretRegistry(), module)).toBe(true);
    expect(module.deserializeProperties).toBe(hooked);
    expect(hookPolicyRuntime(new SecretRegistry(), {})).toBe(false);
  });

  it("passes values that are not wire structs straight through", () => {
    const { module, calls } = fakeRuntime();
    hookPolicyRuntime(new SecretRegistry(), module);
    const plain = { toJavaScript: "not a function" };
    const deserialize = module.deserializeProperties as (s: unknown) => unknown;
    expect(deserialize(plain)).toBe(plain);
    expect(deserialize(plain)).toBe(plain);
    expect(calls).toHaveLength(2);
  });
});

describe("SecretRegistry.redact", () => {
  it("removes the longest secret first, and short secrets only where they stand alone", () => {
    const registry = new SecretRegistry();
    registry.collect({ a: secret("abcdef"), b: secret("abc"), c: secret(["x1", 42]), plain: "abcdefgh" });
    expect(registry.redact("abcdefgh and abc, x1y x1 42 420")).toBe(
      `${REDACTED}gh and ${REDACTED}, x1y ${REDACTED} ${REDACTED} 420`,
    );
  });
});
