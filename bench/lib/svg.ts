/** A small hand-written SVG line chart: one panel per series, project vs baseline. */
export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  lines: { name: string; color: string; points: { x: number; y: number; min?: number; max?: number }[] }[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(Math.round(n)));

export function lineChart(panels: Panel[], caption: string): string {
  const W = 380;
  const H = 260;
  const m = { l: 56, r: 16, t: 36, b: 44 };
  const width = W * panels.length;
  const parts: string[] = [];
  panels.forEach((panel, i) => {
    const ox = i * W;
    const xs = [...new Set(panel.lines.flatMap((l) => l.points.map((p) => p.x)))].sort((a, b) => a - b);
    const yMax = Math.max(1, ...panel.lines.flatMap((l) => l.points.map((p) => p.max ?? p.y))) * 1.1;
    const px = (x: number) => ox + m.l + (xs.length === 1 ? 0.5 : xs.indexOf(x) / (xs.length - 1)) * (W - m.l - m.r);
    const py = (y: number) => m.t + (1 - y / yMax) * (H - m.t - m.b);
    parts.push(`<text x="${ox + W / 2}" y="20" text-anchor="middle" font-weight="bold">${esc(panel.title)}</text>`);
    parts.push(`<line x1="${ox + m.l}" y1="${py(0)}" x2="${ox + W - m.r}" y2="${py(0)}" stroke="#999"/>`);
    parts.push(`<line x1="${ox + m.l}" y1="${m.t}" x2="${ox + m.l}" y2="${py(0)}" stroke="#999"/>`);
    for (let k = 0; k <= 4; k++) {
      const y = (yMax / 1.1) * (k / 4);
      parts.push(`<line x1="${ox + m.l}" y1="${py(y)}" x2="${ox + W - m.r}" y2="${py(y)}" stroke="#eee"/>`);
      parts.push(`<text x="${ox + m.l - 6}" y="${py(y) + 4}" text-anchor="end" font-size="11">${fmt(y)}</text>`);
    }
    for (const x of xs) parts.push(`<text x="${px(x)}" y="${H - m.b + 16}" text-anchor="middle" font-size="11">${x}</text>`);
    parts.push(`<text x="${ox + (W + m.l) / 2}" y="${H - 8}" text-anchor="middle" font-size="12">${esc(panel.xLabel)}</text>`);
    parts.push(`<text transform="translate(${ox + 14} ${(H - m.b + m.t) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(panel.yLabel)}</text>`);
    panel.lines.forEach((line, j) => {
      const pts = line.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${pts}" fill="none" stroke="${line.color}" stroke-width="2"/>`);
      for (const p of line.points) {
        if (p.min !== undefined && p.max !== undefined) {
          parts.push(`<line x1="${px(p.x)}" y1="${py(p.min)}" x2="${px(p.x)}" y2="${py(p.max)}" stroke="${line.color}" stroke-width="1"/>`);
        }
        parts.push(`<circle cx="${px(p.x)}" cy="${py(p.y)}" r="3.5" fill="${line.color}"><title>${esc(line.name)}: ${Math.round(p.y)}</title></circle>`);
      }
      parts.push(`<rect x="${ox + W - m.r - 110}" y="${m.t + 4 + j * 16}" width="10" height="10" fill="${line.color}"/>`);
      parts.push(`<text x="${ox + W - m.r - 96}" y="${m.t + 13 + j * 16}" font-size="11">${esc(line.name)}</text>`);
    });
  });
  const height = H + 22;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...parts,
    `<text x="${width / 2}" y="${H + 14}" text-anchor="middle" font-size="11" fill="#555">${esc(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
