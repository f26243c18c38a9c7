import { sectorByCode } from '../../../data/sectors.js';
import type { RecommendResult, Valuation } from '../../../engine/types.js';
import { formatKrw } from '../../../engine/value/market-cap.js';
import { renderTable } from './table.js';

function valuationText(valuation: Valuation | null): string {
  if (!valuation) return 'n/a';
  const method = valuation.method.replace(/_/g, ' ');
  return `${formatKrw(valuation.value)} (${method})`;
}

function sectorText(code: string | null): string {
  const sector = sectorByCode(code);
  return sector ? sector.nameKo : '-';
}

/** Renders a recommendation as a readable report: requester, partner table, evidence, notes. */
export function renderRecommendationText(result: RecommendResult): string {
  const r = result.requester;
  const lines: string[] = [];
  const ids = [r.brn ? `BRN ${r.brn}` : null, r.ticker ? `ticker ${r.ticker}` : null]
    .filter(Boolean)
    .join(', ');
  lines.push(`Partners for ${r.name}${ids ? ` (${ids})` : ''}`);
  lines.push(
    `Sector: ${sectorText(r.sector)} | Patents: ${r.patentCount} | Valuation: ${valuationText(r.valuation)} | Matched by: ${r.representation}`,
  );
  if (result.query.sector)
    lines.push(`Preferred sector: ${sectorText(result.query.sector)} (${result.query.sector})`);
  lines.push('');
  if (result.partners.length === 0) {
    lines.push('No partners found.');
  } else {
    lines.push(
      renderTable(
        [
          { header: '#', align: 'right' },
          { header: 'Company', maxWidth: 28 },
          { header: 'BRN' },
          { header: 'Ticker' },
          { header: 'Sector', maxWidth: 16 },
          { header: 'Hits', align: 'right' },
          { header: 'Best sim', align: 'right' },
          { header: 'Valuation', maxWidth: 26 },
        ],
        result.partners.map((p) => [
          String(p.rank),
          p.name,
          p.brn ?? '-',
          p.ticker ?? '-',
          sectorText(p.sector),
          String(p.hitCount),
          p.bestSimilarity.toFixed(3),
          valuationText(p.valuation),
        ]),
      ),
    );
    lines.push('');
    lines.push('Evidence');
    for (const partner of result.partners) {
      lines.push(`  #${partner.rank} ${partner.name}`);
      for (const item of partner.evidence) {
        if (item.kind === 'patent') {
          lines.push(
            `    patent ${item.applicationNo} (${item.filingDate ?? 'no date'}) sim ${item.similarity.toFixed(3)}: ${item.title}`,
          );
          if (item.closestRequesterPatent) {
            const own = item.closestRequesterPatent;
            lines.push(
              `      closest own patent ${own.applicationNo} sim ${own.similarity.toFixed(3)}: ${own.title}`,
            );
          }
        } else {
          lines.push(`    profile sim ${item.similarity.toFixed(3)}: ${item.text}`);
        }
      }
      if (partner.sharedIpcSubclasses.length > 0)
        lines.push(`    shared IPC: ${partner.sharedIpcSubclasses.join(', ')}`);
    }
  }
  if (result.notes.length > 0) {
    lines.push('');
    for (const note of result.notes) lines.push(`Note: ${note}`);
  }
  const fallbacks = result.models.filter((model) => model.fallback);
  for (const model of fallbacks)
    lines.push(`Model: ${model.stage} used fallback ${model.id}${model.note ? ` (${model.note})` : ''}.`);
  return lines.join('\n');
}
