import {optOutUsers, userOfLinkedTitle} from '../../../shared/reminders/optout';

describe('optOutUsers', () => {
  const page = [
    'Users listed here receive no partnership reminders.',
    '* Alice',
    '* User:bob_smith',
    '# [[User:Carol|Carol]]',
    '*[[User:Dave]]',
    '<!-- * Eve -->',
    '<nowiki>* Frank</nowiki>',
    'Not a list item: Grace',
    '* [[User:Heidi|Heidi]] ([[User talk:Heidi|talk]]) 10:00, 1 January 2026 (UTC)',
  ].join('\n');

  test('listed one a line, linked (as the wiki reports the links), and configured', () => {
    const users = optOutUsers(page, ['Heidi', 'Ivan'], ['Judy', '[[User:Kim]]']);
    expect([...users].sort()).toEqual(['User:Alice', 'User:Bob smith', 'User:Carol', 'User:Dave', 'User:Heidi', 'User:Ivan', 'User:Judy', 'User:Kim']);
  });

  test('understands the wiki\'s own name for the User namespace', () => {
    expect([...optOutUsers('* Utilisateur:Zoé', [], [], ['Utilisateur'])]).toEqual(['User:Zoé']);
  });
});

describe('userOfLinkedTitle', () => {
  test.each([
    ['User:Alice', 'Alice'],
    ['User talk:Alice/Archive 1', 'Alice'],
    ['Utilisateur:Zoé', 'Zoé'],
    ['NoNamespace', null],
  ])('%s', (title, expected) => expect(userOfLinkedTitle(title)).toBe(expected));
});
