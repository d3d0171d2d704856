/**
 * npm run ci:bench — every `bench:*` script of package.json at `--size small`, one after another,
 * as CI runs them after the tests: each must exit 0 within its time limit and end with one line
 * holding one JSON object that names it (`{"bench":"reminders",…}`). Prints each bench's time and
 * JSON line; on a failure, the end of its output. The figures are not judged here: small sizes on a
 * shared machine say nothing about the targets, they only show that every bench still runs.
 *
 * Usage: npm run ci:bench [-- reminders ledger]   (default: every bench:* script)
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Far above what a small size takes on a busy 2-core machine (under a minute each). */
const LIMIT_MS = 5 * 60_000;
const ROOT = fileURLToPath(new URL("..", import.meta.url));

type Outcome = { name: string; seconds: number; ok: boolean; line: string; problem?: string; output: string };

function benchNames(): string[] {
  const scripts = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> }).scripts;
  return Object.keys(scripts)
    .filter((script) => script.startsWith("bench:"))
    .map((script) => script.slice("bench:".length));
}

/** What is wrong with a bench's last line, or undefined when it is one JSON object naming `name`. */
function lastLineProblem(name: string, line: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return "its last line is not JSON";
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "its last line is not a JSON object";
  const bench = (value as { bench?: unknown }).bench;
  return bench === name ? undefined : `its JSON line names ${JSON.stringify(bench)}, not "${name}"`;
}

function run(name: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    // npm --silent: no "> bantar-bot@… bench:x" header; the script's own options (heap cap) apply.
    // Detached, so a time-out ends the bench's whole process group (it starts children of its own).
    const child = spawn("npm", ["run", "--silent", `bench:${name}`, "--", "--size", "small"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, "SIGKILL");
    }, LIMIT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const line = stdout.trimEnd().split("\n").at(-1) ?? "";
      const problem = timedOut
        ? `it ran over ${LIMIT_MS / 60_000} min and was stopped`
        : code !== 0
          ? `it exited with ${code ?? signal}`
          : lastLineProblem(name, line);
      resolve({ name, seconds, ok: problem === undefined, line, problem, output });
    });
  });
}

async function main(): Promise<void> {
  const all = benchNames();
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`no bench:${unknown.join(", bench:")} in package.json (there are: ${all.join(", ")})`);
  const names = asked.length > 0 ? asked : all;
  console.log(`ci:bench: ${names.map((name) => `bench:${name}`).join(", ")} at --size small; each must exit 0 and end with its JSON line.`);
  const outcomes: Outcome[] = [];
  for (const name of names) {
    const outcome = await run(name);
    outcomes.push(outcome);
    if (outcome.ok) {
      console.log(`ok   bench:${name} ${outcome.seconds.toFixed(1)} s\n     ${outcome.line}`);
    } else {
      const tail = outcome.output.trimEnd().split("\n").slice(-40).join("\n");
      console.log(`FAIL bench:${name} ${outcome.seconds.toFixed(1)} s: ${outcome.problem}\n----- last lines of its output -----\n${tail}\n-----`);
    }
  }
  const failed = outcomes.filter((outcome) => !outcome.ok);
  const total = outcomes.reduce((sum, outcome) => sum + outcome.seconds, 0);
  console.log(`ci:bench: ${outcomes.length - failed.length} of ${outcomes.length} benches ran in ${total.toFixed(0)} s${failed.length > 0 ? `; failed: ${failed.map((o) => o.name).join(", ")}` : ""}.`);
  if (failed.length > 0) process.exitCode = 1;
}

await main();
