import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { BusinessHoursForm, timezoneChoices } from './team-form';

/**
 * A team's business hours: on/off (off = always open), the time zone, and per weekday open or closed
 * with its opening and closing time. Edits the form group it is given.
 */
@Component({
  selector: 'kefu-business-hours-editor',
  imports: [
    ReactiveFormsModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div [formGroup]="group()" class="hours">
      <mat-slide-toggle formControlName="enabled" data-testid="hours-enabled">{{
        'teams.hours.enabled' | transloco
      }}</mat-slide-toggle>
      @if (group().controls.enabled.value) {
        <mat-form-field appearance="outline" class="timezone" subscriptSizing="dynamic">
          <mat-label>{{ 'teams.hours.timezone' | transloco }}</mat-label>
          <mat-select formControlName="timezone">
            @for (zone of zones(); track zone) {
              <mat-option [value]="zone">{{ zone }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <div class="days" formArrayName="days" role="table" [attr.aria-label]="'teams.hours.title' | transloco">
          @for (row of group().controls.days.controls; track $index; let i = $index) {
            <div class="day" [formGroupName]="i" role="row" [class.closed]="!row.controls.isOpen.value">
              <mat-checkbox formControlName="isOpen" class="day-name" role="cell">{{
                weekdayNames()[row.controls.day.value]
              }}</mat-checkbox>
              @if (row.controls.isOpen.value) {
                <mat-form-field appearance="outline" subscriptSizing="dynamic" class="time" role="cell">
                  <mat-label>{{ 'teams.hours.open' | transloco }}</mat-label>
                  <input matInput type="time" formControlName="open" step="60" required />
                </mat-form-field>
                <span class="dash" aria-hidden="true">–</span>
                <mat-form-field appearance="outline" subscriptSizing="dynamic" class="time" role="cell">
                  <mat-label>{{ 'teams.hours.close' | transloco }}</mat-label>
                  <input matInput type="time" formControlName="close" step="60" required />
                </mat-form-field>
                @if (row.hasError('time')) {
                  <span class="field-error" role="alert">{{ 'validation.time' | transloco }}</span>
                }
              } @else {
                <span class="closed-label" role="cell">{{ 'teams.hours.closed' | transloco }}</span>
              }
            </div>
          }
        </div>
        <p class="hint">{{ 'teams.hours.hint' | transloco }}</p>
      } @else {
        <p class="hint">{{ 'teams.hours.alwaysOpen' | transloco }}</p>
      }
    </div>
  `,
  styles: `
    .hours {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .timezone {
      max-width: 320px;
    }
    .days {
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .day {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
      min-height: 48px;
    }
    .day-name {
      width: 130px;
    }
    .time {
      width: 130px;
    }
    .closed-label,
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      margin: 0;
    }
    .field-error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class BusinessHoursEditorComponent {
  private readonly transloco = inject(TranslocoService);
  readonly group = input.required<BusinessHoursForm>();

  private readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });

  /** Weekday names in the active language, indexed 0 = Sunday. */
  protected readonly weekdayNames = computed(() => {
    const fmt = new Intl.DateTimeFormat(this.lang(), { weekday: 'long', timeZone: 'UTC' });
    // 2023-01-01 was a Sunday.
    return Array.from({ length: 7 }, (_, d) => fmt.format(new Date(Date.UTC(2023, 0, 1 + d))));
  });

  protected readonly zones = computed(() => timezoneChoices(this.group().controls.timezone.value));
}
