import { DEFAULT_LLM_SETTINGS } from '@kefu/shared/contracts';
import {
  issuesFromServer,
  keyState,
  parseRegions,
  settingsIssues,
  settingsOf,
  statusView,
} from './llm-settings-view';
import { settingsDto } from './testing';

describe('statusView', () => {
  it('says Claude answers, with the share of the budget spent', () => {
    const v = statusView(
      settingsDto({
        keySet: true,
        keySource: 'settings',
        dailyBudgetUsd: 20,
        status: { off: null, breaker: 'closed', spentTodayUsd: 5 },
      }),
    );
    expect(v).toEqual({
      answering: true,
      reason: null,
      recovering: false,
      spentTodayUsd: 5,
      dailyBudgetUsd: 20,
      spentRatio: 0.25,
      alert: false,
    });
  });

  it('raises the alert at the alert level and caps the bar at a full budget', () => {
    const v = statusView(
      settingsDto({
        dailyBudgetUsd: 10,
        budgetAlertRatio: 0.8,
        status: { off: 'budget', breaker: 'closed', spentTodayUsd: 12.5 },
      }),
    );
    expect(v.reason).toBe('budget');
    expect(v.spentRatio).toBe(1);
    expect(v.alert).toBe(true);
    expect(
      statusView(
        settingsDto({ dailyBudgetUsd: 10, status: { off: null, breaker: 'closed', spentTodayUsd: 8 } }),
      ).alert,
    ).toBe(true);
  });

  it('has no ratio without a budget, and a spent zero budget is full', () => {
    expect(statusView(settingsDto({ dailyBudgetUsd: null })).spentRatio).toBeNull();
    expect(statusView(settingsDto({ dailyBudgetUsd: 0 })).spentRatio).toBe(1);
  });

  it('tells a stored key the server cannot decrypt from no key at all', () => {
    expect(statusView(settingsDto({ keySet: false })).reason).toBe('no_key');
    expect(statusView(settingsDto({ keySet: true, keyLast4: 'abcd' })).reason).toBe('key_unreadable');
  });

  it('passes the other reasons through and notices a recovering breaker', () => {
    for (const off of ['disabled', 'breaker_open'] as const) {
      expect(statusView(settingsDto({ status: { off, breaker: 'open', spentTodayUsd: 0 } })).reason).toBe(
        off,
      );
    }
    expect(
      statusView(settingsDto({ status: { off: null, breaker: 'half_open', spentTodayUsd: 0 } })).recovering,
    ).toBe(true);
  });
});

describe('keyState', () => {
  it('names where the key comes from', () => {
    const answering = { off: null, breaker: 'closed' as const, spentTodayUsd: 0 };
    expect(keyState(settingsDto({ keySet: true, keySource: 'settings', status: answering }))).toBe('stored');
    expect(keyState(settingsDto({ keySet: true, keySource: 'settings' }))).toBe('unreadable');
    expect(keyState(settingsDto({ keySet: false, keySource: 'environment', status: answering }))).toBe(
      'environment',
    );
    expect(keyState(settingsDto())).toBe('none');
  });
});

describe('parseRegions', () => {
  it('upper-cases two-letter codes and returns what is not one', () => {
    expect(parseRegions('cn, de jp，China')).toEqual({ codes: ['CN', 'DE', 'JP'], invalid: ['China'] });
    expect(parseRegions('  ')).toEqual({ codes: [], invalid: [] });
  });
});

describe('settings issues', () => {
  it('checks the form with the server schema, one problem per field', () => {
    const form = {
      ...settingsOf(DEFAULT_LLM_SETTINGS),
      model: 'gpt-4',
      budgetAlertRatio: 0.05,
      maxToolSteps: 11,
    };
    expect(Object.keys(settingsIssues(form)).sort()).toEqual(['budgetAlertRatio', 'maxToolSteps', 'model']);
    expect(settingsIssues(settingsOf(DEFAULT_LLM_SETTINGS))).toEqual({});
  });

  it("maps a 400's issues to fields, dotted or as arrays, with or without body.", () => {
    expect(
      issuesFromServer([
        { path: 'neverAbroadRegions.1', message: 'a region is a two-letter country code' },
        { path: ['body', 'dailyBudgetUsd'], message: 'too big' },
      ]),
    ).toEqual({ neverAbroadRegions: 'a region is a two-letter country code', dailyBudgetUsd: 'too big' });
  });
});
