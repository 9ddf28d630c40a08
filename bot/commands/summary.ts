import type {CheckResult} from '../../shared/check';
import {sortFindings} from '../../shared/check';
import {partnerName, stageLabel} from '../../shared/model/partnership';
import type {Finding} from '../../shared/rules/findings';

const LABEL = {error: 'error  ', warning: 'warning', info: 'note   '} as const;

/** The human-readable `check`: one block per page, errors first. */
export function formatCheckSummary(result: CheckResult): string {
  const byPage = new Map<string, Finding[]>();
  for (const p of result.partnerships) byPage.set(p.page, byPage.get(p.page) ?? []);
  for (const f of result.findings) byPage.set(f.page, [...(byPage.get(f.page) ?? []), f]);
  const lines: string[] = [];
  for (const [page, findings] of byPage) {
    const partnerships = result.partnerships.filter((p) => p.page === page);
    lines.push(page);
    for (const p of partnerships) {
      lines.push(`  [${p.index}] ${partnerName(p) ?? '(no partner)'} — ${stageLabel(p) ?? '(no stage)'}`);
      const own = sortFindings(findings.filter((f) => f.index === p.index));
      if (own.length === 0) lines.push('      ok');
      for (const f of own) {
        lines.push(`      ${LABEL[f.severity]} ${f.rule}${f.field ? ` (${f.field})` : ''}: ${f.message}`);
      }
    }
    if (partnerships.length === 0) lines.push('  no {{Partnership}} on this page');
    lines.push('');
  }
  const count = (s: Finding['severity']) => result.findings.filter((f) => f.severity === s).length;
  lines.push(`${byPage.size} ${byPage.size === 1 ? 'page' : 'pages'}, ${result.partnerships.length} ${result.partnerships.length === 1 ? 'partnership' : 'partnerships'}: `
    + `${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes`);
  return `${lines.join('\n')}\n`;
}
