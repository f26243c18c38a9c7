import type { Kysely, Migration } from 'kysely';

/**
 * The first schema: companies and their identifiers, patents with IPC codes and applicants,
 * statements, prices, market data, interactions and the import log. Column types mean the same on
 * SQLite and MySQL: varchar for indexed text, decimal(24, 4) for money and prices (exact, with the
 * unit recorded beside it), bigint for KRW amounts.
 */

const MONEY = 'decimal(24, 4)';

export const initialSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('companies')
      .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
      .addColumn('name', 'varchar(300)', (col) => col.notNull())
      .addColumn('name_en', 'varchar(300)')
      .addColumn('kind', 'varchar(20)', (col) => col.notNull())
      .addColumn('brn', 'varchar(12)', (col) => col.unique())
      .addColumn('corp_no', 'varchar(20)')
      .addColumn('corp_code', 'varchar(8)', (col) => col.unique())
      .addColumn('ticker', 'varchar(12)', (col) => col.unique())
      .addColumn('listed', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('market', 'varchar(20)')
      .addColumn('ksic_industry', 'varchar(200)')
      .addColumn('krx_industry', 'varchar(200)')
      .addColumn('wics_sector', 'varchar(100)')
      .addColumn('sector', 'varchar(40)')
      .addColumn('sector_source', 'varchar(10)')
      .addColumn('main_products', 'text')
      .addColumn('overview', 'text')
      .addColumn('themes', 'text')
      .addColumn('listing_date', 'varchar(10)')
      .addColumn('fiscal_month', 'integer')
      .addColumn('region', 'varchar(100)')
      .addColumn('homepage', 'varchar(300)')
      .addColumn('updated_at', 'varchar(30)', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('companies_sector').on('companies').column('sector').execute();

    await db.schema
      .createTable('company_names')
      .addColumn('company_id', 'integer', (col) =>
        col.notNull().references('companies.id').onDelete('cascade'),
      )
      .addColumn('name', 'varchar(300)', (col) => col.notNull())
      .addColumn('normalized', 'varchar(300)', (col) => col.notNull())
      .addColumn('source', 'varchar(60)', (col) => col.notNull())
      .addPrimaryKeyConstraint('company_names_pk', ['company_id', 'name'])
      .execute();
    await db.schema
      .createIndex('company_names_normalized')
      .on('company_names')
      .column('normalized')
      .execute();

    await db.schema
      .createTable('company_keys')
      .addColumn('kind', 'varchar(40)', (col) => col.notNull())
      .addColumn('value', 'varchar(60)', (col) => col.notNull())
      .addColumn('company_id', 'integer', (col) =>
        col.notNull().references('companies.id').onDelete('cascade'),
      )
      .addPrimaryKeyConstraint('company_keys_pk', ['kind', 'value'])
      .execute();
    await db.schema.createIndex('company_keys_company').on('company_keys').column('company_id').execute();

    await db.schema
      .createTable('patents')
      .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
      .addColumn('application_no', 'varchar(20)', (col) => col.notNull().unique())
      .addColumn('filing_date', 'varchar(10)')
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('abstract', 'text')
      .addColumn('summary', 'text')
      .addColumn('status', 'varchar(20)')
      .addColumn('open_no', 'varchar(20)')
      .addColumn('open_date', 'varchar(10)')
      .addColumn('registration_no', 'varchar(20)')
      .addColumn('registration_date', 'varchar(10)')
      .addColumn('applicants_raw', 'text')
      .addColumn('updated_at', 'varchar(30)', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('patent_ipc')
      .addColumn('patent_id', 'integer', (col) => col.notNull().references('patents.id').onDelete('cascade'))
      .addColumn('position', 'integer', (col) => col.notNull())
      .addColumn('ipc', 'varchar(40)', (col) => col.notNull())
      .addColumn('subclass', 'varchar(4)', (col) => col.notNull())
      .addPrimaryKeyConstraint('patent_ipc_pk', ['patent_id', 'position'])
      .execute();
    await db.schema.createIndex('patent_ipc_subclass').on('patent_ipc').column('subclass').execute();

    await db.schema
      .createTable('patent_applicants')
      .addColumn('patent_id', 'integer', (col) => col.notNull().references('patents.id').onDelete('cascade'))
      .addColumn('position', 'integer', (col) => col.notNull())
      .addColumn('applicant_name', 'varchar(300)', (col) => col.notNull())
      .addColumn('applicant_no', 'varchar(20)')
      .addColumn('company_id', 'integer', (col) => col.references('companies.id').onDelete('set null'))
      .addColumn('resolution', 'varchar(20)', (col) => col.notNull())
      .addPrimaryKeyConstraint('patent_applicants_pk', ['patent_id', 'position'])
      .execute();
    await db.schema
      .createIndex('patent_applicants_company')
      .on('patent_applicants')
      .column('company_id')
      .execute();

    await db.schema
      .createTable('financial_statements')
      .addColumn('company_id', 'integer', (col) =>
        col.notNull().references('companies.id').onDelete('cascade'),
      )
      .addColumn('period', 'varchar(7)', (col) => col.notNull())
      .addColumn('account', 'varchar(100)', (col) => col.notNull())
      .addColumn('value', MONEY, (col) => col.notNull())
      .addColumn('unit', 'varchar(12)', (col) => col.notNull())
      .addColumn('source', 'varchar(60)', (col) => col.notNull())
      .addPrimaryKeyConstraint('financial_statements_pk', ['company_id', 'period', 'account', 'source'])
      .execute();

    await db.schema
      .createTable('monthly_closes')
      .addColumn('company_id', 'integer', (col) =>
        col.notNull().references('companies.id').onDelete('cascade'),
      )
      .addColumn('month', 'varchar(7)', (col) => col.notNull())
      .addColumn('last_trading_date', 'varchar(10)')
      .addColumn('close_krw', MONEY, (col) => col.notNull())
      .addPrimaryKeyConstraint('monthly_closes_pk', ['company_id', 'month'])
      .execute();

    await db.schema
      .createTable('market_caps')
      .addColumn('company_id', 'integer', (col) =>
        col.notNull().references('companies.id').onDelete('cascade'),
      )
      .addColumn('source', 'varchar(60)', (col) => col.notNull())
      .addColumn('as_of', 'varchar(10)')
      .addColumn('market_cap_krw', 'bigint', (col) => col.notNull())
      .addColumn('shares', 'bigint')
      .addColumn('close_krw', MONEY)
      .addPrimaryKeyConstraint('market_caps_pk', ['company_id', 'source'])
      .execute();

    await db.schema
      .createTable('company_metrics')
      .addColumn('company_id', 'integer', (col) =>
        col.notNull().references('companies.id').onDelete('cascade'),
      )
      .addColumn('source', 'varchar(60)', (col) => col.notNull())
      .addColumn('metric', 'varchar(40)', (col) => col.notNull())
      .addColumn('value', 'double precision', (col) => col.notNull())
      .addPrimaryKeyConstraint('company_metrics_pk', ['company_id', 'source', 'metric'])
      .execute();

    await db.schema
      .createTable('market_index_values')
      .addColumn('index_code', 'varchar(20)', (col) => col.notNull())
      .addColumn('kind', 'varchar(10)', (col) => col.notNull())
      .addColumn('date', 'varchar(10)', (col) => col.notNull())
      .addColumn('value', 'double precision', (col) => col.notNull())
      .addPrimaryKeyConstraint('market_index_values_pk', ['index_code', 'kind', 'date'])
      .execute();

    await db.schema
      .createTable('rate_series')
      .addColumn('series_code', 'varchar(40)', (col) => col.notNull())
      .addColumn('date', 'varchar(10)', (col) => col.notNull())
      .addColumn('rate_pct', 'decimal(10, 4)', (col) => col.notNull())
      .addPrimaryKeyConstraint('rate_series_pk', ['series_code', 'date'])
      .execute();

    await db.schema
      .createTable('interactions')
      .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
      .addColumn('company_a', 'integer', (col) =>
        col.notNull().references('companies.id').onDelete('cascade'),
      )
      .addColumn('company_b', 'integer', (col) =>
        col.notNull().references('companies.id').onDelete('cascade'),
      )
      .addColumn('kind', 'varchar(20)', (col) => col.notNull())
      .addColumn('date', 'varchar(10)')
      .addColumn('reference', 'varchar(100)', (col) => col.notNull())
      .addColumn('source', 'varchar(60)', (col) => col.notNull())
      .addUniqueConstraint('interactions_unique', ['company_a', 'company_b', 'kind', 'reference'])
      .execute();
    await db.schema.createIndex('interactions_b').on('interactions').column('company_b').execute();

    await db.schema
      .createTable('import_runs')
      .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
      .addColumn('file_name', 'varchar(500)', (col) => col.notNull())
      .addColumn('format', 'varchar(60)', (col) => col.notNull())
      .addColumn('sha256', 'varchar(64)', (col) => col.notNull())
      .addColumn('rows_read', 'integer', (col) => col.notNull())
      .addColumn('rows_imported', 'integer', (col) => col.notNull())
      .addColumn('rows_updated', 'integer', (col) => col.notNull())
      .addColumn('rows_rejected', 'integer', (col) => col.notNull())
      .addColumn('finished_at', 'varchar(30)', (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'import_runs',
      'interactions',
      'rate_series',
      'market_index_values',
      'company_metrics',
      'market_caps',
      'monthly_closes',
      'financial_statements',
      'patent_applicants',
      'patent_ipc',
      'patents',
      'company_keys',
      'company_names',
      'companies',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
