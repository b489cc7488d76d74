/** Reading the static SVG in tests: its texts, colours and shapes, and a well-formedness check. */
import assert from "node:assert/strict";

/** Text contents, entities decoded. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
}

/** Elements of a tag, as attribute maps. */
export function elements(svg: string, tag: string): Array<Record<string, string>> {
  return [...svg.matchAll(new RegExp(`<${tag}\\s([^>]*?)/?>`, "g"))].map((m) => Object.fromEntries([...m[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
}

/** Paths drawn with a given stroke colour (data lines), as their `d`. */
export function strokes(svg: string, color: string): string[] {
  return elements(svg, "path").filter((p) => p.stroke === color && p.fill === "none").map((p) => p.d);
}

/** Asserts every tag is closed in order and the root is <svg> with a size. */
export function assertWellFormed(svg: string): void {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) assert.equal(stack.pop(), m[2], `unbalanced </${m[2]}>`);
    else stack.push(m[2]);
  }
  assert.deepEqual(stack, []);
  assert.doesNotMatch(svg, /NaN|undefined|Infinity/, "no NaN/undefined/Infinity in the SVG");
}

/** Points of a path "M1 2L3 4..." as [x, y] pairs. */
export function points(d: string): number[][] {
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
