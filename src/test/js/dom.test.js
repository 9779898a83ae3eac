import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeUrl, isObject } from '../../main/resources/static/common/dom.js';

test('safeUrl follows http(s) and mailto only', () => {
  assert.equal(safeUrl('/help/en/x', 'https://s.example'), 'https://s.example/help/en/x');
  assert.equal(safeUrl('mailto:a@b.example', 'https://s.example'), 'mailto:a@b.example');
  assert.equal(safeUrl('javascript:alert(1)', 'https://s.example'), null);
  assert.equal(safeUrl('data:text/html,<b>', 'https://s.example'), null);
  assert.equal(safeUrl('  ', 'https://s.example'), null);
  assert.equal(safeUrl(42, 'https://s.example'), null);
});

test('isObject is true for plain objects only', () => {
  assert.ok(isObject({}));
  assert.ok(!isObject([]));
  assert.ok(!isObject(null));
  assert.ok(!isObject('x'));
});
