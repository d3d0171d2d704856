// The chart renderer's thread (see charts.ts): a vega-lite spec in, a PNG out. Plain JavaScript,
// so it loads the same way under tsx (npm start), vitest and plain node: no TypeScript loader in
// a worker. Messages: { id, spec, png: { scale, fontFiles, fontFamily } } → { id, png, threadId } | { id, error }.
import { setImmediate } from "node:timers/promises";
import { parentPort, threadId } from "node:worker_threads";

const [vega, vegaLite, resvg] = await Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]);
// Text measured by vega's built-in estimate, never the optional `canvas` package: the same layout,
// so the same bytes, on every machine.
vega.textMetrics.canvas(false);

async function render(spec, options) {
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  let svg;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const renderer = new resvg.Resvg(svg, {
    fitTo: { mode: "zoom", value: options.scale },
    background: "white",
    font: { loadSystemFonts: false, fontFiles: options.fontFiles, defaultFontFamily: options.fontFamily },
  });
  return renderer.render().asPng();
}

// One chart at a time, in order.
let queue = Promise.resolve();
parentPort.on("message", (message) => {
  queue = queue.then(async () => {
    try {
      const png = await render(message.spec, message.png);
      const bytes = new Uint8Array(png.buffer, png.byteOffset, png.byteLength).slice();
      parentPort.postMessage({ id: message.id, png: bytes, threadId }, [bytes.buffer]);
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
    // The pixmap and font database are native memory freed by finalizers on a later turn of the
    // loop: one macrotask per chart keeps a long run of charts flat (bench:scores).
    await setImmediate();
  });
});
