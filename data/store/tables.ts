import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types of the data store, shared by the SQLite and MySQL backends. Dates are ISO strings
 * (YYYY-MM-DD, months YYYY-MM). Money columns carry their unit in the column name or in a unit
 * column, because the sources mix KRW, thousands of KRW (천원) and hundreds of millions (억원).
 */

/** Counts that MySQL returns as strings for BIGINT/DECIMAL unless configured; we configure numbers. */
type Num = ColumnType<number, number, number>;

export interface CompaniesTable {
  id: Generated<number>;
  /** Display name, Korean where known. */
  name: string;
  name_en: string | null;
  /** 'company' (법인), 'individual' (개인 사업자), 'university', or 'applicant' (known only as a patent applicant). */
  kind: string;
  /** Business registration number NNN-NN-NNNNN, check digit verified. */
  brn: string | null;
  /** 법인등록번호 NNNNNN-NNNNNNN. */
  corp_no: string | null;
  /** DART corp code, 8 digits. */
  corp_code: string | null;
  /** KRX ticker, 6 characters, without the FnGuide 'A' prefix. */
  ticker: string | null;
  listed: Num;
  /** KOSPI, KOSDAQ, KONEX or null for unlisted companies. */
  market: string | null;
  ksic_industry: string | null;
  krx_industry: string | null;
  wics_sector: string | null;
  /** Canonical sector code from data/sectors.ts, derived from the industry labels. */
  sector: string | null;
  /** 'explicit' when a source named the sector, 'derived' when it was classified from industry labels. */
  sector_source: string | null;
  main_products: string | null;
  overview: string | null;
  /** JSON array of theme names. */
  themes: string | null;
  listing_date: string | null;
  fiscal_month: Num | null;
  region: string | null;
  homepage: string | null;
  updated_at: string;
}

/** Name spellings and aliases of a company, with their normalised form for lookup. */
export interface CompanyNamesTable {
  company_id: number;
  name: string;
  normalized: string;
  source: string;
}

/**
 * Other keys that identify a company: KIPRIS applicant numbers ('applicant_no') and source row keys
 * such as the neojune company_seq ('neojune_company_seq'), so that later files can refer to them.
 */
export interface CompanyKeysTable {
  kind: string;
  value: string;
  company_id: number;
}

export interface PatentsTable {
  id: Generated<number>;
  /** KIPRIS 출원번호, 13 digits: 10... patent, 20... utility model. */
  application_no: string;
  filing_date: string | null;
  title: string;
  abstract: string | null;
  /** Extractive summary of the abstract, written by `exitbot index build`; null until then. */
  summary: string | null;
  status: string | null;
  open_no: string | null;
  open_date: string | null;
  registration_no: string | null;
  registration_date: string | null;
  /** Applicant names as the source wrote them, '|'-separated. */
  applicants_raw: string | null;
  updated_at: string;
}

export interface PatentIpcTable {
  patent_id: number;
  position: number;
  /** Full IPC code as written, e.g. 'A61K 38/00'. */
  ipc: string;
  /** IPC subclass, the first four characters, e.g. 'A61K'. */
  subclass: string;
}

/**
 * Applicants of a patent in source order. company_id is null when the applicant could not be
 * attached to one company (ambiguous name); resolution records how it was attached.
 */
export interface PatentApplicantsTable {
  patent_id: number;
  position: number;
  applicant_name: string;
  applicant_no: string | null;
  company_id: number | null;
  /** 'applicant_no', 'name', 'created' (new applicant-only company) or 'ambiguous'. */
  resolution: string;
}

/** Annual statement items. `unit` is '100m_krw' (억원), '1000_krw' (천원) or 'krw'. */
export interface FinancialStatementsTable {
  company_id: number;
  /** Fiscal period end as YYYY-MM, e.g. '2020-12'. */
  period: string;
  account: string;
  value: Num;
  unit: string;
  source: string;
}

export interface MonthlyClosesTable {
  company_id: number;
  month: string;
  last_trading_date: string | null;
  close_krw: Num;
}

/** Market capitalisation snapshots in KRW. as_of is null when the source does not record a date. */
export interface MarketCapsTable {
  company_id: number;
  source: string;
  as_of: string | null;
  market_cap_krw: Num;
  shares: Num | null;
  close_krw: Num | null;
}

/** Per-share and valuation ratios (EPS, PER, BPS, PBR, PCR, PSR, DPS, dividend yield) by source. */
export interface CompanyMetricsTable {
  company_id: number;
  source: string;
  metric: string;
  value: Num;
}

/** Daily market index values: kind 'close' (index level) or 'return' (daily simple return). */
export interface MarketIndexValuesTable {
  index_code: string;
  kind: string;
  date: string;
  value: Num;
}

/** Interest-rate series such as the Bank of Korea base rate, in percent a year. */
export interface RateSeriesTable {
  series_code: string;
  date: string;
  rate_pct: Num;
}

/** Company pairs that worked together; company_a < company_b so each pair is stored once per event. */
export interface InteractionsTable {
  id: Generated<number>;
  company_a: number;
  company_b: number;
  /** 'co_application', 'partnership' or 'm_and_a'. */
  kind: string;
  date: string | null;
  /** What proves it, e.g. the co-owned patent's application number. */
  reference: string;
  source: string;
}

/** One row per imported file, for audit and to tell an unchanged re-run. */
export interface ImportRunsTable {
  id: Generated<number>;
  file_name: string;
  format: string;
  sha256: string;
  rows_read: Num;
  rows_imported: Num;
  rows_updated: Num;
  rows_rejected: Num;
  finished_at: string;
}

/**
 * Progress of a large file imported in chunks (see data/import/chunked.ts): the rows already
 * committed, the file's counts so far and the ids it changed, so that a re-run after an interruption
 * continues after them. The row is deleted when the file's last chunk commits.
 */
export interface ImportCheckpointsTable {
  sha256: string;
  format: string;
  file_name: string;
  /** Data rows (including rejected ones) read and committed so far. */
  rows_read: Num;
  /** The file's FileTally so far, as JSON. */
  tally_json: string;
  /** The file's RunChanges so far, as JSON with patent ids as ranges. */
  changes_json: string;
  updated_at: string;
}

/**
 * A chat thread that contains one recommendation result. The key is the platform ('slack', 'discord',
 * 'console'), the channel and the thread (Slack: the parent message ts). Timestamps are ISO 8601.
 */
export interface BotThreadsTable {
  platform: string;
  channel_id: string;
  thread_id: string;
  /** The platform user who ran the command. */
  user_id: string;
  /** The RecommendRequest sent to the engine, as JSON. */
  request_json: string;
  /** The RecommendResult, as JSON. */
  result_json: string;
  /** Partners shown per page (the K the user asked for). */
  display_count: Num;
  /** Partners shown so far, counted over the result list without the excluded ones. */
  shown_count: Num;
  /** JSON array of company ids the user excluded in this thread. */
  excluded_ids: string;
  created_at: string;
  updated_at: string;
}

/** One row (id 1) whose version the importer increments with every data change (data-version.ts). */
export interface DataVersionTable {
  id: number;
  version: Num;
  changed_at: string;
}

export interface Database {
  companies: CompaniesTable;
  company_names: CompanyNamesTable;
  company_keys: CompanyKeysTable;
  patents: PatentsTable;
  patent_ipc: PatentIpcTable;
  patent_applicants: PatentApplicantsTable;
  financial_statements: FinancialStatementsTable;
  monthly_closes: MonthlyClosesTable;
  market_caps: MarketCapsTable;
  company_metrics: CompanyMetricsTable;
  market_index_values: MarketIndexValuesTable;
  rate_series: RateSeriesTable;
  interactions: InteractionsTable;
  import_runs: ImportRunsTable;
  import_checkpoints: ImportCheckpointsTable;
  bot_threads: BotThreadsTable;
  data_version: DataVersionTable;
}

export type Company = Selectable<CompaniesTable>;
export type NewCompany = Insertable<CompaniesTable>;
export type CompanyUpdate = Updateable<CompaniesTable>;
export type Patent = Selectable<PatentsTable>;
export type NewPatent = Insertable<PatentsTable>;
