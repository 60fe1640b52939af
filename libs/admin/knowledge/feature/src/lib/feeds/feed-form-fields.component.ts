import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { startWith, switchMap } from 'rxjs';
import { injectLang, KbLocaleNamePipe } from '../knowledge-ui';
import type { FeedForm } from './feed-dialog.component';
import type { SCHEDULE_PRESETS } from './feed-schedule';

const TIME_ZONES: string[] = (() => {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
})();

/** The fields of the feed form. */
@Component({
  selector: 'kb-feed-form-fields',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    TranslocoPipe,
    KbLocaleNamePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="fields" [formGroup]="form()">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'knowledge.feeds.fields.name' | transloco }}</mat-label>
        <input
          matInput
          formControlName="name"
          maxlength="120"
          required
          cdkFocusInitial
          data-testid="kb-feed-name"
        />
        @if (form().controls.name.hasError('required')) {
          <mat-error>{{ 'validation.required' | transloco }}</mat-error>
        } @else if (form().controls.name.hasError('server')) {
          <mat-error>{{ form().controls.name.getError('server') }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'knowledge.feeds.fields.url' | transloco }}</mat-label>
        <input
          matInput
          formControlName="url"
          type="url"
          placeholder="https://shop.example.com/rules.json"
          data-testid="kb-feed-url"
        />
        <mat-hint>{{ 'knowledge.feeds.fields.urlHint' | transloco }}</mat-hint>
        @if (form().controls.url.hasError('required')) {
          <mat-error>{{ 'validation.required' | transloco }}</mat-error>
        } @else if (form().controls.url.hasError('url')) {
          <mat-error>{{ 'validation.url' | transloco }}</mat-error>
        } @else if (form().controls.url.hasError('server')) {
          <mat-error>{{ form().controls.url.getError('server') }}</mat-error>
        }
      </mat-form-field>
      <div class="row">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'knowledge.feeds.fields.format' | transloco }}</mat-label>
          <mat-select formControlName="format">
            <mat-select-trigger>{{
              'knowledge.formats.' + form().controls.format.value | transloco
            }}</mat-select-trigger>
            <mat-option value="json">{{ 'knowledge.formats.json' | transloco }}</mat-option>
            <mat-option value="csv">{{ 'knowledge.formats.csv' | transloco }}</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'knowledge.fields.locale' | transloco }}</mat-label>
          <mat-select formControlName="locale">
            <mat-select-trigger>{{ form().controls.locale.value | kbLocale: lang() }}</mat-select-trigger>
            @for (l of locales(); track l) {
              <mat-option [value]="l">{{ 'knowledge.locales.' + l | transloco }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'knowledge.feeds.fields.localeHint' | transloco }}</mat-hint>
        </mat-form-field>
      </div>
      <div class="row">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'knowledge.feeds.fields.schedule' | transloco }}</mat-label>
          <input
            matInput
            formControlName="schedule"
            [matAutocomplete]="presetAuto"
            spellcheck="false"
            class="mono"
          />
          <mat-autocomplete #presetAuto="matAutocomplete">
            @for (p of presets(); track p.cron) {
              <mat-option [value]="p.cron"
                >{{ p.label | transloco }} <span class="mono muted">{{ p.cron }}</span></mat-option
              >
            }
          </mat-autocomplete>
          <mat-hint>{{ scheduleText() }}</mat-hint>
          @if (
            form().controls.schedule.hasError('pattern') || form().controls.schedule.hasError('required')
          ) {
            <mat-error>{{ 'knowledge.feeds.fields.scheduleInvalid' | transloco }}</mat-error>
          } @else if (form().controls.schedule.hasError('server')) {
            <mat-error>{{ form().controls.schedule.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'knowledge.feeds.fields.timezone' | transloco }}</mat-label>
          <input matInput formControlName="timezone" [matAutocomplete]="tzAuto" spellcheck="false" />
          <mat-autocomplete #tzAuto="matAutocomplete">
            @for (z of zones(); track z) {
              <mat-option [value]="z">{{ z }}</mat-option>
            }
          </mat-autocomplete>
          @if (form().controls.timezone.hasError('server')) {
            <mat-error>{{ form().controls.timezone.getError('server') }}</mat-error>
          }
        </mat-form-field>
      </div>
      <mat-slide-toggle formControlName="enabled">{{
        'knowledge.feeds.fields.enabled' | transloco
      }}</mat-slide-toggle>
    </div>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding-top: 8px;
    }
    .row {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 12px;
    }
    .mono {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      margin-left: 8px;
    }
  `,
})
export class FeedFormFieldsComponent {
  readonly form = input.required<FeedForm>();
  readonly scheduleText = input('');
  readonly presets = input.required<typeof SCHEDULE_PRESETS>();
  readonly locales = input.required<readonly string[]>();
  protected readonly lang = injectLang();

  private readonly tzText = toSignal(
    toObservable(this.form).pipe(
      switchMap((f) => f.controls.timezone.valueChanges.pipe(startWith(f.controls.timezone.value))),
    ),
    { initialValue: '' },
  );
  protected readonly zones = computed(() => {
    const q = this.tzText().toLowerCase().replace(/\s+/g, '_');
    return (q ? TIME_ZONES.filter((z) => z.toLowerCase().includes(q)) : TIME_ZONES).slice(0, 50);
  });
}
