import { Routes } from '@angular/router';
import { ArticleEditorPageComponent } from './articles/article-editor-page.component';
import { ArticleHistoryPageComponent } from './articles/article-history-page.component';
import { ArticleListPageComponent } from './articles/article-list-page.component';
import { FeedsPageComponent } from './feeds/feeds-page.component';
import { ImportsPageComponent } from './imports/imports-page.component';
import { KnowledgeLayoutComponent } from './knowledge-layout.component';
import { provideKnowledgeIcons } from './knowledge-icons';
import { SynonymsPageComponent } from './synonyms/synonyms-page.component';
import { TestRetrievalPageComponent } from './test-retrieval/test-retrieval-page.component';
import { UnknownQuestionsPageComponent } from './unknown/unknown-questions-page.component';

export const knowledgeRoutes: Routes = [
  {
    path: '',
    providers: [provideKnowledgeIcons()],
    children: [
      // Deep pages first: they have their own header and no tabs.
      { path: 'articles/new', component: ArticleEditorPageComponent, title: 'knowledge.editor.newTitle' },
      {
        path: 'articles/:id/history',
        component: ArticleHistoryPageComponent,
        title: 'knowledge.history.title',
      },
      { path: 'articles/:id', component: ArticleEditorPageComponent, title: 'knowledge.editor.title' },
      {
        path: '',
        component: KnowledgeLayoutComponent,
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'articles' },
          { path: 'articles', component: ArticleListPageComponent, title: 'knowledge.articles.title' },
          { path: 'test', component: TestRetrievalPageComponent, title: 'knowledge.test.title' },
          { path: 'unknown', component: UnknownQuestionsPageComponent, title: 'knowledge.unknown.title' },
          { path: 'imports', component: ImportsPageComponent, title: 'knowledge.imports.title' },
          { path: 'feeds', component: FeedsPageComponent, title: 'knowledge.feeds.title' },
          { path: 'synonyms', component: SynonymsPageComponent, title: 'knowledge.synonyms.title' },
        ],
      },
    ],
  },
];
