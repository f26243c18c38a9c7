import { sectorByCode } from '../../../data/sectors.js';
import type { ValuationBreakdown } from '../../../engine/value/breakdown.js';
import { formatKrw } from '../../../engine/value/market-cap.js';
import { renderTable } from './table.js';

/** Renders a valuation breakdown as a plain-text report an analyst can audit line by line. */

const pct = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;
const krw = (value: number | null | undefined) =>
  value === null || value === undefined ? '-' : formatKrw(value);
const num = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? '-' : value.toFixed(digits);

function header(b: ValuationBreakdown): string[] {
  const c = b.company;
  const ids = [c.ticker ? `ticker ${c.ticker}` : null, c.brn ? `BRN ${c.brn}` : null, `id ${c.id}`]
    .filter(Boolean)
    .join(', ');
  const sector = sectorByCode(c.sector);
  const lines = [
    `Valuation of ${c.name} (${ids})`,
    `${c.listed ? `Listed${c.market ? `, ${c.market}` : ''}` : 'Unlisted'} | sector ${sector ? `${sector.nameKo} (${sector.code})` : '-'} | valued as ${b.valuedAs} | valuation date ${b.asOf} (${b.asOfSource.replace('_', ' ')})`,
  ];
  lines.push(
    b.chosen
      ? `Value: ${formatKrw(b.chosen.valueKrw)}, ${b.chosen.why}`
      : `Value: not available (${b.noValueReason})`,
  );
  return lines;
}

function methods(b: ValuationBreakdown): string[] {
  const rows = b.summary.map((row) => [
    row.label,
    krw(row.valueKrw),
    row.range ? `${formatKrw(row.range.lowKrw)} - ${formatKrw(row.range.highKrw)}` : '-',
    row.ensembleWeight === null ? '-' : row.ensembleWeight.toFixed(2),
    row.reason ?? (row.range ? `range: ${row.range.basis}` : ''),
  ]);
  return [
    'Methods',
    renderTable(
      [
        { header: 'Method' },
        { header: 'Value', align: 'right' },
        { header: 'Range' },
        { header: 'Weight', align: 'right' },
        { header: 'Note', maxWidth: 90 },
      ],
      rows,
    ),
  ];
}

function beta(b: ValuationBreakdown): string[] {
  const lines = ['Beta'];
  const own = b.beta.own;
  if (own?.status === 'ok') {
    lines.push(
      `  own: ${num(own.beta, 3)} vs ${own.indexCode} (SE ${num(own.standardError, 3)}, R² ${num(own.rSquared, 3)}, ${own.months} months ${own.window.from}..${own.window.to}` +
        `${own.blume ? `, Blume-adjusted ${num(own.adjustedBeta, 3)}` : ''}${own.droppedReturns > 0 ? `, ${own.droppedReturns} returns dropped as split-like jumps` : ''})`,
    );
  } else if (own) {
    lines.push(`  own: not available (${own.reason})`);
  }
  lines.push(
    `  used: ${num(b.beta.value, 3)} (${b.beta.source.replaceAll('_', ' ')}), market index ${b.beta.indexCode}`,
  );
  const t = b.beta.targetLeverage;
  lines.push(
    `  target leverage: debt ${t.debtReported ? formatKrw(t.debtKrw) : '0 (no borrowings reported)'}, ` +
      `equity ${t.equityReported ? `${formatKrw(t.equityKrw)} (${t.equityBasis.replace('_', ' ')})` : 'not reported'}, marginal tax ${pct(t.taxRate)}`,
  );
  for (const [name, variant] of [
    ['textbook', b.beta.textbook],
    ['reference', b.beta.reference],
  ] as const) {
    if (!variant) continue;
    if (variant.status === 'ok') {
      lines.push(
        `  Hamada ${variant.variant}: mean levered ${num(variant.meanLeveredBeta, 3)}, unlevered ${num(variant.unleveredBeta, 3)}, target D/E ${num(variant.targetDebtToEquity, 3)} -> beta ${num(variant.targetBeta, 3)}`,
      );
    } else {
      lines.push(`  Hamada ${name}: not available (${variant.reason})`);
    }
  }
  const comparables = b.comparables;
  lines.push(
    `  comparables (${comparables.strategy}, target represented by ${comparables.targetRepresentation.replaceAll('_', ' ')}${comparables.note ? `; ${comparables.note}` : ''}):`,
  );
  if (b.beta.comparables.length > 0) {
    const table = renderTable(
      [
        { header: 'Company', maxWidth: 24 },
        { header: 'Ticker' },
        { header: 'Similarity', align: 'right' },
        { header: 'Levered beta', align: 'right' },
        { header: 'D/E', align: 'right' },
        { header: 'Tax', align: 'right' },
        { header: 'EV/EBITDA', align: 'right' },
        { header: 'Note', maxWidth: 50 },
      ],
      b.beta.comparables.map((row) => [
        row.name,
        row.ticker ?? '-',
        num(row.similarity, 3),
        num(row.leveredBeta, 3),
        num(row.debtToEquity, 3),
        row.taxRate === null ? '-' : pct(row.taxRate),
        num(row.evToEbitda, 1),
        row.note ?? '',
      ]),
    );
    lines.push(...table.split('\n').map((line) => `    ${line}`));
  }
  return lines;
}

function discountAndTax(b: ValuationBreakdown): string[] {
  const lines = ['Discount rate (CAPM)'];
  const d = b.discountRate;
  if (d.status === 'ok') {
    const rf = d.riskFree.series ? `${d.riskFree.series} on ${d.riskFree.date}` : 'fallback constant';
    lines.push(
      `  Rf ${pct(d.riskFree.rate)} (${rf}) + beta ${num(d.beta, 3)} x (E[Rm] ${pct(d.marketReturn.annualised)} ${d.marketReturn.indexCode} ${d.marketReturn.from}..${d.marketReturn.to} - Rf) = ${pct(d.costOfEquity)}`,
    );
  } else {
    lines.push(`  not available (${d.reason})`);
  }
  lines.push('Tax');
  if (b.tax) {
    lines.push(
      `  fiscal year ${b.tax.fiscalYear} (brackets ${b.tax.regime}${b.tax.includesLocalIncomeTax ? ', local income tax included' : ''}): ` +
        `taxable income ${formatKrw(b.tax.taxableIncomeKrw)} -> tax ${formatKrw(b.tax.taxKrw)}, average ${pct(b.tax.averageRate)}, marginal ${pct(b.tax.marginalRate)}` +
        `${b.tax.note ? ` (${b.tax.note})` : ''}`,
    );
  } else {
    lines.push('  not available (no statements)');
  }
  return lines;
}

function growthAndDcf(b: ValuationBreakdown): string[] {
  const lines = ['Growth (no trained growth model; fallback per item)'];
  const table = renderTable(
    [
      { header: 'Item' },
      { header: 'Rate', align: 'right' },
      { header: 'Source' },
      { header: 'Detail', maxWidth: 90 },
    ],
    b.growth.map((row) => [row.account, pct(row.rate), row.source.replaceAll('_', ' '), row.detail]),
  );
  lines.push(...table.split('\n').map((line) => `  ${line}`));
  const fcff = b.methods.dcf_fcff;
  lines.push('DCF (FCFF)');
  if (fcff.status === 'ok') {
    const w = fcff.wacc;
    lines.push(
      `  WACC ${pct(w.wacc)} = ${pct(w.equityWeight)} x ${pct(w.costOfEquity)} + ${pct(w.debtWeight)} x ${pct(w.costOfDebt)} x (1 - ${pct(w.taxRate)}); cost of debt: ${w.costOfDebtSource}`,
      `  ratios to revenue (${fcff.ratios.years.join(', ')}): operating margin ${pct(fcff.ratios.operatingMargin)}, D&A ${pct(fcff.ratios.depreciation)}, capex ${pct(fcff.ratios.capex)}, working capital ${pct(fcff.ratios.workingCapital)}`,
    );
    const projection = renderTable(
      ['Year', 'Growth', 'Revenue', 'EBIT', 'Tax', 'D&A', 'Capex', 'dNWC', 'FCFF', 'PV'].map(
        (h, i) => ({ header: h, align: i === 0 ? 'left' : 'right' }) as const,
      ),
      fcff.projection.map((y) => [
        String(y.year),
        pct(y.revenueGrowth),
        krw(y.revenueKrw),
        krw(y.ebitKrw),
        krw(y.taxKrw),
        krw(y.depreciationKrw),
        krw(y.capexKrw),
        krw(y.workingCapitalChangeKrw),
        krw(y.fcffKrw),
        krw(y.presentValueKrw),
      ]),
    );
    lines.push(...projection.split('\n').map((line) => `  ${line}`));
    lines.push(
      `  terminal: NOPAT ${krw(fcff.terminalNopatKrw)} x (1 - ${pct(fcff.terminalReinvestmentRate)} reinvested) / (WACC - ${pct(fcff.terminalGrowth)}) = ${krw(fcff.terminalValueKrw)}, present value ${krw(fcff.terminalPresentValueKrw)}`,
      `  enterprise value ${krw(fcff.enterpriseValueKrw)} - debt ${krw(fcff.debtKrw)} + cash ${krw(fcff.cashKrw)} = equity ${krw(fcff.valueKrw)}`,
      ...fcff.assumptions.map((assumption) => `  assumption: ${assumption}`),
    );
  } else {
    lines.push(`  not available (${fcff.reason})`);
  }
  const reference = b.methods.dcf_reference;
  lines.push('DCF (first-version method)');
  if (reference.status === 'ok') {
    lines.push(
      `  projected from ${reference.basePeriod}: NOPAT ${krw(reference.nopatKrw)} (tax ${pct(reference.tax.averageRate)} on operating income) + depreciation = ${krw(reference.cashFlowBeforeMultipleKrw)}`,
      `  x EV/EBITDA ${num(reference.ebitdaMultiple.value, 2)} (${reference.ebitdaMultiple.source}, ${reference.ebitdaMultiple.companies} companies) = ${krw(reference.cashFlowKrw)}; / discount rate ${pct(reference.discountRate)} = ${krw(reference.valueKrw)}`,
    );
  } else {
    lines.push(`  not available (${reference.reason})`);
  }
  return lines;
}

function regressionAndMultiple(b: ValuationBreakdown): string[] {
  const lines = ['Market-value regression'];
  const model = b.model.regression;
  if ('id' in model) {
    lines.push(
      `  ${model.id}: ${model.companies} listed companies, lambda ${model.lambda}, R² ${num(model.rSquared, 3)} on ln(market cap), cross-validated RMSE ${num(model.cvRmseLog, 3)}; skewness ${num(model.skewness.raw, 1)} raw, ${num(model.skewness.log, 2)} after the log`,
    );
  } else {
    lines.push(`  no model (${model.reason})`);
  }
  const regression = b.methods.regression;
  lines.push(
    regression.status === 'ok'
      ? `  value ${krw(regression.valueKrw)}${regression.clamped ? ' (limited to a factor e beyond the training range)' : ''}${regression.imputed.length > 0 ? `; missing items taken as 0: ${regression.imputed.join(', ')}` : ''}`
      : `  not available (${regression.reason})`,
  );
  const multiple = b.methods.sector_multiple;
  lines.push('Sector multiple');
  lines.push(
    multiple.status === 'ok'
      ? `  ${multiple.multiple === 'price_earnings' ? 'P/E' : 'P/S'} ${num(multiple.ratio, 2)} (${multiple.scope} median of ${multiple.companies} listed companies) x ${krw(multiple.baseKrw)} = ${krw(multiple.valueKrw)}`
      : `  not available (${multiple.reason})`,
  );
  const weights = b.model.ensembleWeights;
  if (weights)
    lines.push(
      `Ensemble weights: regression ${weights.weights.regression}, DCF FCFF ${weights.weights.dcf_fcff}, first-version DCF ${weights.weights.dcf_reference} (${weights.note})`,
    );
  return lines;
}

function statements(b: ValuationBreakdown): string[] {
  if (b.inputs.statements.length === 0) return ['Statements: none on or before the valuation date'];
  const items = [
    'revenue',
    'operatingIncome',
    'netIncome',
    'assets',
    'liabilities',
    'equity',
    'cash',
    'depreciation',
  ] as const;
  const headers = ['매출액', '영업이익', '당기순이익', '자산', '부채', '자본', '현금', '감가상각비'];
  const table = renderTable(
    [{ header: 'Period' }, ...headers.map((h) => ({ header: h, align: 'right' as const }))],
    b.inputs.statements.map((year) => [year.period, ...items.map((item) => krw(year.items[item]))]),
  );
  return [
    `Statements (sources: ${b.inputs.statementSources.join(', ')})`,
    ...table.split('\n').map((line) => `  ${line}`),
    ...b.inputs.problems.map((p) => `  problem: ${p}`),
  ];
}

export function renderValuationText(b: ValuationBreakdown): string {
  const sections = [
    header(b),
    methods(b),
    beta(b),
    discountAndTax(b),
    growthAndDcf(b),
    regressionAndMultiple(b),
    statements(b),
  ];
  const tail = [
    ...b.fallbacks.map((fallback) => `Fallback: ${fallback}`),
    ...b.notes.map((note) => `Note: ${note}`),
  ];
  if (tail.length > 0) sections.push(tail);
  return sections.map((section) => section.join('\n')).join('\n\n');
}
