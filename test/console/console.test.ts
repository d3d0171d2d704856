import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_BOT_INFO, ConsoleSession } from "../../src/console/session.js";

const NOW = new Date("2026-11-22T03:00:00Z");

let session: ConsoleSession;
const output: string[] = [];

beforeAll(async () => {
  session = await ConsoleSession.open({ write: (line) => output.push(line), clock: () => NOW });
});
afterAll(async () => {
  await session?.close();
});

/** Types one line at the console and returns what it printed in answer. */
async function type(line: string): Promise<string> {
  const start = output.length;
  expect(await session.handle(line)).toBe(true);
  return output.slice(start).join("\n");
}

/**
 * Presses, by its printed number, the button whose label contains `label` on the keyboard the
 * console printed last, as a person reading the screen would.
 */
async function press(label: string): Promise<string> {
  for (let i = output.length - 1; i >= 0; i--) {
    const buttons = [...output[i]!.matchAll(/\[(\d+)\] (.+?)(?=\s{2}\[\d+\]|$)/g)];
    const button = buttons.find((match) => match[2]!.includes(label));
    if (button) return type(`#${button[1]}`);
  }
  throw new Error(`no numbered button "${label}" was printed`);
}

describe("npm run console", () => {
  it("starts as the newcomer and lists the demo people with their roles", async () => {
    const start = output.length;
    session.printBanner();
    const banner = output.slice(start).join("\n");
    expect(banner).toContain("Anda sekarang: Baru");
    expect(banner).toContain(":as");
    expect(session.prompt()).toBe("Baru> ");

    const users = await type(":users");
    expect(users).toMatch(/\* Baru\s+belum terdaftar/);
    expect(users).toMatch(/Pak Harun\s+ketua RT 05 Simpang IV Sipin/);
    expect(users).toMatch(/Bu Sri\s+petugas RT 05/);
    expect(users).toMatch(/Dewi\s+menunggu persetujuan RT 05/);
    expect(users).toMatch(/Bu Yuliana\s+koordinator Kel\. Simpang IV Sipin/);
    expect(users).toMatch(/Pak Ahmad\s+admin kota/);
  });

  it("registers the newcomer through the map, and the ketua approves by number", async () => {
    const consent = await type("/start");
    expect(consent).toContain("Data yang kami simpan");
    expect(consent).toContain("[1] ✅ Saya setuju");
    expect(consent).toContain("[2] Tidak setuju");

    expect(await press("Saya setuju")).toContain("Pilih kecamatan");
    expect(await press("Telanaipura")).toContain("✏️  (diedit) Kecamatan Telanaipura. Pilih kelurahan:");
    expect(await press("Simpang IV Sipin")).toContain("Pilih RT");
    const namePrompt = await press("RT 05");
    expect(namePrompt).toContain("Siapa nama Anda?");
    expect(namePrompt).toContain("Pakai nama: Andi Pratama");
    await type("Andi Pratama");
    await press("Pak Andi Pratama");
    const summary = await type("No. 21, Lorong Sipin");
    expect(summary).toContain("Nama: Andi Pratama");
    expect(summary).toContain("Disapa: Pak Andi Pratama");
    expect(summary).toContain("KK: No. 21, Lorong Sipin");

    const sent = await press("Kirim permintaan");
    expect(sent).toContain("🤖 Permintaan Anda sudah dikirim ke ketua RT 05.");
    expect(sent).toContain("📨 ke Pak Harun: Permintaan bergabung ke RT 05 Kelurahan Simpang IV Sipin:");
    expect(sent).toContain("[✅ Setujui] [❌ Tolak]");

    const switched = await type(":as harun");
    expect(switched).toContain("sekarang sebagai Pak Harun (ketua RT 05 Simpang IV Sipin");
    expect(switched).toContain("[1] ✅ Setujui  [2] ❌ Tolak");
    expect(session.prompt()).toBe("Pak Harun> ");

    const approved = await press("Setujui");
    expect(approved).toContain("💬 [notifikasi] Andi Pratama disetujui menjadi warga.");
    expect(approved).toContain("📨 ke Baru: Selamat, Pak Andi Pratama! Anda sudah menjadi warga RT 05 Kelurahan Simpang IV Sipin");
    expect(await type(":users")).toMatch(/ Baru\s+warga RT 05 Simpang IV Sipin/);
  });

  it("lets the ketua approve the seeded request from /anggota", async () => {
    const members = await type("/anggota");
    expect(members).toContain("Dewi Lestari — No. 9A");
    const approved = await press("Dewi Lestari");
    expect(approved).toContain("📨 ke Dewi: Selamat, Dewi Lestari!");
    // The approve button is gone: what is left under /anggota is the list of residents without Telegram.
    const left = await type("#");
    expect(left).toContain("[1] 📵 Warga tanpa Telegram");
    expect(left).not.toContain("Dewi");
  });

  it("sends plain numbers to the bot as text", async () => {
    expect(await type("/jumlahkk")).toContain("Berapa jumlah KK");
    expect(await type("57")).toContain("🤖 Jumlah KK RT 05 Kelurahan Simpang IV Sipin sekarang 57.");
  });

  it("opens an RT link from :links, and the koordinator decides for an RT without a ketua", async () => {
    const links = await type(":links");
    const code = /warga RT 07 Simpang IV Sipin:\s+\/start (\S+)/.exec(links)?.[1];
    expect(code).toBeDefined();
    expect(links).toContain(`https://t.me/${CONSOLE_BOT_INFO.username}?start=${code}`);

    expect(await type(":as ahmad")).toContain("sekarang sebagai Pak Ahmad (admin kota)");
    const invited = await type(`https://t.me/${CONSOLE_BOT_INFO.username}?start=${code}`);
    expect(invited).toContain(`🔗 membuka tautan → /start ${code}`);
    expect(invited).toContain("Anda diundang bergabung ke RT 07");
    await press("Pakai nama: Ahmad Fauzi");
    await press("Ahmad Fauzi saja");
    await type("No. 7");
    const sent = await press("Kirim permintaan");
    expect(sent).toContain("diteruskan ke koordinator");
    expect(sent).toContain("📨 ke Bu Yuliana: Permintaan bergabung ke RT 07");

    await type(":as yul");
    const rejected = await press("Tolak");
    expect(rejected).toContain("📨 ke Pak Ahmad: Maaf, permintaan Anda bergabung ke RT 07 Kelurahan Simpang IV Sipin tidak disetujui.");
  });

  it("refuses a privileged command politely and keeps console input apart from chat input", async () => {
    await type(":as siti");
    expect(await type("/anggota")).toContain("🤖 Maaf");
    expect(await type(":as pak")).toMatch(/cocok dengan beberapa pengguna:\n\s+Pak Harun\n\s+Pak Ahmad/);
    expect(session.prompt()).toBe("Siti> ");
    expect(await type(":nope")).toContain("Perintah konsol tidak dikenal");
    expect(await type("\\#1")).toContain("🤖 Maaf, saya belum mengerti.");
    expect(await session.handle(":quit")).toBe(false);
  });
});
