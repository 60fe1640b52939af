import { Injector, signal } from '@angular/core';
import { RealtimeService } from '@kefu/admin/conversations/data-access';
import type { BotPauseDto, KillSwitchDto, PauseInput } from '@kefu/shared/contracts';
import { Observable, of, Subject } from 'rxjs';
import { KillSwitchApiService } from './kill-switch-api.service';
import { KillSwitchStore } from './kill-switch.store';

const pause = (over: Partial<BotPauseDto> = {}): BotPauseDto => ({
  id: 'p1',
  scope: 'global',
  value: null,
  reason: 'bad answers',
  createdBy: { id: 'u1', name: 'Alice' },
  createdAt: '2026-01-05T10:42:00.000Z',
  ...over,
});

class FakeApi {
  reads = 0;
  current: KillSwitchDto = { pauses: [] };
  get(): Observable<KillSwitchDto> {
    this.reads++;
    return of(this.current);
  }
  pause(input: PauseInput): Observable<KillSwitchDto> {
    return of({ pauses: [pause({ scope: input.scope, value: input.value })], lastMoved: 7 });
  }
  resume(): Observable<KillSwitchDto> {
    return of({ pauses: [] });
  }
}

class FakeRealtime {
  readonly connected = signal(true);
  readonly events = new Subject<KillSwitchDto>();
  readonly asked: string[] = [];
  on<T>(event: string): Observable<T> {
    this.asked.push(event);
    return this.events as unknown as Observable<T>;
  }
}

function setup(realtime: object | null = new FakeRealtime()) {
  const api = new FakeApi();
  const injector = Injector.create({
    providers: [
      { provide: KillSwitchApiService, useValue: api },
      { provide: RealtimeService, useValue: realtime },
      { provide: KillSwitchStore, useClass: KillSwitchStore, deps: [] },
    ],
  });
  return { api, realtime: realtime as FakeRealtime, store: injector.get(KillSwitchStore) };
}

describe('KillSwitchStore', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the switch once however often it is started, and follows kill_switch.changed', () => {
    const { api, realtime, store } = setup();
    api.current = { pauses: [pause({ scope: 'channel', value: 'wechat' })] };
    store.start();
    store.start();
    expect(api.reads).toBe(1);
    expect(realtime.asked).toEqual(['kill_switch.changed']);
    expect(store.active()).toBe(true);
    expect(store.globalPause()).toBeNull();
    realtime.events.next({ pauses: [pause()] });
    expect(store.globalPause()?.id).toBe('p1');
    realtime.events.next({ pauses: [] });
    expect(store.active()).toBe(false);
    store.stop();
  });

  it('shows a pause switched on here at once, with how many conversations moved, and forgets it on resume', () => {
    const { store } = setup();
    store.pause({ scope: 'global', value: null, reason: '' }).subscribe();
    expect(store.globalPause()).not.toBeNull();
    expect(store.lastMoved()).toBe(7);
    store.resume('p1').subscribe();
    expect(store.active()).toBe(false);
    expect(store.lastMoved()).toBeNull();
  });

  it('re-reads every minute while the live feed is down, and not while it is up', () => {
    jest.useFakeTimers();
    const { api, realtime, store } = setup();
    store.start();
    expect(api.reads).toBe(1);
    jest.advanceTimersByTime(61_000);
    expect(api.reads).toBe(1);
    realtime.connected.set(false);
    jest.advanceTimersByTime(61_000);
    expect(api.reads).toBe(2);
    store.stop();
  });

  it('works without the live feed (falls back to reading)', () => {
    const { api, store } = setup({ connected: signal(false) });
    store.start();
    expect(api.reads).toBe(1);
    expect(store.active()).toBe(false);
    store.stop();
  });
});
