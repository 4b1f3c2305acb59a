// The programme dashboard: reads the statistics through the gateway with the user's own token and
// draws the key figures and charts. The token comes from the URL fragment (#token=…, never sent
// to a server) or the form, lives in this tab's sessionStorage only, and leaves the address bar at once.
import { columns, horizontalStackedBars } from './charts.js';

const TOKEN_KEY = 'cz-dashboard-token';
const STAGE_NAMES = { DRAFT: '草稿', COUNTY_REVIEW: '县区初审', CITY_REVIEW: '市局审核', JOINT_EVALUATION: '联合评审', PUBLICITY: '公示', AWAITING_APPROVAL: '待批复', APPROVED: '已批复', RETURNED: '退回修改', REJECTED: '不予认定' };
const IN_PROGRESS = ['COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL', 'RETURNED'];
const PARK_SERIES = [
  { key: 'recognised', label: '已认定', className: 's-recognised' },
  { key: 'candidate', label: '候选', className: 's-candidate' },
  { key: 'revoked', label: '已取消资格', className: 's-revoked' },
];
const FUNDING_SERIES = [
  { key: 'granted', label: '核定', className: 's-granted' },
  { key: 'paid', label: '拨付', className: 's-paid' },
];
const GRADE_SERIES = [
  { key: 'excellent', label: '优秀', className: 's-excellent' },
  { key: 'qualified', label: '合格', className: 's-qualified' },
  { key: 'unqualified', label: '不合格', className: 's-unqualified' },
  { key: 'notGraded', label: '未定级', className: 's-pending' },
];
const REFUSED = '您的账号无权查看项目统计。本看板面向市人社局、县区人社部门、市级财政和数据组；如需开通，请联系市人社局。';

const $ = (id) => document.getElementById(id);
const status = (text, kind = 'info') => {
  $('status').textContent = text;
  $('status').className = kind;
};

/** 万元 from fen (a decimal string): exact to the fen before the one division for display. */
const tenThousandYuan = (fen) => Number(BigInt(fen)) / 1_000_000;
const wan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function takeToken() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromFragment = fragment.get('token');
  if (fromFragment) {
    sessionStorage.setItem(TOKEN_KEY, fromFragment);
    // The token must not stay in the address bar, the history or a bookmark.
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

async function operations() {
  const response = await fetch('/dashboard/operations.json', { credentials: 'omit' });
  if (!response.ok) throw new Error(`operations: HTTP ${response.status}`);
  return response.json();
}

/** One operation through the gateway; resolves to { data, errors, status }. */
async function query(token, documents, operationName, variables = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: documents[operationName], operationName, variables }),
  });
  const body = await response.json();
  return { status: response.status, ...body };
}

function card(label, value, note) {
  const element = document.createElement('div');
  element.className = 'card';
  const title = document.createElement('div');
  title.className = 'card-label';
  title.textContent = label;
  const figure = document.createElement('div');
  // A sentence of figures (the grades) gets a smaller type than a single number.
  figure.className = value.length > 10 ? 'card-value long' : 'card-value';
  figure.textContent = value;
  element.append(title, figure);
  if (note) {
    const small = document.createElement('div');
    small.className = 'card-note';
    small.textContent = note;
    element.append(small);
  }
  return element;
}

function showFigures({ parkStatistics: parks, applicationStatistics: applications, fundingStatistics: funding, assessmentStatistics: assessments }) {
  const year = funding.toYear;
  const thisYear = funding.byYear.find((row) => row.year === year)?.totals ?? { granted: '0', paid: '0' };
  const inProgress = applications.byStage.filter((row) => IN_PROGRESS.includes(row.stage)).reduce((sum, row) => sum + row.count, 0);
  const graded = [...assessments.gradesByYear].reverse().find((row) => row.excellent + row.qualified + row.unqualified > 0);
  $('figures').replaceChildren(
    card('已认定园区', String(parks.totals.recognised), `园区总数 ${parks.totals.total}，候选 ${parks.totals.candidate}，已取消资格 ${parks.totals.revoked}`),
    card(`${year} 年核定资金`, `${wan.format(tenThousandYuan(thisYear.granted))} 万元`, `${funding.fromYear}–${year} 年累计 ${wan.format(tenThousandYuan(funding.totals.granted))} 万元`),
    card(`${year} 年拨付资金`, `${wan.format(tenThousandYuan(thisYear.paid))} 万元`, `${funding.fromYear}–${year} 年累计 ${wan.format(tenThousandYuan(funding.totals.paid))} 万元`),
    card(graded ? `${graded.year} 年度考核等次` : '考核等次', graded ? `优秀 ${graded.excellent} · 合格 ${graded.qualified} · 不合格 ${graded.unqualified}` : '暂无定级', graded ? `未定级 ${graded.notGraded}` : undefined),
    card('在办申报', String(inProgress), `公示期限未按期完成 ${applications.deadlines.missed}`),
  );
  $('figures').hidden = false;
}

function showCharts({ parkStatistics: parks, applicationStatistics: applications, fundingStatistics: funding, assessmentStatistics: assessments }) {
  const place = (id, chart) => $(id).querySelector('.chart-body').replaceChildren(chart);
  place(
    'chart-counties',
    horizontalStackedBars({
      title: '各县区园区数',
      categories: parks.byCounty.map((county) => ({ key: county.countyCode, label: county.countyName, counts: county.counts })),
      series: PARK_SERIES,
      value: (county, series) => county.counts[series.key],
      unit: ' 个',
      integer: true,
    }),
  );
  place(
    'chart-funding',
    columns({
      title: '历年资金（万元）',
      mode: 'grouped',
      categories: funding.byYear.map((row) => ({ key: String(row.year), label: String(row.year), totals: row.totals })),
      series: FUNDING_SERIES,
      value: (row, series) => tenThousandYuan(row.totals[series.key]),
      unit: ' 万元',
    }),
  );
  place(
    'chart-grades',
    columns({
      title: '历年考核等次分布',
      mode: 'stacked',
      categories: assessments.gradesByYear.map((row) => ({ key: String(row.year), label: String(row.year), row })),
      series: GRADE_SERIES,
      value: (category, series) => category.row[series.key],
      unit: ' 个',
      integer: true,
    }),
  );
  place(
    'chart-pipeline',
    horizontalStackedBars({
      title: '申报阶段分布',
      categories: applications.byStage.map((row) => ({ key: row.stage, label: STAGE_NAMES[row.stage] ?? row.stage, count: row.count })),
      series: [{ key: 'count', label: '申报数', className: 's-applications' }],
      value: (row) => row.count,
      unit: ' 件',
      integer: true,
    }),
  );
  $('charts').hidden = false;
}

async function load() {
  const token = takeToken();
  $('figures').hidden = true;
  $('charts').hidden = true;
  if (!token) {
    status('请输入访问令牌（或以 #token=… 打开本页）。');
    return;
  }
  status('正在加载……');
  try {
    const answer = await query(token, await operations(), 'DashboardFigures');
    const code = answer.errors?.[0]?.extensions?.code;
    if (answer.status === 401 || code === 'UNAUTHENTICATED') {
      sessionStorage.removeItem(TOKEN_KEY);
      status('访问令牌无效或已过期，请重新输入。', 'error');
      return;
    }
    if (code === 'FORBIDDEN') {
      status(REFUSED, 'refused');
      return;
    }
    if (!answer.data) throw new Error(answer.errors?.[0]?.message ?? `HTTP ${answer.status}`);
    showFigures(answer.data);
    showCharts(answer.data);
    const county = answer.data.parkStatistics.countyCode;
    status(`${county ? `县区 ${county}` : '全市'}数据，${answer.data.fundingStatistics.fromYear}–${answer.data.fundingStatistics.toYear} 年。`, 'ready');
    document.body.dataset.state = 'ready';
  } catch (error) {
    status(`加载失败：${error instanceof Error ? error.message : error}`, 'error');
  }
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('token').value.trim();
  $('token').value = '';
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  load();
});
$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  load();
});
window.addEventListener('hashchange', load);
load();
