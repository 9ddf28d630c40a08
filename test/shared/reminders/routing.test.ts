import {CANONICAL_NAMESPACES} from '../../../shared/rules/recipients';
import {planDeliveries, type RoutingContext, type UserStatus} from '../../../shared/reminders/routing';
import {finding} from './fixtures';

function context(statuses: Record<string, UserStatus> = {}, optedOut: string[] = []): RoutingContext {
  return {status: (user) => statuses[user] ?? 'ok', optedOut: new Set(optedOut), namespaces: CANONICAL_NAMESPACES};
}

const targets = (r: ReturnType<typeof planDeliveries>) => r.deliveries.map((d) => [d.target, d.kind, d.items.map((i) => i.key)]);

describe('planDeliveries', () => {
  test('one delivery per recipient, grouping all of their partnerships', () => {
    const result = planDeliveries([
      finding({rule: 'contact-left', page: 'Louvre', recipients: ['User:Alice']}),
      finding({rule: 'stale-stage', page: 'Orsay', recipients: ['User:Alice', 'User:Bob']}),
    ], context());
    expect(targets(result)).toEqual([
      ['User talk:Alice', 'user', ['Louvre|0|contact-left||User talk:Alice', 'Orsay|0|stale-stage||User talk:Alice']],
      ['User talk:Bob', 'user', ['Orsay|0|stale-stage||User talk:Bob']],
    ]);
    expect(result.diversions).toEqual([]);
  });

  test('a partnership without coordinator is told on its talk page', () => {
    const result = planDeliveries([finding({rule: 'no-coordinator', page: 'Help:Louvre', recipients: ['Help talk:Louvre']})], context());
    expect(targets(result)).toEqual([['Help talk:Louvre', 'page', ['Help:Louvre|0|no-coordinator||Help talk:Louvre']]]);
  });

  test('a blocked or missing coordinator: the partnership page\'s talk page instead, told once', () => {
    const result = planDeliveries([
      finding({rule: 'contact-left', page: 'Louvre', recipients: ['User:Blocked', 'User:Ghost']}),
      finding({rule: 'stale-stage', page: 'Orsay', recipients: ['User:Blocked']}),
    ], context({'User:Blocked': 'blocked', 'User:Ghost': 'missing'}));
    expect(targets(result)).toEqual([
      ['Talk:Louvre', 'page', ['Louvre|0|contact-left||Talk:Louvre']],
      ['Talk:Orsay', 'page', ['Orsay|0|stale-stage||Talk:Orsay']],
    ]);
    expect(result.diversions).toEqual([
      {recipient: 'User:Blocked', reason: 'user-blocked', findings: 2, fallback: ['Talk:Louvre', 'Talk:Orsay']},
      {recipient: 'User:Ghost', reason: 'user-missing', findings: 1, fallback: ['Talk:Louvre']},
    ]);
  });

  test('an opted-out user is told nothing, and nobody is told in their place', () => {
    const result = planDeliveries([finding({rule: 'contact-left', recipients: ['User:Alice']})], context({}, ['User:Alice']));
    expect(result.deliveries).toEqual([]);
    expect(result.diversions).toEqual([{recipient: 'User:Alice', reason: 'opted-out', findings: 1, fallback: []}]);
  });

  test('uses the wiki\'s name for the User talk namespace', () => {
    const result = planDeliveries([finding({rule: 'contact-left'})], {...context(), namespaces: {...CANONICAL_NAMESPACES, 3: 'Discussion utilisateur'}});
    expect(result.deliveries.map((d) => d.target)).toEqual(['Discussion utilisateur:Alice']);
  });
});
