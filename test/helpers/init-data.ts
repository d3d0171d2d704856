/** The signer lives in src/testing/init-data.ts (the benchmarks sign in with it too); tests import it from here. */
export { signInitData, type SignedUser, type SignOptions } from "../../src/testing/init-data.js";

/** The same data with one field's value changed after signing (the hash kept): what a forger sends. */
export function alterField(initData: string, key: string, value: string): string {
  const params = new URLSearchParams(initData);
  params.set(key, value);
  return params.toString();
}
