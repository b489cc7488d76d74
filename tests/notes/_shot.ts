import { launchBrowser } from "../helpers/lab";
(async () => {
  const b = await launchBrowser();
  const [url, out, w] = process.argv.slice(2);
  const p = await b.newPage({ viewport: { width: Number(w), height: 900 } });
  await p.goto(url);
  await p.waitForFunction(() => (globalThis as any).document.body.dataset.notesReady);
  await p.screenshot({ path: out, fullPage: false });
  await p.screenshot({ path: out.replace(".png", "-full.png"), fullPage: true });
  await b.close();
})();
