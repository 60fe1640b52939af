import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { of, Subject, switchMap } from 'rxjs';

/** Route `title`s are translation keys; the document title follows the active language. */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private readonly keys = new Subject<string | undefined>();

  constructor() {
    super();
    this.keys
      .pipe(switchMap((key) => (key ? this.transloco.selectTranslate<string>(key) : of(''))))
      .subscribe((text) => this.title.setTitle(text ? `${text} · Kefu` : 'Kefu'));
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.keys.next(this.buildTitle(snapshot));
  }
}
