import { computed, inject, Injectable, NgZone, signal } from '@angular/core';
import { RealtimeService } from '@kefu/admin/conversations/data-access';
import { BotPauseDto, HandoffRealtimeEvent, KillSwitchDto, PauseInput } from '@kefu/shared/contracts';
import { EMPTY, Observable, Subscription, tap } from 'rxjs';
import { KillSwitchApiService } from './kill-switch-api.service';

/** Re-read the switch this often when the live feed is down, and on focus when the last read is older. */
export const KILL_SWITCH_REFRESH_MS = 60_000;

/** The realtime feed's generic subscription, once `RealtimeService` has it (`on(event)`). */
type EventSource = Partial<{ on<T>(event: string): Observable<T> }>;

/**
 * Whether the bot is paused, for the shell's banner and the kill-switch page: read once on `start()`,
 * kept current by the `kill_switch.changed` socket event, and re-read on window focus / every 60 s
 * while the socket is down. Pausing and resuming through the store updates it at once.
 */
@Injectable({ providedIn: 'root' })
export class KillSwitchStore {
  private readonly api = inject(KillSwitchApiService);
  private readonly realtime = inject(RealtimeService, { optional: true });
  private readonly zone = inject(NgZone, { optional: true });
  private started = false;
  private lastRead = 0;
  private readSub?: Subscription;
  private liveSub?: Subscription;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onFocus = () => this.refreshIfStale();

  readonly state = signal<KillSwitchDto | null>(null);
  /** The server's message ('' for a generic failure) when the last read failed. */
  readonly error = signal<string | null>(null);
  readonly pauses = computed<BotPauseDto[]>(() => this.state()?.pauses ?? []);
  readonly active = computed(() => this.pauses().length > 0);
  readonly globalPause = computed(() => this.pauses().find((p) => p.scope === 'global') ?? null);
  /** Conversations moved to humans by the pause this browser switched on last. */
  readonly lastMoved = signal<number | null>(null);

  /** Reads the switch and starts following it. Safe to call often. */
  start(): void {
    if (this.started) return;
    this.started = true;
    // A page that just read the switch (and then starts the store) needs no second read.
    if (Date.now() - this.lastRead > 1000) this.refresh();
    const source = this.realtime as EventSource | null;
    this.liveSub = source?.on?.<KillSwitchDto>(HandoffRealtimeEvent.KillSwitchChanged).subscribe((dto) => this.apply(dto));
    if (typeof window !== 'undefined') window.addEventListener('focus', this.onFocus);
    const tick = () => {
      const visible = typeof document === 'undefined' || document.visibilityState === 'visible';
      if (visible && !this.realtime?.connected()) this.refreshIfStale();
    };
    // Outside Angular's zone: the timer alone should not keep the app "unstable".
    this.timer = this.zone
      ? this.zone.runOutsideAngular(() => setInterval(tick, KILL_SWITCH_REFRESH_MS))
      : setInterval(tick, KILL_SWITCH_REFRESH_MS);
  }

  /** Stops following (on logout) and forgets the state. */
  stop(): void {
    this.started = false;
    this.readSub?.unsubscribe();
    this.liveSub?.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (typeof window !== 'undefined') window.removeEventListener('focus', this.onFocus);
    this.state.set(null);
    this.lastMoved.set(null);
  }

  refresh(): void {
    this.readSub?.unsubscribe();
    this.lastRead = Date.now();
    this.readSub = this.api.get().subscribe({
      next: (dto) => {
        this.error.set(null);
        this.apply(dto);
      },
      error: () => this.error.set(''),
    });
  }

  /** Switches a pause on; the answer (with `lastMoved`) replaces the state. Errors go to the caller. */
  pause(input: PauseInput): Observable<KillSwitchDto> {
    return this.api.pause(input).pipe(
      tap((dto) => {
        this.apply(dto);
        this.lastMoved.set(dto.lastMoved ?? null);
      }),
    );
  }

  resume(id: string): Observable<KillSwitchDto> {
    if (!id) return EMPTY;
    return this.api.resume(id).pipe(tap((dto) => this.apply(dto)));
  }

  /** A fresher view of the switch, from an answer or the live feed. */
  apply(dto: KillSwitchDto): void {
    this.state.set({ pauses: dto.pauses ?? [] });
    if (!dto.pauses?.length) this.lastMoved.set(null);
  }

  private refreshIfStale(): void {
    if (Date.now() - this.lastRead >= KILL_SWITCH_REFRESH_MS) this.refresh();
  }
}
