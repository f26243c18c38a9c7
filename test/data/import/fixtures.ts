import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brnFromNineDigits } from '../../../core/brn.js';

/**
 * Small invented CSV files, one per recognised format, for the importer tests. The companies,
 * numbers and texts are made up. Only Samsung Electronics' public identifiers (BRN 124-81-00998,
 * ticker 005930) are real, because the identity tests are about that company.
 */

export const BRN = {
  samsung: '124-81-00998',
  hanbit: brnFromNineDigits('214860012'),
  hanulA: brnFromNineDigits('305810044'),
  hanulB: brnFromNineDigits('409870055'),
  bioStart: brnFromNineDigits('617810077'),
  university: brnFromNineDigits('119820036'),
  newCo: brnFromNineDigits('220880099'),
};

/** Returns the BRN with a wrong check digit. */
export function withBadCheckDigit(brn: string): string {
  const last = Number(brn.at(-1));
  return `${brn.slice(0, -1)}${(last + 1) % 10}`;
}

/** Creates an empty temporary folder. */
export function tempFolder(prefix = 'exit-import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `files` (name -> content) into `dir`, creating subfolders as needed. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
}

const ECOS_HEADER = 'STAT_CODE,STAT_NAME,ITEM_CODE1,ITEM_NAME1,UNIT_NAME,TIME,DATA_VALUE';
const PATENT_HEADER =
  'applicant_no,Applicant,ApplicationNumber,ApplicationDate,InventionName,InternationalpatentclassificationNumber,' +
  'Abstract,OpeningNumber,OpeningDate,PublicNumber,PublicDate,RegistrationNumber,RegistrationDate,RegistrationStatus,source_path';

/**
 * Returns one file per format. File names start with numbers that sort them against the dependency
 * order (patents first, company lists last), so a passing test shows the importer orders by format.
 */
export function fixtureFiles(): Record<string, string> {
  return {
    '01-patents.csv': [
      PATENT_HEADER,
      `120000000001,(주)바이오스타트,1020200000001,20200105,항체 기반 진단 키트,G01N 33/53|C07K 16/18,"항체로 단백질을 검출하는 키트.
둘째 줄.",1020210000001,20210705,,,1020220000001,20220105,등록,fixture`,
      ',삼성전자주식회사|서울대학교산학협력단,1020200000002,20200210,반도체 소자,H01L 21/02,소자 요약,,,,,,,공개,fixture',
      ',한울소재|주식회사 바이오스타트,2020200000003,20200315,고분자 소재,C08K 3/00,,,,,,,,공개,fixture',
      ',홍길순|(주)바이오스타트|삼성전자(주),1020200000004,20200401,진단 장치,G01N 21/00,,,,,,,,거절,fixture',
    ].join('\n'),
    '02-ecos-kospi.csv': [
      ECOS_HEADER,
      '802Y001,1.5.1.1. 주식시장(일),0001000,KOSPI지수,1980.01.04=100 ,20200102,2100.5',
      '802Y001,1.5.1.1. 주식시장(일),0001000,KOSPI지수,1980.01.04=100 ,20200103,2110.25',
    ].join('\n'),
    '03-ecos-kosdaq.csv': [
      ECOS_HEADER,
      '802Y001,1.5.1.1. 주식시장(일),0089000,KOSDAQ지수,1996.07.01=1000,20200102,650.1',
    ].join('\n'),
    '04-ecos-rate.csv': [
      ECOS_HEADER,
      '722Y001,1.3.1. 한국은행 기준금리,0101000,한국은행 기준금리,연%,20200102,1.25',
    ].join('\n'),
    '05-kospi-ret.csv': 'date,kospi_ret\n2020-01-02,0.0101\n',
    '06-krx-fs.csv': [
      'ticker,account,period,value_100m_krw',
      '005930,매출액,2019.12,2300000',
      '005930,매출액,2020.12,2360000',
      '111110,영업이익,2020.12,-12.5',
    ].join('\n'),
    '07-krx-prices.csv': [
      'ticker,month,last_trading_date,close_krw',
      '005930,2020-11,2020-11-30,66700',
      '005930,2020-12,2020-12-30,81000',
    ].join('\n'),
    '08-krx-value.csv': ['"","PER","PBR","PCR","PSR"', '"005930",17.1,1.7,6.2,NA'].join('\n'),
    '09-overview.csv': [',tickers,company overview', '0,111110,"동사는 항체 치료제를 개발함."'].join('\n'),
    '10-applicants.csv': [
      'applicant_id,applicant_no,company_seq,write_time,app_type',
      '1,120000000001,4,2024-11-04 16:43:17,company',
      '2,120000000002,1,2024-11-04 16:43:17,company',
    ].join('\n'),
    '11-uni-applicants.csv': [
      'applicant_id,applicant_no,uni_seq,write_time,app_type',
      '1,220000000001,1,2024-11-04 16:18:42,university',
    ].join('\n'),
    '12-native-statements.csv': [
      'brn,account,period,value_100m_krw',
      `${BRN.bioStart},매출액,2022-12,12.5`,
    ].join('\n'),
    '13-native-interactions.csv': [
      'brn_a,brn_b,kind,date,reference',
      `${BRN.bioStart},${BRN.samsung},partnership,2023-05-01,MOU-2023-01`,
    ].join('\n'),
    '14-native-profiles.csv': [
      'brn,name_en,aliases,sector,main_products,overview,listed',
      `${BRN.bioStart},BioStart Inc.,바이오스타트|(주)바이오스타트,bio,항체 진단 키트,항체 기반 진단 키트를 만든다.,0`,
      `${BRN.newCo},NewCo Robotics,뉴코로보틱스,machinery,협동 로봇,,0`,
    ].join('\n'),
    '15-neojune-companies.csv': [
      'company_seq,biz_no,corp_no,biz_type,company_name',
      `1,${BRN.samsung},110111-0000001,법인,삼성전자 주식회사`,
      `2,${BRN.hanulA},110111-0000002,법인,(주)한울소재`,
      `3,${BRN.hanulB},,개인,한울소재 주식회사`,
      `4,${BRN.bioStart},110111-0000004,법인,(주)바이오스타트`,
    ].join('\n'),
    '16-universities.csv': [
      'uni_seq,biz_no,corp_no,applicant',
      `1,${BRN.university},114371-0000001,서울대학교 산학협력단`,
      '2, --,-,한빛대학교 산학협력단',
    ].join('\n'),
    '17-naver-themes.csv': [
      'ticker,market,name,naver_themes,market_cap_raw,close_krw',
      `111110,KOSDAQ,한빛테크,"['항체', ""진단키트's""]",0.051,5100.0`,
      '222220,UNKNOWN,누리소프트,,,',
    ].join('\n'),
    '18-krx-valuation.csv': [
      '"","종목코드","종목명","종가","대비","등락률","EPS","PER","BPS","PBR","주당배당금","배당수익률"',
      '"1","222220","누리소프트",12000,0,0,500,24,6000,2,0,0',
    ].join('\n'),
    '19-krx-sector.csv': [
      '"","종목코드","종목명","시장구분","업종명","종가","대비","등락률","시가총액"',
      '"1","222220","누리소프트","KOSDAQ","소프트웨어",12000,0,0,80000000000',
    ].join('\n'),
    '20-wics.csv': [
      '"","IDX_CD","IDX_NM_KOR","ALL_MKT_VAL","CMP_CD","CMP_KOR","MKT_VAL","WGT","S_WGT","CAL_WGT","SEC_CD","SEC_NM_KOR","SEQ","TOP60","APT_SHR_CNT"',
      '"G45.1","G45","WICS IT",1000,"005930","삼성전자",500,50,50,1,"G45","IT",1,1,100',
      '"G35.1","G35","WICS 건강관리",1000,"111110","한빛테크",10,1,1,1,"G35","건강관리",1,1,100',
    ].join('\n'),
    '21-kind.csv': [
      '회사명,종목코드,업종,주요제품,상장일,결산월,홈페이지,지역',
      '삼성전자,005930,반도체 제조업,"휴대폰, 반도체",1975-06-11,12월,http://samsung.example,경기도',
      '한빛테크,111110,의약품 제조업,"항체 치료제, 진단 키트",2015-03-02,12월,http://hanbit.example,서울특별시',
    ].join('\n'),
    '22-code-list.csv': 'code,conm\nA005930,삼성전자\nA222220,누리소프트\n',
    '23-krx-snapshot.csv': [
      '종목코드,종목명,시장구분,소속부,종가,대비,등락률,시가,고가,저가,거래량,거래대금,시가총액,상장주식수',
      '"005930","삼성전자","KOSPI",,"71000","1000","1.4","70000","71500","69900","100","7100000","420000000000000","5900000000"',
      '"111110","한빛테크","KOSDAQ GLOBAL","우량기업부","5100","100","2.0","5000","5200","4950","1000","5100000","51000000000","10000000"',
    ].join('\n'),
    '24-corp-list.csv': [
      '"","code","name","stock"',
      '"1","00100001","삼성전자","005930"',
      '"2","00100002","한빛테크","111110"',
    ].join('\n'),
    '25-krx-tickers.csv': [
      '"","종목코드","종목명","종가","대비","등락률","시장구분","업종명","시가총액","EPS","PER","BPS","PBR","주당배당금","배당수익률"',
      '"1","005930","삼성전자",70000,-100,-0.14,"KOSPI","전기전자",400000000000000,4000,17.5,40000,1.75,3000,4.2',
      '"2","111110","한빛테크",5000,10,0.2,"KOSDAQ","제약",50000000000,NA,NA,3000,1.6,0,0',
      '"3","222220","누리소프트",12000,0,0,"KOSDAQ","소프트웨어",80000000000,500,24,6000,2,0,0',
    ].join('\n'),
    '26-fnguide.csv': [
      'Symbol,Name,결산월,회계년,주기,asset,conm,regist_num,year',
      'A005930,삼성전자,12,2019,Annual,350000000 ,삼성전자(주),124-81-00998,2019',
      'A005930,삼성전자,12,2020,Annual,,삼성전자(주),124-81-00998,2020',
      `A111110,한빛테크,12,2019,Annual,42000 ,(주)한빛테크,${BRN.hanbit},2019`,
    ].join('\n'),
    'README.md': '# Fixture\n\nNot a data file.\n',
  };
}

/** Format and data-row count expected for each fixture file. */
export const FIXTURE_FORMATS: Record<string, { format: string; rows: number }> = {
  '01-patents.csv': { format: 'kipris_patents', rows: 4 },
  '02-ecos-kospi.csv': { format: 'ecos_kospi_index', rows: 2 },
  '03-ecos-kosdaq.csv': { format: 'ecos_kosdaq_index', rows: 1 },
  '04-ecos-rate.csv': { format: 'ecos_bok_base_rate', rows: 1 },
  '05-kospi-ret.csv': { format: 'fnguide_kospi_returns', rows: 1 },
  '06-krx-fs.csv': { format: 'krx_financial_statements', rows: 3 },
  '07-krx-prices.csv': { format: 'krx_monthly_closes', rows: 2 },
  '08-krx-value.csv': { format: 'krx_valuation_ratios', rows: 1 },
  '09-overview.csv': { format: 'naver_company_overview', rows: 1 },
  '10-applicants.csv': { format: 'neojune_company_applicant_numbers', rows: 2 },
  '11-uni-applicants.csv': { format: 'neojune_university_applicant_numbers', rows: 1 },
  '12-native-statements.csv': { format: 'exit_financial_statements', rows: 1 },
  '13-native-interactions.csv': { format: 'exit_interactions', rows: 1 },
  '14-native-profiles.csv': { format: 'exit_company_profiles', rows: 2 },
  '15-neojune-companies.csv': { format: 'neojune_companies', rows: 4 },
  '16-universities.csv': { format: 'neojune_universities', rows: 2 },
  '17-naver-themes.csv': { format: 'naver_themes', rows: 2 },
  '18-krx-valuation.csv': { format: 'krx_valuation_snapshot', rows: 1 },
  '19-krx-sector.csv': { format: 'krx_sector_snapshot', rows: 1 },
  '20-wics.csv': { format: 'wics_sectors', rows: 2 },
  '21-kind.csv': { format: 'kind_listed_companies', rows: 2 },
  '22-code-list.csv': { format: 'fnguide_code_list', rows: 2 },
  '23-krx-snapshot.csv': { format: 'krx_market_snapshot', rows: 2 },
  '24-corp-list.csv': { format: 'dart_corp_codes', rows: 2 },
  '25-krx-tickers.csv': { format: 'krx_tickers', rows: 3 },
  '26-fnguide.csv': { format: 'fnguide_companies', rows: 3 },
};

/** Writes every fixture file into a new temporary folder and returns its path. */
export function writeFixtureFolder(): string {
  const dir = tempFolder();
  writeFiles(dir, fixtureFiles());
  return dir;
}
