// Angular's packages are published partially compiled; outside the Angular CLI build, the JIT
// compiler finishes them when a test first uses one (HttpClient, Injector, …).
import '@angular/compiler';
