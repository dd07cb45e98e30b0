import { html, nothing, type PropertyValues } from 'lit';
import { messageOf } from './api';
import { ChartBox } from './charts';
import { plural } from './format';
import { DeskSection } from './section';
import type { StatsReport, StatsThread } from '../contract';

const DAY_MS = 86_400_000;
const PERIODS = [7, 30, 90] as const;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const num = (n: number) => n.toLocaleString('en');
const dayLabel = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const shortDay = (day: string) => dayLabel.format(Date.parse(`${day}T00:00:00Z`));
const orDash = (v: number | null, format: (v: number) => string) => (v === null ? '—' : format(v));
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

type Ranking = 'comments' | 'views';

/**
 * `<desk-engagement>`: the engagement report (GET /admin/stats) for the last 7, 30 or 90 UTC
 * days, site-wide or for one thread: views and comments per day, comments per hour today
 * against the three days before, and the top stories with their ratios. Each chart has its
 * figures in a table beside it, for screen readers and for reading exact numbers.
 */
export class DeskEngagement extends DeskSection {
  static override properties = {
    days: { state: true },
    thread: { state: true },
    report: { state: true },
    ranking: { state: true },
    downloading: { state: true },
  };
  days: (typeof PERIODS)[number] = 30;
  thread = '';
  report: StatsReport | null = null;
  ranking: Ranking = 'comments';
  downloading = false;
  private charts = new Map<string, ChartBox>();

  private query() {
    const to = dayOf(Date.now());
    return { from: dayOf(Date.parse(`${to}T00:00:00Z`) - (this.days - 1) * DAY_MS), to, thread: this.thread || undefined };
  }

  async load(): Promise<void> {
    this.report = await this.desk.api.stats(this.query());
  }

  private async apply(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.days = (PERIODS.find((p) => String(p) === data.get('days')) ?? 30) as (typeof PERIODS)[number];
    this.thread = String(data.get('thread') ?? '').trim();
    this.phase = 'loading';
    await this.reload();
  }

  private async download(): Promise<void> {
    this.downloading = true;
    try {
      const q = this.query();
      const csv = await this.desk.api.statsCsv(q);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      a.download = `footnote-stats-${q.from}-${q.to}${q.thread ? `-${q.thread.replace(/[^\w.-]+/g, '_')}` : ''}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
    this.downloading = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const c of this.charts.values()) c.destroy();
    this.charts.clear();
  }

  private chart(id: string): ChartBox | null {
    const box = this.querySelector<HTMLElement>(`#${id}`);
    if (!box) return null;
    let c = this.charts.get(id);
    // The section re-renders its panels after a reload: a chart follows its new box.
    if (c && c.box !== box) {
      c.destroy();
      c = undefined;
    }
    if (!c) {
      c = new ChartBox(box);
      this.charts.set(id, c);
    }
    return c;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const r = this.report;
    if (this.phase !== 'ready' || !r) return;
    this.chart('chart-days')?.draw({
      x: r.days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000),
      time: true,
      scales: [
        { id: 'views', label: 'views' },
        { id: 'comments', label: 'comments' },
      ],
      series: [
        { label: 'Views', values: r.days.map((d) => d.views), color: '--fn-chart-views', scale: 'views', kind: 'line' },
        { label: 'Comments', values: r.days.map((d) => d.comments), color: '--fn-chart-comments', scale: 'comments', kind: 'line' },
      ],
    });
    this.chart('chart-hours')?.draw({
      x: r.hours.counts.map((_, h) => h),
      time: false,
      xLabel: (h) => `${String(h).padStart(2, '0')}h`,
      scales: [{ id: 'n', label: 'comments' }],
      series: [
        { label: shortDay(r.hours.day), values: r.hours.counts, color: '--fn-chart-comments', scale: 'n', kind: 'bars' },
        { label: 'three days before (mean)', values: r.hours.before, color: '--fn-chart-views', scale: 'n', kind: 'line', dash: [6, 4] },
      ],
    });
  }

  private ranked(): StatsThread[] {
    const list = [...(this.report?.threads ?? [])];
    return this.ranking === 'views'
      ? list.sort((a, b) => b.views - a.views || b.comments - a.comments)
      : list.sort((a, b) => b.comments - a.comments || b.views - a.views);
  }

  private controls() {
    return html`<form class="filters engagement-filters" @submit=${(e: SubmitEvent) => void this.apply(e)} aria-label="Report period">
      <label>Period
        <select name="days">${PERIODS.map((p) => html`<option value=${p} ?selected=${p === this.days}>Last ${p} days</option>`)}</select>
      </label>
      <label>Thread (optional)
        <input name="thread" .value=${this.thread} placeholder="the whole site" spellcheck="false" maxlength="512" />
      </label>
      <div class="row">
        <button class="primary">Show</button>
        <button type="button" class="secondary" ?disabled=${this.downloading} @click=${() => void this.download()}>${this.downloading ? 'Preparing…' : 'Download CSV'}</button>
      </div>
    </form>`;
  }

  private daysFigure(r: StatsReport) {
    const totals = r.days.reduce((t, d) => ({ views: t.views + d.views, comments: t.comments + d.comments, replies: t.replies + d.replies, rejected: t.rejected + d.rejected }), { views: 0, comments: 0, replies: 0, rejected: 0 });
    return html`<section class="panel" aria-labelledby="days-h">
      <h2 id="days-h">Views and comments per day</h2>
      <p class="muted">${shortDay(r.from)} – ${shortDay(r.to)} (UTC days): ${plural(totals.views, 'view')}, ${plural(totals.comments, 'published comment')} (${plural(totals.replies, 'reply', 'replies')}), ${num(totals.rejected)} rejected by the desk.</p>
      <ul class="chart-key" aria-hidden="true"><li class="views">Views (left scale)</li><li class="comments">Comments (right scale)</li></ul>
      <div class="chart" id="chart-days"></div>
      <details>
        <summary>The figures as a table</summary>
        <div class="table-wrap"><table class="figures">
          <caption class="sr-only">Views, comments, commenters, replies and rejected comments per UTC day</caption>
          <thead><tr><th scope="col">Day</th><th scope="col">Views</th><th scope="col">Comments</th><th scope="col">Commenters</th><th scope="col">Replies</th><th scope="col"><abbr title="Rejected or marked spam by the desk (not spam the checks caught on posting)">Rejected</abbr></th></tr></thead>
          <tbody>${r.days.map((d) => html`<tr><th scope="row"><time datetime=${d.day}>${shortDay(d.day)}</time></th><td>${num(d.views)}</td><td>${num(d.comments)}</td><td>${num(d.commenters)}</td><td>${num(d.replies)}</td><td>${num(d.rejected)}</td></tr>`)}</tbody>
        </table></div>
      </details>
    </section>`;
  }

  private hoursFigure(r: StatsReport) {
    const today = r.hours.counts.reduce((a, b) => a + b, 0);
    const before = r.hours.before.reduce((a, b) => a + b, 0);
    return html`<section class="panel" aria-labelledby="hours-h">
      <h2 id="hours-h">Comments per hour, ${shortDay(r.hours.day)}</h2>
      <p class="muted">${plural(today, 'published comment')} that day, against ${before.toLocaleString('en', { maximumFractionDigits: 1 })} on an average of the three days before (UTC hours).</p>
      <ul class="chart-key" aria-hidden="true"><li class="comments">${shortDay(r.hours.day)}</li><li class="views dashed">Three days before (mean)</li></ul>
      <div class="chart" id="chart-hours"></div>
      <details>
        <summary>The figures as a table</summary>
        <div class="table-wrap"><table class="figures">
          <caption class="sr-only">Published comments per UTC hour on ${r.hours.day} and the mean of the three days before</caption>
          <thead><tr><th scope="col">Hour (UTC)</th><th scope="col">${shortDay(r.hours.day)}</th><th scope="col">Three days before (mean)</th></tr></thead>
          <tbody>${r.hours.counts.map((n, h) => html`<tr><th scope="row">${String(h).padStart(2, '0')}:00</th><td>${num(n)}</td><td>${r.hours.before[h]!.toLocaleString('en')}</td></tr>`)}</tbody>
        </table></div>
      </details>
    </section>`;
  }

  private storiesFigure(r: StatsReport) {
    const rows = this.ranked();
    const top = Math.max(1, ...rows.map((s) => (this.ranking === 'views' ? s.views : s.comments)));
    const tab = (id: Ranking, label: string) =>
      html`<button type="button" role="tab" aria-selected=${this.ranking === id ? 'true' : 'false'} @click=${() => (this.ranking = id)}>${label}</button>`;
    return html`<section class="panel" aria-labelledby="stories-h">
      <h2 id="stories-h">${r.thread ? 'The story' : 'Top stories'}</h2>
      ${r.thread ? nothing : html`<div class="tabs" role="tablist" aria-label="Rank stories by">${tab('comments', 'By comments')}${tab('views', 'By views')}</div>`}
      ${rows.length === 0
        ? html`<p class="state">No views or comments in this period.</p>`
        : html`<div class="table-wrap"><table class="figures stories">
            <caption class="sr-only">Stories of the period ranked by ${this.ranking}, with their ratios</caption>
            <thead><tr>
              <th scope="col">Story</th><th scope="col">Views</th><th scope="col">Comments</th><th scope="col">Commenters</th>
              <th scope="col"><abbr title="Comments per 1,000 views">per 1,000 views</abbr></th><th scope="col">Reply share</th>
              <th scope="col"><abbr title="Median minutes from a comment's posting to the desk's first decision">Minutes to decision</abbr></th><th scope="col"><abbr title="Rejected by the desk among published and rejected">Rejection rate</abbr></th>
            </tr></thead>
            <tbody>${rows.map((s) => {
              const value = this.ranking === 'views' ? s.views : s.comments;
              return html`<tr>
                <th scope="row">
                  <button type="button" class="link" @click=${() => this.desk.showThread(s.thread)} title="See its comments">${s.title || s.thread}</button>
                  <span class="bar" aria-hidden="true"><span style="width: ${((value / top) * 100).toFixed(1)}%"></span></span>
                </th>
                <td>${num(s.views)}</td><td>${num(s.comments)}</td><td>${num(s.commenters)}</td>
                <td>${orDash(s.commentsPer1000Views, (v) => v.toLocaleString('en'))}</td><td>${orDash(s.replyShare, percent)}</td>
                <td>${orDash(s.medianMinutesToDecision, (v) => v.toLocaleString('en'))}</td><td>${orDash(s.rejectionRate, percent)}</td>
              </tr>`;
            })}</tbody>
          </table></div>`}
    </section>`;
  }

  override render() {
    const r = this.report;
    return html`<h1 tabindex="-1">Engagement</h1>
      <p class="hint">Views and comments over time, from the counts the server keeps (no reader is tracked). Days are UTC.</p>
      ${this.controls()}
      ${this.phase === 'loading' ? html`<p class="state">Loading the report…</p>` : nothing}
      ${this.phase === 'error' ? html`<div class="state" role="alert"><p>${this.error}</p><button class="secondary" @click=${() => void this.reload()}>Try again</button></div>` : nothing}
      ${this.phase === 'ready' && r
        ? html`${r.viewsSince ? html`<p class="note">Daily views are kept since ${shortDay(r.viewsSince)}; views counted before that are in each story’s total only.</p>` : nothing}
            ${this.daysFigure(r)} ${this.hoursFigure(r)} ${this.storiesFigure(r)}`
        : nothing}`;
  }
}
