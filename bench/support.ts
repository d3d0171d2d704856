/** Small pieces every benchmark needs. */

/** The value of `--name=value` or `--name value` on the command line; undefined when absent. */
export function argument(name: string, argv: readonly string[] = process.argv): string | undefined {
  const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[index + 1];
}

/** Whether `--name` is on the command line. */
export function flagOption(name: string, argv: readonly string[] = process.argv): boolean {
  return argv.includes(`--${name}`);
}

/** `--name=N` as a number, `fallback` when absent; anything else than a finite number stops the bench. */
export function numberOption(name: string, fallback: number, argv: readonly string[] = process.argv): number {
  const text = argument(name, argv);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) throw new Error(`--${name} must be a number, not "${text}"`);
  return value;
}

/**
 * `--size`: picks one of a bench's presets (each bench has `small`, which CI runs, beside its
 * normal size, the default). Options such as `--deposits=N` still override a preset's figure.
 */
export function sizeOption<Size extends string, Preset>(presets: Record<Size, Preset>, fallback: NoInfer<Size>, argv: readonly string[] = process.argv): { size: Size; preset: Preset } {
  const size = (argument("size", argv) ?? fallback) as Size;
  if (!Object.hasOwn(presets, size)) throw new Error(`--size must be one of ${Object.keys(presets).join(", ")}, not "${size}"`);
  return { size, preset: presets[size] };
}

/** A small deterministic generator (an LCG), so runs are comparable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The nearest-rank percentile (`p` in 0–100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs `work` under the V8 CPU profiler when `--cpu-profile=path` is given and writes the profile
 * there (open it in Chrome's DevTools): the part of a bench being tuned, without its set-up and
 * floor. Without the option, just runs `work`.
 */
export async function profiled<T>(work: () => Promise<T>, argv: readonly string[] = process.argv): Promise<T> {
  const path = argument("cpu-profile", argv);
  if (!path) return work();
  const { Session } = await import("node:inspector/promises");
  const { writeFile } = await import("node:fs/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    await writeFile(path, JSON.stringify(profile));
    session.disconnect();
  }
}
