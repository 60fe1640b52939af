import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import { LanguagePickerComponent } from '@kefu/admin/ui';

interface LoginError {
  /** 423: the account is locked for a while. */
  locked: boolean;
  /** Translation key of the headline, chosen by HTTP status. */
  headlineKey: string;
  /** The server's own words (they say until when a lock lasts); null when it sent none. */
  detail: string | null;
}

@Component({
  selector: 'kefu-login-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    LanguagePickerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.scss',
})
export class LoginPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(320)]],
    password: ['', [Validators.required, Validators.maxLength(1024)]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<LoginError | null>(null);
  protected readonly showPassword = signal(false);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.auth.login(this.form.getRawValue()).subscribe({
      next: () => {
        this.busy.set(false);
        const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl');
        const target =
          returnUrl && returnUrl.startsWith('/') && !returnUrl.startsWith('/login')
            ? returnUrl
            : '/conversations';
        void this.router.navigateByUrl(target);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        this.error.set({
          locked: e.statusCode === 423,
          headlineKey:
            e.statusCode === 423
              ? 'login.errors.locked'
              : e.statusCode === 0 || e.statusCode >= 500
                ? 'login.errors.unavailable'
                : e.statusCode === 401
                  ? 'login.errors.invalid'
                  : 'login.errors.failed',
          detail: e.statusCode === 0 || e.statusCode >= 500 ? null : e.message.trim() || null,
        });
        // Clear the password without flagging the now-empty field as an error.
        this.formDirective().resetForm({ email: this.form.controls.email.value, password: '' });
      },
    });
  }
}
