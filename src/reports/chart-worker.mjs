// The chart renderer's thread (see charts.ts): an SVG (or a vega-lite spec) in, a PNG out. Plain
// JavaScript, so it loads the same way under tsx (npm start), vitest and plain node: no TypeScript
// loader in a worker. Messages: { id, svg | spec, png: { scale, fontFiles, fontFamily } } →
// { id, png, threadId } | { id, error }.
import { setImmediate } from "node:timers/promises";
import { Buffer } from "node:buffer";
import { parentPort, threadId } from "node:worker_threads";
import { constants, crc32, deflateSync } from "node:zlib";

const resvg = await import("@resvg/resvg-js");

/**
 * vega and vega-lite, loaded at the first spec only (a second or more of loading): the digest's
 * trend chart comes as a ready SVG (trend-svg.ts), only the grouped bars still need vega.
 */
let vegaModules = null;
async function loadVega() {
  if (!vegaModules) {
    const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
    // Text measured by vega's built-in estimate, never the optional `canvas` package: the same
    // layout, so the same bytes, on every machine.
    vega.textMetrics.canvas(false);
    vegaModules = { vega, vegaLite };
  }
  return vegaModules;
}

async function specToSvg(spec) {
  const { vega, vegaLite } = await loadVega();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart's pixels: resvg, here on this thread. */
async function draw(message) {
  const svg = typeof message.svg === "string" ? message.svg : await specToSvg(message.spec);
  const options = message.png;
  // The trend chart sets its text as glyph outlines (trend-svg.ts): with no <text> element there is
  // nothing to set, and reading the two font files into resvg's database is skipped.
  const fonts = /<text[\s>]/.test(svg) ? { fontFiles: options.fontFiles, defaultFontFamily: options.fontFamily } : {};
  const renderer = new resvg.Resvg(svg, {
    fitTo: { mode: "zoom", value: options.scale },
    // An SVG made in charts.ts paints its own white ground (trend-svg.ts): filling the pixmap
    // white first as well would paint every pixel twice. vega's is kept on a white pixmap.
    ...(typeof message.svg === "string" ? {} : { background: "white" }),
    font: { loadSystemFonts: false, ...fonts },
  });
  const image = renderer.render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

/**
 * The pixels as a PNG, encoded here rather than by resvg's asPng (issue 18): node's zlib at its
 * fastest level takes about half the time for a smaller file (a chart is mostly runs of white).
 * RGBA, 8 bits, no filter; always opaque (the white background), so resvg's premultiplied pixels
 * are the plain ones. Deterministic: the same pixels give the same bytes. Synchronous on purpose
 * (issue 18): deflating in libuv's pool while the next chart was drawn kept several charts' pixels
 * alive at once, 45-80 MB more peak RSS in bench:scores for no steady gain on two cores.
 */
function encodePng(pixels, width, height) {
  const stride = width * 4;
  const raw = Buffer.allocUnsafe((stride + 1) * height);
  for (let row = 0; row < height; row++) {
    const at = row * (stride + 1);
    raw[at] = 0;
    pixels.copy(raw, at + 1, row * stride, (row + 1) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: constants.Z_BEST_SPEED })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

// One chart at a time, in order.
let queue = Promise.resolve();
parentPort.on("message", (message) => {
  queue = queue.then(async () => {
    try {
      const image = await draw(message);
      const png = encodePng(image.pixels, image.width, image.height);
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
